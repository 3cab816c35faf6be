import ClaimModel
import Foundation

/// What a partner asks before nominating: one ID, and optionally the email domain of the
/// customer's contact, the hours of a variable-pay claim, the day the claim would be created,
/// the engagements and the location to consider (docs/nominate.md).
public struct NominationRequest: Hashable, Sendable {
    /// The ID that would be nominated.
    public var id: TypedID
    /// The customer's email domain, for the tenant mismatch check; else the known customer's.
    public var emailDomain: String?
    /// Hours of a variable-pay claim, for its proposed payout.
    public var hours: Int?
    /// The day the claim would be created (default: the as-of day).
    public var on: Day?
    /// Only these engagements (default: every one).
    public var engagements: [String]?
    /// Only this partner location (default: every location eligible for the engagement).
    public var location: String?
    /// Whether a failed answer also checks the customer's other IDs (`otherIDs`); the batch
    /// forms of a prospect list do not print them, so they leave it off.
    public var checksOtherIDs = true

    /// A request for `id`.
    public init(
        id: TypedID, emailDomain: String? = nil, hours: Int? = nil, on: Day? = nil,
        engagements: [String]? = nil, location: String? = nil
    ) {
        self.id = id
        self.emailDomain = emailDomain
        self.hours = hours
        self.on = on
        self.engagements = engagements
        self.location = location
    }
}

/// Why an ID cannot be nominated for an engagement, in order of precedence (docs/nominate.md).
public enum NominationReason: String, CaseIterable, Sendable, Hashable {
    /// The partner has no location that may claim for the engagement.
    case noEligibleLocation
    /// The engagement does not accept IDs of this type.
    case idTypeNotAccepted
    /// Partner Center shows the customer gave consent to another partner (docs/rules.md#verdicts).
    case consentGivenToAnotherPartner
    /// Partner Center shows the customer already took part with another partner.
    case participatedWithAnotherPartner
    /// A domain missing from the directory: its tenant cannot be checked.
    case cannotCheck
    /// The ID (a domain: its tenant) is not on the engagement's eligibility list.
    case criteriaNotMet
    /// The customer already has as many active claims as the engagement allows.
    case claimLimitReached
}

extension NominationReason {
    /// The reason a verdict gives.
    public init(_ verdict: Verdict) {
        switch verdict {
        case .consentGivenToAnotherPartner: self = .consentGivenToAnotherPartner
        case .participatedWithAnotherPartner: self = .participatedWithAnotherPartner
        }
    }
}

/// Which Partner Center flow a nomination would take: *Add customer* with the ID, or *Claim
/// customer* for a customer the partner already knows.
public enum NominationFlow: String, Sendable, Hashable {
    case add, claim
}

/// The deadlines a claim created on a day would get: consent from that day, submit and review
/// as if consent came on the consent deadline.
public struct NominationDeadlines: Hashable, Sendable {
    /// Creation day + consent days.
    public var consent: Day
    /// Consent deadline + submit days.
    public var submit: Day
    /// Consent deadline + review days.
    public var review: Day

    /// The deadlines of a claim created on `day` under `timeline`.
    public init(createdOn day: Day, timeline: Timeline) {
        consent = day.adding(days: timeline.consent)
        submit = consent.adding(days: timeline.submit)
        review = consent.adding(days: timeline.review)
    }
}

/// The rule that decided an answer, as data (docs/nominate.md); `nominate` says it in words.
public enum NominationWhy: Hashable, Sendable {
    /// No partner location may claim the engagement (no location was asked about).
    case noEligibleLocation
    /// The location asked about is not registered for MCI.
    case locationNotRegistered(id: String, name: String)
    /// The location asked about may not claim the engagement, which is limited to `allowed`.
    case locationNotAllowed(id: String, name: String, allowed: [String])
    /// The engagement does not accept IDs of this type.
    case idTypeNotAccepted
    /// The ID has a verdict of `eligibility.yaml`, recorded on it or on its tenant or domain.
    case verdict(RecordedVerdict)
    /// A domain missing from the directory: its tenant cannot be checked.
    case domainNotInDirectory
    /// The ID checked (a domain: its tenant) is not on the engagement's eligibility list.
    case notListed(checked: TypedID)
    /// The ID checked is on the list; `claims` counts the active claims when the engagement
    /// has a limit (`nil`: no limit).
    case listed(checked: TypedID, claims: ClaimCount?)
}

