import ClaimModel
import ClaimRules
import Testing

// The work list's groups and the recently changed rule (docs/rules.md#the-work-list and
// docs/rules.md#recently-changed), one table row per rule and boundary. A is the as-of date
// 2026-06-01; a claim created on day X with no events waits for consent until X + 30.

private func d(_ text: String) -> Day { Day(text)! }
private let asOf = d("2026-06-01")
private let workshop = Build.engagement(activity: .workshop)

/// The facts of `claim` on `asOf`, replayed as the evaluation does.
private func facts(_ claim: Claim, asOf: Day = asOf) -> ClaimFacts {
    let timeline = Timeline(for: workshop)
    let state = ClaimReplay.run(claim, timeline: timeline, asOf: asOf).state
    return ClaimFacts(
        claim: claim, engagement: workshop, state: state, payoutUSD: 5000, payoutIsApproved: false, referral: nil,
        timeline: timeline)
}

/// A claim waiting for consent whose consent deadline is `days` after the as-of date.
private func dueIn(_ days: Int, id: String = "C-1") -> Claim {
    Build.claim(id, createdOn: asOf.adding(days: days - 30).description)
}

/// A submitted claim whose review deadline (consent + 120 days) is `days` after the as-of date.
private func waitingOnMicrosoft(reviewIn days: Int, id: String) -> Claim {
    let consent = asOf.adding(days: days - 120)
    return Build.claim(
        id, createdOn: consent.adding(days: -2).description,
        events: [
            (consent.adding(days: -1).description, .consentRequested), (consent.description, .consentAccepted),
            (consent.adding(days: 1).description, .submitted),
        ])
}

struct GroupCase: Sendable, CustomTestStringConvertible {
    let rule: String
    let claim: Claim
    let dueSoonDays: Int
    let group: WorkGroup?
    var testDescription: String { rule }
}

private let groupCases: [GroupCase] = [
    GroupCase(rule: "D = A is today", claim: dueIn(0), dueSoonDays: 7, group: .today),
    GroupCase(rule: "D = A + 1 is soon", claim: dueIn(1), dueSoonDays: 7, group: .soon),
    GroupCase(rule: "D = A + S is soon", claim: dueIn(7), dueSoonDays: 7, group: .soon),
    GroupCase(rule: "D = A + S + 1 is month", claim: dueIn(8), dueSoonDays: 7, group: .month),
    GroupCase(rule: "D = A + 30 is month", claim: dueIn(30), dueSoonDays: 7, group: .month),
    GroupCase(rule: "D = A + 31 is later", claim: dueIn(31), dueSoonDays: 7, group: .later),
    GroupCase(rule: "S = 0: D = A + 1 is month", claim: dueIn(1), dueSoonDays: 0, group: .month),
    GroupCase(rule: "S = 30: D = A + 30 is soon", claim: dueIn(30), dueSoonDays: 30, group: .soon),
    GroupCase(rule: "S = 30: D = A + 31 is later", claim: dueIn(31), dueSoonDays: 30, group: .later),
    GroupCase(rule: "S = 40: D = A + 35 is soon, not month", claim: dueIn(35), dueSoonDays: 40, group: .soon),
    GroupCase(rule: "S = 40: D = A + 41 is later", claim: dueIn(41), dueSoonDays: 40, group: .later),
    GroupCase(
        rule: "waiting on Microsoft, review deadline ahead", claim: waitingOnMicrosoft(reviewIn: 5, id: "C-1"),
        dueSoonDays: 7, group: .microsoft),
    GroupCase(
        rule: "waiting on Microsoft, review deadline passed", claim: waitingOnMicrosoft(reviewIn: -5, id: "C-1"),
        dueSoonDays: 7, group: .microsoft),
    GroupCase(
        rule: "a claim whose deadline passed is terminal: no group", claim: dueIn(-1), dueSoonDays: 7, group: nil),
]

