import ClaimModel
import ClaimRules
import Testing

/// docs/rules.md, written out literally so the tests never ask the code under test what it
/// should do. Shared with `PropertyTests`.
enum LifecycleSpec {
    /// The transition table for a claim that was never disputed: from → event → to.
    /// Every pair not listed is refused.
    static let transitions: [ClaimStatus: [EventType: ClaimStatus]] = [
        .customerClaimed: [.consentRequested: .awaitingConsent, .canceled: .canceled],
        .awaitingConsent: [
            .consentReminderSent: .awaitingConsent, .consentAccepted: .consentReceived,
            .consentDeclined: .consentDeclined, .canceled: .canceled,
        ],
        .consentReceived: [.canceled: .canceled, .submitted: .submitted],
        .partnerActionRequired: [.submitted: .submitted],
        .submitted: [
            .reviewStarted: .underReview, .actionRequired: .partnerActionRequired,
            .approved: .approved, .rejected: .rejected,
        ],
        .underReview: [.actionRequired: .partnerActionRequired, .approved: .approved, .rejected: .rejected],
        .disputed: [
            .reviewStarted: .disputed, .actionRequired: .partnerActionRequired,
            .approved: .approved, .rejected: .rejectedFinal,
        ],
        .rejected: [.disputed: .disputed],
    ]

    /// The status after `event`, per docs/rules.md#transitions: "rejected, or rejectedFinal if the claim was disputed
    /// before".
    static func next(_ status: ClaimStatus, _ event: EventType, disputedBefore: Bool) -> ClaimStatus? {
        guard let to = transitions[status]?[event] else { return nil }
        return disputedBefore && to == .rejected ? .rejectedFinal : to
    }

    /// The terminal column of the status table.
    static let terminal: Set<ClaimStatus> = [
        .consentDeclined, .consentExpired, .canceled, .notSubmittedExpired, .postSubmissionExpired,
        .approved, .disputedExpired, .rejectedFinal,
    ]

    /// Timed changes: the status a deadline expires and what it becomes.
    static let timed: [ClaimStatus: (kind: DeadlineKind, to: ClaimStatus)] = [
        .customerClaimed: (.consent, .consentExpired),
        .awaitingConsent: (.consent, .consentExpired),
        .consentReceived: (.submit, .notSubmittedExpired),
        .partnerActionRequired: (.review, .postSubmissionExpired),
        .rejected: (.dispute, .disputedExpired),
    ]

    /// The action table: the action and the deadline it must meet (nil for terminal statuses).
    static let actions: [ClaimStatus: (action: ClaimAction, deadline: DeadlineKind?)] = [
        .customerClaimed: (.sendConsentEmail, .consent),
        .awaitingConsent: (.resendConsentEmail, .consent),
        .consentReceived: (.submitClaim, .submit),
        .partnerActionRequired: (.resubmitClaim, .review),
        .rejected: (.disputeClaim, .dispute),
        .submitted: (.none, .review),
        .underReview: (.none, .review),
        .disputed: (.none, .review),
        .consentDeclined: (.none, nil), .consentExpired: (.none, nil), .canceled: (.none, nil),
        .notSubmittedExpired: (.none, nil), .postSubmissionExpired: (.none, nil), .approved: (.none, nil),
        .disputedExpired: (.none, nil), .rejectedFinal: (.none, nil),
    ]
}

/// docs/rules.md#transitions, "Events move it": every (status, event) pair of the transition table.
@Suite struct TransitionTableTests {
    @Test func theTableCoversSixteenStatusesAndElevenEvents() {
        #expect(ClaimStatus.allCases.count == 16)
        #expect(EventType.allCases.count == 11)
    }

