import ClaimModel

/// A claim's status, with Microsoft's label (docs/rules.md#statuses). Raw values are the names used in
/// `report.json`.
public enum ClaimStatus: String, CaseIterable, Sendable, Hashable {
    case customerClaimed, awaitingConsent, consentReceived, consentDeclined, consentExpired, canceled
    case notSubmittedExpired, submitted, underReview, partnerActionRequired, postSubmissionExpired
    case approved, rejected, disputed, disputedExpired, rejectedFinal

    /// Whether nothing more can happen to the claim.
    public var isTerminal: Bool {
        switch self {
        case .consentDeclined, .consentExpired, .canceled, .notSubmittedExpired, .postSubmissionExpired,
            .approved, .disputedExpired, .rejectedFinal:
            return true
        default:
            return false
        }
    }

    /// What the status asks of the partner, and which deadline that must meet (docs/rules.md#deadlines);
    /// `nil` deadline kind for terminal statuses.
    public var action: (action: ClaimAction, deadline: DeadlineKind?) {
        switch self {
        case .customerClaimed: return (.sendConsentEmail, .consent)
        case .awaitingConsent: return (.resendConsentEmail, .consent)
        case .consentReceived: return (.submitClaim, .submit)
        case .partnerActionRequired: return (.resubmitClaim, .review)
        case .rejected: return (.disputeClaim, .dispute)
        case .submitted, .underReview, .disputed: return (.none, .review)
        default: return (.none, nil)
        }
    }
}

/// What a claim (or a known customer) asks of the partner.
public enum ClaimAction: String, CaseIterable, Sendable, Hashable {
    case sendConsentEmail, resendConsentEmail, submitClaim, resubmitClaim, disputeClaim, claimCustomer, none
}

/// The four deadlines of a claim.
public enum DeadlineKind: String, CaseIterable, Sendable, Hashable {
    case consent, submit, review, dispute
}

/// A claim's deadlines computed so far.
public struct Deadlines: Hashable, Sendable {
    /// `createdOn` + consent days.
    public var consent: Day?
    /// Consent day + submit days.
    public var submit: Day?
    /// Consent day + review days, or dispute day + dispute days after a dispute.
    public var review: Day?
    /// First rejection day + dispute days.
    public var dispute: Day?

    /// Deadlines.
    public init(consent: Day? = nil, submit: Day? = nil, review: Day? = nil, dispute: Day? = nil) {
        self.consent = consent
        self.submit = submit
        self.review = review
        self.dispute = dispute
    }

    /// The deadline of a kind.
    public subscript(kind: DeadlineKind) -> Day? {
        switch kind {
        case .consent: return consent
        case .submit: return submit
        case .review: return review
        case .dispute: return dispute
        }
    }
}

/// An engagement's timeline in days: the activity's defaults with its overrides applied.
public struct Timeline: Hashable, Sendable {
    /// Days from creation to the consent deadline.
    public var consent: Int
    /// Days from consent to the submit deadline.
    public var submit: Int
    /// Days from consent to the review deadline.
    public var review: Int
    /// Days from rejection to the dispute deadline (and from a dispute to the reset review deadline).
    public var dispute: Int

    /// Microsoft's published maximums per activity (docs/rules.md#timeline).
    public static func defaults(for activity: Activity) -> Timeline {
        switch activity {
        case .assessment: return Timeline(consent: 30, submit: 60, review: 90, dispute: 30)
        case .workshop: return Timeline(consent: 30, submit: 90, review: 120, dispute: 30)
        case .projectXS, .projectS: return Timeline(consent: 30, submit: 120, review: 150, dispute: 30)
        case .projectM: return Timeline(consent: 30, submit: 200, review: 230, dispute: 30)
        case .projectL, .projectXL, .projectXXL: return Timeline(consent: 30, submit: 260, review: 290, dispute: 30)
        }
    }

    /// The engagement's timeline: defaults for its activity, overridden where it says so.
    public init(for engagement: Engagement) {
        let base = Timeline.defaults(for: engagement.activity)
        let o = engagement.timeline
        self.init(
            consent: o.consent ?? base.consent, submit: o.submit ?? base.submit,
            review: o.review ?? base.review, dispute: o.dispute ?? base.dispute)
    }

    /// A timeline.
    public init(consent: Int, submit: Int, review: Int, dispute: Int) {
        self.consent = consent
        self.submit = submit
        self.review = review
        self.dispute = dispute
    }

    /// Days of a kind.
    public subscript(kind: DeadlineKind) -> Int {
        switch kind {
        case .consent: return consent
        case .submit: return submit
        case .review: return review
        case .dispute: return dispute
        }
    }
}
