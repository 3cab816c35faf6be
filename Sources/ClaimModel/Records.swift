import Foundation

/// A partner location of the Microsoft AI Cloud Partner Program (`locations.yaml`).
public struct Location: Hashable, Sendable {
    /// The location ID.
    public var id: String
    /// Display name.
    public var name: String
    /// ISO country code, when given.
    public var country: String?
    /// Whether the location is registered for MCI; only registered ones may claim.
    public var mciRegistered: Bool
    /// Positions of the values.
    public var source: SourceMap

    /// A location.
    public init(id: String, name: String, country: String? = nil, mciRegistered: Bool, source: SourceMap) {
        self.id = id
        self.name = name
        self.country = country
        self.mciRegistered = mciRegistered
        self.source = source
    }
}

/// A customer and its IDs (`customers.yaml`).
public struct Customer: Hashable, Sendable {
    /// The key claims use.
    public var id: String
    /// Display name.
    public var name: String
    /// The domain of the customer's email addresses (lower-cased).
    public var emailDomain: String
    /// ISO country code, when given.
    public var country: String?
    /// The customer's domains (lower-cased); always includes `emailDomain`.
    public var domains: [String]
    /// Azure AD tenant IDs (lower-cased).
    public var tenantIds: [String]
    /// Top Parent ID, when known.
    public var tpid: String?
    /// Azure subscription IDs.
    public var subscriptionIds: [String]
    /// Whether the customer qualifies for a co-sell referral upgrade.
    public var coSellQualified: Bool
    /// Positions of the values.
    public var source: SourceMap

    /// A customer; `emailDomain` is added to `domains` when missing.
    public init(
        id: String, name: String, emailDomain: String, country: String? = nil,
        domains: [String] = [], tenantIds: [String] = [], tpid: String? = nil,
        subscriptionIds: [String] = [], coSellQualified: Bool = false, source: SourceMap
    ) {
        self.id = id
        self.name = name
        let emailDomain = emailDomain.asciiLowercased()
        self.emailDomain = emailDomain
        self.country = country
        var all = domains.map { $0.asciiLowercased() }
        if !all.contains(where: { $0.sameUTF8(emailDomain) }) { all.insert(emailDomain, at: 0) }
        self.domains = all
        self.tenantIds = tenantIds.map { $0.asciiLowercased() }
        self.tpid = tpid
        self.subscriptionIds = subscriptionIds
        self.coSellQualified = coSellQualified
        self.source = source
    }
}

/// The IDs Microsoft lists as eligible for one engagement (`eligibility.yaml`).
public struct EligibilityList: Hashable, Sendable {
    /// The engagement the list is for.
    public var engagement: String
    /// Eligible IDs by type (domains never appear: they are checked through their tenant).
    public var ids: [CustomerIDType: Set<ByteKey>]
    /// Active claims the customer holds with other partners, by ID.
    public var activeClaimsElsewhere: [TypedID: Int]
    /// What Partner Center shows for IDs that are not eligible for another partner's reason,
    /// by ID (docs/rules.md#verdicts); positions at `verdicts.TYPE:VALUE`.
    public var verdicts: [TypedID: Verdict]
    /// Positions of the values.
    public var source: SourceMap

    /// An eligibility list.
    public init(
        engagement: String, ids: [CustomerIDType: Set<ByteKey>] = [:],
        activeClaimsElsewhere: [TypedID: Int] = [:], verdicts: [TypedID: Verdict] = [:], source: SourceMap
    ) {
        self.engagement = engagement
        self.ids = ids
        self.activeClaimsElsewhere = activeClaimsElsewhere
        self.verdicts = verdicts
        self.source = source
    }

    /// Whether `id` is on the list (domains are never on it).
    public func contains(_ id: TypedID) -> Bool { ids[id.type]?.contains(ByteKey(id.value)) ?? false }
}

/// Why Partner Center shows an ID as not eligible because of another partner
/// (docs/rules.md#verdicts).
public enum Verdict: String, CaseIterable, Hashable, Sendable {
    /// The customer gave consent to another partner for the engagement.
    case consentGivenToAnotherPartner
    /// The customer already took part in the engagement with another partner.
    case participatedWithAnotherPartner
}

/// An MSX opportunity (`opportunities.yaml`), the nomination ID of variable pay.
public struct Opportunity: Hashable, Sendable {
    /// The opportunity ID.
    public var id: String
    /// The customer it belongs to.
    public var customer: String
    /// Estimated revenue, the base of `maxShareOfOpportunity`.
    public var estimatedRevenueUSD: Decimal
    /// Positions of the values.
    public var source: SourceMap

    /// An opportunity.
    public init(id: String, customer: String, estimatedRevenueUSD: Decimal, source: SourceMap) {
        self.id = id
        self.customer = customer
        self.estimatedRevenueUSD = estimatedRevenueUSD
        self.source = source
    }
}

/// A partner user (`users.yaml`).
public struct User: Hashable, Sendable {
    /// The user's email address (the key `createdBy` uses).
    public var email: String
    /// Display name, when given.
    public var name: String?
    /// Partner Center roles.
    public var roles: [UserRole]
    /// Positions of the values.
    public var source: SourceMap

    /// A user.
    public init(email: String, name: String? = nil, roles: [UserRole], source: SourceMap) {
        self.email = email
        self.name = name
        self.roles = roles
        self.source = source
    }
}

/// A Markdown page (`pages/SLUG.md`).
public struct Page: Hashable, Sendable {
    /// The file name without `.md`.
    public var slug: String
    /// The page's title.
    public var title: String
    /// Position in navigation; pages without come after, by title.
    public var order: Int?
    /// The Markdown body.
    public var body: String
    /// Positions of the front matter's values.
    public var source: SourceMap

    /// A page.
    public init(slug: String, title: String, order: Int? = nil, body: String, source: SourceMap) {
        self.slug = slug
        self.title = title
        self.order = order
        self.body = body
        self.source = source
    }
}
