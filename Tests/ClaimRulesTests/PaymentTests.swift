import ClaimModel
import ClaimRules
import Foundation
import Testing

// The payment rules (docs/rules.md#payments), one table row per rule and boundary. Every claim
// is a workshop created 2026-01-01, consent 2026-01-05, submitted 2026-01-10 and (unless it
// says otherwise) approved 2026-03-01: its payment is expected by 2026-04-15.

private func d(_ text: String) -> Day { Day(text)! }
private let workshop = Build.engagement(activity: .workshop)
private let approvedOn = "2026-03-01", expectedBy = "2026-04-15"

private func claim(approved: Bool = true, payment: Payment? = nil) -> Claim {
    var events: [(String, EventType)] = [
        ("2026-01-02", .consentRequested), ("2026-01-05", .consentAccepted), ("2026-01-10", .submitted),
    ]
    if approved { events.append((approvedOn, .approved)) }
    var c = Build.claim(createdOn: "2026-01-01", events: events)
    c.payment = payment
    return c
}

private func pay(_ on: String, _ amount: Decimal = 5000) -> Payment { Payment(on: d(on), amountUSD: amount) }

struct PaymentCase: Sendable, CustomTestStringConvertible {
    let rule: String
    let claim: Claim
    let asOf: String
    /// The state, or nil when the claim has no payment facts (it is not approved).
    let state: PaymentState?
    let codes: [DiagnosticCode]
    var testDescription: String { rule }
}

private let cases: [PaymentCase] = [
    PaymentCase(
        rule: "approved, not paid, before the expected day", claim: claim(), asOf: "2026-04-14",
        state: .expected, codes: []),
    PaymentCase(
        rule: "approval + 45 itself is expected", claim: claim(), asOf: expectedBy, state: .expected, codes: []),
    PaymentCase(rule: "the day after is overdue", claim: claim(), asOf: "2026-04-16", state: .overdue, codes: []),
    PaymentCase(
        rule: "a payment on the approval day is paid", claim: claim(payment: pay(approvedOn)),
        asOf: "2026-03-01", state: .paid, codes: []),
    PaymentCase(
        rule: "a payment after the expected day is paid", claim: claim(payment: pay("2026-05-20")),
        asOf: "2026-06-01", state: .paid, codes: []),
    PaymentCase(
        rule: "a payment before the approval is an error and does not count",
        claim: claim(payment: pay("2026-02-28")), asOf: "2026-06-01", state: .overdue,
        codes: [.paymentBeforeApproval]),
    PaymentCase(
        rule: "a payment on a claim never approved is an error",
        claim: claim(
            approved: false,
            payment: pay("2026-02-28")), asOf: "2026-06-01", state: nil, codes: [.paymentBeforeApproval]),
    PaymentCase(
        rule: "a payment after the as-of date is left out, with one warning",
        claim: claim(payment: pay("2026-04-20")), asOf: "2026-04-16", state: .overdue, codes: [.paymentAfterAsOf]),
    PaymentCase(
        rule: "after the as-of date on a claim not approved: only that warning",
        claim: claim(approved: false, payment: pay("2026-07-01")), asOf: "2026-06-01", state: nil,
        codes: [.paymentAfterAsOf]),
    PaymentCase(
        rule: "an amount other than the payout is a warning; still paid",
        claim: claim(payment: pay("2026-03-20", Decimal(string: "4999.99")!)), asOf: "2026-06-01", state: .paid,
        codes: [.paymentAmountDiffers]),
    PaymentCase(
        rule: "the amount is compared in cents", claim: claim(payment: pay("2026-03-20", Decimal(string: "5000.004")!)),
        asOf: "2026-06-01", state: .paid, codes: []),
    PaymentCase(
        rule: "a claim not approved has no payment state", claim: claim(approved: false),
        asOf: "2026-06-01", state: nil, codes: []),
]

@Test(arguments: cases)
func aClaimsPaymentFollowsTheRules(_ c: PaymentCase) {
    let asOf = d(c.asOf)
    let state = ClaimReplay.run(c.claim, timeline: Timeline(for: workshop), asOf: asOf).state
    let payout: Decimal? = state.status == .approved ? 5000 : nil
    let result = PaymentRules.facts(c.claim, state: state, payoutUSD: payout, asOf: asOf)
    #expect(result.payment?.state == c.state)
    #expect(result.diagnostics.map(\.code) == c.codes)
    if let payment = result.payment {
        #expect(payment.expectedBy == d(expectedBy))
        #expect((payment.paid != nil) == (payment.state == .paid))
        #expect(payment.daysOverdue(asOf: asOf) == (payment.state == .overdue ? d(expectedBy).days(until: asOf) : 0))
    }
}

@Test func totalsRoundEachAmountToCentsBeforeSumming() {
    let timeline = Timeline(for: workshop)
    func facts(_ claim: Claim, payout: Decimal, asOf: String) -> ClaimFacts {
        let state = ClaimReplay.run(claim, timeline: timeline, asOf: d(asOf)).state
        let payment = PaymentRules.facts(claim, state: state, payoutUSD: payout, asOf: d(asOf)).payment
        return ClaimFacts(
            claim: claim, engagement: workshop, state: state, payoutUSD: payout, payoutIsApproved: true,
            referral: nil, timeline: timeline, payment: payment)
    }
    let paid = facts(
        claim(payment: pay("2026-03-20", Decimal(string: "100.005")!)), payout: Decimal(string: "100.01")!,
        asOf: "2026-06-01")
    let overdue = facts(claim(), payout: 200, asOf: "2026-06-01")
    let expected = facts(claim(), payout: 300, asOf: "2026-04-01")
    let open = facts(Build.claim("C-2", createdOn: "2026-05-20"), payout: 50, asOf: "2026-06-01")
    let totals = PaymentTotals([paid, paid, overdue, expected, open])
    #expect(totals.approved == Decimal(string: "700.02"))
    #expect(totals.paid == Decimal(string: "200.02"))  // 100.005 → 100.01, twice
    #expect(totals.overdue == 200)
    #expect(totals.expected == 300)
    #expect(totals.proposed == 50)
}
