import ClaimModel

/// Fills an engagement's Customers page (SPEC section 4).
enum TabBuilder {
    /// - Parameters:
    ///   - mine: the engagement's claims.
    ///   - known: the known customers, sorted by ID.
    static func tabs(for engagement: Engagement, mine: [ClaimFacts], known allKnown: [String],
                     candidates consented: [String: [TypedID]], index: SiteIndex) -> Tabs {
        let open = mine.filter { !$0.state.status.isTerminal }
            .sorted { a, b in
                let da = a.state.deadline ?? Day(ordinal: Int.max), db = b.state.deadline ?? Day(ordinal: Int.max)
                return da != db ? da < db : a.claim.id.precedesByUTF8(b.claim.id)
            }
        let completed = mine.filter { $0.state.status.isTerminal }.map(\.claim.id).sorted { $0.precedesByUTF8($1) }
        let withOpenClaim = Set(open.map(\.claim.customer))
        let detailsHidden = engagement.customerIdTypes == [.msxOpportunityId]

        var customerRows: [EligibleRow] = []
        var ineligible: [IneligibleRow] = []
        let known = allKnown.filter { !withOpenClaim.contains($0) }
        for customer in known {
            switch placement(of: customer, in: engagement, candidates: consented, index: index) {
            case .eligible(let qualifying): customerRows.append(.customer(customer, qualifyingID: qualifying))
            case .ineligible(let row): ineligible.append(row)
            }
        }
        return Tabs(eligible: open.map { .claim($0.claim.id) } + customerRows,
                    ineligible: detailsHidden ? [] : ineligible,
                    detailsHidden: detailsHidden, completed: completed)
    }

    /// Where a known customer without an open claim in `engagement` lands: Eligible with its
    /// qualifying ID, or Ineligible with a reason (noEligibleLocation, then criteriaNotMet,
    /// then claimLimitReached).
    static func placement(of customer: String, in engagement: Engagement, candidates consented: [String: [TypedID]],
                          index: SiteIndex) -> CustomerPlacement {
        let candidates = Evaluator.candidates(of: customer, for: engagement, index: index, consented: consented)
        let verdict = Eligibility.verdict(candidates: candidates, for: engagement, index: index)
        guard index.hasEligibleLocation(for: engagement) else {
            return .ineligible(IneligibleRow(customer: customer, reason: .noEligibleLocation,
                                             detail: "no MCI-registered partner location is eligible for this engagement"))
        }
        guard let qualifying = verdict.qualifyingID else {
            return .ineligible(IneligibleRow(customer: customer, reason: .criteriaNotMet,
                                             detail: verdict.failure ?? "no ID on record that this engagement accepts"))
        }
        let active = index.eligibility[engagement.id]?.activeClaimsElsewhere[qualifying] ?? 0
        if let limit = engagement.maxActiveClaimsPerCustomer, active >= limit {
            return .ineligible(IneligibleRow(customer: customer, reason: .claimLimitReached,
                                             detail: "\(active) of \(limit) active claims"))
        }
        return .eligible(qualifying)
    }
}

/// Where a known customer lands on an engagement's Customers page.
public enum CustomerPlacement: Hashable, Sendable {
    /// On the Eligible tab with the ID that qualifies it.
    case eligible(TypedID)
    /// On the Ineligible tab.
    case ineligible(IneligibleRow)
}
