/// A claim in a table (`partials/claim-row.mustache`): the overview's actions due soon, an
/// engagement's open and completed claims, a customer's claims.
struct ClaimRow: ViewModel {
    let id: String, href: String, displayName: String
    let customer: String, customerHref: String, engagement: String, engagementHref: String
    let statusLabel: String, statusClass: String
    /// The action, "Waiting on Microsoft" or "—".
    let action: String
    let hasAction: Bool
    let deadline: String, daysLeft: String, urgency: String, endedOn: String

    static let fields = FieldTable<ClaimRow>([
        .text("id") { $0.id }, .text("href") { $0.href }, .text("displayName") { $0.displayName },
        .text("customer") { $0.customer }, .text("customerHref") { $0.customerHref },
        .text("engagement") { $0.engagement }, .text("engagementHref") { $0.engagementHref },
        .text("statusLabel") { $0.statusLabel }, .text("statusClass") { $0.statusClass },
        .text("action") { $0.action }, .flag("hasAction") { $0.hasAction },
        .text("deadline") { $0.deadline }, .text("daysLeft") { $0.daysLeft }, .text("urgency") { $0.urgency },
        .text("endedOn") { $0.endedOn },
    ])
}
