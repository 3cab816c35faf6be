import ClaimModel
import ClaimRules
import Testing

// Every expected date below is written out from docs/rules.md#timeline (timeline table) and
// docs/rules.md#deadlines, counted by hand from a claim created on 2026-01-01 whose consent
// is accepted on 2026-01-11 and (when rejected) rejected on 2026-02-01.

private func d(_ text: String) -> Day { Day(text)! }

private func replay(_ claim: Claim, _ timeline: Timeline, asOf: String) -> (
    state: ClaimState, diagnostics: [Diagnostic]
) {
    ClaimReplay.run(claim, timeline: timeline, asOf: d(asOf))
}

private let workshop = Timeline(for: Build.engagement(activity: .workshop))

/// A claim history that ends in the status a deadline expires, and the event that the
/// deadline cuts off.
struct DeadlineCase: Sendable, CustomTestStringConvertible {
    let kind: DeadlineKind
    /// Events before the deadline (dates from 2026-01-02 to 2026-02-01).
    let history: [(String, EventType)]
    /// The status waiting on the deadline, and its `report.json` name.
    let waiting: ClaimStatus, waitingName: String
    /// The status after the deadline passed, and its name.
    let expired: ClaimStatus, expiredName: String
    /// An event the deadline cuts off, its name, and the status it leads to when in time.
    let event: EventType, eventName: String, eventLeadsTo: ClaimStatus

    var testDescription: String { "\(kind) deadline, \(waitingName)" }

    static let consented: [(String, EventType)] = [("2026-01-02", .consentRequested), ("2026-01-11", .consentAccepted)]

    static let all: [DeadlineCase] = [
        DeadlineCase(
            kind: .consent, history: [],
            waiting: .customerClaimed, waitingName: "customerClaimed",
            expired: .consentExpired, expiredName: "consentExpired",
            event: .consentRequested, eventName: "consentRequested", eventLeadsTo: .awaitingConsent),
        DeadlineCase(
            kind: .consent, history: [("2026-01-02", .consentRequested)],
            waiting: .awaitingConsent, waitingName: "awaitingConsent",
            expired: .consentExpired, expiredName: "consentExpired",
            event: .consentAccepted, eventName: "consentAccepted", eventLeadsTo: .consentReceived),
        DeadlineCase(
            kind: .submit, history: consented,
            waiting: .consentReceived, waitingName: "consentReceived",
            expired: .notSubmittedExpired, expiredName: "notSubmittedExpired",
            event: .submitted, eventName: "submitted", eventLeadsTo: .submitted),
        DeadlineCase(
            kind: .review, history: consented + [("2026-01-20", .submitted), ("2026-01-25", .actionRequired)],
            waiting: .partnerActionRequired, waitingName: "partnerActionRequired",
            expired: .postSubmissionExpired, expiredName: "postSubmissionExpired",
            event: .submitted, eventName: "submitted", eventLeadsTo: .submitted),
        DeadlineCase(
            kind: .dispute, history: consented + [("2026-01-20", .submitted), ("2026-02-01", .rejected)],
            waiting: .rejected, waitingName: "rejected",
            expired: .disputedExpired, expiredName: "disputedExpired",
            event: .disputed, eventName: "disputed", eventLeadsTo: .disputed),
    ]
}

/// The four deadline days (and the days after) of one timeline, for the histories above.
struct DeadlineDays: Sendable {
    let consent: (String, String), submit: (String, String), review: (String, String), dispute: (String, String)

    subscript(kind: DeadlineKind) -> (deadline: String, dayAfter: String) {
        switch kind {
        case .consent: return consent
        case .submit: return submit
        case .review: return review
        case .dispute: return dispute
        }
    }
}