    @Test("every event in a status, never disputed", arguments: ClaimStatus.allCases)
    func everyEventNeverDisputed(_ status: ClaimStatus) {
        for event in EventType.allCases {
            #expect(
                Lifecycle.next(status, on: event, disputedBefore: false)
                    == LifecycleSpec.next(status, event, disputedBefore: false),
                "\(status) + \(event)")
        }
    }

    @Test("every event in a status, disputed before", arguments: ClaimStatus.allCases)
    func everyEventDisputedBefore(_ status: ClaimStatus) {
        for event in EventType.allCases {
            #expect(
                Lifecycle.next(status, on: event, disputedBefore: true)
                    == LifecycleSpec.next(status, event, disputedBefore: true),
                "\(status) + \(event)")
        }
    }

    @Test func terminalStatusesRefuseEveryEvent() {
        for status in LifecycleSpec.terminal {
            for event in EventType.allCases {
                #expect(Lifecycle.next(status, on: event, disputedBefore: false) == nil, "\(status) + \(event)")
                #expect(Lifecycle.next(status, on: event, disputedBefore: true) == nil, "\(status) + \(event)")
            }
        }
    }

    @Test func rejectionAfterADisputeIsFinal() {
        #expect(Lifecycle.next(.submitted, on: .rejected, disputedBefore: false) == .rejected)
        #expect(Lifecycle.next(.underReview, on: .rejected, disputedBefore: false) == .rejected)
        #expect(Lifecycle.next(.submitted, on: .rejected, disputedBefore: true) == .rejectedFinal)
        #expect(Lifecycle.next(.underReview, on: .rejected, disputedBefore: true) == .rejectedFinal)
        #expect(Lifecycle.next(.disputed, on: .rejected, disputedBefore: false) == .rejectedFinal)
        #expect(Lifecycle.next(.disputed, on: .rejected, disputedBefore: true) == .rejectedFinal)
    }

    @Test func reviewStartedOnADisputedClaimKeepsItDisputed() {
        #expect(Lifecycle.next(.disputed, on: .reviewStarted, disputedBefore: true) == .disputed)
        #expect(Lifecycle.next(.disputed, on: .reviewStarted, disputedBefore: false) == .disputed)
        #expect(Lifecycle.next(.submitted, on: .reviewStarted, disputedBefore: false) == .underReview)
        #expect(Lifecycle.next(.underReview, on: .reviewStarted, disputedBefore: false) == nil)
    }

    @Test func aReminderKeepsTheClaimAwaitingConsent() {
        #expect(Lifecycle.next(.awaitingConsent, on: .consentReminderSent, disputedBefore: false) == .awaitingConsent)
        #expect(Lifecycle.next(.customerClaimed, on: .consentReminderSent, disputedBefore: false) == nil)
    }

    @Test func cancelingIsAllowedOnlyBeforeSubmission() {
        let allowed = ClaimStatus.allCases.filter { Lifecycle.next($0, on: .canceled, disputedBefore: false) != nil }
        #expect(allowed == [.customerClaimed, .awaitingConsent, .consentReceived])
    }
}

/// docs/rules.md and docs/rules.md#validation ("an event not allowed … (name both)"): the statuses an event is
/// allowed in, in the table's order.
@Suite struct AllowedStatusesTests {
    static let expected: [(EventType, [ClaimStatus])] = [
        (.consentRequested, [.customerClaimed]),
        (.consentReminderSent, [.awaitingConsent]),
        (.consentAccepted, [.awaitingConsent]),
        (.consentDeclined, [.awaitingConsent]),
        (.canceled, [.customerClaimed, .awaitingConsent, .consentReceived]),
        (.submitted, [.consentReceived, .partnerActionRequired]),
        (.reviewStarted, [.submitted, .disputed]),
        (.actionRequired, [.submitted, .underReview, .disputed]),
        (.approved, [.submitted, .underReview, .disputed]),
        (.rejected, [.submitted, .underReview, .disputed]),
        (.disputed, [.rejected]),
    ]

    @Test func everyEventIsListed() {
        #expect(Set(Self.expected.map(\.0)) == Set(EventType.allCases))
    }

    @Test("allowed statuses per event", arguments: expected.map(\.0))
    func allowedStatuses(_ event: EventType) throws {
        let expected = try #require(Self.expected.first { $0.0 == event }).1
        #expect(Lifecycle.allowedStatuses(for: event) == expected)
    }
}

