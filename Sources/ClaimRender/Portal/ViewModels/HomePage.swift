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
            .object("summary", \.summary), .text("dueSoonDays", \.dueSoonDays),
            .list("dueSoon", \.dueSoon), .flag("hasDueSoon", notEmpty: \.dueSoon),
            .list("engagements", \.engagements), .list("statuses", \.statuses),
            .list("pages", \.pages), .flag("hasPages", notEmpty: \.pages),
            .list("locations", \.locations), .flag("hasLocations", notEmpty: \.locations),
            .text("reportHref", \.reportHref), .text("claimsCSVHref", \.claimsCSVHref),
            .text("calendarHref", \.calendarHref),
            .list("recent", \.recent), .flag("hasRecent", notEmpty: \.recent),
            .text("recentTotal", \.recentTotal), .text("recentMore", \.recentMore),
            .flag("hasRecentMore", notEmpty: \.recentMore), .text("actionsHref", \.actionsHref),
            // The claim table's Customer and Engagement columns (partials/claim-head and claim-row):
            // the overview shows both (docs/output.md, Layout).
            .flag("showCustomer", always: true), .flag("showEngagement", always: true),
            .flag("showOwner", always: false), .flag("showProof", always: false),
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
        .text("openClaims", \.openClaims), .text("needsAction", \.needsAction),
        .text("dueSoonCount", \.dueSoonCount), .text("approvedTotal", \.approvedTotal),
        .text("approvedCount", \.approvedCount), .text("proposedOpenTotal", \.proposedOpenTotal),
        .text("openHref", \.openHref), .text("needsActionHref", \.needsActionHref),
        .text("dueSoonHref", \.dueSoonHref), .text("approvedHref", \.approvedHref),
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
        .link("href", root: \.root, path: \.path), .text("id", \.id), .text("displayName", \.displayName),
        .text("customer", \.customer), .text("engagement", \.engagement),
        .text("on", \.on), .text("onText", \.onText),
        .text("from", \.from), .text("fromClass", \.fromClass), .text("to", \.to),
        .text("toClass", \.toClass),
    ])
}

/// An engagement in the overview's table, with its counts per tab.
package struct HomeEngagementRow: ViewModel {
    package let name: String, href: String, activity: String, pay: String
    package let openClaims: String, eligibleCount: String, ineligibleCount: String, completedCount: String,
        dueSoonCount: String

    package static let fields = FieldTable<HomeEngagementRow>([
        .text("name", \.name), .text("href", \.href), .text("activity", \.activity),
        .text("pay", \.pay),
        .text("openClaims", \.openClaims), .text("eligibleCount", \.eligibleCount),
        .text("ineligibleCount", \.ineligibleCount), .text("completedCount", \.completedCount),
        .text("dueSoonCount", \.dueSoonCount),
    ])
}

/// How many claims have a status, and the list of them.
package struct StatusCount: ViewModel {
    package let label: String, statusClass: String, count: String, href: String

    package static let fields = FieldTable<StatusCount>([
        .text("label", \.label), .text("statusClass", \.statusClass), .text("count", \.count),
        .text("href", \.href),
    ])
}

/// A link to a Markdown page.
package struct PageLink: ViewModel {
    package let title: String, href: String

    package static let fields = FieldTable<PageLink>([.text("title", \.title), .text("href", \.href)])
}