/// Checks one deadline on its day and on the day after, through `ClaimReplay.run`.
private func expectBoundary(
    _ c: DeadlineCase, timeline: Timeline, deadline: String, dayAfter: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let claim = Build.claim(events: c.history)

    // The deadline day itself is still in time.
    let onTime = replay(claim, timeline, asOf: deadline)
    #expect(onTime.state.status == c.waiting, sourceLocation: sourceLocation)
    #expect(onTime.state.deadline == d(deadline), sourceLocation: sourceLocation)
    #expect(onTime.state.deadlineKind == c.kind, sourceLocation: sourceLocation)
    #expect(onTime.state.deadlines[c.kind] == d(deadline), sourceLocation: sourceLocation)
    #expect(onTime.state.endedOn == nil, sourceLocation: sourceLocation)
    #expect(onTime.diagnostics.isEmpty, sourceLocation: sourceLocation)

    // The day after, the timed change has happened (at the as-of date).
    let late = replay(claim, timeline, asOf: dayAfter)
    #expect(late.state.status == c.expired, sourceLocation: sourceLocation)
    #expect(late.state.action == .none, sourceLocation: sourceLocation)
    #expect(late.state.deadline == nil, sourceLocation: sourceLocation)
    #expect(late.state.deadlines[c.kind] == d(deadline), "kept for the terminal claim", sourceLocation: sourceLocation)
    #expect(late.state.endedOn == d(dayAfter), sourceLocation: sourceLocation)
    let step = late.state.steps.last
    #expect(step?.cause == .deadlinePassed(c.kind, deadline: d(deadline)), sourceLocation: sourceLocation)
    #expect(step?.day == d(dayAfter), sourceLocation: sourceLocation)
    #expect(step?.from == c.waiting, sourceLocation: sourceLocation)
    #expect(step?.to == c.expired, sourceLocation: sourceLocation)
    #expect(late.diagnostics.isEmpty, sourceLocation: sourceLocation)

    // An event on the deadline day is in time.
    let inTime = replay(Build.claim(events: c.history + [(deadline, c.event)]), timeline, asOf: deadline)
    #expect(inTime.state.status == c.eventLeadsTo, sourceLocation: sourceLocation)
    #expect(inTime.diagnostics.isEmpty, sourceLocation: sourceLocation)

    // An event on the day after comes too late: the timed change is applied before it.
    let tooLate = replay(Build.claim(events: c.history + [(dayAfter, c.event)]), timeline, asOf: dayAfter)
    #expect(tooLate.state.status == c.expired, sourceLocation: sourceLocation)
    #expect(tooLate.diagnostics.map(\.severity) == [.error], sourceLocation: sourceLocation)
    #expect(
        tooLate.diagnostics.first?.message
            == """
            claim C-1: '\(c.eventName)' is not allowed after '\(c.expiredName)' (the \(c.kind.rawValue) deadline \
            \(deadline) passed; the claim ended on \(dayAfter)); nothing can happen to a claim after it ended — \
            remove the event or correct the history
            """,
        sourceLocation: sourceLocation)
}

/// docs/rules.md#timeline: the timeline defaults table, per activity.
@Suite struct TimelineDefaultsTests {
    /// (activity, consent, submit, review, dispute) exactly as docs/rules.md#timeline lists them.
    static let table: [(Activity, Int, Int, Int, Int)] = [
        (.assessment, 30, 60, 90, 30),
        (.workshop, 30, 90, 120, 30),
        (.projectXS, 30, 120, 150, 30),
        (.projectS, 30, 120, 150, 30),
        (.projectM, 30, 200, 230, 30),
        (.projectL, 30, 260, 290, 30),
        (.projectXL, 30, 260, 290, 30),
        (.projectXXL, 30, 260, 290, 30),
    ]

    @Test func everyActivityHasARow() {
        #expect(Self.table.map(\.0) == Activity.allCases)
    }

    @Test("defaults(for:) matches the timeline table", arguments: Activity.allCases)
    func defaults(_ activity: Activity) throws {
        let row = try #require(Self.table.first { $0.0 == activity })
        let expected = Timeline(consent: row.1, submit: row.2, review: row.3, dispute: row.4)
        #expect(Timeline.defaults(for: activity) == expected)
        #expect(Timeline(for: Build.engagement(activity: activity)) == expected)
    }

    @Test func partialOverridesKeepTheOtherDefaults() {
        #expect(
            Timeline(for: Build.engagement(activity: .projectM, timeline: TimelineOverrides(submit: 45)))
                == Timeline(consent: 30, submit: 45, review: 230, dispute: 30))
        #expect(
            Timeline(
                for: Build.engagement(activity: .assessment, timeline: TimelineOverrides(consent: 15, dispute: 10)))
                == Timeline(consent: 15, submit: 60, review: 90, dispute: 10))
        #expect(
            Timeline(for: Build.engagement(activity: .projectXXL, timeline: TimelineOverrides(review: 100)))
                == Timeline(consent: 30, submit: 260, review: 100, dispute: 30))
        #expect(
            Timeline(
                for: Build.engagement(
                    activity: .workshop,
                    timeline: TimelineOverrides(consent: 10, submit: 20, review: 40, dispute: 5)))
                == Timeline(consent: 10, submit: 20, review: 40, dispute: 5))
    }
}

/// The deadlines of docs/rules.md#deadlines with every activity's default timeline: the deadline day is in
/// time, the day after the timed change has happened and an event that day comes too late.
@Suite struct DefaultDeadlineBoundaryTests {
    struct ActivityCase: Sendable, CustomTestStringConvertible {
        let activity: Activity
        let days: DeadlineDays
        var testDescription: String { activity.rawValue }
    }

