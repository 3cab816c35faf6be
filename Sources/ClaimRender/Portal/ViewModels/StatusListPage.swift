import TypedMustache

/// The claims with one status (`status-list.mustache`, docs/output.md, Status lists): the
/// first of them by claim ID, how many more there are, and their payout.
package struct StatusListPage: ViewModel {
    package let layout: PageLayout
    package let statusLabel: String, statusClass: String
    /// Whether the status ends a claim: the list shows when each ended and its payout instead
    /// of an action and a deadline.
    package let terminal: Bool
    /// How many claims have the status, all of them, and the sum of their payouts.
    package let total: String, payoutTotal: String
    package let rows: [ClaimRow]
    /// "N more claims: see claims.csv" when there are more than the rows; else "".
    package let more: String
    package let claimsCSVHref: String

    package static let fields = FieldTable<StatusListPage>(
        embedding: \.layout,
        [
            .text("statusLabel", \.statusLabel), .text("statusClass", \.statusClass),
            .flag("terminal", \.terminal),
            .text("total", \.total), .text("payoutTotal", \.payoutTotal),
            .list("rows", \.rows), .flag("hasRows", notEmpty: \.rows),
            .text("more", \.more), .flag("hasMore", notEmpty: \.more),
            .text("claimsCSVHref", \.claimsCSVHref),
            // The claim table's columns (partials/claim-head and claim-row).
            .flag("showCustomer", always: true), .flag("showEngagement", always: true),
            .flag("showOwner", always: false), .flag("showProof", always: false),
        ])
}
