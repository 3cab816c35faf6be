import ClaimModel

/// Who reads the output, and therefore what it may show (docs/rules.md#audiences).
public struct Audience: Hashable, Sendable {
    /// The readers' roles.
    public var roles: [AudienceRole]

    /// An audience of `roles`; empty means the default, `[incentivesUser]`.
    public init(_ roles: [AudienceRole]) {
        self.roles = roles.isEmpty ? [.incentivesUser] : roles
    }

    /// Contact details are published only to readers with an incentives role.
    public var showsContacts: Bool { roles.contains(.incentivesAdmin) || roles.contains(.incentivesUser) }

    /// Referral links are live only for referral admins.
    public var showsReferralLinks: Bool { roles.contains(.referralsAdmin) }
}
