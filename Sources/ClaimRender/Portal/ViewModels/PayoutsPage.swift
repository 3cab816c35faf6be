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
            .object("totals", \.totals), .list("overdue", \.overdue), .flag("hasOverdue", notEmpty: \.overdue),
            .text("overdueMore", \.overdueMore), .flag("hasOverdueMore", notEmpty: \.overdueMore),
            .text("overdueTotal", \.overdueTotal),
            .object("expected", \.expected), .object("paid", \.paid),
            .text("paymentsCSVHref", \.paymentsCSVHref),
        ])
}

/// Payout totals as a page shows them (docs/rules.md#payments), amounts as the language writes them.
package struct TotalsInfo: ViewModel {
    package let approved: String, paid: String, expected: String, overdue: String, proposed: String

    package static let fields = FieldTable<TotalsInfo>([
        .text("approved", \.approved), .text("paid", \.paid), .text("expected", \.expected),
        .text("overdue", \.overdue), .text("proposed", \.proposed),
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
        .text("id", \.id), .link("href", root: \.root, path: \.path), .text("displayName", \.displayName),
        .text("customer", \.customer), .link("customerHref", root: \.root, path: \.customerPath),
        .text("engagement", \.engagement), .link("engagementHref", root: \.root, path: \.engagementPath),
        .text("approvedOn", \.approvedOn), .text("expectedBy", \.expectedBy),
        .text("expectedBySort", \.expectedBySort), .text("daysOverdue", \.daysOverdue),
        .text("payout", \.payout),
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
        .text("id", \.id), .text("heading", \.heading), .text("alternative", \.alternative),
        .list("months", \.months), .text("total", \.total),
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
        .text("month", \.month), .text("label", \.label), .text("shortLabel", \.shortLabel),
        .text("amount", \.amount), .text("value", \.value), .text("x", \.x), .text("y", \.y),
        .text("width", \.width), .text("height", \.height), .text("labelX", \.labelX),
        .text("valueY", \.valueY),
    ])
}
