import ClaimModel

/// The transition table of docs/rules.md#transitions.
public enum Lifecycle {
    /// The status after `event` in `status`, or `nil` when the event is not allowed there.
    /// `disputedBefore` tells whether the claim was disputed earlier (a later rejection is final).
    public static func next(_ status: ClaimStatus, on event: EventType, disputedBefore: Bool) -> ClaimStatus? {
        switch (status, event) {
        case (.customerClaimed, .consentRequested): return .awaitingConsent
        case (.awaitingConsent, .consentReminderSent): return .awaitingConsent
        case (.awaitingConsent, .consentAccepted): return .consentReceived
        case (.awaitingConsent, .consentDeclined): return .consentDeclined
        case (.customerClaimed, .canceled), (.awaitingConsent, .canceled), (.consentReceived, .canceled):
            return .canceled
        case (.consentReceived, .submitted), (.partnerActionRequired, .submitted): return .submitted
        case (.submitted, .reviewStarted): return .underReview
        case (.disputed, .reviewStarted): return .disputed
        case (.submitted, .actionRequired), (.underReview, .actionRequired), (.disputed, .actionRequired):
            return .partnerActionRequired
        case (.submitted, .approved), (.underReview, .approved), (.disputed, .approved): return .approved
        case (.submitted, .rejected), (.underReview, .rejected): return disputedBefore ? .rejectedFinal : .rejected
        case (.disputed, .rejected): return .rejectedFinal
        case (.rejected, .disputed): return .disputed
        default: return nil
        }
    }

    /// The statuses in which `event` is allowed, in the table's order.
    public static func allowedStatuses(for event: EventType) -> [ClaimStatus] {
        ClaimStatus.allCases.filter { next($0, on: event, disputedBefore: false) != nil }
    }

    /// The timed change due in `status` with `deadlines`: the deadline that expires it and the
    /// status it then takes (docs/rules.md).
    public static func timedChange(_ status: ClaimStatus, _ deadlines: Deadlines) -> (
        kind: DeadlineKind, deadline: Day, to: ClaimStatus
    )? {
        switch status {
        case .customerClaimed, .awaitingConsent:
            return deadlines.consent.map { (.consent, $0, .consentExpired) }
        case .consentReceived:
            return deadlines.submit.map { (.submit, $0, .notSubmittedExpired) }
        case .partnerActionRequired:
            return deadlines.review.map { (.review, $0, .postSubmissionExpired) }
        case .rejected:
            return deadlines.dispute.map { (.dispute, $0, .disputedExpired) }
        default:
            return nil
        }
    }
}
