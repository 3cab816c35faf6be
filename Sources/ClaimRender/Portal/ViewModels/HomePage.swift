import TypedMustache

/// The overview (`home.mustache`): totals, actions due soon, engagements, claims by status.
package struct HomePage: ViewModel {
    package let layout: PageLayout
    package let summary: HomeSummary
    package let dueSoonDays: String
    package let dueSoon: [ClaimRow]
    package let engagements: [HomeEngagementRow]
    package let statuses: [StatusCount]
    package let pages: [PageLink]
    /// The partner's locations, each linking to its page.
    package let locations: [LocationLink]
    package let reportHref: String, claimsCSVHref: String, calendarHref: String

    package static let fields = FieldTable<HomePage>(
        embedding: \.layout,
        [
            .object("summary", \.summary), .text("dueSoonDays") { $0.dueSoonDays },
            .list("dueSoon") { $0.dueSoon }, .flag("hasDueSoon") { !$0.dueSoon.isEmpty },
            .list("engagements") { $0.engagements }, .list("statuses") { $0.statuses },
            .list("pages") { $0.pages }, .flag("hasPages") { !$0.pages.isEmpty },
            .list("locations") { $0.locations }, .flag("hasLocations") { !$0.locations.isEmpty },
            .text("reportHref") { $0.reportHref }, .text("claimsCSVHref") { $0.claimsCSVHref },
            .text("calendarHref") { $0.calendarHref },
            // The claim table's Customer and Engagement columns (partials/claim-head and claim-row):
            // the overview shows both (docs/output.md, Layout).
            .flag("showCustomer") { _ in true }, .flag("showEngagement") { _ in true },
        ])
}

/// The overview's cards.
package struct HomeSummary: ViewModel {
    package let openClaims: String, needsAction: String, dueSoonCount: String
    package let approvedTotal: String, approvedCount: String, proposedOpenTotal: String

    package static let fields = FieldTable<HomeSummary>([
        .text("openClaims") { $0.openClaims }, .text("needsAction") { $0.needsAction },
        .text("dueSoonCount") { $0.dueSoonCount }, .text("approvedTotal") { $0.approvedTotal },
        .text("approvedCount") { $0.approvedCount }, .text("proposedOpenTotal") { $0.proposedOpenTotal },
    ])
}

/// An engagement in the overview's table, with its counts per tab.
package struct HomeEngagementRow: ViewModel {
    package let name: String, href: String, activity: String, pay: String
    package let openClaims: String, eligibleCount: String, ineligibleCount: String, completedCount: String,
        dueSoonCount: String

    package static let fields = FieldTable<HomeEngagementRow>([
        .text("name") { $0.name }, .text("href") { $0.href }, .text("activity") { $0.activity },
        .text("pay") { $0.pay },
        .text("openClaims") { $0.openClaims }, .text("eligibleCount") { $0.eligibleCount },
        .text("ineligibleCount") { $0.ineligibleCount }, .text("completedCount") { $0.completedCount },
        .text("dueSoonCount") { $0.dueSoonCount },
    ])
}

/// How many claims have a status.
package struct StatusCount: ViewModel {
    package let label: String, statusClass: String, count: String

    package static let fields = FieldTable<StatusCount>([
        .text("label") { $0.label }, .text("statusClass") { $0.statusClass }, .text("count") { $0.count },
    ])
}

/// A link to a Markdown page.
package struct PageLink: ViewModel {
    package let title: String, href: String

    package static let fields = FieldTable<PageLink>([.text("title") { $0.title }, .text("href") { $0.href }])
}
