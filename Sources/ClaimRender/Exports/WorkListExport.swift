import ClaimModel
import ClaimRules
import OutputFiles

/// `actions.csv` (docs/output.md, The work list): every row of every group of the work list,
/// in the page's order. Codes and dates are the same in every language; the label columns
/// (`statusLabel`, `actionLabel`) are in the build's language (docs/languages.md).
public enum WorkListExport {
    /// The columns of `actions.csv`.
    public static let columns = [
        "group", "claimId", "customer", "customerName", "engagement", "status", "statusLabel", "action",
        "actionLabel", "deadline", "daysLeft",
    ]
    /// Where the file goes.
    public static let path = PagePaths.actionsCSV

    /// Writes `actions.csv` for `workList` on `asOf` into `sink`, row by row. `daysLeft` is the
    /// deadline minus the as-of date in days (negative for a review deadline that has passed),
    /// written as a number.
    public static func write(
        _ workList: WorkList, asOf: Day, site: SiteIndex, speech: Speech = .english, to sink: OutputSink
    ) {
        let daysLeft = columns.firstIndex(of: "daysLeft")!
        CSV.write(
            path, header: columns,
            rows: workList.rows.lazy.map { group, facts in
                let c = facts.claim, s = facts.state
                return [
                    group.rawValue, c.id, c.customer, site.customers[ByteKey(c.customer)]?.name ?? c.customer,
                    c.engagement, s.status.rawValue, speech.status(s.status), s.action.rawValue,
                    speech.action(s.action), s.deadline?.description ?? "",
                    s.deadline.map { String(asOf.days(until: $0)) } ?? "",
                ]
            }, numbers: [daysLeft], to: sink)
    }
}
