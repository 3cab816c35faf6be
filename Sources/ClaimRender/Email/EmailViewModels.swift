import TypedMustache

/// The email summary's view model (`email/summary-text.mustache`, `email/summary-html.mustache`
/// and their partials): the same for `summary.*` and for each user's message. Every value is
/// text already formatted (dates, amounts, days left, padded labels, underlines); flags show or
/// hide. Its field table is what the templates may use (docs/output.md, Email).
package struct EmailSummaryModel: ViewModel {
    package let subject: String, title: String, partnerName: String, audienceTitle: String
    package let asOf: String, since: String, dueSoonDays: String, recentDays: String
    package let baseURL: String?
    /// Actions due soon (by deadline, then claim ID) and their heading.
    package let dueSoonTitle: String, dueSoon: [EmailClaimItem]
    /// The other open actions.
    package let laterTitle: String, later: [EmailClaimItem]
    /// Claims changed recently (latest first, then by claim ID).
    package let changedTitle: String, changed: [EmailClaimItem]
    package let statuses: [EmailStatusCount]
    package let engagements: [EmailEngagementCount]
    /// Approved claims whose payment is expected (latest expected payment first) with their
    /// heading and total; paid claims are not listed (docs/output.md, Email).
    package let approvedTitle: String, approvedTotal: String, approved: [EmailApprovedRow]
    /// Approved claims whose payment is overdue (most days overdue first), heading and total.
    package let overdueTitle: String, overdueTotal: String, overdue: [EmailApprovedRow]

    package static let fields = FieldTable<EmailSummaryModel>([
        .text("subject", \.subject), .text("title", \.title), .text("partnerName", \.partnerName),
        .text("audienceTitle", \.audienceTitle),
        .text("asOf", \.asOf), .text("since", \.since), .text("dueSoonDays", \.dueSoonDays),
        .text("recentDays", \.recentDays),
        .text("baseURL") { $0.baseURL ?? "" }, .flag("hasBaseURL") { $0.baseURL != nil },
        // Each list with its heading, the heading's underline (for the text part), count and flag.
        .text("dueSoonTitle", \.dueSoonTitle), .text("dueSoonRule") { rule($0.dueSoonTitle) },
        .text("dueSoonCount") { "\($0.dueSoon.count)" }, .flag("hasDueSoon", notEmpty: \.dueSoon),
        .list("dueSoon", \.dueSoon),
        .text("laterTitle", \.laterTitle), .text("laterRule") { rule($0.laterTitle) },
        .text("laterCount") { "\($0.later.count)" }, .flag("hasLater", notEmpty: \.later),
        .list("later", \.later),
        .text("changedTitle", \.changedTitle), .text("changedRule") { rule($0.changedTitle) },
        .text("changedCount") { "\($0.changed.count)" }, .flag("hasChanged", notEmpty: \.changed),
        .list("changed", \.changed),
        .list("statuses", \.statuses), .list("engagements", \.engagements),
        .text("approvedTitle", \.approvedTitle), .text("approvedRule") { rule($0.approvedTitle) },
        .text("approvedCount") { "\($0.approved.count)" }, .text("approvedTotal", \.approvedTotal),
        .flag("hasApproved", notEmpty: \.approved), .list("approved", \.approved),
        .text("overdueTitle", \.overdueTitle), .text("overdueRule") { rule($0.overdueTitle) },
        .text("overdueCount") { "\($0.overdue.count)" }, .text("overdueTotal", \.overdueTotal),
        .flag("hasOverdue", notEmpty: \.overdue), .list("overdue", \.overdue),
    ])

    /// The underline of a heading in the text part: one "-" per character.
    package static func rule(_ title: String) -> String { String(repeating: "-", count: title.count) }
}

/// A claim in the lists of actions due soon, other open actions and recent changes. The change
/// keys are empty (and `isChange` false) outside the list of recent changes; `hasAction` is
/// false, and the action keys empty, for a changed claim with no open action.
package struct EmailClaimItem: ViewModel {
    /// A claim's open action: what to do, by when, and how many days are left.
    package struct Action: Sendable {
        package let label: String, deadline: String, daysLeft: String
        /// For a claim to submit or resubmit: ready, or the proof missing; "" otherwise.
        package var proof = ""
    }

    /// A recent change: its day, what happened and the status it led to.
    package struct Change: Sendable {
        package let on: String, what: String, to: String
    }

    package let id: String
    /// The claim's page in the published portal (`baseURL` + its path), if `baseURL` is set.
    package let href: String?
    package let displayName: String, customer: String, engagement: String, status: String
    package let action: Action?
    /// In the list of actions due soon, with the deadline today.
    package let urgent: Bool
    package let change: Change?

    package static let fields = FieldTable<EmailClaimItem>([
        .text("id", \.id), .text("href") { $0.href ?? "" }, .flag("hasLink") { $0.href != nil },
        .text("displayName", \.displayName), .text("customer", \.customer),
        .text("engagement", \.engagement), .text("status", \.status),
        .flag("hasAction") { $0.action != nil }, .text("action") { $0.action?.label ?? "" },
        .text("deadline") { $0.action?.deadline ?? "" }, .text("daysLeft") { $0.action?.daysLeft ?? "" },
        .text("proof") { $0.action?.proof ?? "" }, .flag("hasProof") { !($0.action?.proof.isEmpty ?? true) },
        .flag("urgent", \.urgent),
        .flag("isChange") { $0.change != nil }, .text("changedOn") { $0.change?.on ?? "" },
        .text("change") { $0.change?.what ?? "" }, .text("changedTo") { $0.change?.to ?? "" },
    ])
}

/// An approved claim with its payout.
package struct EmailApprovedRow: ViewModel {
    package let id: String, displayName: String, customer: String
    /// The payout ("—" when unknown) and the expected payment date ("—" when unknown).
    package let amount: String, expectedBy: String
    /// "12 days overdue" for an overdue payment; "" otherwise.
    package var overdue = ""

    package static let fields = FieldTable<EmailApprovedRow>([
        .text("id", \.id), .text("displayName", \.displayName), .text("customer", \.customer),
        .text("amount", \.amount), .text("expectedBy", \.expectedBy), .text("overdue", \.overdue),
    ])
}

/// How many of the claims have a status (only statuses that some claim has).
package struct EmailStatusCount: ViewModel {
    package let label: String, count: Int
    /// The width `paddedLabel` pads to.
    package let width: Int

    package static let fields = FieldTable<EmailStatusCount>([
        .text("label", \.label), .text("paddedLabel") { EmailSummary.pad($0.label, $0.width) },
        .text("count") { "\($0.count)" },
    ])
}

/// How many of the claims of an engagement are open and how many completed (only engagements
/// that some claim is in).
package struct EmailEngagementCount: ViewModel {
    let name: String, open: Int, completed: Int

    package static let fields = FieldTable<EmailEngagementCount>([
        .text("name", \.name), .text("open") { "\($0.open)" }, .text("completed") { "\($0.completed)" },
    ])
}
