import ClaimModel

/// The English words the rules' own output says (docs/output.md, "Words for people"): statuses
/// by Microsoft's names (report.json's `statusLabel`, diagnostics), ID types, and why an ID
/// failed its check (the Ineligible `detail` of report.json, diagnostics, `nominate`). The
/// pages, emails, calendar, CSV label columns and `explain` take every word from the build
/// language's catalogue instead (docs/languages.md); a test holds the English catalogue to the
/// same words as these.
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

extension CustomerIDType {
    /// The type's name for people (`Words.idType`).
    public var label: String { Words.idType(self) }
}
