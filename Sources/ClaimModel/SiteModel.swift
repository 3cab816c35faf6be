/// Everything read from a site folder, in input order, before any rule is applied.
public struct SiteModel: Sendable, Equatable {
    /// `site.yaml`; `nil` when it is missing or broken (an error says why).
    public var settings: SiteSettings?
    /// Engagements, sorted by file name.
    public var engagements: [Engagement] = []
    /// Locations in file order.
    public var locations: [Location] = []
    /// Customers in file order.
    public var customers: [Customer] = []
    /// Domain → tenant ID (both lower-cased), by the domain's bytes.
    public var directory: [ByteKey: String] = [:]
    /// Eligibility lists in file order.
    public var eligibility: [EligibilityList] = []
    /// Opportunities in file order.
    public var opportunities: [Opportunity] = []
    /// Users in file order; `nil` when `users.yaml` does not exist.
    public var users: [User]? = nil
    /// Claims in file order (claim files by name, then order inside a file).
    public var claims: [Claim] = []
    /// Markdown pages sorted by file name.
    public var pages: [Page] = []
    /// Records that were written but could not be read (an error says why), as `KIND:ID`, or
    /// `KIND:*` when a whole file could not be read; references to them are not reported again.
    public var unreadable: Set<ByteKey> = []

    /// An empty model.
    public init() {}
}