/// The active claims counted against an engagement's claim limit.
public struct ClaimCount: Hashable, Sendable {
    /// The customer's open claims in the engagement.
    public var here: Int
    /// `activeClaimsElsewhere` of the checked ID.
    public var elsewhere: Int
    /// `maxActiveClaimsPerCustomer`.
    public var limit: Int

    /// `here` and `elsewhere` claims against `limit`.
    public init(here: Int, elsewhere: Int, limit: Int) {
        self.here = here
        self.elsewhere = elsewhere
        self.limit = limit
    }

    /// Both counts together.
    public var total: Int { here + elsewhere }
    /// Whether another claim would go over the limit.
    public var reached: Bool { total >= limit }
}

/// What else a claim made for the answer needs, as data (docs/nominate.md).
public enum NominationNote: Hashable, Sendable {
    /// The domain asked about is not among `customer`'s domains in customers.yaml.
    case domainNotOfCustomer(customer: String)
    /// The opportunity asked about is not in opportunities.yaml.
    case opportunityNotListed
    /// The tenant ID does not match the email domain's tenant: a `tenantMismatchReason` is needed.
    case tenantMismatch(TenantMismatch)
    /// Variable pay: hours are needed for a payout.
    case hoursNeeded(min: Int, max: Int)
    /// Variable pay: the hours given are outside the engagement's range, so there is no payout.
    case hoursOutOfRange(hours: Int, min: Int, max: Int)
    /// Variable pay: how the proposed payout was reached.
    case variablePayout([PayoutStep])
}

/// The answer for one engagement.
public struct NominationAnswer: Hashable, Sendable {
    /// The engagement.
    public var engagement: Engagement
    /// Whether the ID may be nominated for it.
    public var eligible: Bool
    /// Why not; `nil` when eligible.
    public var reason: NominationReason?
    /// The rule that decided, as data; with `notes`, what `nominate` says in its `detail`.
    public var why: NominationWhy
    /// What else the partner must know, in order.
    public var notes: [NominationNote]
    /// Add customer or Claim customer.
    public var flow: NominationFlow
    /// The partner locations that may claim it, in file order.
    public var locations: [String]
    /// Fixed pay, or variable pay's proposed payout for the hours given, rounded to cents;
    /// `nil` for variable pay without valid hours.
    public var payoutUSD: Decimal?
    /// The deadlines the claim would get.
    public var deadlines: NominationDeadlines
    /// When the ID fails with `idTypeNotAccepted`, a verdict, `cannotCheck` or `criteriaNotMet`:
    /// the other IDs of the customer that holds it that the engagement accepts, each checked on
    /// its own (docs/nominate.md); empty otherwise.
    public var otherIDs: [OtherIDAnswer] = []
}

/// Another ID of the customer, checked for the same engagement on its own.
public struct OtherIDAnswer: Hashable, Sendable {
    /// The ID.
    public var id: TypedID
    /// Whether it may be nominated.
    public var eligible: Bool
    /// Why not; `nil` when eligible.
    public var reason: NominationReason?
    /// The rule that decided, as data.
    public var why: NominationWhy

    /// An answer for `id`.
    public init(id: TypedID, eligible: Bool, reason: NominationReason?, why: NominationWhy) {
        self.id = id
        self.eligible = eligible
        self.reason = reason
        self.why = why
    }
}

/// A tenant whose customer's email domain maps to another tenant: the claim needs a
/// `tenantMismatchReason` (docs/rules.md#validation).
public struct TenantMismatch: Hashable, Sendable {
    /// The email domain compared with.
    public var emailDomain: String
    /// Its tenant in the directory; `nil` when the directory does not list it.
    public var emailTenant: String?

    /// A mismatch with `emailDomain`, whose tenant is `emailTenant`.
    public init(emailDomain: String, emailTenant: String?) {
        self.emailDomain = emailDomain
        self.emailTenant = emailTenant
    }
}

/// The whole answer for one ID.
public struct NominationResult: Hashable, Sendable {
    /// The ID asked about.
    public var id: TypedID
    /// The ID actually checked: a domain's tenant, `nil` for a domain missing from the directory.
    public var checked: TypedID?
    /// The known customer the ID belongs to, if any.
    public var customer: String?
    /// The day the claim would be created.
    public var on: Day
    /// Set when a tenant ID does not match the email domain's tenant.
    public var tenantMismatch: TenantMismatch?
    /// One answer per engagement, sorted by engagement ID (UTF-8).
    public var answers: [NominationAnswer]
}

