import ClaimModel

/// The groups of the work list, in page order (docs/rules.md#the-work-list).
public enum WorkGroup: String, CaseIterable, Sendable, Hashable {
    /// The partner must act by the as-of date itself.
    case today
    /// The partner must act within the due-soon days after the as-of date.
    case soon
    /// The partner must act within 30 days of the as-of date, after the due-soon days.
    case month
    /// The partner must act later than that.
    case later
    /// Microsoft must act: the claim is submitted, under review or disputed.
    case microsoft

    /// Whether the group holds claims that wait on the partner (every group but `microsoft`).
    public var isPartner: Bool { self != .microsoft }
}

/// Every open claim that someone must act on, grouped by who and by when
/// (docs/rules.md#the-work-list).
public struct WorkList: Sendable {
    /// Claims with a partner action, by group, each by deadline then claim ID (its bytes); and
    /// claims waiting on Microsoft by review deadline (those past it first, most days past
    /// first), then claim ID.
    public private(set) var groups: [WorkGroup: [ClaimFacts]]

    /// The claims of `group`, in order.
    public subscript(group: WorkGroup) -> [ClaimFacts] { groups[group] ?? [] }

    /// How many claims wait on the partner (the four dated groups).
    public var partnerCount: Int { WorkGroup.allCases.filter(\.isPartner).reduce(0) { $0 + self[$1].count } }

    /// Every row in page order: group by group, each in its order.
    public var rows: [(group: WorkGroup, facts: ClaimFacts)] {
        WorkGroup.allCases.flatMap { g in self[g].map { (g, $0) } }
    }

    /// The work list of `claims` on `asOf`, with deadlines up to `dueSoonDays` after it due soon.
    public init(claims: [ClaimFacts], asOf: Day, dueSoonDays: Int) {
        var groups: [WorkGroup: [ClaimFacts]] = [:]
        for facts in claims where !facts.state.status.isTerminal {
            guard let group = WorkList.group(of: facts.state, asOf: asOf, dueSoonDays: dueSoonDays) else { continue }
            groups[group, default: []].append(facts)
        }
        for g in groups.keys { groups[g]!.sort(by: ClaimFacts.byDeadline) }
        self.groups = groups
    }

    /// The group of an open claim's state; `nil` for a terminal claim. A partner action's
    /// deadline is never before the as-of date (a deadline that passed ends the claim); should
    /// it be, the claim counts as due today.
    public static func group(of state: ClaimState, asOf: Day, dueSoonDays: Int) -> WorkGroup? {
        guard !state.status.isTerminal else { return nil }
        guard state.action != .none else { return .microsoft }
        guard let deadline = state.deadline else { return .later }
        let days = asOf.days(until: deadline)
        if days <= 0 { return .today }
        if days <= dueSoonDays { return .soon }
        if days <= 30 { return .month }
        return .later
    }
}