    // consent: 2026-01-01 + 30; submit and review: 2026-01-11 + the table's days; dispute: 2026-02-01 + 30.
    static let activities: [ActivityCase] = [
        ActivityCase(
            activity: .assessment,
            days: DeadlineDays(
                consent: ("2026-01-31", "2026-02-01"), submit: ("2026-03-12", "2026-03-13"),
                review: ("2026-04-11", "2026-04-12"), dispute: ("2026-03-03", "2026-03-04"))),
        ActivityCase(
            activity: .workshop,
            days: DeadlineDays(
                consent: ("2026-01-31", "2026-02-01"), submit: ("2026-04-11", "2026-04-12"),
                review: ("2026-05-11", "2026-05-12"), dispute: ("2026-03-03", "2026-03-04"))),
        ActivityCase(
            activity: .projectXS,
            days: DeadlineDays(
                consent: ("2026-01-31", "2026-02-01"), submit: ("2026-05-11", "2026-05-12"),
                review: ("2026-06-10", "2026-06-11"), dispute: ("2026-03-03", "2026-03-04"))),
        ActivityCase(
            activity: .projectS,
            days: DeadlineDays(
                consent: ("2026-01-31", "2026-02-01"), submit: ("2026-05-11", "2026-05-12"),
                review: ("2026-06-10", "2026-06-11"), dispute: ("2026-03-03", "2026-03-04"))),
        ActivityCase(
            activity: .projectM,
            days: DeadlineDays(
                consent: ("2026-01-31", "2026-02-01"), submit: ("2026-07-30", "2026-07-31"),
                review: ("2026-08-29", "2026-08-30"), dispute: ("2026-03-03", "2026-03-04"))),
        ActivityCase(
            activity: .projectL,
            days: DeadlineDays(
                consent: ("2026-01-31", "2026-02-01"), submit: ("2026-09-28", "2026-09-29"),
                review: ("2026-10-28", "2026-10-29"), dispute: ("2026-03-03", "2026-03-04"))),
        ActivityCase(
            activity: .projectXL,
            days: DeadlineDays(
                consent: ("2026-01-31", "2026-02-01"), submit: ("2026-09-28", "2026-09-29"),
                review: ("2026-10-28", "2026-10-29"), dispute: ("2026-03-03", "2026-03-04"))),
        ActivityCase(
            activity: .projectXXL,
            days: DeadlineDays(
                consent: ("2026-01-31", "2026-02-01"), submit: ("2026-09-28", "2026-09-29"),
                review: ("2026-10-28", "2026-10-29"), dispute: ("2026-03-03", "2026-03-04"))),
    ]

    @Test func everyActivityIsCovered() {
        #expect(Self.activities.map(\.activity) == Activity.allCases)
    }

    @Test("deadline boundary", arguments: activities, DeadlineCase.all)
    func boundary(_ a: ActivityCase, _ c: DeadlineCase) {
        let days = a.days[c.kind]
        expectBoundary(
            c, timeline: Timeline(for: Build.engagement(activity: a.activity)),
            deadline: days.deadline, dayAfter: days.dayAfter)
    }

    @Test("deadlines of a consented claim", arguments: activities)
    func consentSetsSubmitAndReview(_ a: ActivityCase) {
        let claim = Build.claim(events: DeadlineCase.consented)
        let state = replay(claim, Timeline.defaults(for: a.activity), asOf: "2026-01-11").state
        #expect(state.consentDay == d("2026-01-11"))
        #expect(
            state.deadlines
                == Deadlines(
                    consent: d(a.days.consent.0), submit: d(a.days.submit.0),
                    review: d(a.days.review.0), dispute: nil))
    }
}

/// docs/rules.md#timeline `timeline` overrides (whole and partial) applied to the deadlines of docs/rules.md#deadlines.
@Suite struct OverrideDeadlineBoundaryTests {
    struct OverrideCase: Sendable, CustomTestStringConvertible {
        let name: String
        let activity: Activity
        let overrides: TimelineOverrides
        let days: DeadlineDays
        var testDescription: String { name }
    }

    static let cases: [OverrideCase] = [
        OverrideCase(
            name: "workshop, all four overridden", activity: .workshop,
            overrides: TimelineOverrides(consent: 10, submit: 20, review: 40, dispute: 5),
            days: DeadlineDays(
                consent: ("2026-01-11", "2026-01-12"), submit: ("2026-01-31", "2026-02-01"),
                review: ("2026-02-20", "2026-02-21"), dispute: ("2026-02-06", "2026-02-07"))),
        OverrideCase(
            name: "projectM, submit only", activity: .projectM,
            overrides: TimelineOverrides(submit: 45),
            days: DeadlineDays(
                consent: ("2026-01-31", "2026-02-01"), submit: ("2026-02-25", "2026-02-26"),
                review: ("2026-08-29", "2026-08-30"), dispute: ("2026-03-03", "2026-03-04"))),
        OverrideCase(
            name: "assessment, consent and dispute", activity: .assessment,
            overrides: TimelineOverrides(consent: 15, dispute: 10),
            days: DeadlineDays(
                consent: ("2026-01-16", "2026-01-17"), submit: ("2026-03-12", "2026-03-13"),
                review: ("2026-04-11", "2026-04-12"), dispute: ("2026-02-11", "2026-02-12"))),
        OverrideCase(
            name: "projectXXL, review only", activity: .projectXXL,
            overrides: TimelineOverrides(review: 100),
            days: DeadlineDays(
                consent: ("2026-01-31", "2026-02-01"), submit: ("2026-09-28", "2026-09-29"),
                review: ("2026-04-21", "2026-04-22"), dispute: ("2026-03-03", "2026-03-04"))),
    ]

