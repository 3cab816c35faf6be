import ClaimModel

/// A claim's proof of execution on the as-of date, against what its engagement asks for
/// (docs/rules.md#proof-of-execution).
public struct ProofFacts: Hashable, Sendable {
    /// What the engagement asks for, in the order of `ProofItem`.
    public var listed: [ProofItem]
    /// The listed items done on or before the as-of date, in that order.
    public var done: [ProofItem]
    /// The listed items not done yet, in that order.
    public var missing: [ProofItem]
    /// Whether the claim can be submitted: `nil` unless its action is to submit or resubmit it;
    /// then `true` when nothing is missing.
    public var ready: Bool?
    /// What counts of each listed item's record: dates after the as-of date are left out.
    public var records: [ProofItem: ProofRecord]

    /// The facts.
    public init(
        listed: [ProofItem], done: [ProofItem], missing: [ProofItem], ready: Bool?,
        records: [ProofItem: ProofRecord]
    ) {
        self.listed = listed
        self.done = done
        self.missing = missing
        self.ready = ready
        self.records = records
    }
}

/// The proof rules (docs/rules.md#proof-of-execution): which recorded dates count, what they
/// draw, what is missing, and whether a claim is ready to submit.
public enum ProofRules {
    /// The proof facts of `claim` in `state` on `asOf` (`nil` when its engagement asks for
    /// nothing), and the problems of its recorded proof.
    public static func facts(
        _ claim: Claim, engagement: Engagement, state: ClaimState, asOf: Day
    ) -> (proof: ProofFacts?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        // Messages and positions are worked out only for a problem (most claims have none).
        var name: String { "claim \(claim.id)" }
        var record: RecordRef { .claim(claim.id) }
        var counted: [ProofItem: ProofRecord] = [:]
        for (item, written) in claim.proof.records {
            var key: String { "proof.\(item.rawValue)" }
            if !engagement.proof.contains(item) {
                let asked =
                    engagement.proof.isEmpty
                    ? "asks for no proof"
                    : "asks for \(engagement.proof.map(\.rawValue).joined(separator: ", "))"
                diagnostics.append(
                    .warning(
                        .proofItemNotListed, at: claim.source[key], record: record,
                        """
                        \(name): '\(item.rawValue)' is recorded, but engagement \(engagement.id) \(asked); \
                        check the engagement's 'proof' list or remove the item
                        """))
            }
            var kept = ProofRecord()
            for (field, day) in [("sent", written.sent), ("done", written.done)] {
                guard let day else { continue }
                var at: SourceLocation { item.isSurvey ? claim.source["\(key).\(field)"] : claim.source[key] }
                var what: String { item.isSurvey ? "\(item.rawValue) \(field)" : item.rawValue }
                if day > asOf {
                    diagnostics.append(
                        .warning(
                            .proofAfterAsOf, at: at, record: record,
                            "\(name): \(what) on \(day) is after the as-of date \(asOf); it is left out until then"))
                    continue
                }
                if field == "sent" { kept.sent = day } else { kept.done = day }
                guard let consent = state.consentDay, consent <= day else {
                    let when =
                        state.consentDay.map { "the customer gave consent on \($0)" }
                        ?? "the customer has not given consent"
                    diagnostics.append(
                        .error(
                            .proofBeforeConsent, at: at, record: record,
                            """
                            \(name): \(what) on \(day), but \(when); proof of execution comes after consent, \
                            fix the date
                            """))
                    continue
                }
            }
            if let sent = kept.sent, let done = kept.done, done < sent {
                diagnostics.append(
                    .error(
                        .proofDoneBeforeSent, at: claim.source["\(key).done"], record: record,
                        """
                        \(name): \(item.rawValue) done on \(done), before it was sent on \(sent); fix one of \
                        the dates
                        """))
            }
            if kept.sent != nil || kept.done != nil { counted[item] = kept }
        }
        let listed = engagement.proof
        for event in claim.events where event.type == .submitted && event.on <= asOf {
            let missing = listed.filter { item in counted[item]?.done.map { $0 <= event.on } != true }
            guard !missing.isEmpty else { continue }
            diagnostics.append(
                .warning(
                    .submittedWithoutProof, at: event.location, record: record,
                    """
                    \(name): submitted on \(event.on) without \(missing.map(\.rawValue).joined(separator: ", ")) \
                    done by then; record the day each was done, or check the submission in Partner Center
                    """))
        }
        guard !listed.isEmpty else { return (nil, diagnostics) }
        let done = listed.filter { counted[$0]?.done != nil }
        let missing = listed.filter { counted[$0]?.done == nil }
        let ready: Bool? =
            state.action == .submitClaim || state.action == .resubmitClaim ? missing.isEmpty : nil
        return (
            ProofFacts(
                listed: listed, done: done, missing: missing, ready: ready,
                records: counted.filter { listed.contains($0.key) }),
            diagnostics
        )
    }
}