/// Answers `claimsite nominate`: the add flow's checks for one ID against every engagement,
/// asked of the same `EligibilityResolver` the tabs and validation use (docs/nominate.md).
public enum Nomination {
    /// A problem with the request that names something the site does not have.
    public struct UnknownName: Error, Hashable, Sendable {
        /// What is unknown, in a sentence with the closest name suggested.
        public var message: String

        /// A problem saying `message`.
        public init(message: String) { self.message = message }
    }

    /// The answer to `request` in `evaluation`; throws when it names an engagement or location
    /// the site does not have. To answer many IDs, make one `Nominator` and ask it.
    public static func answer(_ request: NominationRequest, in evaluation: Evaluation) throws(UnknownName)
        -> NominationResult
    {
        try Nominator(evaluation).answer(request)
    }

    /// The engagements asked about, sorted by ID; every one when `ids` is `nil`.
    static func chosenEngagements(_ ids: [String]?, in evaluation: Evaluation) throws(UnknownName) -> [EngagementFacts]
    {
        guard let ids else { return evaluation.engagements }
        var chosen: [EngagementFacts] = []
        for id in ids {
            guard let engagement = evaluation.engagement(id) else {
                throw UnknownName(
                    message: "no engagement '\(id)'"
                        + Suggestion.didYouMean(id, in: evaluation.engagements.map(\.engagement.id)))
            }
            if !chosen.contains(where: { $0.engagement.id.sameUTF8(engagement.engagement.id) }) {
                chosen.append(engagement)
            }
        }
        return chosen.sorted { $0.engagement.id.precedesByUTF8($1.engagement.id) }
    }

    /// For a tenant ID: the mismatch with `emailDomain`'s tenant, if they differ.
    static func tenantMismatch(_ id: TypedID, emailDomain: String?, index: SiteIndex) -> TenantMismatch? {
        guard id.type == .tenantId, let emailDomain else { return nil }
        let domain = TypedID.normalized(emailDomain, for: .domain)
        let tenant = index.tenant(ofDomain: domain)
        return tenant?.sameUTF8(id.value) == true ? nil : TenantMismatch(emailDomain: domain, emailTenant: tenant)
    }

    static func answer(
        _ id: TypedID, checked: TypedID?, engagement: Engagement, timeline: Timeline, location: Location?,
        flow: NominationFlow,
        customer: String?, active: Int, mismatch: TenantMismatch?, hours: Int?, on: Day,
        resolver: EligibilityResolver
    ) -> NominationAnswer {
        let index = resolver.index
        let locations: [String]
        if let location {
            locations = index.isEligible(location: location, for: engagement) ? [location.id] : []
        } else {
            locations = index.model.locations.filter { index.isEligible(location: $0, for: engagement) }.map(\.id)
        }
        let deadlines = NominationDeadlines(createdOn: on, timeline: timeline)
        let pay = payout(id, engagement: engagement, hours: hours, index: index)
        var notes: [NominationNote] = []
        if id.type == .domain, let customer, let record = index.customers[ByteKey(customer)],
            !record.domains.contains(where: { TypedID.normalized($0, for: .domain).sameUTF8(id.value) }),
            engagement.customerIdTypes.contains(.domain)
        {
            notes.append(.domainNotOfCustomer(customer: customer))
        }
        if id.type == .msxOpportunityId, index.opportunities[ByteKey(id.value)] == nil,
            engagement.customerIdTypes.contains(id.type)
        {
            notes.append(.opportunityNotListed)
        }
        if let mismatch, engagement.customerIdTypes.contains(.tenantId) {
            notes.append(.tenantMismatch(mismatch))
        }

        let verdict: (reason: NominationReason?, why: NominationWhy)
        if locations.isEmpty {
            verdict = (.noEligibleLocation, noLocationWhy(location, engagement: engagement))
        } else {
            switch resolver.check(id, for: engagement) {
            case .typeNotAccepted:
                verdict = (.idTypeNotAccepted, .idTypeNotAccepted)
            case .verdict(let recorded):
                verdict = (NominationReason(recorded.verdict), .verdict(recorded))
            case .domainNotInDirectory:
                verdict = (.cannotCheck, .domainNotInDirectory)
            case .notListed(let was):
                verdict = (.criteriaNotMet, .notListed(checked: was))
            case .eligible:
                let limitID = checked ?? id
                let claims = engagement.maxActiveClaimsPerCustomer.map {
                    ClaimCount(
                        here: active, elsewhere: resolver.activeClaimsElsewhere(limitID, in: engagement), limit: $0)
                }
                verdict = (
                    claims?.reached == true ? .claimLimitReached : nil, .listed(checked: limitID, claims: claims)
                )
            }
        }
        // What the payout needs matters only once the engagement accepts the ID's type.
        if let note = pay.note, engagement.customerIdTypes.contains(id.type) { notes.append(note) }
        return NominationAnswer(
            engagement: engagement, eligible: verdict.reason == nil, reason: verdict.reason,
            why: verdict.why, notes: notes, flow: flow, locations: locations, payoutUSD: pay.amount,
            deadlines: deadlines)
    }