    @Test("deadline boundary with overrides", arguments: cases, DeadlineCase.all)
    func boundary(_ o: OverrideCase, _ c: DeadlineCase) {
        let engagement = Build.engagement(activity: o.activity, timeline: o.overrides)
        let days = o.days[c.kind]
        expectBoundary(c, timeline: Timeline(for: engagement), deadline: days.deadline, dayAfter: days.dayAfter)
    }
}

/// docs/rules.md#deadlines: "after a dispute it is reset once to the dispute day + dispute days".
@Suite struct ReviewResetTests {
    static let disputed: [(String, EventType)] =
        DeadlineCase.consented + [
            ("2026-01-20", .submitted), ("2026-02-01", .rejected), ("2026-02-10", .disputed),
        ]

    @Test func aDisputeResetsTheReviewDeadlineEvenWhenEarlier() {
        // Workshop: original review deadline 2026-01-11 + 120 = 2026-05-11; reset 2026-02-10 + 30.
        let state = replay(Build.claim(events: Self.disputed), workshop, asOf: "2026-02-10").state
        #expect(state.status == .disputed)
        #expect(state.deadlines.review == d("2026-03-12"))
        #expect(state.reviewWasReset)
        #expect(state.action == .none)
        #expect(state.deadline == d("2026-03-12"))
        #expect(state.deadlineKind == .review)
    }

    @Test func theResetDeadlineExpiresAPartnerActionRequiredClaim() {
        let claim = Build.claim(events: Self.disputed + [("2026-02-15", .actionRequired)])
        let onTime = replay(claim, workshop, asOf: "2026-03-12").state
        #expect(onTime.status == .partnerActionRequired)
        #expect(onTime.deadline == d("2026-03-12"))
        let late = replay(claim, workshop, asOf: "2026-03-13").state
        #expect(late.status == .postSubmissionExpired)
        #expect(late.deadlines.review == d("2026-03-12"))
        #expect(late.endedOn == d("2026-03-13"))
    }

    @Test func aDisputeCanAlsoMoveTheReviewDeadlineLater() {
        // Assessment: original review deadline 2026-01-11 + 90 = 2026-04-11; dispute on
        // 2026-04-05 resets it to 2026-05-05.
        let claim = Build.claim(
            events: DeadlineCase.consented + [
                ("2026-01-20", .submitted), ("2026-03-20", .rejected), ("2026-04-05", .disputed),
                ("2026-04-10", .actionRequired),
            ])
        let assessment = Timeline.defaults(for: .assessment)
        let pastOriginal = replay(claim, assessment, asOf: "2026-04-20").state
        #expect(pastOriginal.status == .partnerActionRequired)
        #expect(pastOriginal.deadline == d("2026-05-05"))
        #expect(replay(claim, assessment, asOf: "2026-05-05").state.status == .partnerActionRequired)
        #expect(replay(claim, assessment, asOf: "2026-05-06").state.status == .postSubmissionExpired)
    }

    @Test func theResetUsesTheEngagementsDisputeDays() {
        let timeline = Timeline(for: Build.engagement(activity: .workshop, timeline: TimelineOverrides(dispute: 10)))
        let state = replay(Build.claim(events: Self.disputed), timeline, asOf: "2026-02-10").state
        #expect(state.deadlines.review == d("2026-02-20"))
        #expect(state.deadlines.dispute == d("2026-02-11"))
    }

    @Test func laterEventsDoNotMoveTheResetDeadline() {
        let claim = Build.claim(
            events: Self.disputed + [
                ("2026-02-12", .reviewStarted), ("2026-02-15", .actionRequired), ("2026-02-20", .submitted),
            ])
        let state = replay(claim, workshop, asOf: "2026-02-20").state
        #expect(state.status == .submitted)
        #expect(state.deadlines.review == d("2026-03-12"))
        #expect(state.deadline == d("2026-03-12"))
    }

