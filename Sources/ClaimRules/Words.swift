import ClaimModel

/// The one place where codes become the words people read (docs/output.md, "Words on pages"):
/// statuses by Microsoft's names, actions, reasons, ID types, activities, pay, origins, events,
/// deadlines, audience roles and referral kinds. Pages, emails, the calendar, CSV label columns,
/// `explain` and `nominate` all take their words from here; machine-read values (report.json
/// codes, `--json`, CSV code columns, HTML attributes) keep the codes.
public enum Words {
    /// Partner Center's name for a status.
    public static func status(_ status: ClaimStatus) -> String {
        switch status {
        case .customerClaimed: return "Customer claimed"
        case .awaitingConsent: return "Awaiting customer consent response"
        case .consentReceived: return "Customer consent received"
        case .consentDeclined: return "Customer consent declined"
        case .consentExpired: return "Customer consent expired"
        case .canceled: return "Canceled"
        case .notSubmittedExpired: return "Not submitted expired"
        case .submitted: return "Submitted"
        case .underReview: return "Under review"
        case .partnerActionRequired: return "Partner action required"
        case .postSubmissionExpired: return "Post submission expired"
        case .approved: return "Approved"
        case .rejected: return "Rejected"
        case .disputed: return "Disputed"
        case .disputedExpired: return "Disputed expired"
        case .rejectedFinal: return "Rejected final"
        }
    }

    /// What the partner must do; `none` is "—".
    public static func action(_ action: ClaimAction) -> String {
        switch action {
        case .sendConsentEmail: return "Send consent email"
        case .resendConsentEmail: return "Resend consent email"
        case .submitClaim: return "Submit claim"
        case .resubmitClaim: return "Resubmit claim"
        case .disputeClaim: return "Dispute claim"
        case .claimCustomer: return "Claim customer"
        case .none: return "—"
        }
    }

    /// Why a known customer is on the Ineligible tab.
    public static func reason(_ reason: IneligibleReason) -> String {
        switch reason {
        case .criteriaNotMet: return "Eligibility criteria not met"
        case .claimLimitReached: return "Claim limit reached"
        case .noEligibleLocation: return "No eligible location"
        }
    }

    /// Why `claimsite nominate` refuses an ID.
    public static func reason(_ reason: NominationReason) -> String {
        switch reason {
        case .noEligibleLocation: return "No eligible location"
        case .idTypeNotAccepted: return "ID type not accepted"
        case .cannotCheck: return "Cannot be checked"
        case .criteriaNotMet: return "Eligibility criteria not met"
        case .claimLimitReached: return "Claim limit reached"
        }
    }

    /// An ID type: "Domain", "Tenant ID", "TPID", "Azure subscription ID", "MSX opportunity ID".
    public static func idType(_ type: CustomerIDType) -> String {
        switch type {
        case .domain: return "Domain"
        case .tenantId: return "Tenant ID"
        case .tpid: return "TPID"
        case .subscriptionId: return "Azure subscription ID"
        case .msxOpportunityId: return "MSX opportunity ID"
        }
    }

    /// ID types as people list them: "Domain, Tenant ID and TPID".
    public static func idTypes(_ types: [CustomerIDType]) -> String { listed(types.map(idType)) }

    /// An ID with its type: "Tenant ID 0f8fad5b-…".
    public static func id(_ id: TypedID) -> String { "\(idType(id.type)) \(id.value)" }

    /// An activity: "Workshop", "Project (M)".
    public static func activity(_ activity: Activity) -> String {
        switch activity {
        case .assessment: return "Assessment"
        case .workshop: return "Workshop"
        case .projectXS: return "Project (XS)"
        case .projectS: return "Project (S)"
        case .projectM: return "Project (M)"
        case .projectL: return "Project (L)"
        case .projectXL: return "Project (XL)"
        case .projectXXL: return "Project (XXL)"
        }
    }

    /// "Fixed pay" or "Variable pay".
    public static func pay(_ pay: PayKind) -> String { pay == .fixed ? "Fixed pay" : "Variable pay" }

    /// How a claim came about: by *Add customer* or *Claim customer*.
    public static func origin(_ origin: Origin) -> String {
        origin == .added ? "Added (Add customer)" : "Claimed (Claim customer)"
    }

