/// The portal's settings from `Content/site.yaml` (docs/input-format.md).
public struct SiteSettings: Hashable, Sendable {
    /// The portal's title.
    public var title: String
    /// The partner's name.
    public var partnerName: String
    /// The partner's Partner Center ID, when given.
    public var partnerID: String?
    /// The as-of date written in the file, when given.
    public var asOf: Day?
    /// The readers' roles, when given (the default is `[incentivesUser]`).
    public var audience: [AudienceRole]?
    /// The referral deep-link pattern; `{id}` is replaced by the referral's ID.
    public var referralURL: String?
    /// The pattern of a claim's page in Partner Center, `https://…{id}…`; `{id}` is replaced by
    /// the claim's ID (docs/input-format.md, site.yaml).
    public var claimURL: String?
    /// Where the portal is published, for links in emails.
    public var baseURL: String?
    /// Email settings; without them no `summary.eml` is written.
    public var email: EmailSettings?
    /// Positions of the settings' values.
    public var source: SourceMap
    /// The language of the portal and the emails (`language`; default English).
    public var language: Language?

    /// Settings with the given values.
    public init(
        title: String, partnerName: String, partnerID: String? = nil, asOf: Day? = nil,
        audience: [AudienceRole]? = nil, referralURL: String? = nil, baseURL: String? = nil,
        email: EmailSettings? = nil, language: Language? = nil, claimURL: String? = nil, source: SourceMap
    ) {
        self.claimURL = claimURL
        self.language = language
        self.title = title
        self.partnerName = partnerName
        self.partnerID = partnerID
        self.asOf = asOf
        self.audience = audience
        self.referralURL = referralURL
        self.baseURL = baseURL
        self.email = email
        self.source = source
    }

    /// How many days ahead a deadline counts as due soon, when `site.yaml` does not say
    /// (`docs/rules.md#due-soon`).
    public static let defaultDueSoonDays = 7

    /// How many days ahead a deadline counts as due soon: `email.dueSoonDays`, else the default.
    public var dueSoonDays: Int { email?.dueSoonDays ?? SiteSettings.defaultDueSoonDays }
}

/// Where summaries are addressed.
public struct EmailSettings: Hashable, Sendable {
    /// The `From` header, for example `MCI portal <mci-portal@contoso.example>`.
    public var from: String?
    /// The recipients.
    public var to: [String]
    /// How many days ahead a deadline counts as due soon.
    public var dueSoonDays: Int

    /// Email settings.
    public init(from: String?, to: [String], dueSoonDays: Int = SiteSettings.defaultDueSoonDays) {
        self.from = from
        self.to = to
        self.dueSoonDays = dueSoonDays
    }
}