    @Test func withoutADisputeTheReviewDeadlineIsNotReset() {
        let claim = Build.claim(
            events: DeadlineCase.consented + [("2026-01-20", .submitted), ("2026-02-01", .rejected)])
        let state = replay(claim, workshop, asOf: "2026-02-01").state
        #expect(!state.reviewWasReset)
        #expect(state.deadlines.review == d("2026-05-11"))
    }
}

/// docs/rules.md#deadlines: "dispute deadline = rejection day + dispute days (the first rejection; a
/// rejection after a dispute is final)".
@Suite struct DisputeDeadlineTests {
    @Test func countedFromTheFirstRejection() {
        let claim = Build.claim(events: ReviewResetTests.disputed + [("2026-02-20", .rejected)])
        let state = replay(claim, workshop, asOf: "2026-02-20").state
        #expect(state.status == .rejectedFinal)
        #expect(state.deadlines.dispute == d("2026-03-03"))
        #expect(state.endedOn == d("2026-02-20"))
        #expect(state.action == .none)
        #expect(state.deadline == nil)
    }

    @Test func aRejectionAfterAResubmissionFollowingADisputeIsFinal() {
        let claim = Build.claim(
            events: ReviewResetTests.disputed + [
                ("2026-02-12", .actionRequired), ("2026-02-14", .submitted), ("2026-02-20", .rejected),
            ])
        let state = replay(claim, workshop, asOf: "2026-04-01").state
        #expect(state.status == .rejectedFinal)
        #expect(state.deadlines.dispute == d("2026-03-03"))
    }
}

/// docs/rules.md#deadlines and docs/output.md#reportjson: "every deadline computed so far, kept for terminal claims".
@Suite struct TerminalDeadlinesTests {
    @Test func anApprovedClaimKeepsItsDeadlines() {
        let claim = Build.claim(
            events: DeadlineCase.consented + [("2026-01-20", .submitted), ("2026-03-01", .approved)])
        let state = replay(claim, workshop, asOf: "2026-03-01").state
        #expect(state.status == .approved)
        #expect(
            state.deadlines
                == Deadlines(
                    consent: d("2026-01-31"), submit: d("2026-04-11"),
                    review: d("2026-05-11"), dispute: nil))
        #expect(state.action == .none)
        #expect(state.deadline == nil)
        #expect(state.deadlineKind == nil)
        #expect(state.endedOn == d("2026-03-01"))
    }

    @Test func anExpiredClaimKeepsItsDeadlines() {
        let state = replay(Build.claim(events: DeadlineCase.consented), workshop, asOf: "2026-06-01").state
        #expect(state.status == .notSubmittedExpired)
        #expect(
            state.deadlines
                == Deadlines(
                    consent: d("2026-01-31"), submit: d("2026-04-11"),
                    review: d("2026-05-11"), dispute: nil))
    }

    @Test func aCanceledClaimKeepsItsConsentDeadline() {
        let claim = Build.claim(events: [("2026-01-05", .canceled)])
        let state = replay(claim, workshop, asOf: "2026-03-01").state
        #expect(state.status == .canceled)
        #expect(state.deadlines == Deadlines(consent: d("2026-01-31")))
        #expect(state.endedOn == d("2026-01-05"))
    }

    @Test func aDisputedExpiredClaimKeepsEveryDeadline() {
        let claim = Build.claim(
            events: DeadlineCase.consented + [("2026-01-20", .submitted), ("2026-02-01", .rejected)])
        let state = replay(claim, workshop, asOf: "2026-12-31").state
        #expect(state.status == .disputedExpired)
        #expect(
            state.deadlines
                == Deadlines(
                    consent: d("2026-01-31"), submit: d("2026-04-11"),
                    review: d("2026-05-11"), dispute: d("2026-03-03")))
    }
}

/// docs/rules.md#payment: "show 'expected payment by' approval day + 45".
@Suite struct ExpectedPaymentTests {
    @Test func approvalDayPlus45() {
        let claim = Build.claim(
            events: DeadlineCase.consented + [("2026-01-20", .submitted), ("2026-03-01", .approved)])
        let state = replay(claim, workshop, asOf: "2026-03-10").state
        #expect(state.approvedOn == d("2026-03-01"))
        #expect(state.expectedPaymentBy == d("2026-04-15"))
    }

    @Test func acrossAYearEnd() {
        let claim = Build.claim(
            events: DeadlineCase.consented + [("2026-01-20", .submitted), ("2026-01-31", .approved)])
        #expect(replay(claim, workshop, asOf: "2026-02-01").state.expectedPaymentBy == d("2026-03-17"))
        let late = Build.claim(
            createdOn: "2026-10-01",
            events: [
                ("2026-10-02", .consentRequested), ("2026-10-05", .consentAccepted),
                ("2026-10-10", .submitted), ("2026-12-01", .approved),
            ])
        #expect(replay(late, workshop, asOf: "2026-12-02").state.expectedPaymentBy == d("2027-01-15"))
    }

