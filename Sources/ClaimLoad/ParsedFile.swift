import ClaimModel
import Foundation

/// Everything the loader takes from one input file: its records (with their source maps), the
/// diagnostics found while reading it (with code, record and position) and the records it marks
/// unreadable. It depends only on the file's path and bytes, so a cache can keep it by a hash of
/// the two and hand it back instead of parsing the file again (`ParseCache`).
public struct ParsedFile: Hashable, Sendable {
    /// The version of what a `ParsedFile` holds and of its binary encoding (`encoded()`).
    ///
    /// BUMP IT whenever a decoder changes what it makes of a file — a record field, a default,
    /// a diagnostic's code, message, record or position, an unreadable marker — or when a model
    /// type or the encoding changes: cache entries of another version are never read (the
    /// version is part of every cache key and of every cache file's header). Forgetting to bump
    /// it would hand out results of the old decoders for files that did not change.
    public static let formatVersion: UInt32 = 8

    /// The kind of file, which says what `content` holds.
    public enum Kind: UInt8, CaseIterable, Sendable {
        case settings, locations, customers, directory, eligibility, opportunities, users, claims, engagement, page
    }

    /// The records of the file, by kind.
    public enum Content: Hashable, Sendable {
        /// `site.yaml`: the settings, `nil` when they could not be read.
        case settings(SiteSettings?)
        case locations([Location])
        case customers([Customer])
        case directory([ByteKey: String])
        case eligibility([EligibilityList])
        case opportunities([Opportunity])
        case users([User])
        /// A claims file: its claims in file order.
        case claims([Claim])
        /// An engagement's Markdown file: the engagement, `nil` when it could not be read.
        case engagement(Engagement?)
        /// A page's Markdown file: the page, `nil` when it could not be read.
        case page(Page?)

        /// The kind of file it came from.
        public var kind: Kind {
            switch self {
            case .settings: .settings
            case .locations: .locations
            case .customers: .customers
            case .directory: .directory
            case .eligibility: .eligibility
            case .opportunities: .opportunities
            case .users: .users
            case .claims: .claims
            case .engagement: .engagement
            case .page: .page
            }
        }
    }

    /// The records read.
    public var content: Content
    /// The diagnostics of the file, in the order the decoder made them.
    public var diagnostics: [Diagnostic]
    /// Records of the file that could not be read, as `KIND:ID` (or `KIND:*`), in order.
    public var unreadable: [String]

    /// What one file gave.
    public init(content: Content, diagnostics: [Diagnostic] = [], unreadable: [String] = []) {
        self.content = content
        self.diagnostics = diagnostics
        self.unreadable = unreadable
    }
}

/// Where the loader keeps what each file gave (`ParsedFile`), so that a file whose bytes did not
/// change is not parsed again. ClaimLoad only asks and tells; the implementation decides the key
/// (a hash), where entries live and when they are dropped (ClaimSite keeps them on disk, in
/// `SITE/.claimsite-cache/`). Every method is called from several threads at once.
public protocol ParseCache: Sendable {
    /// The key of the file at `path` whose bytes are `bytes`. Two files may share a key only
    /// if they have the same path and the same bytes, and the key must include
    /// `ParsedFile.formatVersion`.
    func key(path: String, bytes: Data) -> String
    /// What decoding gave for `key`, or `nil` when it is not known (or its entry is damaged).
    func load(_ key: String) -> ParsedFile?
    /// Keeps what decoding gave for `key`. Failing to keep it is not an error.
    func store(_ file: ParsedFile, key: String)
}