/// docs/rules.md#statuses, status table: `report.json` values and the terminal column. Microsoft's
/// names are the English catalogue's words, tested with it (ClaimSiteTests,
/// LanguageTests.englishStatusesAreTheLabelsOfPartnerCenter): the rules hold only codes.
@Suite struct StatusTableTests {
    static let labels: [(ClaimStatus, String)] = [
        (.customerClaimed, "customerClaimed"),
        (.awaitingConsent, "awaitingConsent"),
        (.consentReceived, "consentReceived"),
        (.consentDeclined, "consentDeclined"),
        (.consentExpired, "consentExpired"),
        (.canceled, "canceled"),
        (.notSubmittedExpired, "notSubmittedExpired"),
        (.submitted, "submitted"),
        (.underReview, "underReview"),
        (.partnerActionRequired, "partnerActionRequired"),
        (.postSubmissionExpired, "postSubmissionExpired"),
        (.approved, "approved"),
        (.rejected, "rejected"),
        (.disputed, "disputed"),
        (.disputedExpired, "disputedExpired"),
        (.rejectedFinal, "rejectedFinal"),
    ]

    @Test func everyStatusHasARow() {
        #expect(Self.labels.map(\.0) == ClaimStatus.allCases)
    }

    @Test("report.json value", arguments: ClaimStatus.allCases)
    func code(_ status: ClaimStatus) throws {
        let row = try #require(Self.labels.first { $0.0 == status })
        #expect(status.rawValue == row.1)
        #expect(ClaimStatus(rawValue: row.1) == status)
    }

    @Test("terminal column", arguments: ClaimStatus.allCases)
    func terminal(_ status: ClaimStatus) {
        #expect(status.isTerminal == LifecycleSpec.terminal.contains(status))
    }

    @Test func exactlyEightStatusesAreTerminal() {
        #expect(
            ClaimStatus.allCases.filter(\.isTerminal)
                == [
                    .consentDeclined, .consentExpired, .canceled, .notSubmittedExpired,
                    .postSubmissionExpired, .approved, .disputedExpired, .rejectedFinal,
                ])
    }
}

/// docs/rules.md#actions, action table: what each status asks of the partner and which deadline.
@Suite struct ActionTableTests {
    @Test("action and deadline kind", arguments: ClaimStatus.allCases)
    func action(_ status: ClaimStatus) throws {
        let expected = try #require(LifecycleSpec.actions[status])
        #expect(status.action.action == expected.action)
        #expect(status.action.deadline == expected.deadline)
    }

    @Test func waitingOnMicrosoftStatusesHaveNoActionButTheReviewDeadline() {
        for status in [ClaimStatus.submitted, .underReview, .disputed] {
            #expect(status.action.action == .none)
            #expect(status.action.deadline == .review)
        }
    }

    @Test func terminalStatusesAskNothingAndHaveNoDeadline() {
        for status in ClaimStatus.allCases where LifecycleSpec.terminal.contains(status) {
            #expect(status.action.action == .none, "\(status)")
            #expect(status.action.deadline == nil, "\(status)")
        }
    }

    @Test func actionValuesAreTheReportNames() {
        #expect(ClaimAction.sendConsentEmail.rawValue == "sendConsentEmail")
        #expect(ClaimAction.resendConsentEmail.rawValue == "resendConsentEmail")
        #expect(ClaimAction.submitClaim.rawValue == "submitClaim")
        #expect(ClaimAction.resubmitClaim.rawValue == "resubmitClaim")
        #expect(ClaimAction.disputeClaim.rawValue == "disputeClaim")
        #expect(ClaimAction.claimCustomer.rawValue == "claimCustomer")
        #expect(ClaimAction.none.rawValue == "none")
    }
}

/// docs/rules.md#deadlines, deadlines: which status each deadline expires, and into what.
@Suite struct TimedChangeTableTests {
    static let deadlines = Deadlines(
        consent: Day("2026-01-31"), submit: Day("2026-04-11"),
        review: Day("2026-05-11"), dispute: Day("2026-03-03"))

    @Test("timed change per status", arguments: ClaimStatus.allCases)
    func timedChange(_ status: ClaimStatus) {
        let change = Lifecycle.timedChange(status, Self.deadlines)
        guard let expected = LifecycleSpec.timed[status] else {
            #expect(change == nil, "\(status) has no timed change")
            return
        }
        #expect(change?.kind == expected.kind)
        #expect(change?.to == expected.to)
        #expect(change?.deadline == Self.deadlines[expected.kind])
    }

    @Test func noTimedChangeWithoutItsDeadline() {
        #expect(Lifecycle.timedChange(.consentReceived, Deadlines(consent: Day("2026-01-31"))) == nil)
        #expect(Lifecycle.timedChange(.rejected, Deadlines(consent: Day("2026-01-31"))) == nil)
    }
}
