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
