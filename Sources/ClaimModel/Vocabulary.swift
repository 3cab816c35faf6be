/// The enumerations of the input format (docs/input-format.md). Raw values are the spellings used
/// in YAML and JSON.

/// What kind of partner activity an engagement is; it sets the default timeline.
public enum Activity: String, CaseIterable, Sendable, Hashable {
    case assessment, workshop, projectXS, projectS, projectM, projectL, projectXL, projectXXL
}

/// Fixed pay (a set amount) or variable pay (by hours, nominated by MSX opportunity only).
public enum PayKind: String, CaseIterable, Sendable, Hashable {
    case fixed, variable
}

/// The kinds of ID a customer can be nominated by.
public enum CustomerIDType: String, CaseIterable, Sendable, Hashable {
    case domain, tenantId, tpid, subscriptionId, msxOpportunityId

    /// The four types a fixed-pay engagement may accept.
    public static let fixedPayTypes: [CustomerIDType] = [.domain, .tenantId, .tpid, .subscriptionId]
}

/// How a claim came about: *Add customer* (by an ID) or *Claim customer* (a known customer).
public enum Origin: String, CaseIterable, Sendable, Hashable {
    case added, claimed
}

/// What happened to a claim on a day.
public enum EventType: String, CaseIterable, Sendable, Hashable {
    case consentRequested, consentReminderSent, consentAccepted, consentDeclined, canceled
    case submitted, reviewStarted, actionRequired, approved, rejected, disputed
}

/// The languages the portal and the emails are written in (docs/languages.md).
public enum Language: String, CaseIterable, Sendable, Hashable {
    case en, de

    /// The languages offered, for messages: "en, de".
    public static var offered: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// Roles a partner user holds in Partner Center.
public enum UserRole: String, CaseIterable, Sendable, Hashable {
    case incentivesAdmin, incentivesUser, referralsAdmin
}

/// Roles of the portal's readers: the user roles, plus `viewer` (no Partner Center role).
public enum AudienceRole: String, CaseIterable, Sendable, Hashable {
    case incentivesAdmin, incentivesUser, referralsAdmin, viewer
}

/// A customer ID of a given type, as nominated or listed (`domain:fabrikam.de`).
public struct TypedID: Hashable, Sendable, CustomStringConvertible {
    /// The kind of ID.
    public var type: CustomerIDType
    /// The value; domains and tenant IDs are lower-cased (they compare case-insensitively).
    public var value: String

    /// An ID of `type`; domains and tenant IDs are lower-cased.
    public init(type: CustomerIDType, value: String) {
        self.type = type
        self.value = TypedID.normalized(value, for: type)
    }

    /// `TYPE:VALUE`, the form `activeClaimsElsewhere` keys use.
    public var description: String { "\(type.rawValue):\(value)" }

    /// Domains and tenant IDs compare case-insensitively, so they are kept lower-cased (ASCII
    /// letters only: GUIDs are ASCII, and international domains are written in their `xn--`
    /// form; docs/input-format.md, "Comparing IDs").
    public static func normalized(_ value: String, for type: CustomerIDType) -> String {
        switch type {
        case .domain, .tenantId: return value.asciiLowercased()
        default: return value
        }
    }

    /// IDs compare by their UTF-8 bytes (docs/input-format.md, "Comparing IDs").
    public static func == (a: TypedID, b: TypedID) -> Bool { a.type == b.type && a.value.sameUTF8(b.value) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(ByteKey(value))
    }
}
