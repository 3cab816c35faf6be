import ClaimModel
import ClaimRules
import Foundation

/// The view model of the payouts page (docs/output.md, Payouts), and the totals other pages show.
extension PortalContexts {
    /// Payout totals as the pages show them.
    package func totalsInfo(_ t: PaymentTotals) -> TotalsInfo {
        TotalsInfo(
            approved: speech.money(t.approved), paid: speech.money(t.paid), expected: speech.money(t.expected),
            overdue: speech.money(t.overdue), proposed: speech.money(t.proposed))
    }

    /// The payment of an approved claim in words ("Paid on …", "Expected by …", "Overdue since …");
    /// "" for other claims.
    package func paymentText(_ facts: ClaimFacts) -> String {
        guard let p = facts.payment else { return "" }
        switch p.state {
        case .paid:
            return speech.text("page.payment.paid", ["date": p.paid.map { speech.date($0.on) } ?? ""])
        case .expected:
            return speech.text("page.payment.expected", ["date": speech.date(p.expectedBy)])
        case .overdue:
            return speech.text(
                "page.payment.overdue", ["date": speech.date(p.expectedBy), "n": "\(p.daysOverdue(asOf: asOf))"])
        }
    }

    /// `payouts.html`.
    package func payouts() -> PayoutsPage {
        let page = PagePaths.payouts, links = Links(page: page)
        let approved = claimsByStatus[.approved] ?? []
        let overdue = approved.filter { $0.payment?.state == .overdue }
            .sorted { a, b in
                let da = a.payment!.daysOverdue(asOf: asOf), db = b.payment!.daysOverdue(asOf: asOf)
                return da != db ? da > db : a.claim.id.precedesByUTF8(b.claim.id)
            }
        let rows = overdue.prefix(PortalContexts.listLimit).map { facts -> OverdueRow in
            let c = facts.claim, p = facts.payment!, customer = customerRef(c.customer)
            return OverdueRow(
                root: links.root, id: c.id, path: paths.claim(c.id), displayName: c.displayName,
                customer: customer.name, customerPath: customer.path, engagement: facts.engagement.name,
                engagementPath: engagementLink(facts.engagement.id),
                approvedOn: facts.state.approvedOn.map(speech.date) ?? "—", expectedBy: speech.date(p.expectedBy),
                expectedBySort: p.expectedBy.description, daysOverdue: String(p.daysOverdue(asOf: asOf)),
                payout: facts.payoutUSD.map(speech.money) ?? "—")
        }
        let more = overdue.count - rows.count
        // Expected payments by the month of their expected day, the 6 months from the as-of
        // date's month; paid ones by the month of the payment, the 12 months up to it.
        let start = asOf.components
        var expected: [Int: Decimal] = [:], paid: [Int: Decimal] = [:]
        func monthIndex(_ day: Day) -> Int {
            let c = day.components
            return (c.year - start.year) * 12 + (c.month - start.month)
        }
        for facts in approved {
            guard let p = facts.payment else { continue }
            switch p.state {
            case .expected: expected[monthIndex(p.expectedBy), default: 0] += facts.payoutUSD ?? 0
            case .paid:
                if let payment = p.paid {
                    paid[monthIndex(payment.on), default: 0] += Payout.roundedToCents(payment.amountUSD)
                }
            case .overdue: break
            }
        }
        return PayoutsPage(
            layout: layout(page: page, title: speech.text("page.payouts.title")), totals: totalsInfo(ledger.site),
            overdue: Array(rows), overdueMore: more > 0 ? speech.text("page.list.more", ["n": "\(more)"]) : "",
            overdueTotal: String(overdue.count),
            expected: series("expected", months: 0..<6, amounts: expected),
            paid: series("paid", months: -11..<1, amounts: paid),
            paymentsCSVHref: links.to(PaymentsExport.path))
    }

    /// A series of months (offsets from the as-of date's month) with their amounts, as a chart
    /// of bars in a 600 × 200 view box (the plot from y = 16 to 176, month labels below) and a table.
    func series(_ id: String, months: Range<Int>, amounts: [Int: Decimal]) -> MonthSeries {
        let start = asOf.components
        let peak = months.map { amounts[$0] ?? 0 }.max() ?? 0
        let slot = 600.0 / Double(months.count)
        func number(_ x: Double) -> String { String(format: "%.1f", x) }
        var bars: [MonthBar] = []
        var words: [String] = []
        for (i, offset) in months.enumerated() {
            let total = start.year * 12 + (start.month - 1) + offset
            let year = total / 12, month = total % 12 + 1
            let amount = amounts[offset] ?? 0
            let share = peak > 0 ? NSDecimalNumber(decimal: amount / peak).doubleValue : 0
            let height = 160 * share
            let label = speech.text("month.\(month)") + " \(year)"
            words.append("\(label): \(speech.money(amount))")
            bars.append(
                MonthBar(
                    month: String(format: "%04d-%02d", year, month), label: label,
                    shortLabel: speech.text("monthShort.\(month)") + " " + String(format: "%02d", year % 100),
                    amount: speech.money(amount), value: amount.moneyText, x: number(Double(i) * slot + slot * 0.2),
                    y: number(176 - height), width: number(slot * 0.6), height: number(height),
                    labelX: number(Double(i) * slot + slot / 2), valueY: number(176 - height - 4)))
        }
        let sum = months.reduce(Decimal(0)) { $0 + (amounts[$1] ?? 0) }
        return MonthSeries(
            id: id, heading: speech.text("page.payouts.\(id)Heading"),
            alternative: speech.text("page.payouts.\(id)Alternative", ["months": words.joined(separator: "; ")]),
            months: bars, total: speech.money(sum))
    }
}
