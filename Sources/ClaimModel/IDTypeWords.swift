/// The words people read for an ID type (docs/rules.md#eligibility).
extension CustomerIDType {
    /// The type's name for people: "Domain", "Tenant ID", "TPID", "Azure subscription ID",
    /// "MSX opportunity ID".
    public var label: String {
        switch self {
        case .domain: return "Domain"
        case .tenantId: return "Tenant ID"
        case .tpid: return "TPID"
        case .subscriptionId: return "Azure subscription ID"
        case .msxOpportunityId: return "MSX opportunity ID"
        }
    }

    /// `labels` joined as people list them: "A", "A and B", "A, B and C".
    public static func listed(_ types: [CustomerIDType]) -> String {
        let labels = types.map(\.label)
        guard labels.count > 1 else { return labels.first ?? "" }
        return labels.dropLast().joined(separator: ", ") + " and " + labels.last!
    }
}
