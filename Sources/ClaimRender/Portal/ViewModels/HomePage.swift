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
    /// The claims whose status changed within the due-soon days (docs/rules.md#recently-changed):
    /// the first of them, how many there are, and how many more are not shown ("" when none).
    package let recent: [RecentRow]
    package let recentTotal: String, recentMore: String
    /// The work list, where the due-soon table's "all actions" link goes.
    package let actionsHref: String

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
            .list("recent") { $0.recent }, .flag("hasRecent") { !$0.recent.isEmpty },
            .text("recentTotal") { $0.recentTotal }, .text("recentMore") { $0.recentMore },
            .flag("hasRecentMore") { !$0.recentMore.isEmpty }, .text("actionsHref") { $0.actionsHref },
            // The claim table's Customer and Engagement columns (partials/claim-head and claim-row):
            // the overview shows both (docs/output.md, Layout).
            .flag("showCustomer") { _ in true }, .flag("showEngagement") { _ in true },
            .flag("showOwner") { _ in false }, .flag("showProof") { _ in false },
        ])
}

/// The overview's cards, each with the list it counts (docs/output.md, The work list).
package struct HomeSummary: ViewModel {
    package let openClaims: String, needsAction: String, dueSoonCount: String
    package let approvedTotal: String, approvedCount: String, proposedOpenTotal: String
    /// `actions.html` (open claims, proposed amount), its `#partner` and `#due`, and the
    /// approved claims' status list.
    package let openHref: String, needsActionHref: String, dueSoonHref: String, approvedHref: String

    package static let fields = FieldTable<HomeSummary>([
        .text("openClaims") { $0.openClaims }, .text("needsAction") { $0.needsAction },
        .text("dueSoonCount") { $0.dueSoonCount }, .text("approvedTotal") { $0.approvedTotal },
        .text("approvedCount") { $0.approvedCount }, .text("proposedOpenTotal") { $0.proposedOpenTotal },
        .text("openHref") { $0.openHref }, .text("needsActionHref") { $0.needsActionHref },
        .text("dueSoonHref") { $0.dueSoonHref }, .text("approvedHref") { $0.approvedHref },
    ])
}

/// A claim whose status changed recently, with the change: its day and the status before and
/// after (no status before when the claim was created).
package struct RecentRow: ViewModel {
    package let root: String
    package let id: String, path: String, displayName: String, customer: String, engagement: String
    /// The day as ISO (for `datetime`) and as the language writes it.
    package let on: String, onText: String
    /// The status before ("New claim" when the change created it) and after.
    package let from: String, fromClass: String, to: String, toClass: String

    package static let fields = FieldTable<RecentRow>([
        .link("href") { ($0.root, $0.path) }, .text("id") { $0.id }, .text("displayName") { $0.displayName },
        .text("customer") { $0.customer }, .text("engagement") { $0.engagement },
        .text("on") { $0.on }, .text("onText") { $0.onText },
        .text("from") { $0.from }, .text("fromClass") { $0.fromClass }, .text("to") { $0.to },
        .text("toClass") { $0.toClass },
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

/// How many claims have a status, and the list of them.
package struct StatusCount: ViewModel {
    package let label: String, statusClass: String, count: String, href: String

    package static let fields = FieldTable<StatusCount>([
        .text("label") { $0.label }, .text("statusClass") { $0.statusClass }, .text("count") { $0.count },
        .text("href") { $0.href },
    ])
}

/// A link to a Markdown page.
package struct PageLink: ViewModel {
    package let title: String, href: String

    package static let fields = FieldTable<PageLink>([.text("title") { $0.title }, .text("href") { $0.href }])
}
