import ClaimModel

/// Lookups over a loaded site, built once per evaluation. Every lookup is keyed by the ID's
/// UTF-8 bytes (docs/input-format.md, "Comparing IDs"): look up `ByteKey(id)`.
public struct SiteIndex: Sendable {
    /// The model indexed.
    public let model: SiteModel
    /// Engagements by ID (the first of duplicates).
    public let engagements: [ByteKey: Engagement]
    /// Customers by ID.
    public let customers: [ByteKey: Customer]
    /// Locations by ID.
    public let locations: [ByteKey: Location]
    /// Opportunities by ID.
    public let opportunities: [ByteKey: Opportunity]
    /// Each customer's opportunities in file order.
    public let opportunitiesByCustomer: [ByteKey: [Opportunity]]
    /// Eligibility lists by engagement ID.
    public let eligibility: [ByteKey: EligibilityList]
    /// Users by email, ASCII lower-cased; `nil` when `users.yaml` does not exist.
    public let users: [ByteKey: User]?
    /// Per engagement, the verdicts recorded on domains, by the domain's directory tenant: the
    /// first domain (by its bytes) of each tenant (docs/rules.md#verdicts).
    let domainVerdictsByTenant: [ByteKey: [ByteKey: RecordedVerdict]]

    /// Indexes `model`.
    public init(_ model: SiteModel) {
        self.model = model
        engagements = Dictionary(model.engagements.map { (ByteKey($0.id), $0) }, uniquingKeysWith: { a, _ in a })
        customers = Dictionary(model.customers.map { (ByteKey($0.id), $0) }, uniquingKeysWith: { a, _ in a })
        locations = Dictionary(model.locations.map { (ByteKey($0.id), $0) }, uniquingKeysWith: { a, _ in a })
        opportunities = Dictionary(model.opportunities.map { (ByteKey($0.id), $0) }, uniquingKeysWith: { a, _ in a })
        opportunitiesByCustomer = Dictionary(grouping: model.opportunities, by: { ByteKey($0.customer) })
        eligibility = Dictionary(
            model.eligibility.map { (ByteKey($0.engagement), $0) }, uniquingKeysWith: { a, _ in a })
        users = model.users.map {
            Dictionary($0.map { (ByteKey($0.email.asciiLowercased()), $0) }, uniquingKeysWith: { a, _ in a })
        }
        var byTenant: [ByteKey: [ByteKey: RecordedVerdict]] = [:]
        for (engagement, list) in eligibility {
            let domains = list.verdicts.filter { $0.key.type == .domain }.sorted {
                $0.key.value.precedesByUTF8($1.key.value)
            }
            for (id, verdict) in domains {
                guard let tenant = model.directory[ByteKey(id.value)] else { continue }
                if byTenant[engagement]?[ByteKey(tenant)] == nil {
                    byTenant[engagement, default: [:]][ByteKey(tenant)] = RecordedVerdict(verdict: verdict, on: id)
                }
            }
        }
        domainVerdictsByTenant = byTenant
    }

    /// The verdict that makes `id` not eligible for `engagement`, and the ID it is recorded on
    /// (docs/rules.md#verdicts): the ID's own; for a domain, else its directory tenant's; for a
    /// tenant (also a domain's), else one recorded on a domain the directory maps to it.
    public func verdict(on id: TypedID, for engagement: String) -> RecordedVerdict? {
        let key = ByteKey(engagement)
        return verdict(on: id, list: eligibility[key], domainVerdicts: domainVerdictsByTenant[key])
    }

    /// `verdict(on:for:)` with the engagement's list and its verdicts on domains by tenant
    /// (`domainVerdictsByTenant`) looked up already.
    func verdict(on id: TypedID, list: EligibilityList?, domainVerdicts: [ByteKey: RecordedVerdict]?)
        -> RecordedVerdict?
    {
        guard let list, !list.verdicts.isEmpty else { return nil }
        if let own = list.verdicts[id] { return RecordedVerdict(verdict: own, on: id) }
        guard let tenant = id.type == .tenantId ? id.value : (id.type == .domain ? tenant(ofDomain: id.value) : nil)
        else { return nil }
        if id.type == .domain, let recorded = list.verdicts[TypedID(type: .tenantId, value: tenant)] {
            return RecordedVerdict(verdict: recorded, on: TypedID(type: .tenantId, value: tenant))
        }
        return domainVerdicts?[ByteKey(tenant)]
    }

    /// The tenant of `domain` in `directory.yaml`, or `nil` when the directory does not list it.
    /// The one place a domain becomes a tenant (`docs/rules.md#eligibility`).
    public func tenant(ofDomain domain: String) -> String? { model.directory[ByteKey(domain)] }

    /// The ID that is checked for `id`: a domain becomes its tenant (`nil` when the directory
    /// does not list it); any other ID is checked as given.
    public func checkedID(_ id: TypedID) -> TypedID? {
        guard id.type == .domain else { return id }
        return tenant(ofDomain: id.value).map { TypedID(type: .tenantId, value: $0) }
    }

    /// Whether `location` may claim for `engagement`: MCI-registered and, when the engagement
    /// lists locations, among them (docs/rules.md#locations).
    public func isEligible(location: Location, for engagement: Engagement) -> Bool {
        location.mciRegistered && (engagement.locations?.contains { $0.sameUTF8(location.id) } ?? true)
    }

    /// Whether the partner has any location eligible for `engagement`.
    public func hasEligibleLocation(for engagement: Engagement) -> Bool {
        model.locations.contains { isEligible(location: $0, for: engagement) }
    }
}

/// A verdict of `eligibility.yaml` and the ID it is recorded on (docs/rules.md#verdicts).
public struct RecordedVerdict: Hashable, Sendable {
    /// What Partner Center shows.
    public var verdict: Verdict
    /// The ID the verdict is recorded on: the ID checked, or its tenant or a domain of it.
    public var on: TypedID

    /// `verdict`, recorded on `on`.
    public init(verdict: Verdict, on: TypedID) {
        self.verdict = verdict
        self.on = on
    }
}