    static func noLocationWhy(_ location: Location?, engagement: Engagement) -> NominationWhy {
        guard let location else { return .noEligibleLocation }
        if !location.mciRegistered { return .locationNotRegistered(id: location.id, name: location.name) }
        return .locationNotAllowed(id: location.id, name: location.name, allowed: engagement.locations ?? [])
    }

    /// The payout the claim would propose, and what to tell the partner about it.
    static func payout(_ id: TypedID, engagement: Engagement, hours: Int?, index: SiteIndex) -> (
        amount: Decimal?, note: NominationNote?
    ) {
        switch engagement.pay {
        case .fixed:
            return (engagement.fixedPayoutUSD.map(Payout.roundedToCents), nil)
        case .variable:
            guard let terms = engagement.variablePay else { return (nil, nil) }
            guard let hours else { return (nil, .hoursNeeded(min: terms.minHours, max: terms.maxHours)) }
            guard hours >= terms.minHours, hours <= terms.maxHours else {
                return (nil, .hoursOutOfRange(hours: hours, min: terms.minHours, max: terms.maxHours))
            }
            let opportunity = id.type == .msxOpportunityId ? index.opportunities[ByteKey(id.value)] : nil
            let payout = Payout.variable(hours: hours, terms: terms, opportunity: opportunity)
            return (payout.amountUSD, .variablePayout(payout.steps))
        }
    }
}

/// Answers `claimsite nominate` for one evaluation (docs/nominate.md): what every answer looks
/// up — which customer holds an ID, and each customer's open claims per engagement — is indexed
/// once, so a prospect list of many IDs costs one pass over the claims, not one per ID.
public struct Nominator: Sendable {
    /// The evaluation asked.
    public let evaluation: Evaluation
    /// Each domain, tenant, TPID and subscription of `customers.yaml`, with the first customer
    /// (in file order) that lists it.
    let holders: [TypedID: String]
    /// Open (non-terminal) claims at the as-of day, by customer, then by engagement.
    let openClaims: [ByteKey: [ByteKey: Int]]

    /// A nominator over `evaluation`.
    public init(_ evaluation: Evaluation) {
        self.evaluation = evaluation
        var holders: [TypedID: String] = [:]
        for customer in evaluation.site.model.customers {
            var ids = customer.domains.map { TypedID(type: .domain, value: $0) }
            ids += customer.tenantIds.map { TypedID(type: .tenantId, value: $0) }
            ids += customer.tpid.map { [TypedID(type: .tpid, value: $0)] } ?? []
            ids += customer.subscriptionIds.map { TypedID(type: .subscriptionId, value: $0) }
            for id in ids where holders[id] == nil { holders[id] = customer.id }
        }
        self.holders = holders
        var open: [ByteKey: [ByteKey: Int]] = [:]
        for fact in evaluation.claims where fact.tab == .eligible {
            open[ByteKey(fact.claim.customer), default: [:]][ByteKey(fact.engagement.id), default: 0] += 1
        }
        openClaims = open
    }

