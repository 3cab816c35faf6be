import ClaimModel

/// Fills an engagement's Customers page (`docs/rules.md#tabs`).
enum TabBuilder {
    /// - Parameters:
    ///   - mine: the engagement's claims.
    ///   - known: the known customers, sorted by ID.
    /// - Returns: the tabs, and where each known customer without an open claim landed on them
    ///   (see ``EngagementFacts/placementRows``).
    static func tabs(
        for engagement: Engagement, mine: [ClaimFacts], known allKnown: [String],
        resolver: EligibilityResolver
    ) -> (tabs: Tabs, placements: [ByteKey: Int32]) {
        let open = mine.filter { $0.tab == .eligible }.sorted(by: ClaimFacts.byDeadline)
        let completed = mine.filter { $0.tab == .completed }.sorted { $0.claim.id.precedesByUTF8($1.claim.id) }
        let withOpenClaim = Set(open.map { ByteKey($0.claim.customer) })

        var customerRows: [EligibleRow] = []
        var ineligible: [IneligibleRow] = []
        var placements: [ByteKey: Int32] = [:]
        let known = allKnown.filter { !withOpenClaim.contains(ByteKey($0)) }
        placements.reserveCapacity(known.count)
        let lookups = resolver.lookups(for: engagement, locations: true)
        for customer in known {
            switch resolver.placement(of: customer, in: lookups) {
            case .eligible(let qualifying):
                placements[ByteKey(customer)] = Int32(open.count + customerRows.count)
                customerRows.append(.customer(customer, qualifyingID: qualifying))
            case .ineligible(let row):
                placements[ByteKey(customer)] = -Int32(ineligible.count) - 1
                ineligible.append(row)
            }
        }
        // Every Ineligible row is kept, even where the pages hide them (engagements that accept
        // only MSX opportunity IDs): hiding is the output's business.
        let tabs = Tabs(
            eligible: open.map { .claim($0) } + customerRows, ineligible: ineligible,
            detailsHidden: engagement.customerIdTypes == [.msxOpportunityId], completed: completed)
        return (tabs, placements)
    }
}

/// Where a known customer lands on an engagement's Customers page.
public enum CustomerPlacement: Hashable, Sendable {
    /// On the Eligible tab with the ID that qualifies it.
    case eligible(TypedID)
    /// On the Ineligible tab.
    case ineligible(IneligibleRow)
}
