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

    /// A request for `id`.
    public init(id: TypedID, emailDomain: String? = nil, hours: Int? = nil, on: Day? = nil,
                engagements: [String]? = nil, location: String? = nil) {
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
    /// A domain missing from the directory: its tenant cannot be checked.
    case cannotCheck
    /// The ID (a domain: its tenant) is not on the engagement's eligibility list.
    case criteriaNotMet
    /// The customer already has as many active claims as the engagement allows.
    case claimLimitReached
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

/// The answer for one engagement.
public struct NominationAnswer: Hashable, Sendable {
    /// The engagement.
    public var engagement: Engagement
    /// Whether the ID may be nominated for it.
    public var eligible: Bool
    /// Why not; `nil` when eligible.
    public var reason: NominationReason?
    /// The rule that decided, in a sentence, with what else the partner must know.
    public var detail: String
    /// Add customer or Claim customer.
    public var flow: NominationFlow
    /// The partner locations that may claim it, in file order.
    public var locations: [String]
    /// Fixed pay, or variable pay's proposed payout for the hours given, rounded to cents;
    /// `nil` for variable pay without valid hours.
    public var payoutUSD: Decimal?
    /// The deadlines the claim would get.
    public var deadlines: NominationDeadlines
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
    public static func answer(_ request: NominationRequest, in evaluation: Evaluation) throws(UnknownName) -> NominationResult {
        try Nominator(evaluation).answer(request)
    }

    /// The engagements asked about, sorted by ID; every one when `ids` is `nil`.
    static func chosenEngagements(_ ids: [String]?, in evaluation: Evaluation) throws(UnknownName) -> [Engagement] {
        let all = evaluation.engagements.map(\.engagement)
        guard let ids else { return all }
        let byID = evaluation.site.engagements
        var chosen: [Engagement] = []
        for id in ids {
            guard let engagement = byID[ByteKey(id)] else {
                throw UnknownName(message: "no engagement '\(id)'" + Suggestion.didYouMean(id, in: all.map(\.id)))
            }
            if !chosen.contains(where: { $0.id.sameUTF8(engagement.id) }) { chosen.append(engagement) }
        }
        return chosen.sorted { $0.id.precedesByUTF8($1.id) }
    }

    /// For a tenant ID: the mismatch with `emailDomain`'s tenant, if they differ.
    static func tenantMismatch(_ id: TypedID, emailDomain: String?, index: SiteIndex) -> TenantMismatch? {
        guard id.type == .tenantId, let emailDomain else { return nil }
        let domain = TypedID.normalized(emailDomain, for: .domain)
        let tenant = index.tenant(ofDomain: domain)
        return tenant?.sameUTF8(id.value) == true ? nil : TenantMismatch(emailDomain: domain, emailTenant: tenant)
    }

    static func answer(_ id: TypedID, checked: TypedID?, engagement: Engagement, location: Location?, flow: NominationFlow,
                       customer: String?, active: Int, mismatch: TenantMismatch?, hours: Int?, on: Day,
                       resolver: EligibilityResolver) -> NominationAnswer {
        let index = resolver.index
        let locations: [String]
        if let location {
            locations = index.isEligible(location: location, for: engagement) ? [location.id] : []
        } else {
            locations = index.model.locations.filter { index.isEligible(location: $0, for: engagement) }.map(\.id)
        }
        let deadlines = NominationDeadlines(createdOn: on, timeline: Timeline(for: engagement))
        let pay = payout(id, engagement: engagement, hours: hours, index: index)
        var notes: [String] = []
        if id.type == .domain, let customer, let record = index.customers[ByteKey(customer)],
           !record.domains.contains(where: { TypedID.normalized($0, for: .domain).sameUTF8(id.value) }),
           engagement.customerIdTypes.contains(.domain) {
            notes.append("domain \(id.value) is not among \(customer)'s domains in customers.yaml: add it there before making the claim")
        }
        if id.type == .msxOpportunityId, index.opportunities[ByteKey(id.value)] == nil, engagement.customerIdTypes.contains(id.type) {
            notes.append("opportunity \(id.value) is not in opportunities.yaml: add it with its customer and estimated revenue before making the claim")
        }
        if let mismatch, engagement.customerIdTypes.contains(.tenantId) {
            let tenant = mismatch.emailTenant.map { "tenant \($0)" } ?? "no tenant in directory.yaml"
            notes.append("the email domain \(mismatch.emailDomain) maps to \(tenant), so the claim needs a tenantMismatchReason")
        }

        let verdict: (reason: NominationReason?, why: String)
        if locations.isEmpty {
            verdict = (.noEligibleLocation, noLocationWhy(location, engagement: engagement, index: index))
        } else {
            switch resolver.check(id, for: engagement) {
            case .typeNotAccepted:
                verdict = (.idTypeNotAccepted, "\(engagement.name) accepts \(Words.idTypes(engagement.customerIdTypes)), not \(id.type.label)")
            case .domainNotInDirectory:
                verdict = (.cannotCheck, "Domain \(id.value) is not in directory.yaml, so its tenant cannot be checked")
            case .notListed(let was):
                verdict = (.criteriaNotMet, was == id
                    ? "\(id.type.label) \(id.value) is not on this engagement's eligibility list"
                    : "Domain \(id.value) belongs to tenant \(was.value), which is not on this engagement's eligibility list")
            case .eligible:
                let limitID = checked ?? id
                let elsewhere = resolver.activeClaimsElsewhere(limitID, in: engagement)
                let count = active + elsewhere
                let listed = limitID == id
                    ? "\(id.type.label) \(id.value) is on this engagement's eligibility list"
                    : "Domain \(id.value) belongs to tenant \(limitID.value), which is on this engagement's eligibility list"
                if let limit = engagement.maxActiveClaimsPerCustomer {
                    let counted = "\(count) of \(limit) active claims (\(active) here, \(elsewhere) elsewhere)"
                    verdict = count >= limit ? (.claimLimitReached, "\(listed), but it has \(counted)") : (nil, "\(listed); \(counted)")
                } else {
                    verdict = (nil, "\(listed); no claim limit")
                }
            }
        }
        // What the payout needs matters only once the engagement accepts the ID's type.
        if let note = pay.note, engagement.customerIdTypes.contains(id.type) { notes.append(note) }
        var detail = verdict.why
        if !notes.isEmpty { detail += "; " + notes.joined(separator: "; ") }
        return NominationAnswer(engagement: engagement, eligible: verdict.reason == nil, reason: verdict.reason,
                                detail: detail, flow: flow, locations: locations, payoutUSD: pay.amount, deadlines: deadlines)
    }

    static func noLocationWhy(_ location: Location?, engagement: Engagement, index: SiteIndex) -> String {
        if let location {
            if !location.mciRegistered { return "location \(location.id) (\(location.name)) is not registered for MCI" }
            let allowed = (engagement.locations ?? []).joined(separator: ", ")
            return "location \(location.id) (\(location.name)) may not claim for this engagement, which is limited to \(allowed)"
        }
        return "no MCI-registered partner location is eligible for this engagement"
    }

    /// The payout the claim would propose, and what to tell the partner about it.
    static func payout(_ id: TypedID, engagement: Engagement, hours: Int?, index: SiteIndex) -> (amount: Decimal?, note: String?) {
        switch engagement.pay {
        case .fixed:
            return (engagement.fixedPayoutUSD.map(Payout.roundedToCents), nil)
        case .variable:
            guard let terms = engagement.variablePay else { return (nil, nil) }
            let range = "\(terms.minHours)–\(terms.maxHours) hours"
            guard let hours else {
                return (nil, "variable pay: give --hours (\(range)) for the proposed payout; it must be the only engagement in its flow")
            }
            guard hours >= terms.minHours, hours <= terms.maxHours else {
                return (nil, "variable pay: \(hours) hours is outside \(range), so there is no payout; it must be the only engagement in its flow")
            }
            var amount = Decimal(hours) * terms.hourlyRateUSD
            var steps = ["\(hours) hours at USD \(terms.hourlyRateUSD.groupedMoneyText) an hour make USD \(amount.groupedMoneyText)"]
            if let cap = terms.maxPayoutUSD, cap < amount {
                amount = cap
                steps.append("capped at the maximum payout of USD \(cap.groupedMoneyText)")
            }
            if let share = terms.maxShareOfOpportunity {
                if id.type == .msxOpportunityId, let opportunity = index.opportunities[ByteKey(id.value)] {
                    let shareCap = share * opportunity.estimatedRevenueUSD
                    if shareCap < amount {
                        amount = shareCap
                        steps.append("capped at \(NSDecimalNumber(decimal: share * 100).stringValue)% of opportunity \(opportunity.id)'s estimated revenue of USD \(opportunity.estimatedRevenueUSD.groupedMoneyText) (USD \(shareCap.groupedMoneyText))")
                    }
                } else {
                    steps.append("the share cap is skipped: the opportunity is not in opportunities.yaml")
                }
            }
            return (Payout.roundedToCents(amount),
                    "variable pay: " + steps.joined(separator: ", ") + "; it must be the only engagement in its flow")
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
        for fact in evaluation.claims where !fact.state.status.isTerminal {
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
                throw Nomination.UnknownName(message: "no location '\(wanted)' in locations.yaml" + Suggestion.didYouMean(wanted, in: index.model.locations.map(\.id)))
            }
            location = found
        }
        let id = request.id
        let checked = index.checkedID(id)
        let customer = owner(of: id, checked: checked)
        let known = customer.flatMap { evaluation.knownSince[ByteKey($0)] }.map { $0 <= on } ?? false
        let flow: NominationFlow = known ? .claim : .add
        let mismatch = Nomination.tenantMismatch(id, emailDomain: request.emailDomain ?? customer.flatMap { index.customers[ByteKey($0)]?.emailDomain },
                                                 index: index)
        let active = customer.flatMap { openClaims[ByteKey($0)] } ?? [:]
        let answers = engagements.map { engagement in
            Nomination.answer(id, checked: checked, engagement: engagement, location: location, flow: flow, customer: customer,
                              active: active[ByteKey(engagement.id)] ?? 0, mismatch: mismatch, hours: request.hours, on: on,
                              resolver: resolver)
        }
        return NominationResult(id: id, checked: checked, customer: customer, on: on, tenantMismatch: mismatch, answers: answers)
    }

    /// The customer in `customers.yaml` (first in file order) that holds `id`: among its
    /// domains, tenants, TPID or subscriptions; an opportunity's customer; a domain also by
    /// its tenant.
    func owner(of id: TypedID, checked: TypedID?) -> String? {
        let index = evaluation.site
        if id.type == .msxOpportunityId {
            return index.opportunities[ByteKey(id.value)].map(\.customer).flatMap { index.customers[ByteKey($0)] != nil ? $0 : nil }
        }
        if let customer = holders[id] { return customer }
        if id.type == .domain, let checked { return holders[checked] }
        return nil
    }
}
