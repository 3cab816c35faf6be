import ClaimModel

/// Evaluates a loaded site on an as-of date: replays every claim, finds the known customers
/// and their candidate IDs, fills every engagement's tabs, and checks every claim as the add
/// and claim flows would (docs/rules.md). Pure: no files, no clock.
public enum Evaluator {
    /// The evaluation of `model` on `asOf`.
    public static func evaluate(_ model: SiteModel, asOf: Day) -> Evaluation {
        let index = SiteIndex(model)
        // Each engagement's timeline, worked out once: the replays, the claims' facts and the
        // engagements' facts all hold this one.
        let timelines = index.engagements.mapValues { Timeline(for: $0) }
        // Each engagement held once, shared by the facts of all its claims.
        let shared = index.engagements.mapValues { SharedEngagement($0) }
        var diagnostics: [Diagnostic] = []
        var leftOut: [String] = []

        // 1. Replay every claim created on or before the as-of date.
        // Each replay is independent: all cores, results in file order.
        var replays = Parallel.map(model.claims.count) { order -> (state: ClaimState, diagnostics: [Diagnostic])? in
            let claim = model.claims[order]
            guard let timeline = timelines[ByteKey(claim.engagement)], claim.createdOn <= asOf else { return nil }
            return ClaimReplay.run(claim, timeline: timeline, asOf: asOf)
        }
        // By position in `model.claims`, not copies of the claims: a site has many.
        var replayed: [(order: Int, engagement: SharedEngagement, state: ClaimState)] = []
        replayed.reserveCapacity(model.claims.count)
        for order in model.claims.indices {
            guard let engagement = shared[ByteKey(model.claims[order].engagement)] else { continue }
            // Moved out, not copied: each state is held once.
            guard let replay = replays[order].take() else {
                let claim = model.claims[order]
                leftOut.append(claim.id)
                diagnostics.append(
                    .warning(
                        .claimAfterAsOf, at: claim.source["createdOn"], record: .claim(claim.id),
                        """
                        claim \(claim.id): created on \(claim.createdOn), after the as-of date \(asOf); it is \
                        left out until then
                        """
                    ))
                continue
            }
            diagnostics += replay.diagnostics
            replayed.append((order, engagement, replay.state))
        }

        // 2. Known customers and their candidate IDs, first consent first (file order on ties).
        // Keyed by customer ID, by its bytes (docs/input-format.md, "Comparing IDs").
        var knownSince: [ByteKey: Day] = [:]
        var candidates: [ByteKey: [TypedID]] = [:]
        // By position in `replayed` (sorting the positions moves no state).
        let consented = replayed.indices.compactMap { k in replayed[k].state.consentDay.map { (day: $0, k: k) } }
            .sorted { ($0.day, replayed[$0.k].order) < ($1.day, replayed[$1.k].order) }
        var daysByCustomer: [ByteKey: [Day]] = [:]
        for (day, k) in consented {
            let order = replayed[k].order
            let customer = ByteKey(model.claims[order].customer)
            daysByCustomer[customer, default: []].append(day)
            if knownSince[customer] == nil { knownSince[customer] = day }
            guard model.claims[order].origin == .added, let nominated = model.claims[order].nominatedBy else {
                continue
            }
            let candidate = index.checkedID(nominated) ?? nominated
            if !(candidates[customer] ?? []).contains(candidate) { candidates[customer, default: []].append(candidate) }
        }
        let consentDays = daysByCustomer
        let resolver = EligibilityResolver(index: index, consented: candidates)

        // 3. Facts per claim, with their payments and proof of execution. Each claim's are
        // independent: all cores, results and diagnostics in the order of the claims.
        let items = replayed
        let referralURL = model.settings?.referralURL
        let made = Parallel.map(items.count) { k -> (facts: ClaimFacts, diagnostics: [Diagnostic]) in
            let item = items[k]
            let claim = model.claims[item.order]
            let engagement = item.engagement.value
            let opportunity = opportunityFor(claim, engagement, resolver: resolver)
            let payout = Payout.amount(
                claim: claim, engagement: engagement, status: item.state.status,
                opportunity: opportunity)
            var referral: ReferralFacts?
            if let ref = claim.referral {
                let coSell =
                    item.state.consentDay != nil
                    && index.customers[ByteKey(claim.customer)]?.coSellQualified == true
                referral = ReferralFacts(
                    id: ref.id, kind: coSell ? .coSell : .partnerLed,
                    url: referralURL.map { Payout.referralURL(pattern: $0, id: ref.id) })
            }
            let payment = PaymentRules.facts(
                claim, state: item.state, payoutUSD: payout.approved ? payout.amount : nil, asOf: asOf)
            let proof = ProofRules.facts(claim, engagement: engagement, state: item.state, asOf: asOf)
            let facts = ClaimFacts(
                claim: claim, sharedEngagement: item.engagement, state: item.state,
                payoutUSD: payout.amount, payoutIsApproved: payout.approved, referral: referral,
                timeline: timelines[ByteKey(engagement.id)] ?? Timeline(for: engagement),
                payment: payment.payment, proof: proof.proof)
            return (facts, payment.diagnostics + proof.diagnostics)
        }
        var facts: [ClaimFacts] = []
        facts.reserveCapacity(made.count)
        for result in made {
            facts.append(result.facts)
            diagnostics += result.diagnostics
        }

        // 4. The tabs of every engagement.
        let engagements = model.engagements.sorted { $0.id.precedesByUTF8($1.id) }
        var seen = Set<ByteKey>()
        let unique = engagements.filter { seen.insert(ByteKey($0.id)).inserted }
        let known = knownSince.keys.sorted().map(\.string)
        let byEngagement = Dictionary(grouping: facts, by: { ByteKey($0.claim.engagement) })
        let tabs = { @Sendable () -> [EngagementFacts] in
            Parallel.map(unique.count) { i -> EngagementFacts in
                let engagement = unique[i]
                let built = TabBuilder.tabs(
                    for: engagement, mine: byEngagement[ByteKey(engagement.id)] ?? [], known: known,
                    resolver: resolver)
                return EngagementFacts(
                    engagement: engagement, timeline: timelines[ByteKey(engagement.id)] ?? Timeline(for: engagement),
                    tabs: built.tabs, hasEligibleLocation: index.hasEligibleLocation(for: engagement),
                    placementRows: built.placements)
            }
        }

        // 5. The flow checks (docs/rules.md#validation), beside the tabs: neither reads the other.
        let checked = facts
        let (engagementFacts, flowProblems) = Parallel.both(tabs) {
            FlowChecks.run(facts: checked, resolver: resolver, consentDays: consentDays)
        }
        diagnostics += flowProblems

        facts.sort { $0.claim.id.precedesByUTF8($1.claim.id) }
        var evaluation = Evaluation(
            asOf: asOf, claims: facts, engagements: engagementFacts, knownSince: knownSince,
            resolver: resolver, leftOut: leftOut, diagnostics: diagnostics)
        for (i, fact) in facts.enumerated() where evaluation.claimIndex[ByteKey(fact.claim.id)] == nil {
            evaluation.claimIndex[ByteKey(fact.claim.id)] = i
        }
        for (k, fact) in engagementFacts.enumerated()
        where evaluation.engagementIndex[ByteKey(fact.engagement.id)] == nil {
            evaluation.engagementIndex[ByteKey(fact.engagement.id)] = k
        }
        return evaluation
    }

    /// The opportunity a variable-pay claim is measured against: its nominated one, or for a
    /// claimed claim the customer's qualifying opportunity for the engagement.
    static func opportunityFor(_ claim: Claim, _ engagement: Engagement, resolver: EligibilityResolver) -> Opportunity?
    {
        guard engagement.pay == .variable else { return nil }
        let index = resolver.index
        if let nominated = claim.nominatedBy, nominated.type == .msxOpportunityId {
            return index.opportunities[ByteKey(nominated.value)]
        }
        // Variable pay accepts only MSX opportunities, so the candidates are the customer's opportunities.
        return resolver.verdict(of: claim.customer, for: engagement).qualifyingID.flatMap {
            index.opportunities[ByteKey($0.value)]
        }
    }
}