    @Test func notApprovedHasNoPaymentDate() {
        let claim = Build.claim(events: DeadlineCase.consented + [("2026-01-20", .submitted)])
        let state = replay(claim, workshop, asOf: "2026-03-10").state
        #expect(state.approvedOn == nil)
        #expect(state.expectedPaymentBy == nil)
    }
}

/// docs/rules.md#actions: "due soon when its action is not none and its deadline is between the
/// as-of date and the as-of date + dueSoonDays, both included".
@Suite struct DueSoonTests {
    /// consentReceived, submit deadline 2026-04-11 (workshop).
    static let consented = Build.claim(events: DeadlineCase.consented)

    @Test func deadlineExactlyDaysAheadIsDueSoon() {
        let state = replay(Self.consented, workshop, asOf: "2026-04-04").state
        #expect(state.isDueSoon(asOf: d("2026-04-04"), days: 7))
        #expect(!state.isDueSoon(asOf: d("2026-04-04"), days: 6))
    }

    @Test func deadlineOneDayTooFarIsNotDueSoon() {
        let state = replay(Self.consented, workshop, asOf: "2026-04-03").state
        #expect(!state.isDueSoon(asOf: d("2026-04-03"), days: 7))
        #expect(state.isDueSoon(asOf: d("2026-04-03"), days: 8))
    }

    @Test func deadlineOnTheAsOfDateIsDueSoon() {
        let state = replay(Self.consented, workshop, asOf: "2026-04-11").state
        #expect(state.status == .consentReceived)
        #expect(state.isDueSoon(asOf: d("2026-04-11"), days: 7))
        #expect(state.isDueSoon(asOf: d("2026-04-11"), days: 0))
    }

    @Test func deadlineBeforeTheAsOfDateIsNotDueSoon() {
        let state = replay(Self.consented, workshop, asOf: "2026-04-11").state
        #expect(!state.isDueSoon(asOf: d("2026-04-12"), days: 7))
    }

    @Test func waitingOnMicrosoftIsNeverDueSoon() {
        // submitted: action none, review deadline 2026-05-11.
        let claim = Build.claim(events: DeadlineCase.consented + [("2026-01-20", .submitted)])
        let state = replay(claim, workshop, asOf: "2026-05-10").state
        #expect(state.action == .none)
        #expect(state.deadline == d("2026-05-11"))
        #expect(!state.isDueSoon(asOf: d("2026-05-10"), days: 7))
    }

    @Test func terminalIsNeverDueSoon() {
        let state = replay(Self.consented, workshop, asOf: "2026-04-12").state
        #expect(state.status == .notSubmittedExpired)
        #expect(!state.isDueSoon(asOf: d("2026-04-12"), days: 7))
    }

    @Test func everyActingStatusCanBeDueSoon() {
        // customerClaimed (consent 2026-01-31), rejected (dispute 2026-03-03),
        // partnerActionRequired (review 2026-05-11).
        let fresh = replay(Build.claim(), workshop, asOf: "2026-01-25").state
        #expect(fresh.isDueSoon(asOf: d("2026-01-25"), days: 7))
        let rejected = replay(
            Build.claim(events: DeadlineCase.consented + [("2026-01-20", .submitted), ("2026-02-01", .rejected)]),
            workshop, asOf: "2026-03-01"
        ).state
        #expect(rejected.isDueSoon(asOf: d("2026-03-01"), days: 7))
        let action = replay(
            Build.claim(
                events: DeadlineCase.consented + [("2026-01-20", .submitted), ("2026-01-25", .actionRequired)]),
            workshop, asOf: "2026-05-04"
        ).state
        #expect(action.isDueSoon(asOf: d("2026-05-04"), days: 7))
        #expect(!action.isDueSoon(asOf: d("2026-05-03"), days: 7))
    }
}

/// docs/rules.md and docs/rules.md#validation: problems in a claim's history, with the exact messages (each names the
/// claim, the rule and the fix) and where they point.
@Suite struct HistoryDiagnosticsTests {
    /// A claim whose events have positions: event N at line 10 + 2N, its `on` at column 13.
    static func located(_ claim: Claim) -> Claim {
        var claim = claim
        for index in claim.events.indices {
            claim.source.fields["events.\(index)"] = SourceLocation(file: "t.yaml", line: 10 + 2 * index, column: 7)
            claim.source.fields["events.\(index).on"] = SourceLocation(file: "t.yaml", line: 10 + 2 * index, column: 13)
        }
        return claim
    }

