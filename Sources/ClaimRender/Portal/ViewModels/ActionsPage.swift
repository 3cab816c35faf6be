import TypedMustache

/// The work list (`actions.mustache`, docs/output.md, The work list): every open claim that
/// someone must act on, in the groups `today`, `soon`, `month`, `later` and `microsoft`.
package struct ActionsPage: ViewModel {
    package let layout: PageLayout
    /// Open claims and their proposed payout, as the overview's cards count them.
    package let openTotal: String, proposedTotal: String
    /// Claims that wait on the partner (the four dated groups), and those due soon (today and soon).
    package let partnerTotal: String, dueTotal: String, dueSoonDays: String
    package let today: ActionGroup, soon: ActionGroup, month: ActionGroup, later: ActionGroup
    package let microsoft: ActionGroup
    package let csvHref: String
    /// Whether the audience sees Partner Center links (`claimURL` is set).
    package let hasPartnerCenter: Bool
    /// Whether any engagement asks for proof of execution: the Proof column.
    package let showProof: Bool

    package static let fields = FieldTable<ActionsPage>(
        embedding: \.layout,
        [
            .text("openTotal", \.openTotal), .text("proposedTotal", \.proposedTotal),
            .text("partnerTotal", \.partnerTotal), .text("dueTotal", \.dueTotal),
            .text("dueSoonDays", \.dueSoonDays),
            .object("today", \.today), .object("soon", \.soon), .object("month", \.month),
            .object("later", \.later), .object("microsoft", \.microsoft),
            .text("csvHref", \.csvHref), .flag("hasPartnerCenter", \.hasPartnerCenter),
            // The claim table's columns (partials/claim-head and claim-row): the work list shows
            // the customer, the engagement and the owner (docs/output.md, The work list).
            .flag("showCustomer", always: true), .flag("showEngagement", always: true),
            .flag("showOwner", always: true), .flag("showProof", \.showProof),
        ])
}

/// A group of the work list: its element's `id`, heading and total, and its first rows.
package struct ActionGroup: ViewModel {
    /// The group's code, its element's `id`.
    package let id: String
    package let heading: String
    /// The heading's level: 2 for `microsoft`, 4 for the groups inside "due soon", else 3.
    package let level: String
    /// How many claims the group holds, all of them.
    package let total: String
    /// The first rows (at most `PortalContexts.listLimit`).
    package let rows: [ClaimRow]
    /// "N more claims: see actions.csv" when the group holds more than its rows; else "".
    package let more: String
    /// What the group holds when it is empty.
    package let empty: String
    package let csvHref: String

    package static let fields = FieldTable<ActionGroup>([
        .text("id", \.id), .text("heading", \.heading), .text("level", \.level),
        .text("total", \.total),
        .list("rows", \.rows), .flag("hasRows", notEmpty: \.rows),
        .text("more", \.more), .flag("hasMore", notEmpty: \.more), .text("empty", \.empty),
        .text("csvHref", \.csvHref),
    ])
}
