import ClaimModel

/// One step of a claim's history as replayed: its creation, an event, or a timed change.
public struct ReplayStep: Hashable, Sendable {
    /// What moved the claim.
    public enum Cause: Hashable, Sendable {
        /// The claim was created.
        case created
        /// The event at this index of `claim.events`.
        case event(index: Int, type: EventType)
        /// A deadline passed.
        case deadlinePassed(DeadlineKind, deadline: Day)
    }

    /// What moved the claim.
    public var cause: Cause
    /// The day it happened (for a timed change: the day after the deadline).
    public var day: Day
    /// The status before.
    public var from: ClaimStatus?
    /// The status after.
    public var to: ClaimStatus
    /// Deadlines set, reset or passed by the step, and the expected payment, as facts (the
    /// pages and `explain` put them into words).
    public var notes: [StepNote]

    /// A step.
    public init(cause: Cause, day: Day, from: ClaimStatus?, to: ClaimStatus, notes: [StepNote]) {
        self.cause = cause
        self.day = day
        self.from = from
        self.to = to
        self.notes = notes
    }
}

/// The day a deadline is counted from (`docs/rules.md#deadlines`).
public enum DeadlineBase: String, Hashable, Sendable {
    /// The claim's `createdOn` (the consent deadline).
    case created
    /// The day consent was accepted (the submit and review deadlines).
    case consentDay
    /// The first rejection (the dispute deadline).
    case rejectionDay
}

/// A deadline a replay step set, reset or passed, or the payment it made expected.
public enum StepNote: Hashable, Sendable {
    /// `kind` deadline `deadline` = `baseDay` (the day of `base`) + `days` days.
    case set(DeadlineKind, deadline: Day, base: DeadlineBase, baseDay: Day, days: Int)
    /// The review deadline was reset after a dispute: `deadline` = `disputeDay` + `days` days.
    case reviewReset(deadline: Day, disputeDay: Day, days: Int)
    /// Payment is expected by `expected`, `days` days after approval.
    case payment(expected: Day, days: Int)
    /// The deadline passed.
    case passed(DeadlineKind, deadline: Day)

    /// The deadline of `kind` this note sets or resets, if it does.
    public func sets(_ kind: DeadlineKind) -> Day? {
        switch self {
        case let .set(k, deadline, _, _, _) where k == kind: return deadline
        case let .reviewReset(deadline, _, _) where kind == .review: return deadline
        default: return nil
        }
    }
}

/// A claim's state on the as-of date, derived by replaying its events (docs/rules.md).
public struct ClaimState: Hashable, Sendable {
    /// The status on the as-of date.
    public var status: ClaimStatus
    /// Every deadline computed so far (kept for terminal claims; review after any reset).
    public var deadlines: Deadlines
    /// What the status asks of the partner.
    public var action: ClaimAction
    /// The deadline the action must meet; `nil` for terminal claims.
    public var deadline: Day?
    /// The kind of that deadline.
    public var deadlineKind: DeadlineKind?
    /// The day consent was accepted, if it was.
    public var consentDay: Day?
    /// The day the claim turned terminal, if it did.
    public var endedOn: Day?
    /// The day it was approved, if it was.
    public var approvedOn: Day?
    /// Whether a dispute reset the review deadline.
    public var reviewWasReset: Bool
    /// The history as replayed, with timed changes.
    public var steps: [ReplayStep]

    /// Approval day + Microsoft's payment cycle, for approved claims (`docs/rules.md#payment`).
    public var expectedPaymentBy: Day? {
        status == .approved ? approvedOn?.adding(days: ClaimReplay.paymentCycleDays) : nil
    }

    /// Whether the claim needs the partner to act by a deadline within `days` of `asOf` (both included).
    public func isDueSoon(asOf: Day, days: Int) -> Bool {
        guard action != .none, let deadline else { return false }
        return deadline >= asOf && deadline <= asOf.adding(days: days)
    }
}