@Test(arguments: groupCases)
func aClaimLandsInItsGroup(_ c: GroupCase) {
    let f = facts(c.claim)
    #expect(WorkList.group(of: f.state, asOf: asOf, dueSoonDays: c.dueSoonDays) == c.group)
    let list = WorkList(claims: [f], asOf: asOf, dueSoonDays: c.dueSoonDays)
    for g in WorkGroup.allCases { #expect(list[g].map(\.claim.id) == (g == c.group ? ["C-1"] : [])) }
    #expect(list.partnerCount == (c.group.map { $0.isPartner ? 1 : 0 } ?? 0))
}

@Test func groupsAreByDeadlineThenClaimIDBytes() {
    // "C-10" sorts before "C-9" by bytes; equal deadlines fall back to that.
    let claims = [dueIn(3, id: "C-9"), dueIn(3, id: "C-10"), dueIn(2, id: "C-2"), dueIn(20, id: "C-0")].map {
        facts($0)
    }
    let list = WorkList(claims: claims, asOf: asOf, dueSoonDays: 7)
    #expect(list[.soon].map(\.claim.id) == ["C-2", "C-10", "C-9"])
    #expect(list[.month].map(\.claim.id) == ["C-0"])
    #expect(list.rows.map(\.group) == [.soon, .soon, .soon, .month])
}

@Test func microsoftListsPassedReviewDeadlinesFirstMostDaysPastFirst() {
    let claims = [
        waitingOnMicrosoft(reviewIn: 10, id: "M-a"), waitingOnMicrosoft(reviewIn: -2, id: "M-b"),
        waitingOnMicrosoft(reviewIn: -9, id: "M-c"), waitingOnMicrosoft(reviewIn: 0, id: "M-d"),
        waitingOnMicrosoft(reviewIn: -2, id: "M-0"),
    ].map { facts($0) }
    let list = WorkList(claims: claims, asOf: asOf, dueSoonDays: 7)
    #expect(list[.microsoft].map(\.claim.id) == ["M-c", "M-0", "M-b", "M-d", "M-a"])
    #expect(list.partnerCount == 0)
}

// MARK: recently changed

struct ChangeCase: Sendable, CustomTestStringConvertible {
    let rule: String
    let claim: Claim
    /// The expected entry: day, from (nil when created) and to; nil when the claim is not listed.
    let change: (on: String, from: ClaimStatus?, to: ClaimStatus)?
    var testDescription: String { rule }
}

private let changeCases: [ChangeCase] = [
    ChangeCase(
        rule: "created on A", claim: Build.claim(createdOn: "2026-06-01"),
        change: ("2026-06-01", nil, .customerClaimed)),
    ChangeCase(
        rule: "created on A - S + 1 (the window's first day)", claim: Build.claim(createdOn: "2026-05-26"),
        change: ("2026-05-26", nil, .customerClaimed)),
    ChangeCase(rule: "created on A - S is outside", claim: Build.claim(createdOn: "2026-05-25"), change: nil),
    ChangeCase(
        rule: "an event that changes the status",
        claim: Build.claim(createdOn: "2026-05-10", events: [("2026-05-31", .consentRequested)]),
        change: ("2026-05-31", .customerClaimed, .awaitingConsent)),
    ChangeCase(
        rule: "an event that keeps the status does not count",
        claim: Build.claim(
            createdOn: "2026-05-10", events: [("2026-05-11", .consentRequested), ("2026-05-31", .consentReminderSent)]),
        change: nil),
    ChangeCase(
        rule: "the last change of a day, not the whole day",
        claim: Build.claim(
            createdOn: "2026-05-01", events: [("2026-05-30", .consentRequested), ("2026-05-30", .consentAccepted)]),
        change: ("2026-05-30", .awaitingConsent, .consentReceived)),
    ChangeCase(
        rule: "a timed change, the day after the deadline",
        // Created 2026-04-28: consent deadline 2026-05-28, expired on 2026-05-29.
        claim: Build.claim(createdOn: "2026-04-28"), change: ("2026-05-29", .customerClaimed, .consentExpired)),
    ChangeCase(
        rule: "a timed change on the day of the action required after the review deadline",
        // Consent 2026-01-10: review deadline 2026-05-10; Microsoft asks on 2026-05-28.
        claim: Build.claim(
            createdOn: "2026-01-05",
            events: [
                ("2026-01-06", .consentRequested), ("2026-01-10", .consentAccepted), ("2026-02-01", .submitted),
                ("2026-05-28", .actionRequired),
            ]),
        change: ("2026-05-28", .partnerActionRequired, .postSubmissionExpired)),
    ChangeCase(
        rule: "a change after A is not seen",
        claim: Build.claim(createdOn: "2026-05-10", events: [("2026-06-02", .consentRequested)]), change: nil),
]

@Test(arguments: changeCases)
func aClaimIsRecentlyChangedByItsLatestChange(_ c: ChangeCase) {
    let changes = RecentChange.of([facts(c.claim)], asOf: asOf, days: 7)
    if let want = c.change {
        #expect(changes.count == 1)
        #expect(changes.first?.on == d(want.on))
        #expect(changes.first?.step.from == want.from)
        #expect(changes.first?.step.to == want.to)
    } else {
        #expect(changes.isEmpty)
    }
}

@Test func recentChangesAreNewestFirstThenClaimID() {
    let claims = [
        Build.claim("C-2", createdOn: "2026-05-30"), Build.claim("C-10", createdOn: "2026-05-30"),
        Build.claim("C-1", createdOn: "2026-05-28"), Build.claim("C-3", createdOn: "2026-06-01"),
    ].map { facts($0) }
    let changes = RecentChange.of(claims, asOf: asOf, days: 7)
    #expect(changes.map(\.facts.claim.id) == ["C-3", "C-10", "C-2", "C-1"])
}
