import ClaimModel
import Foundation

/// An engagement, held once and shared by the facts of all its claims (a site has a hundred
/// thousand claims and a few hundred engagements).
public final class SharedEngagement: Sendable {
    /// The engagement.
    public let value: Engagement

    /// A holder of `value`.
    public init(_ value: Engagement) { self.value = value }
}

/// Everything known about one claim on the as-of date. A class, so the many lists that hold a
/// claim (tabs, pages, exports, per customer, per engagement) share one copy.
public final class ClaimFacts: Hashable, Sendable {
    /// The claim as written.
    public let claim: Claim
    /// Its engagement.
    public var engagement: Engagement { _read { yield sharedEngagement.value } }
    /// Its engagement, one copy for all the engagement's claims.
    public let sharedEngagement: SharedEngagement
    /// Its state on the as-of date.
    public let state: ClaimState
    /// The payout in USD, rounded half-up to cents; `nil` when it cannot be computed.
    public let payoutUSD: Decimal?
    /// Whether the payout is the approved amount (else it is the proposed one).
    public let payoutIsApproved: Bool
    /// The referral, when the claim has one.
    public let referral: ReferralFacts?
    /// Its engagement's timeline after overrides, the one its deadlines were counted on (the
    /// evaluation works it out once per engagement: `EngagementFacts.timeline` is the same).
    public let timeline: Timeline
    /// The tab of its engagement's Customers page the claim is on: Completed once its status
    /// is terminal, else Eligible (docs/rules.md#tabs). Decided here, once; the tabs, `explain`
    /// and the pages read it.
    public let tab: ClaimTab
    /// Where the money of an approved claim is (docs/rules.md#payments); `nil` for other claims.
    public let payment: PaymentFacts?
    /// The proof of execution against what the engagement asks for
    /// (docs/rules.md#proof-of-execution); `nil` when it asks for nothing.
    public let proof: ProofFacts?

    /// The facts of one claim; its tab follows from `state`.
    public convenience init(
        claim: Claim, engagement: Engagement, state: ClaimState, payoutUSD: Decimal?, payoutIsApproved: Bool,
        referral: ReferralFacts?, timeline: Timeline, payment: PaymentFacts? = nil, proof: ProofFacts? = nil
    ) {
        self.init(
            claim: claim, sharedEngagement: SharedEngagement(engagement), state: state, payoutUSD: payoutUSD,
            payoutIsApproved: payoutIsApproved, referral: referral, timeline: timeline, payment: payment,
            proof: proof)
    }

    /// The facts of a claim of the engagement that `sharedEngagement` holds.
    public init(
        claim: Claim, sharedEngagement: SharedEngagement, state: ClaimState, payoutUSD: Decimal?,
        payoutIsApproved: Bool, referral: ReferralFacts?, timeline: Timeline, payment: PaymentFacts? = nil,
        proof: ProofFacts? = nil
    ) {
        self.payment = payment
        self.proof = proof
        self.claim = claim
        self.sharedEngagement = sharedEngagement
        self.state = state
        self.payoutUSD = payoutUSD
        self.payoutIsApproved = payoutIsApproved
        self.referral = referral
        self.timeline = timeline
        self.tab = state.status.isTerminal ? .completed : .eligible
    }

    public static func == (a: ClaimFacts, b: ClaimFacts) -> Bool {
        a === b
            || (a.claim == b.claim && a.engagement == b.engagement && a.state == b.state && a.payoutUSD == b.payoutUSD
                && a.payoutIsApproved == b.payoutIsApproved && a.referral == b.referral && a.timeline == b.timeline
                && a.payment == b.payment && a.proof == b.proof)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(claim.id)
        hasher.combine(state.status)
    }
}

/// A claim's referral (docs/rules.md#referrals).
public struct ReferralFacts: Hashable, Sendable {
    /// The two kinds of referral.
    public enum Kind: String, Sendable, Hashable {
        case partnerLed, coSell
    }

    /// The referral's ID.
    public var id: String
    /// Co-sell when the claim ever received consent and the customer is co-sell qualified.
    public var kind: Kind
    /// `referralURL` with `{id}` replaced (percent-encoded); `nil` without a `referralURL`.
    /// Whether it is shown depends on the audience.
    public var url: String?
}

/// The tab of an engagement's Customers page a claim row is on.
public enum ClaimTab: String, Hashable, Sendable {
    /// Non-terminal claims.
    case eligible
    /// Terminal claims.
    case completed
}

/// Why a known customer is on the Ineligible tab.
public enum IneligibleReason: String, CaseIterable, Sendable, Hashable {
    case criteriaNotMet, claimLimitReached, noEligibleLocation
    /// The verdicts of `eligibility.yaml` (docs/rules.md#verdicts).
    case consentGivenToAnotherPartner, participatedWithAnotherPartner

