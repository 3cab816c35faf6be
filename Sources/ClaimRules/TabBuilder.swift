import ClaimModel

/// Fills an engagement's Customers page (`docs/rules.md#tabs`).
enum TabBuilder {
    /// - Parameters:
    ///   - mine: the engagement's claims.
    ///   - known: the known customers, sorted by ID.
    static func tabs(for engagement: Engagement, mine: [ClaimFacts], known allKnown: [String],
                     resolver: EligibilityResolver) -> Tabs {
        let open = mine.filter { !$0.state.status.isTerminal }.sorted(by: ClaimFacts.byDeadline)
        let completed = mine.filter { $0.state.status.isTerminal }.map(\.claim.id).sorted { $0.precedesByUTF8($1) }
        let withOpenClaim = Set(open.map { ByteKey($0.claim.customer) })

        var customerRows: [EligibleRow] = []
        var ineligible: [IneligibleRow] = []
        let known = allKnown.filter { !withOpenClaim.contains(ByteKey($0)) }
        for customer in known {
            switch resolver.placement(of: customer, in: engagement) {
            case .eligible(let qualifying): customerRows.append(.customer(customer, qualifyingID: qualifying))
            case .ineligible(let row): ineligible.append(row)
            }
        }
        // Every Ineligible row is kept, even where the pages hide them (engagements that accept
        // only MSX opportunity IDs): hiding is the output's business.
        return Tabs(eligible: open.map { .claim($0.claim.id) } + customerRows, ineligible: ineligible,
                    detailsHidden: engagement.customerIdTypes == [.msxOpportunityId], completed: completed)
    }
}

/// Where a known customer lands on an engagement's Customers page.
public enum CustomerPlacement: Hashable, Sendable {
    /// On the Eligible tab with the ID that qualifies it.
    case eligible(TypedID)
    /// On the Ineligible tab.
    case ineligible(IneligibleRow)
}
