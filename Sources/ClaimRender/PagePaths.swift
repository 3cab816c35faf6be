import ClaimModel
import ClaimRules

/// Safe, stable file names for pages made from IDs (docs/output.md).
///
/// An ID of letters, digits, `.`, `_` and `-` that does not start with `.` keeps its name;
/// any other ID, and every ID whose name would clash with another's on a case-insensitive
/// file system, gets `SANITISED-HASH`, where HASH is a hash of the ID's UTF-8 bytes. IDs are
/// told apart by their bytes (docs/input-format.md, "Comparing IDs"): two IDs that differ only
/// in Unicode normalisation are two pages, in two files.
public struct PagePaths: Sendable {
    /// Each page's path by ID, made once (pages link to each other many times).
    private let claimPaths: [ByteKey: String]
    private let engagementPaths: [ByteKey: String]
    private let customerPaths: [ByteKey: String]
    private let pagePaths: [ByteKey: String]
    private let locationPaths: [ByteKey: String]

    /// Names for the IDs of every kind of page of `model`: the one set of paths a build uses.
    public init(_ model: SiteModel) {
        self.init(
            claims: model.claims.map(\.id), engagements: model.engagements.map(\.id),
            customers: model.customers.map(\.id), pages: model.pages.map(\.slug),
            locations: model.locations.map(\.id))
    }

    /// Names for the given IDs of each kind.
    public init(
        claims: [String], engagements: [String], customers: [String], pages: [String] = [],
        locations: [String] = []
    ) {
        claimPaths = PagePaths.paths(for: claims, "claims/", ".html")
        engagementPaths = PagePaths.paths(for: engagements, "engagements/", "/index.html")
        customerPaths = PagePaths.paths(for: customers, "customers/", ".html")
        pagePaths = PagePaths.paths(for: pages, "pages/", ".html")
        locationPaths = PagePaths.paths(for: locations, "locations/", ".html")
    }

    /// `pages/NAME.html`.
    public func page(_ slug: String) -> String { pagePaths[ByteKey(slug)] ?? "pages/\(PagePaths.hashed(slug)).html" }

    /// `claims/NAME.html`.
    public func claim(_ id: String) -> String { claimPaths[ByteKey(id)] ?? "claims/\(PagePaths.hashed(id)).html" }

    /// `engagements/NAME/index.html`.
    public func engagement(_ id: String) -> String {
        engagementPaths[ByteKey(id)] ?? "engagements/\(PagePaths.hashed(id))/index.html"
    }

    /// `customers/NAME.html`.
    public func customer(_ id: String) -> String {
        customerPaths[ByteKey(id)] ?? "customers/\(PagePaths.hashed(id)).html"
    }

    /// `locations/NAME.html`.
    public func location(_ id: String) -> String {
        locationPaths[ByteKey(id)] ?? "locations/\(PagePaths.hashed(id)).html"
    }

    /// The work list, `actions.html` (docs/output.md, The work list).
    public static let actions = "actions.html"
    /// The payouts page, `payouts.html` (docs/output.md, Payouts).
    public static let payouts = "payouts.html"
    /// Every row of the work list, `actions.csv`.
    public static let actionsCSV = "actions.csv"
    /// The claims with a status, `statuses/STATUS.html` (the status's code, docs/rules.md#statuses).
    public func status(_ status: ClaimStatus) -> String { "statuses/\(status.rawValue).html" }

    /// Safe names for a set of IDs of one kind. A plain ID (ASCII only) keeps its name unless
    /// another plain ID is the same after ASCII lower-casing (a case-insensitive file system
    /// would hold them in one file).
    /// Each page's path, `prefix`, its name and `suffix`, made in one pass over the IDs (a site
    /// has a hundred thousand claims); only when two plain IDs clash is a second pass needed.
    static func paths(for ids: [String], _ prefix: String, _ suffix: String) -> [ByteKey: String] {
        var result: [ByteKey: String] = [:]
        result.reserveCapacity(ids.count)
        // How many distinct plain IDs have each ASCII lower case.
        var lowered: [ByteKey: Int] = [:]
        lowered.reserveCapacity(ids.count)
        var clash = false
        for id in ids {
            let plain = isPlain(id)
            // An ID seen before (an error of the input) gets the same path and counts once.
            guard result.updateValue(prefix + (plain ? id : hashed(id)) + suffix, forKey: ByteKey(id)) == nil
            else { continue }
            guard plain else { continue }
            let low = ByteKey(id.asciiLowercased())
            let count = lowered[low, default: 0] + 1
            lowered[low] = count
            if count > 1 { clash = true }
        }
        guard clash else { return result }
        for id in result.keys where isPlain(id.string) && lowered[ByteKey(id.string.asciiLowercased())]! > 1 {
            result[id] = prefix + hashed(id.string) + suffix
        }
        return result
    }

    /// Whether an ID can be a file name as it is.
    static func isPlain(_ id: String) -> Bool {
        guard !id.isEmpty, !id.hasPrefix("."), id.utf8.count <= 200 else { return false }
        return id.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }
    }

    /// Lower-cased plain characters of the ID (others as `_`), then `-` and a 64-bit FNV-1a hash.
    /// Only ASCII letters are lower-cased, so the name depends on the bytes alone, never on the
    /// Unicode tables of the Swift runtime.
    static func hashed(_ id: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        var stem = String(
            id.asciiLowercased().unicodeScalars.prefix(40).map { s -> Character in
                let ok = ("a"..."z").contains(s) || ("0"..."9").contains(s) || s == "_" || s == "-"
                return ok ? Character(s) : "_"
            })
        if stem.isEmpty { stem = "id" }
        let hex = String(hash, radix: 16)
        return "\(stem)-\(String(repeating: "0", count: 16 - hex.count))\(hex)"
    }
}
