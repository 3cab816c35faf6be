import ClaimModel

/// Evaluates a loaded site on an as-of date: replays every claim, finds the known customers
/// and their candidate IDs, fills every engagement's tabs, and checks every claim as the add
/// and claim flows would (SPEC sections 3–6). Pure: no files, no clock.
public enum Evaluator {
    /// The evaluation of `model` on `asOf`.
    public static func evaluate(_ model: SiteModel, asOf: Day) -> Evaluation {
        let index = SiteIndex(model)
        var diagnostics: [Diagnostic] = []
        var leftOut: [String] = []

        // 1. Replay every claim created on or before the as-of date.
        // Each replay is independent: all cores, results in file order.
        let replays = Parallel.map(model.claims.count) { order -> (state: ClaimState, diagnostics: [Diagnostic])? in
            let claim = model.claims[order]
            guard let engagement = index.engagements[claim.engagement], claim.createdOn <= asOf else { return nil }
            return ClaimReplay.run(claim, timeline: Timeline(for: engagement), asOf: asOf)
        }
        var replayed: [(claim: Claim, engagement: Engagement, state: ClaimState, order: Int)] = []
        for (order, claim) in model.claims.enumerated() {
            guard let engagement = index.engagements[claim.engagement] else { continue }
            guard let replay = replays[order] else {
                leftOut.append(claim.id)
                diagnostics.append(.warning(claim.source["createdOn"], "claim \(claim.id): created on \(claim.createdOn), after the as-of date \(asOf); it is left out until then"))
                continue
            }
            diagnostics += replay.diagnostics
            replayed.append((claim, engagement, replay.state, order))
        }

        // 2. Known customers and their candidate IDs, first consent first (file order on ties).
        var knownSince: [String: Day] = [:]
        var candidates: [String: [TypedID]] = [:]
        let consented = replayed.filter { $0.state.consentDay != nil }
            .sorted { ($0.state.consentDay!, $0.order) < ($1.state.consentDay!, $1.order) }
        for item in consented {
            let customer = item.claim.customer
            if knownSince[customer] == nil { knownSince[customer] = item.state.consentDay }
            guard item.claim.origin == .added, let nominated = item.claim.nominatedBy else { continue }
            var candidate = nominated
            if nominated.type == .domain, let tenant = model.directory[nominated.value] {
                candidate = TypedID(type: .tenantId, value: tenant)
            }
            if !(candidates[customer] ?? []).contains(candidate) { candidates[customer, default: []].append(candidate) }
        }
        let consentDays = Dictionary(grouping: consented, by: { $0.claim.customer })
            .mapValues { $0.map { $0.state.consentDay! } }

        // 3. Facts per claim.
        var facts: [ClaimFacts] = []
        for item in replayed {
            let opportunity = opportunityFor(item.claim, item.engagement, index: index, candidates: candidates)
            let payout = Payout.amount(claim: item.claim, engagement: item.engagement, status: item.state.status,
                                       opportunity: opportunity)
            var referral: ReferralFacts?
            if let ref = item.claim.referral {
                let coSell = item.state.consentDay != nil && index.customers[item.claim.customer]?.coSellQualified == true
                referral = ReferralFacts(id: ref.id, kind: coSell ? .coSell : .partnerLed,
                                         url: model.settings?.referralURL.map { Payout.referralURL(pattern: $0, id: ref.id) })
            }
            facts.append(ClaimFacts(claim: item.claim, engagement: item.engagement, state: item.state,
                                    payoutUSD: payout.amount, payoutIsApproved: payout.approved, referral: referral))
        }

        // 4. The tabs of every engagement.
        let engagements = model.engagements.sorted { $0.id.precedesByUTF8($1.id) }
        var seen = Set<String>()
        let unique = engagements.filter { seen.insert($0.id).inserted }
        let known = knownSince.keys.sorted { $0.precedesByUTF8($1) }
        let byEngagement = Dictionary(grouping: facts, by: \.claim.engagement)
        let consentedCandidates = candidates
        let engagementFacts = Parallel.map(unique.count) { i -> EngagementFacts in
            let engagement = unique[i]
            let tabs = TabBuilder.tabs(for: engagement, mine: byEngagement[engagement.id] ?? [], known: known,
                                       candidates: consentedCandidates, index: index)
            return EngagementFacts(engagement: engagement, timeline: Timeline(for: engagement), tabs: tabs,
                                   hasEligibleLocation: index.hasEligibleLocation(for: engagement))
        }

        // 5. The flow checks of SPEC section 5.
        diagnostics += FlowChecks.run(claims: model.claims, facts: facts, index: index, asOf: asOf,
                                      consentDays: consentDays, candidates: candidates)

        facts.sort { $0.claim.id.precedesByUTF8($1.claim.id) }
        var evaluation = Evaluation(asOf: asOf, claims: facts, engagements: engagementFacts, knownSince: knownSince,
                                    candidates: candidates, leftOut: leftOut, diagnostics: diagnostics, site: index)
        for (i, fact) in facts.enumerated() where evaluation.claimIndex[fact.claim.id] == nil {
            evaluation.claimIndex[fact.claim.id] = i
        }
        return evaluation
    }

    /// The opportunity a variable-pay claim is measured against: its nominated one, or for a
    /// claimed claim the customer's qualifying opportunity for the engagement.
    static func opportunityFor(_ claim: Claim, _ engagement: Engagement, index: SiteIndex,
                               candidates: [String: [TypedID]]) -> Opportunity? {
        guard engagement.pay == .variable else { return nil }
        if let nominated = claim.nominatedBy, nominated.type == .msxOpportunityId {
            return index.opportunities[nominated.value]
        }
        let own = (index.opportunitiesByCustomer[claim.customer] ?? []).map { TypedID(type: .msxOpportunityId, value: $0.id) }
        let verdict = Eligibility.verdict(candidates: own, for: engagement, index: index)
        return verdict.qualifyingID.flatMap { index.opportunities[$0.value] }
    }

    /// The candidate IDs of a known customer for an engagement: its opportunities for
    /// engagements that accept only MSX opportunity IDs, else its consented nominations.
    public static func candidates(of customer: String, for engagement: Engagement, index: SiteIndex,
                                  consented: [String: [TypedID]]) -> [TypedID] {
        if engagement.customerIdTypes == [.msxOpportunityId] {
            return (index.opportunitiesByCustomer[customer] ?? []).map { TypedID(type: .msxOpportunityId, value: $0.id) }
        }
        return consented[customer] ?? []
    }
}