    /// The answer to `request`; throws when it names an engagement or location the site does
    /// not have.
    public func answer(_ request: NominationRequest) throws(Nomination.UnknownName) -> NominationResult {
        let resolver = evaluation.resolver, index = resolver.index
        let on = request.on ?? evaluation.asOf
        let engagements = try Nomination.chosenEngagements(request.engagements, in: evaluation)
        var location: Location?
        if let wanted = request.location {
            guard let found = index.locations[ByteKey(wanted)] else {
                throw Nomination.UnknownName(
                    message: "no location '\(wanted)' in locations.yaml"
                        + Suggestion.didYouMean(wanted, in: index.model.locations.map(\.id)))
            }
            location = found
        }
        let id = request.id
        let checked = index.checkedID(id)
        let customer = owner(of: id, checked: checked)
        let known = customer.flatMap { evaluation.knownSince[ByteKey($0)] }.map { $0 <= on } ?? false
        let flow: NominationFlow = known ? .claim : .add
        let mismatch = Nomination.tenantMismatch(
            id, emailDomain: request.emailDomain ?? customer.flatMap { index.customers[ByteKey($0)]?.emailDomain },
            index: index)
        let active = customer.flatMap { openClaims[ByteKey($0)] } ?? [:]
        let answers = engagements.map { engagement in
            var answer = Nomination.answer(
                id, checked: checked, engagement: engagement.engagement, timeline: engagement.timeline,
                location: location, flow: flow, customer: customer,
                active: active[ByteKey(engagement.engagement.id)] ?? 0, mismatch: mismatch, hours: request.hours,
                on: on,
                resolver: resolver)
            if request.checksOtherIDs, let reason = answer.reason, Self.otherIDReasons.contains(reason), let customer {
                answer.otherIDs = otherIDs(of: customer, besides: id, for: engagement.engagement).map { other in
                    let found = Nomination.answer(
                        other, checked: index.checkedID(other), engagement: engagement.engagement,
                        timeline: engagement.timeline, location: location, flow: flow, customer: customer,
                        active: active[ByteKey(engagement.engagement.id)] ?? 0, mismatch: nil, hours: request.hours,
                        on: on, resolver: resolver)
                    return OtherIDAnswer(id: other, eligible: found.eligible, reason: found.reason, why: found.why)
                }
            }
            return answer
        }
        return NominationResult(
            id: id, checked: checked, customer: customer, on: on, tenantMismatch: mismatch, answers: answers)
    }

    /// The reasons for which `nominate` also checks the customer's other IDs.
    static let otherIDReasons: Set<NominationReason> = [
        .idTypeNotAccepted, .consentGivenToAnotherPartner, .participatedWithAnotherPartner, .cannotCheck,
        .criteriaNotMet,
    ]

    /// The IDs of `customer` in `customers.yaml` order (domains, tenants, TPID, subscriptions,
    /// then its opportunities) that `engagement` accepts, without `id`.
    func otherIDs(of customer: String, besides id: TypedID, for engagement: Engagement) -> [TypedID] {
        let index = evaluation.site
        var ids: [TypedID] = []
        if let record = index.customers[ByteKey(customer)] {
            ids += record.domains.map { TypedID(type: .domain, value: $0) }
            ids += record.tenantIds.map { TypedID(type: .tenantId, value: $0) }
            ids += record.tpid.map { [TypedID(type: .tpid, value: $0)] } ?? []
            ids += record.subscriptionIds.map { TypedID(type: .subscriptionId, value: $0) }
        }
        ids += (index.opportunitiesByCustomer[ByteKey(customer)] ?? []).map {
            TypedID(type: .msxOpportunityId, value: $0.id)
        }
        var seen = Set<TypedID>([TypedID(type: id.type, value: TypedID.normalized(id.value, for: id.type))])
        return ids.filter { engagement.customerIdTypes.contains($0.type) && seen.insert($0).inserted }
    }

    /// The customer in `customers.yaml` (first in file order) that holds `id`: among its
    /// domains, tenants, TPID or subscriptions; an opportunity's customer; a domain also by
    /// its tenant.
    func owner(of id: TypedID, checked: TypedID?) -> String? {
        let index = evaluation.site
        if id.type == .msxOpportunityId {
            return index.opportunities[ByteKey(id.value)].map(\.customer).flatMap {
                index.customers[ByteKey($0)] != nil ? $0 : nil
            }
        }
        if let customer = holders[id] { return customer }
        if id.type == .domain, let checked { return holders[checked] }
        return nil
    }
}
