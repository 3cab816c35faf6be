import ClaimModel

/// The outcome of checking one ID against an engagement's eligibility (`docs/rules.md#eligibility`).
public enum IDCheck: Hashable, Sendable {
    /// The ID is eligible.
    case eligible
    /// The engagement does not accept IDs of this type.
    case typeNotAccepted
    /// Partner Center shows the ID as not eligible because of another partner: the verdict of
    /// `eligibility.yaml` and the ID it is recorded on (docs/rules.md#verdicts).
    case verdict(RecordedVerdict)
    /// A domain that is not in `directory.yaml`, so its tenant cannot be checked.
    case domainNotInDirectory
    /// The ID (for a domain: its tenant) is not on the engagement's list.
    case notListed(checked: TypedID)
}

/// One checked candidate ID of a customer.
public struct CandidateCheck: Hashable, Sendable {
    /// The candidate.
    public var id: TypedID
    /// How it fared.
    public var check: IDCheck
}

/// The verdict on a known customer for an engagement.
public struct CustomerVerdict: Hashable, Sendable {
    /// The candidates that were checked, in order, with their outcome.
    public var checks: [CandidateCheck]
    /// The first eligible candidate.
    public var qualifyingID: TypedID?
    /// Where the candidates came from.
    public var source: CandidateSource

    /// The candidate IDs, in order.
    public var candidates: [TypedID] { checks.map(\.id) }

    /// Why no candidate qualifies, as an Ineligible row says it: the first candidate and how it
    /// failed, or that there is none; `nil` when one qualifies.
    public var failure: IneligibleWhy? {
        guard qualifyingID == nil else { return nil }
        return checks.first.map { .candidate($0.id, $0.check) } ?? .noCandidate
    }
}

/// Where a known customer's candidate IDs come from (`docs/rules.md#known-customers`).
public enum CandidateSource: String, Hashable, Sendable {
    /// The IDs its consented claims were checked on (a domain as its tenant).
    case consentedNominations
    /// Its MSX opportunities, for engagements that accept only those.
    case opportunities
}

/// Answers every eligibility question of the rules in one place: an ID's type, a domain's
/// tenant, the engagement's list, a known customer's candidates, the claim limit and the
/// partner's locations (`docs/rules.md#eligibility`). The tabs, the flow checks and `explain`
/// all ask it.
public struct EligibilityResolver: Sendable {
    /// The site's lookups.
    public let index: SiteIndex
    /// Each known customer's candidate IDs from its consented claims, in order.
    public let consented: [ByteKey: [TypedID]]

    /// A resolver over `index` with the consented candidates of every known customer (keyed by
    /// customer ID, its bytes).
    public init(index: SiteIndex, consented: [ByteKey: [TypedID]]) {
        self.index = index
        self.consented = consented
    }

    /// Checks `id` for `engagement`: its type must be accepted; it must have no verdict; a
    /// domain is turned into its tenant through the directory and the tenant is checked; any
    /// other ID is checked as given. Eligibility is never carried over to the customer's other IDs.
    public func check(_ id: TypedID, for engagement: Engagement) -> IDCheck {
        check(id, in: lookups(for: engagement, locations: false))
    }

    /// What the checks of IDs for one engagement look up, found once for all of them (the tabs
    /// place every known customer on every engagement).
    struct EngagementLookups {
        let engagement: Engagement
        /// The engagement's eligibility list.
        let list: EligibilityList?
        /// The engagement's verdicts on domains, by tenant (`SiteIndex.domainVerdictsByTenant`).
        let domainVerdicts: [ByteKey: RecordedVerdict]?
        /// Whether the partner has a location eligible for it (`false` unless asked for).
        let hasEligibleLocation: Bool
    }

    /// The lookups of `engagement`; whether it has an eligible location only with `locations`.
    func lookups(for engagement: Engagement, locations: Bool) -> EngagementLookups {
        let key = ByteKey(engagement.id)
        return EngagementLookups(
            engagement: engagement, list: index.eligibility[key], domainVerdicts: index.domainVerdictsByTenant[key],
            hasEligibleLocation: locations && index.hasEligibleLocation(for: engagement))
    }

    /// `check(_:for:)` through the engagement's lookups.
    func check(_ id: TypedID, in lookups: EngagementLookups) -> IDCheck {
        guard lookups.engagement.customerIdTypes.contains(id.type) else { return .typeNotAccepted }
        if let verdict = index.verdict(on: id, list: lookups.list, domainVerdicts: lookups.domainVerdicts) {
            return .verdict(verdict)
        }
        guard let checked = index.checkedID(id) else { return .domainNotInDirectory }
        return lookups.list?.contains(checked) == true ? .eligible : .notListed(checked: checked)
    }

