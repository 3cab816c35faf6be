import ClaimModel

/// The outcome of checking one ID against an engagement's eligibility (SPEC section 4).
public enum IDCheck: Hashable, Sendable {
    /// The ID is eligible.
    case eligible
    /// The engagement does not accept IDs of this type.
    case typeNotAccepted
    /// A domain that is not in `directory.yaml`, so its tenant cannot be checked.
    case domainNotInDirectory
    /// The ID (for a domain: its tenant) is not on the engagement's list.
    case notListed(checked: TypedID)

    /// Why the ID failed, in words, or `nil` when it is eligible.
    public func reason(for id: TypedID, engagement: Engagement) -> String? {
        switch self {
        case .eligible:
            return nil
        case .typeNotAccepted:
            let accepted = engagement.customerIdTypes.map(\.rawValue).joined(separator: ", ")
            return "\(id.type.rawValue) \(id.value): this engagement does not accept \(id.type.rawValue) IDs (it accepts \(accepted))"
        case .domainNotInDirectory:
            return "domain \(id.value): not in directory.yaml, so its tenant cannot be checked"
        case .notListed(let checked):
            if checked != id {
                return "domain \(id.value): its tenant \(checked.value) is not on this engagement's eligibility list"
            }
            return "\(id.type.rawValue) \(id.value): not on this engagement's eligibility list"
        }
    }
}

/// Eligibility of IDs and known customers for an engagement (SPEC section 4).
public enum Eligibility {
    /// Checks `id` for `engagement`: its type must be accepted; a domain is turned into its
    /// tenant through the directory and the tenant is checked; any other ID is checked as given.
    public static func check(_ id: TypedID, for engagement: Engagement, index: SiteIndex) -> IDCheck {
        guard engagement.customerIdTypes.contains(id.type) else { return .typeNotAccepted }
        var checked = id
        if id.type == .domain {
            guard let tenant = index.model.directory[id.value] else { return .domainNotInDirectory }
            checked = TypedID(type: .tenantId, value: tenant)
        }
        let list = index.eligibility[engagement.id]
        return list?.contains(checked) == true ? .eligible : .notListed(checked: checked)
    }

    /// The verdict on a known customer for an engagement.
    public struct CustomerVerdict: Hashable, Sendable {
        /// The candidates that were checked, in order.
        public var candidates: [TypedID]
        /// The first eligible candidate.
        public var qualifyingID: TypedID?
        /// The first candidate and why it failed, when none qualifies.
        public var failure: String?
    }

    /// Checks a known customer's candidates for `engagement`; the first eligible one qualifies.
    public static func verdict(candidates: [TypedID], for engagement: Engagement, index: SiteIndex) -> CustomerVerdict {
        for candidate in candidates where check(candidate, for: engagement, index: index) == .eligible {
            return CustomerVerdict(candidates: candidates, qualifyingID: candidate, failure: nil)
        }
        guard let first = candidates.first else {
            return CustomerVerdict(candidates: [], qualifyingID: nil, failure: "no ID on record that this engagement accepts")
        }
        let failure = check(first, for: engagement, index: index).reason(for: first, engagement: engagement)
        return CustomerVerdict(candidates: candidates, qualifyingID: nil, failure: failure)
    }
}
