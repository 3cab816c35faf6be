import ClaimModel

/// A claim's latest change of status, when it falls within the due-soon days up to the as-of
/// date (docs/rules.md#recently-changed).
public struct RecentChange: Sendable, Hashable {
    /// The claim.
    public let facts: ClaimFacts
    /// The step that changed its status last: its day, and the status before (`nil` when the
    /// step created the claim) and after.
    public let step: ReplayStep

    /// The day of the change.
    public var on: Day { step.day }

    /// The claims of `claims` whose latest change of status happened after `asOf` − `days` and
    /// on or before `asOf`, one entry per claim, newest first, then by claim ID (its bytes).
    /// A change is the claim's creation, an event that changed its status, or a timed change
    /// (docs/rules.md#recently-changed); events that keep the status do not count.
    public static func of(_ claims: [ClaimFacts], asOf: Day, days: Int) -> [RecentChange] {
        let after = asOf.adding(days: -days)
        var changes: [RecentChange] = []
        for facts in claims {
            guard let step = latestChange(facts.state), step.day > after, step.day <= asOf else { continue }
            changes.append(RecentChange(facts: facts, step: step))
        }
        changes.sort { a, b in a.on != b.on ? a.on > b.on : a.facts.claim.id.precedesByUTF8(b.facts.claim.id) }
        return changes
    }

    /// The last step of `state` that changed the claim's status (its creation counts).
    public static func latestChange(_ state: ClaimState) -> ReplayStep? {
        state.steps.last { $0.from != $0.to }
    }
}