    @Test func eventsAfterTheAsOfDateAreIgnoredWithAWarning() throws {
        let claim = Build.claim(events: DeadlineCase.consented + [("2026-01-20", .submitted)])
        let (state, diagnostics) = replay(Self.located(claim), workshop, asOf: "2026-01-15")
        #expect(state.status == .consentReceived)
        let only = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(only.severity == .warning)
        #expect(
            only.message
                == """
                claim C-1: the 'submitted' event on 2026-01-20 is after the as-of date 2026-01-15; it is left out \
                until then
                """
        )
        #expect(only.location == SourceLocation(file: "t.yaml", line: 14, column: 13))
    }

    @Test func anIgnoredEventDoesNotStopTimedChanges() {
        // Consent deadline 2026-01-31 passes at the as-of date; the later event is left out.
        let claim = Build.claim(events: [("2026-02-05", .consentRequested)])
        let (state, diagnostics) = replay(claim, workshop, asOf: "2026-02-01")
        #expect(state.status == .consentExpired)
        #expect(diagnostics.map(\.severity) == [.warning])
    }

    @Test func anEventBeforeCreationIsAnError() throws {
        let claim = Build.claim(events: [("2025-12-31", .consentRequested)])
        let (state, diagnostics) = replay(Self.located(claim), workshop, asOf: "2026-01-10")
        #expect(state.status == .customerClaimed)
        let only = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(only.severity == .error)
        #expect(
            only.message
                == """
                claim C-1: the 'consentRequested' event on 2025-12-31 is before the claim was created (2026-01-01); \
                fix the date
                """
        )
        #expect(only.location == SourceLocation(file: "t.yaml", line: 10, column: 13))
    }

    @Test func anEventOutOfOrderIsAnError() throws {
        let claim = Build.claim(events: [("2026-01-05", .consentRequested), ("2026-01-03", .consentReminderSent)])
        let (state, diagnostics) = replay(Self.located(claim), workshop, asOf: "2026-01-10")
        #expect(state.status == .awaitingConsent)
        let only = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(only.severity == .error)
        #expect(
            only.message
                == """
                claim C-1: the 'consentReminderSent' event on 2026-01-03 is out of order: an earlier event is dated \
                2026-01-05; list events in date order
                """
        )
        #expect(only.location == SourceLocation(file: "t.yaml", line: 12, column: 13))
    }

    @Test func sameDayEventsKeepTheirListedOrder() {
        let claim = Build.claim(events: [
            ("2026-01-05", .consentRequested), ("2026-01-05", .consentAccepted),
            ("2026-01-05", .submitted),
        ])
        let (state, diagnostics) = replay(claim, workshop, asOf: "2026-01-10")
        #expect(state.status == .submitted)
        #expect(diagnostics.isEmpty)
    }

    @Test func aSecondConsentRequestIsAnError() throws {
        let claim = Build.claim(events: [("2026-01-02", .consentRequested), ("2026-01-05", .consentRequested)])
        let (state, diagnostics) = replay(Self.located(claim), workshop, asOf: "2026-01-10")
        #expect(state.status == .awaitingConsent)
        let only = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(only.severity == .error)
        #expect(
            only.message
                == """
                claim C-1: a second 'consentRequested' on 2026-01-05; the deal size cannot be changed once consent \
                was asked for — remove it (a reminder is 'consentReminderSent')
                """
        )
        #expect(only.location == SourceLocation(file: "t.yaml", line: 12, column: 7))
    }

    @Test func aSecondConsentRequestAfterConsentIsTheSameError() {
        let claim = Build.claim(events: DeadlineCase.consented + [("2026-01-12", .consentRequested)])
        let (state, diagnostics) = replay(claim, workshop, asOf: "2026-01-20")
        #expect(state.status == .consentReceived)
        #expect(
            diagnostics.map(\.message) == [
                """
                claim C-1: a second 'consentRequested' on 2026-01-12; the deal size cannot be changed once consent was \
                asked for — remove it (a reminder is 'consentReminderSent')
                """
            ])
    }

    @Test func anEventNotAllowedInTheStatusIsAnError() throws {
        let claim = Build.claim(events: [("2026-01-02", .consentRequested), ("2026-01-05", .submitted)])
        let (state, diagnostics) = replay(Self.located(claim), workshop, asOf: "2026-01-10")
        #expect(state.status == .awaitingConsent)
        let only = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(only.severity == .error)
        #expect(
            only.message
                == """
                claim C-1: 'submitted' on 2026-01-05 is not allowed in status 'awaitingConsent'; it is allowed only \
                in consentReceived, partnerActionRequired — fix the event or add the missing ones before it
                """
        )
        #expect(only.location == SourceLocation(file: "t.yaml", line: 12, column: 7))
    }

    @Test func aRefusedEventIsSkippedAndTheRestStillApplies() {
        let claim = Build.claim(events: [("2026-01-02", .disputed), ("2026-01-03", .consentRequested)])
        let (state, diagnostics) = replay(claim, workshop, asOf: "2026-01-10")
        #expect(state.status == .awaitingConsent)
        #expect(
            diagnostics.map(\.message) == [
                """
                claim C-1: 'disputed' on 2026-01-02 is not allowed in status 'customerClaimed'; it is allowed only in \
                rejected — fix the event or add the missing ones before it
                """
            ])
    }

    @Test func anEventAfterATerminalEventIsAnError() throws {
        let claim = Build.claim(events: [("2026-01-05", .canceled), ("2026-01-06", .consentRequested)])
        let (state, diagnostics) = replay(Self.located(claim), workshop, asOf: "2026-01-10")
        #expect(state.status == .canceled)
        let only = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(only.severity == .error)
        #expect(
            only.message
                == """
                claim C-1: 'consentRequested' is not allowed after 'canceled' (the claim ended on 2026-01-05); \
                nothing can happen to a claim after it ended — remove the event or correct the history
                """
        )
        #expect(only.location == SourceLocation(file: "t.yaml", line: 12, column: 7))
    }

    @Test func aSameDayEventAfterApprovalIsAnError() {
        let claim = Build.claim(
            events: DeadlineCase.consented + [
                ("2026-01-20", .submitted), ("2026-03-01", .approved), ("2026-03-01", .rejected),
            ])
        let (state, diagnostics) = replay(claim, workshop, asOf: "2026-03-10")
        #expect(state.status == .approved)
        #expect(
            diagnostics.map(\.message) == [
                """
                claim C-1: 'rejected' is not allowed after 'approved' (the claim ended on 2026-03-01); nothing can \
                happen to a claim after it ended — remove the event or correct the history
                """
            ])
        #expect(diagnostics.map(\.severity) == [.error])
    }

    @Test func aClaimCreatedAfterTheAsOfDateIsLeftOutWithAWarning() {
        var model = SiteModel()
        model.engagements = [Build.engagement()]
        model.claims = [Build.claim(createdOn: "2026-02-01")]
        let evaluation = Evaluator.evaluate(model, asOf: d("2026-01-15"))
        #expect(evaluation.leftOut == ["C-1"])
        #expect(evaluation.claim("C-1") == nil)
        #expect(
            evaluation.diagnostics.contains(
                .warning(
                    .claimAfterAsOf, at: SourceLocation(file: "t.yaml", line: 1, column: 1), record: .claim("C-1"),
                    "claim C-1: created on 2026-02-01, after the as-of date 2026-01-15; it is left out until then")))
    }
}

