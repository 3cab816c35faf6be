import ClaimModel

/// Decodes an engagement's front matter and body (docs/input-format.md).
package enum EngagementDecoder {
    package static let known = [
        "id", "name", "activity", "pay", "customerIdTypes", "maxActiveClaimsPerCustomer",
        "timeline", "fixedPayoutUSD", "variablePay", "referrals", "locations",
        "proof",
    ]
    package static let timelineKeys = ["consent", "submit", "review", "dispute"]
    package static let variableKeys = [
        "hourlyRateUSD", "minHours", "maxHours", "maxPayoutUSD", "maxShareOfOpportunity",
    ]

    package static func decode(
        _ front: Node?, body: String, fileStem: String, sink: DiagnosticSink,
        frontMatterMark: Mark
    ) -> Engagement? {
        guard let front else {
            sink.error(
                .missingField, frontMatterMark, record: RecordRef(.engagement, fileStem),
                "engagement \(fileStem): the front matter is empty; give at least name, activity and pay")
            // Written but unreadable: claims that name it are not reported again.
            sink.markUnreadable(RecordRef(.engagement, fileStem))
            return nil
        }
        guard
            let f = Fields(
                front, what: "engagement \(fileStem)", known: known, sink: sink,
                record: RecordRef(.engagement, fileStem))
        else {
            sink.markUnreadable(RecordRef(.engagement, fileStem))
            return nil
        }
        defer { f.finish() }
        let id = f.text("id") ?? fileStem
        f.identify(.engagement, id)
        let name = f.text("name", required: true)
        let activity = f.enumValue("activity", Activity.self, required: true)
        let pay = f.enumValue("pay", PayKind.self, required: true)
        var idTypes = f.enumList("customerIdTypes", CustomerIDType.self, noun: "customer ID type")
        let maxActive = f.int("maxActiveClaimsPerCustomer", minimum: 1)

        var timeline = TimelineOverrides()
        if let t = f.nested("timeline", what: "engagement \(id) timeline", known: timelineKeys) {
            let most = ReaderLimits.maxDays
            timeline = TimelineOverrides(
                consent: t.int("consent", minimum: 1, maximum: most),
                submit: t.int("submit", minimum: 1, maximum: most),
                review: t.int("review", minimum: 1, maximum: most), dispute: t.int("dispute", minimum: 1, maximum: most)
            )
            f.absorb(t)
        }

        var fixedPayout = f.decimal("fixedPayoutUSD")
        var variablePay: VariablePay?
        if let v = f.nested("variablePay", what: "engagement \(id) variablePay", known: variableKeys) {
            let rate = v.decimal("hourlyRateUSD", required: true)
            let minHours = v.int("minHours", required: true)
            let maxHours = v.int("maxHours", required: true)
            let cap = v.decimal("maxPayoutUSD")
            let share = v.decimal("maxShareOfOpportunity")
            if let share, share > 1 {
                v.fail(
                    .valueOutOfRange, v.mark(of: "maxShareOfOpportunity"),
                    "engagement \(id): 'maxShareOfOpportunity' is a share between 0 and 1 (0.10 for 10%), not \(share)")
            }
            if let minHours, let maxHours, minHours > maxHours {
                v.fail(
                    .valueOutOfRange, v.mark(of: "maxHours"),
                    "engagement \(id): 'maxHours' (\(maxHours)) is less than 'minHours' (\(minHours))")
            }
            f.absorb(v)
            if let rate, let minHours, let maxHours {
                variablePay = VariablePay(
                    hourlyRateUSD: rate, minHours: minHours, maxHours: maxHours,
                    maxPayoutUSD: cap, maxShareOfOpportunity: share)
            }
        }
        let referrals = f.bool("referrals") ?? false
        let locations = f.textList("locations")
        var proof = f.enumList("proof", ProofItem.self, noun: "proof item") ?? []
        if Set(proof).count != proof.count {
            var seen = Set<ProofItem>()
            let repeated = proof.first { !seen.insert($0).inserted }!
            f.warn(
                .duplicateListItem, f.mark(of: "proof"),
                "engagement \(id): 'proof' lists '\(repeated.rawValue)' twice; remove the repeat")
        }
        // Listed in the one order every page and export uses (docs/rules.md#proof-of-execution).
        proof = Array(Set(proof)).sorted()

        switch pay {
        case .fixed:
            if fixedPayout == nil, !f.has("fixedPayoutUSD") {
                f.fail(
                    .missingField, f.start,
                    "engagement \(id): missing required field 'fixedPayoutUSD' (fixed pay); add it")
            }
            if f.has("variablePay") {
                f.fail(
                    .fieldNotForPay, f.mark(of: "variablePay"),
                    "engagement \(id): 'variablePay' applies to variable pay only; remove it or set 'pay: variable'")
                variablePay = nil
            }
            if let types = idTypes {
                if types.isEmpty {
                    f.fail(
                        .emptyList, f.mark(of: "customerIdTypes"),
                        """
                        engagement \(id): 'customerIdTypes' must not be empty; list some of domain, tenantId, \
                        tpid, subscriptionId
                        """
                    )
                }
                if let bad = types.first(where: { !CustomerIDType.fixedPayTypes.contains($0) }) {
                    f.fail(
                        .idTypeNotForPay, f.mark(of: "customerIdTypes"),
                        """
                        engagement \(id): fixed pay cannot nominate by '\(bad.rawValue)'; use domain, tenantId, \
                        tpid or subscriptionId
                        """
                    )
                }
            } else {
                idTypes = CustomerIDType.fixedPayTypes
            }
        case .variable:
            if variablePay == nil, !f.has("variablePay") {
                f.fail(
                    .missingField, f.start,
                    """
                    engagement \(id): missing required field 'variablePay' (hourlyRateUSD, minHours, maxHours) \
                    for variable pay; add it
                    """
                )
            }
            if f.has("fixedPayoutUSD") {
                f.fail(
                    .fieldNotForPay, f.mark(of: "fixedPayoutUSD"),
                    "engagement \(id): 'fixedPayoutUSD' applies to fixed pay only; remove it or set 'pay: fixed'")
                fixedPayout = nil
            }
            if let types = idTypes, types != [.msxOpportunityId] {
                f.fail(
                    .idTypeNotForPay, f.mark(of: "customerIdTypes"),
                    """
                    engagement \(id): variable pay nominates by MSX opportunity only; set 'customerIdTypes: \
                    [msxOpportunityId]'
                    """
                )
            }
            idTypes = [.msxOpportunityId]
        case nil:
            break
        }
        if let types = idTypes, Set(types).count != types.count {
            var seen = Set<CustomerIDType>()
            let repeated = types.first { !seen.insert($0).inserted }!
            f.warn(
                .duplicateListItem, f.mark(of: "customerIdTypes"),
                "engagement \(id): 'customerIdTypes' lists '\(repeated.rawValue)' twice; remove the repeat")
            idTypes = types.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        }

        guard f.isValid, let name, let activity, let pay, let idTypes else { return nil }
        return Engagement(
            id: id, name: name, activity: activity, pay: pay, customerIdTypes: idTypes,
            maxActiveClaimsPerCustomer: maxActive, timeline: timeline, fixedPayoutUSD: fixedPayout,
            variablePay: variablePay, referrals: referrals, locations: locations, proof: proof,
            description: body, source: f.recorder.map)
    }
}
