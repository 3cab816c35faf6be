import TypedMustache

/// Where the money is (`payouts.mustache`, docs/output.md, Payouts): the site's totals, the
/// overdue payments, and the expected and paid payments by month, each as a chart and a table.
package struct PayoutsPage: ViewModel {
    package let layout: PageLayout
    package let totals: TotalsInfo
    /// Approved claims whose payment is overdue: most days overdue first, then claim ID; the
    /// first `PortalContexts.listLimit`.
    package let overdue: [OverdueRow]
    /// "N more …" when there are more overdue payments than rows; else "".
    package let overdueMore: String
    package let overdueTotal: String
    package let expected: MonthSeries, paid: MonthSeries
    package let paymentsCSVHref: String

    package static let fields = FieldTable<PayoutsPage>(
        embedding: \.layout,
        [
            .object("totals", \.totals), .list("overdue") { $0.overdue }, .flag("hasOverdue") { !$0.overdue.isEmpty },
            .text("overdueMore") { $0.overdueMore }, .flag("hasOverdueMore") { !$0.overdueMore.isEmpty },
            .text("overdueTotal") { $0.overdueTotal },
            .object("expected", \.expected), .object("paid", \.paid),
            .text("paymentsCSVHref") { $0.paymentsCSVHref },
        ])
}

/// Payout totals as a page shows them (docs/rules.md#payments), amounts as the language writes them.
package struct TotalsInfo: ViewModel {
    package let approved: String, paid: String, expected: String, overdue: String, proposed: String

    package static let fields = FieldTable<TotalsInfo>([
        .text("approved") { $0.approved }, .text("paid") { $0.paid }, .text("expected") { $0.expected },
        .text("overdue") { $0.overdue }, .text("proposed") { $0.proposed },
    ])
}

/// An overdue payment.
package struct OverdueRow: ViewModel {
    package let root: String
    package let id: String, path: String, displayName: String, customer: String, customerPath: String
    package let engagement: String, engagementPath: String
    /// Days as ISO (`data-sort`) and as the language writes them.
    package let approvedOn: String, expectedBy: String, expectedBySort: String
    package let daysOverdue: String, payout: String

    package static let fields = FieldTable<OverdueRow>([
        .text("id") { $0.id }, .link("href") { ($0.root, $0.path) }, .text("displayName") { $0.displayName },
        .text("customer") { $0.customer }, .link("customerHref") { ($0.root, $0.customerPath) },
        .text("engagement") { $0.engagement }, .link("engagementHref") { ($0.root, $0.engagementPath) },
        .text("approvedOn") { $0.approvedOn }, .text("expectedBy") { $0.expectedBy },
        .text("expectedBySort") { $0.expectedBySort }, .text("daysOverdue") { $0.daysOverdue },
        .text("payout") { $0.payout },
    ])
}

/// Amounts by calendar month, as an SVG bar chart and a table with the same numbers.
package struct MonthSeries: ViewModel {
    /// The element ids' prefix (`expected`, `paid`) and the heading.
    package let id: String, heading: String
    /// The chart's text alternative: every month and its amount, in words.
    package let alternative: String
    package let months: [MonthBar]
    package let total: String

    package static let fields = FieldTable<MonthSeries>([
        .text("id") { $0.id }, .text("heading") { $0.heading }, .text("alternative") { $0.alternative },
        .list("months") { $0.months }, .text("total") { $0.total },
    ])
}

/// A month of a series: its label, amount, and its bar's place in the chart's 600 × 200
/// view box (numbers as text, computed from the amounts).
package struct MonthBar: ViewModel {
    /// "2026-12" (`data-month`), the month as the table names it ("December 2026") and as the
    /// chart does ("Dec 26").
    package let month: String, label: String, shortLabel: String
    package let amount: String
    /// The amount as a number with two decimals (`data-amount`), so that tests compare chart and table.
    package let value: String
    package let x: String, y: String, width: String, height: String, labelX: String, valueY: String

    package static let fields = FieldTable<MonthBar>([
        .text("month") { $0.month }, .text("label") { $0.label }, .text("shortLabel") { $0.shortLabel },
        .text("amount") { $0.amount }, .text("value") { $0.value }, .text("x") { $0.x }, .text("y") { $0.y },
        .text("width") { $0.width }, .text("height") { $0.height }, .text("labelX") { $0.labelX },
        .text("valueY") { $0.valueY },
    ])
}
