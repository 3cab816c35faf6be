import ClaimModel
import Foundation

/// Where an approved claim's money is on the as-of date (docs/rules.md#payments).
public enum PaymentState: String, CaseIterable, Sendable, Hashable {
    /// A payment is recorded on or before the as-of date.
    case paid
    /// Not paid yet, and the expected payment day (approval + 45 days) is not past.
    case expected
    /// Not paid, and the expected payment day is past.
    case overdue
}

/// The payment of an approved claim on the as-of date.
public struct PaymentFacts: Hashable, Sendable {
    /// Paid, expected or overdue.
    public var state: PaymentState
    /// The approval day + Microsoft's payment cycle.
    public var expectedBy: Day
    /// The recorded payment that counts (on or after the approval, on or before the as-of date).
    public var paid: Payment?

    /// The payment facts.
    public init(state: PaymentState, expectedBy: Day, paid: Payment?) {
        self.state = state
        self.expectedBy = expectedBy
        self.paid = paid
    }

    /// How many days the payment is overdue on `asOf` (0 unless overdue).
    public func daysOverdue(asOf: Day) -> Int { state == .overdue ? expectedBy.days(until: asOf) : 0 }
}

/// The payment rules (docs/rules.md#payments): which recorded payments count, what they draw,
/// and the payment state of an approved claim.
public enum PaymentRules {
    /// The payment facts of a claim in `state` on `asOf` whose payout is `payoutUSD` (`nil`
    /// unless approved), and the problems of its recorded payment.
    public static func facts(
        _ claim: Claim, state: ClaimState, payoutUSD: Decimal?, asOf: Day
    ) -> (payment: PaymentFacts?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var counted: Payment?
        if let p = claim.payment {
            let name = "claim \(claim.id)"
            if p.on > asOf {
                diagnostics.append(
                    .warning(
                        .paymentAfterAsOf, at: claim.source["payment.on"], record: .claim(claim.id),
                        "\(name): the payment on \(p.on) is after the as-of date \(asOf); it is left out until then"))
            } else if let approvedOn = state.approvedOn, approvedOn <= p.on {
                counted = p
                if let payout = payoutUSD, Payout.roundedToCents(p.amountUSD) != payout {
                    diagnostics.append(
                        .warning(
                            .paymentAmountDiffers, at: claim.source["payment.amountUSD"], record: .claim(claim.id),
                            """
                            \(name): the payment of \(p.amountUSD.moneyText) USD is not the claim's payout of \
                            \(payout.moneyText) USD; check the amount (the claim counts as paid)
                            """))
                }
            } else {
                let when = state.approvedOn.map { "it was approved on \($0)" } ?? "it was never approved"
                diagnostics.append(
                    .error(
                        .paymentBeforeApproval, at: claim.source["payment.on"], record: .claim(claim.id),
                        """
                        \(name): a payment on \(p.on), but the claim is not approved on that day (\(when)); \
                        fix the date or add the 'approved' event
                        """))
            }
        }
        guard state.status == .approved, let approvedOn = state.approvedOn else { return (nil, diagnostics) }
        let expectedBy = approvedOn.adding(days: ClaimReplay.paymentCycleDays)
        let paymentState: PaymentState = counted != nil ? .paid : (asOf <= expectedBy ? .expected : .overdue)
        return (PaymentFacts(state: paymentState, expectedBy: expectedBy, paid: counted), diagnostics)
    }
}

/// Payout totals of a set of claims (docs/rules.md#payments), each amount rounded to cents
/// before it is summed.
public struct PaymentTotals: Hashable, Sendable {
    /// The payout of approved claims.
    public var approved: Decimal = 0
    /// The recorded payments that count.
    public var paid: Decimal = 0
    /// The payout of approved claims whose payment is expected.
    public var expected: Decimal = 0
    /// The payout of approved claims whose payment is overdue.
    public var overdue: Decimal = 0
    /// The payout of open (non-terminal) claims.
    public var proposed: Decimal = 0

    /// No claims: every total 0.
    public init() {}

    /// The totals of `claims`.
    public init<Claims: Sequence>(_ claims: Claims) where Claims.Element == ClaimFacts {
        for facts in claims { add(facts) }
    }

    /// Counts one more claim.
    public mutating func add(_ facts: ClaimFacts) {
        let payout = facts.payoutUSD.map(Payout.roundedToCents) ?? 0
        if !facts.state.status.isTerminal { proposed += payout }
        guard facts.state.status == .approved else { return }
        approved += payout
        switch facts.payment?.state {
        case .paid?: paid += facts.payment?.paid.map { Payout.roundedToCents($0.amountUSD) } ?? 0
        case .expected?: expected += payout
        case .overdue?: overdue += payout
        case nil: break
        }
    }
}

/// The payout totals of a whole evaluation: of the site, of each engagement and of each
/// customer (docs/rules.md#payments), counted in one pass.
public struct PaymentLedger: Sendable {
    /// The site's totals.
    public private(set) var site = PaymentTotals()
    /// Each engagement's totals, by its ID's bytes (engagements without claims have none).
    public private(set) var byEngagement: [ByteKey: PaymentTotals] = [:]
    /// Each customer's totals, by its ID's bytes (customers without claims have none).
    public private(set) var byCustomer: [ByteKey: PaymentTotals] = [:]

    /// The totals of `claims`.
    public init(_ claims: [ClaimFacts]) {
        for facts in claims {
            site.add(facts)
            byEngagement[ByteKey(facts.claim.engagement), default: PaymentTotals()].add(facts)
            byCustomer[ByteKey(facts.claim.customer), default: PaymentTotals()].add(facts)
        }
    }

    /// The totals of engagement `id` (all 0 without claims).
    public func engagement(_ id: String) -> PaymentTotals { byEngagement[ByteKey(id)] ?? PaymentTotals() }

    /// The totals of customer `id` (all 0 without claims).
    public func customer(_ id: String) -> PaymentTotals { byCustomer[ByteKey(id)] ?? PaymentTotals() }
}
