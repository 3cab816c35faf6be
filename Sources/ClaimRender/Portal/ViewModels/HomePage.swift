/// The overview (`home.mustache`): totals, actions due soon, engagements, claims by status.
struct HomePage: ViewModel {
    let layout: PageLayout
    let summary: HomeSummary
    let dueSoonDays: String
    let dueSoon: [ClaimRow]
    let engagements: [HomeEngagementRow]
    let statuses: [StatusCount]
    let pages: [PageLink]
    let reportHref: String, claimsCSVHref: String, calendarHref: String

    static let fields = FieldTable<HomePage>(embedding: \.layout, [
        .object("summary", \.summary), .text("dueSoonDays") { $0.dueSoonDays },
        .list("dueSoon") { $0.dueSoon }, .flag("hasDueSoon") { !$0.dueSoon.isEmpty },
        .list("engagements") { $0.engagements }, .list("statuses") { $0.statuses },
        .list("pages") { $0.pages }, .flag("hasPages") { !$0.pages.isEmpty },
        .text("reportHref") { $0.reportHref }, .text("claimsCSVHref") { $0.claimsCSVHref },
        .text("calendarHref") { $0.calendarHref },
        // The claim table's Customer and Engagement columns (partials/claim-head and claim-row):
        // the overview shows both (docs/output.md, Layout).
        .flag("showCustomer") { _ in true }, .flag("showEngagement") { _ in true },
    ])
}

/// The overview's cards.
struct HomeSummary: ViewModel {
    let openClaims: String, needsAction: String, dueSoonCount: String
    let approvedTotal: String, approvedCount: String, proposedOpenTotal: String

    static let fields = FieldTable<HomeSummary>([
        .text("openClaims") { $0.openClaims }, .text("needsAction") { $0.needsAction },
        .text("dueSoonCount") { $0.dueSoonCount }, .text("approvedTotal") { $0.approvedTotal },
        .text("approvedCount") { $0.approvedCount }, .text("proposedOpenTotal") { $0.proposedOpenTotal },
    ])
}

/// An engagement in the overview's table, with its counts per tab.
struct HomeEngagementRow: ViewModel {
    let name: String, href: String, activity: String, pay: String
    let openClaims: String, eligibleCount: String, ineligibleCount: String, completedCount: String, dueSoonCount: String

    static let fields = FieldTable<HomeEngagementRow>([
        .text("name") { $0.name }, .text("href") { $0.href }, .text("activity") { $0.activity }, .text("pay") { $0.pay },
        .text("openClaims") { $0.openClaims }, .text("eligibleCount") { $0.eligibleCount },
        .text("ineligibleCount") { $0.ineligibleCount }, .text("completedCount") { $0.completedCount },
        .text("dueSoonCount") { $0.dueSoonCount },
    ])
}

/// How many claims have a status.
struct StatusCount: ViewModel {
    let label: String, statusClass: String, count: String

    static let fields = FieldTable<StatusCount>([
        .text("label") { $0.label }, .text("statusClass") { $0.statusClass }, .text("count") { $0.count },
    ])
}

/// A link to a Markdown page.
struct PageLink: ViewModel {
    let title: String, href: String

    static let fields = FieldTable<PageLink>([.text("title") { $0.title }, .text("href") { $0.href }])
}
