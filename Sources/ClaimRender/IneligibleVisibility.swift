import ClaimRules

extension Tabs {
    /// The Ineligible rows the output shows: none for an engagement that accepts only MSX
    /// opportunity IDs (its tab shows only a note that details are hidden), else all of them.
    /// Pages, CSV and `report.json` all show these (`docs/rules.md#tabs`).
    var shownIneligible: [IneligibleRow] { detailsHidden ? [] : ineligible }
}