    /// The reason a verdict gives.
    public init(_ verdict: Verdict) {
        switch verdict {
        case .consentGivenToAnotherPartner: self = .consentGivenToAnotherPartner
        case .participatedWithAnotherPartner: self = .participatedWithAnotherPartner
        }
    }
}

/// A row of the Eligible tab.
public enum EligibleRow: Hashable, Sendable {
    /// A non-terminal claim of the engagement, with its facts.
    case claim(ClaimFacts)
    /// A known customer the partner can claim, with the ID that qualifies it.
    case customer(String, qualifyingID: TypedID)
}

/// A row of the Ineligible tab.
public struct IneligibleRow: Hashable, Sendable {
    /// The customer's ID.
    public var customer: String
    /// Why it is ineligible.
    public var reason: IneligibleReason
    /// The ID checked and why it failed, or the claim count, as data; the output says it in
    /// words from the catalogue (report.json in English, the pages in their language).
    public var why: IneligibleWhy

    /// A row for `customer`.
    public init(customer: String, reason: IneligibleReason, why: IneligibleWhy) {
        self.customer = customer
        self.reason = reason
        self.why = why
    }
}

/// Why a customer is Ineligible, as data, for the output to say in words.
public enum IneligibleWhy: Hashable, Sendable {
    /// No partner location may claim the engagement.
    case noEligibleLocation
    /// The customer has no ID on record that the engagement accepts.
    case noCandidate
    /// The first candidate, and how its check failed.
    case candidate(TypedID, IDCheck)
    /// Active claims and the limit.
    case claimLimit(active: Int, limit: Int)
}

/// The three tabs of an engagement's Customers page (docs/rules.md#tabs).
public struct Tabs: Hashable, Sendable {
    /// Claim rows by deadline then claim ID, then customer rows by customer ID.
    public var eligible: [EligibleRow]
    /// Rows by customer ID, every one of them, also where the output hides them.
    public var ineligible: [IneligibleRow]
    /// Whether the output hides the Ineligible tab's rows (engagements that accept only MSX
    /// opportunity IDs); the rows are still here.
    public var detailsHidden: Bool
    /// Terminal claims, by claim ID.
    public var completed: [ClaimFacts]
}

/// An engagement with its tabs.
public struct EngagementFacts: Hashable, Sendable {
    /// The engagement.
    public var engagement: Engagement
    /// Its timeline after overrides.
    public var timeline: Timeline
    /// Its Customers page.
    public var tabs: Tabs
    /// Whether the partner has a location eligible for it.
    public var hasEligibleLocation: Bool
    /// Where each known customer without an open claim in the engagement landed on its tabs,
    /// by customer ID (its bytes): `i >= 0` is `tabs.eligible[i]`, `i < 0` is
    /// `tabs.ineligible[-i - 1]`; every row, also where the pages hide Ineligible details. Built
    /// once with the tabs; row indices rather than copies of the rows keep it small (an
    /// engagement knows every customer of the site).
    public var placementRows: [ByteKey: Int32]

    /// Where known customer `customer` landed on the tabs; `nil` for a customer with an open
    /// claim in the engagement, or one not known.
    public func placement(of customer: String) -> CustomerPlacement? {
        guard let i = placementRows[ByteKey(customer)] else { return nil }
        if i < 0 { return .ineligible(tabs.ineligible[Int(-i - 1)]) }
        guard case .customer(_, let qualifying) = tabs.eligible[Int(i)] else { return nil }
        return .eligible(qualifying)
    }
}

/// The evaluation of a site on an as-of date: pure facts, no files, no HTML.
public struct Evaluation: Sendable {
    /// The day everything was judged for.
    public var asOf: Day
    /// Claims on or before the as-of date, sorted by ID (UTF-8).
    public var claims: [ClaimFacts]
    /// Engagements sorted by ID, with their tabs.
    public var engagements: [EngagementFacts]
    /// The day each known customer first accepted consent, by customer ID (its bytes).
    public var knownSince: [ByteKey: Day]
    /// The eligibility resolver the tabs and flow checks used, for anyone who asks again.
    public var resolver: EligibilityResolver
    /// Claims created after the as-of date, left out.
    public var leftOut: [String]
    /// Problems found by the rules (not those of loading).
    public var diagnostics: [Diagnostic]

    /// The site's lookups.
    public var site: SiteIndex { resolver.index }

    /// The facts of a claim by ID.
    public func claim(_ id: String) -> ClaimFacts? { claimIndex[ByteKey(id)].map { claims[$0] } }

    /// The facts of an engagement by ID.
    public func engagement(_ id: String) -> EngagementFacts? {
        engagementIndex[ByteKey(id)].map { engagements[$0] }
    }

    var claimIndex: [ByteKey: Int] = [:]
    var engagementIndex: [ByteKey: Int] = [:]
}
