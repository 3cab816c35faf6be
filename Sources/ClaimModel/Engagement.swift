import Foundation

/// An MCI partner-activity engagement (docs/input-format.md): front matter plus a Markdown body.
public struct Engagement: Hashable, Sendable {
    /// The engagement's ID (`id` in the front matter, else the file name without `.md`).
    public var id: String
    /// Display name.
    public var name: String
    /// The kind of activity; sets the default timeline.
    public var activity: Activity
    /// Fixed or variable pay.
    public var pay: PayKind
    /// The ID types a customer may be nominated by.
    public var customerIdTypes: [CustomerIDType]
    /// The most non-terminal claims a customer may have at once; `nil` for no limit.
    public var maxActiveClaimsPerCustomer: Int?
    /// Per-engagement overrides of the timeline, in days.
    public var timeline: TimelineOverrides
    /// The payout of a fixed-pay engagement.
    public var fixedPayoutUSD: Decimal?
    /// The terms of a variable-pay engagement.
    public var variablePay: VariablePay?
    /// Whether referral creation and co-sell are enabled.
    public var referrals: Bool
    /// The partner locations eligible for it; `nil` means every MCI-registered one.
    public var locations: [String]?
    /// The proof of execution Microsoft asks for before a claim is submitted, in the order of
    /// `ProofItem`; empty when nothing is asked (docs/rules.md#proof-of-execution).
    public var proof: [ProofItem]
    /// The Markdown description (the file's body).
    public var description: String
    /// Positions of the front matter's values.
    public var source: SourceMap

    /// An engagement with the given values.
    public init(
        id: String, name: String, activity: Activity, pay: PayKind,
        customerIdTypes: [CustomerIDType], maxActiveClaimsPerCustomer: Int? = nil,
        timeline: TimelineOverrides = TimelineOverrides(), fixedPayoutUSD: Decimal? = nil,
        variablePay: VariablePay? = nil, referrals: Bool = false, locations: [String]? = nil,
        proof: [ProofItem] = [], description: String = "", source: SourceMap
    ) {
        self.proof = proof
        self.id = id
        self.name = name
        self.activity = activity
        self.pay = pay
        self.customerIdTypes = customerIdTypes
        self.maxActiveClaimsPerCustomer = maxActiveClaimsPerCustomer
        self.timeline = timeline
        self.fixedPayoutUSD = fixedPayoutUSD
        self.variablePay = variablePay
        self.referrals = referrals
        self.locations = locations
        self.description = description
        self.source = source
    }
}

/// Optional overrides of an engagement's timeline, in days.
public struct TimelineOverrides: Hashable, Sendable {
    /// Days from creation to consent.
    public var consent: Int?
    /// Days from consent to submission.
    public var submit: Int?
    /// Days from consent to the end of review.
    public var review: Int?
    /// Days from rejection to dispute.
    public var dispute: Int?

    /// Overrides; `nil` keeps the activity's default.
    public init(consent: Int? = nil, submit: Int? = nil, review: Int? = nil, dispute: Int? = nil) {
        self.consent = consent
        self.submit = submit
        self.review = review
        self.dispute = dispute
    }
}

/// The terms of a variable-pay engagement.
public struct VariablePay: Hashable, Sendable {
    /// USD paid per hour.
    public var hourlyRateUSD: Decimal
    /// The fewest hours a claim may have.
    public var minHours: Int
    /// The most hours a claim may have.
    public var maxHours: Int
    /// Optional cap on the payout.
    public var maxPayoutUSD: Decimal?
    /// Optional cap as a share of the opportunity's estimated revenue (0.10 = 10%).
    public var maxShareOfOpportunity: Decimal?

    /// Variable-pay terms.
    public init(
        hourlyRateUSD: Decimal, minHours: Int, maxHours: Int,
        maxPayoutUSD: Decimal? = nil, maxShareOfOpportunity: Decimal? = nil
    ) {
        self.hourlyRateUSD = hourlyRateUSD
        self.minHours = minHours
        self.maxHours = maxHours
        self.maxPayoutUSD = maxPayoutUSD
        self.maxShareOfOpportunity = maxShareOfOpportunity
    }
}