/// Replays a claim's events against the transition table and the deadlines.
public enum ClaimReplay {
    /// Payment follows approval by this many days: Microsoft's payment cycle.
    public static let paymentCycleDays = 45

    /// The claim's state on `asOf`, and the problems its history has (events not allowed,
    /// out of order, after the claim ended, after the as-of date).
    public static func run(_ claim: Claim, timeline: Timeline, asOf: Day) -> (
        state: ClaimState, diagnostics: [Diagnostic]
    ) {
        var replay = Replayer(claim: claim, timeline: timeline)
        replay.run(asOf: asOf)
        let (action, kind) = replay.status.action
        let deadline = kind.flatMap { replay.deadlines[$0] }
        let state = ClaimState(
            status: replay.status, deadlines: replay.deadlines, action: action,
            deadline: deadline, deadlineKind: deadline == nil ? nil : kind,
            consentDay: replay.consentDay, endedOn: replay.endedOn, approvedOn: replay.approvedOn,
            reviewWasReset: replay.reviewWasReset, steps: replay.steps)
        return (state, replay.diagnostics)
    }
}

private struct Replayer {
    let claim: Claim
    let timeline: Timeline
    var status = ClaimStatus.customerClaimed
    var deadlines = Deadlines()
    var consentDay: Day?
    var endedOn: Day?
    var approvedOn: Day?
    var disputedBefore = false
    var reviewWasReset = false
    var consentRequested = false
    /// What ended the claim, for messages about later events.
    var endedBy: String?
    var steps: [ReplayStep] = []
    var diagnostics: [Diagnostic] = []
    /// The claim's recorded positions by key path, made on the first diagnostic: looking one up
    /// in the `SourceMap` reads its whole list, which per event would make the replay quadratic
    /// in the number of events (docs/input-format.md, Limits).
    var positions: [String: SourceLocation]?

    init(claim: Claim, timeline: Timeline) {
        self.claim = claim
        self.timeline = timeline
    }

    var name: String { "claim \(claim.id)" }
    var record: RecordRef { .claim(claim.id) }

    /// The position of the value at `path`, else of the claim.
    mutating func position(_ path: String) -> SourceLocation {
        if positions == nil { positions = claim.source.fields }
        return positions![path] ?? claim.source.start
    }

    mutating func run(asOf: Day) {
        deadlines.consent = claim.createdOn.adding(days: timeline.consent)
        steps.append(
            ReplayStep(
                cause: .created, day: claim.createdOn, from: nil, to: status,
                notes: [
                    .set(
                        .consent, deadline: deadlines.consent!, base: .created, baseDay: claim.createdOn,
                        days: timeline.consent)
                ]))
        var lastDay = claim.createdOn
        for (index, event) in claim.events.enumerated() {
            if event.on > asOf {
                diagnostics.append(
                    .warning(
                        .eventAfterAsOf, at: position("events.\(index).on"), record: record,
                        """
                        \(name): the '\(event.type.rawValue)' event on \(event.on) is after the as-of date \
                        \(asOf); it is left out until then
                        """
                    ))
                continue
            }
            if event.on < claim.createdOn {
                diagnostics.append(
                    .error(
                        .eventBeforeCreation, at: position("events.\(index).on"), record: record,
                        """
                        \(name): the '\(event.type.rawValue)' event on \(event.on) is before the claim was \
                        created (\(claim.createdOn)); fix the date
                        """
                    ))
                continue
            }
            if event.on < lastDay {
                diagnostics.append(
                    .error(
                        .eventsOutOfOrder, at: position("events.\(index).on"), record: record,
                        """
                        \(name): the '\(event.type.rawValue)' event on \(event.on) is out of order: an earlier \
                        event is dated \(lastDay); list events in date order
                        """
                    ))
                continue
            }
            lastDay = event.on
            applyTimedChange(through: event.on)
            if status.isTerminal {
                diagnostics.append(
                    .error(
                        .eventAfterTerminal, at: position("events.\(index)"), record: record,
                        """
                        \(name): '\(event.type.rawValue)' is not allowed after '\(status.rawValue)' \
                        (\(endedBy ?? "the claim ended")); nothing can happen to a claim after it ended — remove \
                        the event or correct the history
                        """
                    ))
                return
            }
            if event.type == .consentRequested && consentRequested {
                diagnostics.append(
                    .error(
                        .secondConsentRequest, at: position("events.\(index)"), record: record,
                        """
                        \(name): a second 'consentRequested' on \(event.on); the deal size cannot be changed once \
                        consent was asked for — remove it (a reminder is 'consentReminderSent')
                        """
                    ))
                continue
            }
            guard let next = Lifecycle.next(status, on: event.type, disputedBefore: disputedBefore) else {
                let allowed = Lifecycle.allowedStatuses(for: event.type).map(\.rawValue).joined(separator: ", ")
                diagnostics.append(
                    .error(
                        .eventNotAllowed, at: position("events.\(index)"), record: record,
                        """
                        \(name): '\(event.type.rawValue)' on \(event.on) is not allowed in status \
                        '\(status.rawValue)'; it is allowed only in \(allowed) — fix the event or add the missing \
                        ones before it
                        """
                    ))
                continue
            }
            apply(event, index: index, next: next)
        }
        applyTimedChange(through: asOf)
    }

