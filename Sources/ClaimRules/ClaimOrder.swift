import ClaimModel

extension ClaimFacts {
    /// The order of open claims in tables (docs/rules.md#tabs): by deadline, claims without
    /// one last, then by claim ID (its UTF-8 bytes).
    public static func byDeadline(_ a: ClaimFacts, _ b: ClaimFacts) -> Bool {
        let da = a.state.deadline ?? Day(ordinal: Int.max), db = b.state.deadline ?? Day(ordinal: Int.max)
        return da != db ? da < db : a.claim.id.precedesByUTF8(b.claim.id)
    }
}