    /// Where the candidates of a known customer for `engagement` come from.
    public func candidateSource(for engagement: Engagement) -> CandidateSource {
        engagement.customerIdTypes == [.msxOpportunityId] ? .opportunities : .consentedNominations
    }

    /// The candidate IDs of a known customer for `engagement`: its opportunities for
    /// engagements that accept only MSX opportunity IDs, else its consented nominations.
    public func candidates(of customer: String, for engagement: Engagement) -> [TypedID] {
        switch candidateSource(for: engagement) {
        case .opportunities:
            return (index.opportunitiesByCustomer[ByteKey(customer)] ?? []).map {
                TypedID(type: .msxOpportunityId, value: $0.id)
            }
        case .consentedNominations:
            return consented[ByteKey(customer)] ?? []
        }
    }

    /// Checks `candidates` in order; the first eligible one qualifies.
    public func verdict(candidates: [TypedID], source: CandidateSource, for engagement: Engagement) -> CustomerVerdict {
        verdict(candidates: candidates, source: source, in: lookups(for: engagement, locations: false))
    }

    /// `verdict(candidates:source:for:)` through the engagement's lookups.
    func verdict(candidates: [TypedID], source: CandidateSource, in lookups: EngagementLookups) -> CustomerVerdict {
        // Every candidate is listed in the verdict, including those after the qualifying one.
        let checks = candidates.map { CandidateCheck(id: $0, check: check($0, in: lookups)) }
        let qualifying = checks.first { $0.check == .eligible }?.id
        return CustomerVerdict(checks: checks, qualifyingID: qualifying, source: source)
    }

    /// The verdict on a known customer for `engagement`.
    public func verdict(of customer: String, for engagement: Engagement) -> CustomerVerdict {
        verdict(
            candidates: candidates(of: customer, for: engagement), source: candidateSource(for: engagement),
            for: engagement)
    }

    /// Active claims elsewhere for `id` in `engagement`'s list.
    public func activeClaimsElsewhere(_ id: TypedID, in engagement: Engagement) -> Int {
        index.eligibility[ByteKey(engagement.id)]?.activeClaimsElsewhere[id] ?? 0
    }

    /// `activeClaimsElsewhere(_:in:)` through the engagement's lookups.
    func activeClaimsElsewhere(_ id: TypedID, in lookups: EngagementLookups) -> Int {
        lookups.list?.activeClaimsElsewhere[id] ?? 0
    }

    /// The ID a claim's limit is counted on: its nomination (a domain as its tenant), or for a
    /// claimed claim the customer's qualifying ID.
    public func limitID(of claim: Claim, engagement: Engagement) -> TypedID? {
        if let nominated = claim.nominatedBy { return index.checkedID(nominated) ?? nominated }
        return verdict(of: claim.customer, for: engagement).qualifyingID
    }

    /// Where a known customer without an open claim in `engagement` lands: Eligible with its
    /// qualifying ID, or Ineligible with a reason — noEligibleLocation, then the verdict of the
    /// first candidate that has one, then criteriaNotMet, then claimLimitReached
    /// (`docs/rules.md#tabs`).
    public func placement(of customer: String, in engagement: Engagement) -> CustomerPlacement {
        placement(of: customer, in: lookups(for: engagement, locations: true))
    }

    /// `placement(of:in:)` through the engagement's lookups (made with `locations`).
    func placement(of customer: String, in lookups: EngagementLookups) -> CustomerPlacement {
        let engagement = lookups.engagement
        guard lookups.hasEligibleLocation else {
            return .ineligible(IneligibleRow(customer: customer, reason: .noEligibleLocation, why: .noEligibleLocation))
        }
        let verdict = verdict(
            candidates: candidates(of: customer, for: engagement), source: candidateSource(for: engagement),
            in: lookups)
        guard let qualifying = verdict.qualifyingID else {
            for candidate in verdict.checks {
                guard case .verdict(let recorded) = candidate.check else { continue }
                return .ineligible(
                    IneligibleRow(
                        customer: customer, reason: IneligibleReason(recorded.verdict),
                        why: .candidate(candidate.id, candidate.check)))
            }
            return .ineligible(
                IneligibleRow(customer: customer, reason: .criteriaNotMet, why: verdict.failure ?? .noCandidate))
        }
        let active = activeClaimsElsewhere(qualifying, in: lookups)
        if let limit = engagement.maxActiveClaimsPerCustomer, active >= limit {
            return .ineligible(
                IneligibleRow(
                    customer: customer, reason: .claimLimitReached,
                    why: .claimLimit(active: active, limit: limit)))
        }
        return .eligible(qualifying)
    }
}