/// docs/rules.md#actions: "`partnerActionRequired` past it → `postSubmissionExpired`", also when Microsoft
/// asks for action only after the review deadline passed (submitted, underReview and disputed
/// have no timed change of their own).
@Suite struct TimedChangeDayTests {
    /// Disputed on 2026-02-10: review deadline reset to 2026-03-12; action asked on 2026-03-20.
    static let lateAction = Build.claim(events: ReviewResetTests.disputed + [("2026-03-20", .actionRequired)])

    @Test func aDisputedClaimPastItsReviewDeadlineWaitsOnMicrosoft() {
        let state = replay(Self.lateAction, workshop, asOf: "2026-03-19").state
        #expect(state.status == .disputed)
        #expect(state.deadline == d("2026-03-12"))
    }

    @Test func actionRequiredAfterTheReviewDeadlineExpiresTheClaim() {
        let (state, diagnostics) = replay(Self.lateAction, workshop, asOf: "2026-03-20")
        #expect(state.status == .postSubmissionExpired)
        #expect(state.deadlines.review == d("2026-03-12"))
        #expect(state.action == .none)
        #expect(state.deadline == nil)
        #expect(diagnostics.isEmpty)
    }
}

/// A timed change is never dated before the claim entered the status it expires
/// (docs/rules.md#deadlines is silent on a review deadline that passed while Microsoft was reviewing).
@Suite struct LateActionRequiredTests {
    @Test func actionRequiredAfterTheReviewDeadlineExpiresTheClaimThatDay() {
        let engagement = Build.engagement(activity: .assessment)  // review 90 days from consent
        let claim = Build.claim(
            createdOn: "2026-01-01",
            events: [
                ("2026-01-02", .consentRequested), ("2026-01-03", .consentAccepted),  // review deadline 2026-04-03
                ("2026-02-01", .submitted), ("2026-04-10", .actionRequired),
            ])
        let (state, diagnostics) = ClaimReplay.run(
            claim, timeline: Timeline(for: engagement), asOf: Build.day("2026-05-01"))
        #expect(diagnostics.isEmpty)
        #expect(state.status == .postSubmissionExpired)
        #expect(state.endedOn == Build.day("2026-04-10"))
        #expect(state.steps.last?.day == Build.day("2026-04-10"))
    }
}