    /// Applies the timed change that has happened by `day`: it happens on the day after its
    /// deadline (the deadline day itself is still in time).
    mutating func applyTimedChange(through day: Day) {
        guard let change = Lifecycle.timedChange(status, deadlines), change.deadline.adding(days: 1) <= day else {
            return
        }
        // It happens the day after the deadline, but never before the claim entered the status
        // (actionRequired can arrive after the review deadline while Microsoft was reviewing).
        let changeDay = max(change.deadline.adding(days: 1), steps.last?.day ?? claim.createdOn)
        steps.append(
            ReplayStep(
                cause: .deadlinePassed(change.kind, deadline: change.deadline), day: changeDay,
                from: status, to: change.to,
                notes: [.passed(change.kind, deadline: change.deadline)]))
        status = change.to
        endedOn = changeDay
        endedBy = "the \(change.kind.rawValue) deadline \(change.deadline) passed; the claim ended on \(changeDay)"
    }

    mutating func apply(_ event: ClaimEvent, index: Int, next: ClaimStatus) {
        var notes: [StepNote] = []
        switch event.type {
        case .consentRequested:
            consentRequested = true
        case .consentAccepted:
            consentDay = event.on
            deadlines.submit = event.on.adding(days: timeline.submit)
            deadlines.review = event.on.adding(days: timeline.review)
            notes.append(
                .set(.submit, deadline: deadlines.submit!, base: .consentDay, baseDay: event.on, days: timeline.submit))
            notes.append(
                .set(.review, deadline: deadlines.review!, base: .consentDay, baseDay: event.on, days: timeline.review))
        case .rejected where !disputedBefore:
            deadlines.dispute = event.on.adding(days: timeline.dispute)
            notes.append(
                .set(
                    .dispute, deadline: deadlines.dispute!, base: .rejectionDay, baseDay: event.on,
                    days: timeline.dispute))
        case .disputed:
            disputedBefore = true
            if !reviewWasReset {
                reviewWasReset = true
                deadlines.review = event.on.adding(days: timeline.dispute)
                notes.append(.reviewReset(deadline: deadlines.review!, disputeDay: event.on, days: timeline.dispute))
            }
        case .approved:
            approvedOn = event.on
            notes.append(
                .payment(
                    expected: event.on.adding(days: ClaimReplay.paymentCycleDays), days: ClaimReplay.paymentCycleDays))
        default:
            break
        }
        steps.append(
            ReplayStep(
                cause: .event(index: index, type: event.type), day: event.on, from: status, to: next, notes: notes))
        status = next
        if next.isTerminal {
            endedOn = event.on
            endedBy = "the claim ended on \(event.on)"
        }
    }
}