    /// What an event records.
    public static func event(_ type: EventType) -> String {
        switch type {
        case .consentRequested: return "Consent requested"
        case .consentReminderSent: return "Consent reminder sent"
        case .consentAccepted: return "Customer accepted consent"
        case .consentDeclined: return "Customer declined consent"
        case .canceled: return "Claim canceled"
        case .submitted: return "Claim submitted"
        case .reviewStarted: return "Microsoft started the review"
        case .actionRequired: return "Microsoft asked for partner action"
        case .approved: return "Claim approved"
        case .rejected: return "Claim rejected"
        case .disputed: return "Rejection disputed"
        }
    }

    /// A deadline's name in a sentence: "consent", "submit", "review", "dispute".
    public static func deadline(_ kind: DeadlineKind) -> String {
        switch kind {
        case .consent: return "consent"
        case .submit: return "submit"
        case .review: return "review"
        case .dispute: return "dispute"
        }
    }

    /// A deadline's name as a heading: "Consent", "Submit", "Review", "Dispute".
    public static func deadlineTitle(_ kind: DeadlineKind) -> String {
        let word = deadline(kind)
        return word.prefix(1).uppercased() + word.dropFirst()
    }

    /// A reader's role: "Incentives admin", "Incentives user", "Referrals admin", "Viewer".
    public static func role(_ role: AudienceRole) -> String {
        switch role {
        case .incentivesAdmin: return "Incentives admin"
        case .incentivesUser: return "Incentives user"
        case .referralsAdmin: return "Referrals admin"
        case .viewer: return "Viewer"
        }
    }

    /// A user's Partner Center role.
    public static func role(_ role: UserRole) -> String {
        switch role {
        case .incentivesAdmin: return "Incentives admin"
        case .incentivesUser: return "Incentives user"
        case .referralsAdmin: return "Referrals admin"
        }
    }

    /// "Co-sell" or "Partner-led".
    public static func referral(_ kind: ReferralFacts.Kind) -> String { kind == .coSell ? "Co-sell" : "Partner-led" }

    /// The Customers page's tabs.
    public static func tab(_ tab: ClaimTab) -> String {
        switch tab {
        case .eligible: return "Eligible"
        case .completed: return "Completed"
        }
    }

    /// Why an ID failed its check for `engagement`, in a sentence; `nil` when it is eligible.
    /// "MSX opportunity ID 7-A89998E9: this engagement accepts Domain, Tenant ID, TPID and Azure
    /// subscription ID".
    public static func idCheck(_ check: IDCheck, for id: TypedID, engagement: Engagement) -> String? {
        switch check {
        case .eligible:
            return nil
        case .typeNotAccepted:
            return "\(Words.id(id)): this engagement accepts \(idTypes(engagement.customerIdTypes))"
        case .domainNotInDirectory:
            return "\(Words.id(id)): not in the directory (directory.yaml), so its tenant cannot be checked"
        case .notListed(let checked):
            if checked != id {
                return "\(Words.id(id)): its tenant \(checked.value) is not on this engagement's eligibility list"
            }
            return "\(Words.id(id)): not on this engagement's eligibility list"
        }
    }

    /// Words joined as people list them: "A", "A and B", "A, B and C".
    public static func listed(_ words: [String]) -> String {
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " and " + words.last!
    }
}

// The `label` of each code, for call sites that read better with it; each is the word above.

extension ClaimStatus {
    /// Partner Center's name for the status (`Words.status`).
    public var label: String { Words.status(self) }
}

extension ClaimAction {
    /// What the partner must do (`Words.action`); `none` is "—".
    public var label: String { Words.action(self) }
}

extension IneligibleReason {
    /// The reason in words (`Words.reason`).
    public var label: String { Words.reason(self) }
}

extension NominationReason {
    /// The reason in words (`Words.reason`).
    public var label: String { Words.reason(self) }
}

extension ReferralFacts.Kind {
    /// "Co-sell" or "Partner-led" (`Words.referral`).
    public var label: String { Words.referral(self) }
}

extension CustomerIDType {
    /// The type's name for people (`Words.idType`).
    public var label: String { Words.idType(self) }
}
