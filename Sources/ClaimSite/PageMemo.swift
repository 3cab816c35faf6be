import ClaimModel
import Crypto
import Foundation
import LinkCheck
import OutputFiles
import TypedMustache

/// The SHA-256 of a page's view model (`FieldTable.write`), or of what all pages of a build
/// are rendered with (the binary and the templates).
struct PageDigest: Hashable, Sendable {
    var words: (UInt64, UInt64, UInt64, UInt64)

    static let zero = PageDigest(words: (0, 0, 0, 0))

    /// The SHA-256 of `bytes`.
    init(of bytes: UnsafeRawBufferPointer) {
        self.init(SHA256.hash(data: bytes))
    }

    /// A SHA-256 digest.
    init(_ digest: SHA256.Digest) {
        words = digest.withUnsafeBytes {
            (
                $0.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
                $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                $0.loadUnaligned(fromByteOffset: 16, as: UInt64.self),
                $0.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
            )
        }
    }

    init(words: (UInt64, UInt64, UInt64, UInt64)) { self.words = words }

    static func == (a: PageDigest, b: PageDigest) -> Bool { a.words == b.words }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
    }
}

/// What the last build rendered, so the next one renders only the pages whose view model
/// changed (docs/output.md, Cache): for each page, the digest of its view model, the hash of
/// the file it gave (as the output's manifest records it) and what that file says about links
/// (`LinkCheck.PageLinks`), so a page that is kept is still link-checked against this build's
/// files. A page is kept only when the memo was made with the same binary and templates, its
/// view model's digest is the same and the output still holds the file with that hash.
///
/// Strings, links and id sets are stored once each in tables that entries point into; a build
/// that changed few pages appends to the tables instead of rebuilding them.
public final class PageMemo: @unchecked Sendable {
    /// A page as it was rendered.
    struct Entry: Sendable {
        var digest: PageDigest
        /// The file's hash, as the output sink recorded it. Held by the entry, not the string
        /// table: it is the page's own (interning 100,000 of them cost a second of a cold build).
        var fileHash: String
        /// The page's ids (a set of the id-set table).
        var ids: UInt32
        /// The page's links into the output (links of the link table).
        var links: [UInt32]
    }

    /// A link of the link table: strings of the table, `none` for an absent file or fragment.
    struct Link: Sendable, Hashable {
        var target: UInt32, file: UInt32, fragment: UInt32
    }

    static let none = UInt32.max

    /// What the pages were rendered with (binary and templates).
    let context: PageDigest
    private(set) var strings: [String]
    private(set) var links: [Link]
    private(set) var idSets: [[UInt64]]
    /// The pages, by path.
    private(set) var entries: [String: Entry]
    /// How many links were appended since the tables were last rebuilt: the tables are
    /// rebuilt once this passes a tenth of them, so what old builds left stays small.
    private(set) var appended: Int
    /// The tables' indexes, once `index()` made them, until a builder takes them.
    private var indexes: Indexes?
    private let indexLock = NSLock()

    /// Each string, link and id set of the tables to its number (the first, where one repeats).
    struct Indexes {
        var strings: [ByteKey: UInt32] = [:]
        var links: [Link: UInt32] = [:]
        var idSets: [[UInt64]: UInt32] = [:]
    }

    init(
        context: PageDigest, strings: [String] = [], links: [Link] = [], idSets: [[UInt64]] = [],
        entries: [String: Entry] = [:], appended: Int = 0
    ) {
        self.context = context
        self.strings = strings
        self.links = links
        self.idSets = idSets
        self.entries = entries
        self.appended = appended
    }

    /// An empty memo: every page is rendered.
    public static let empty = PageMemo(context: .zero)

    /// How many pages it holds.
    public var count: Int { entries.count }

    /// What this build's files make of each link of the memo, worked out once per link of the
    /// table rather than once per page that has it (`check(_:_:with:)`).
    struct LinkVerdicts: Sendable {
        enum Verdict: Sendable {
            case fine
            case broken
            /// Leads to a page of the output, whose ids must include this hash.
            case fragment(UInt64)
        }

        let verdicts: [Verdict]
        /// The id sets of the memo, each sorted.
        let ids: [[UInt64]]
    }

    /// The verdicts of every link of the memo against the files of this build (`existing`),
    /// as `LinkCheck.check` would give them.
    func verdicts(existing: Set<String>) -> LinkVerdicts {
        let verdicts = links.map { link -> LinkVerdicts.Verdict in
            guard link.file != PageMemo.none, existing.contains(strings[Int(link.file)]) else { return .broken }
            guard link.fragment != PageMemo.none, strings[Int(link.file)].hasSuffix(".html") else { return .fine }
            let fragment = strings[Int(link.fragment)]
            return fragment.isEmpty ? .fine : .fragment(LinkCheck.hash(fragment))
        }
        return LinkVerdicts(verdicts: verdicts, ids: idSets.map { $0.sorted() })
    }

    /// The link check of the kept page at `path`: what `LinkCheck.check` gives for its file.
    func check(_ path: String, _ entry: Entry, with verdicts: LinkVerdicts) -> LinkCheck.PageResult {
        var result = LinkCheck.PageResult(path: path, ids: verdicts.ids[Int(entry.ids)], broken: [], fragments: [])
        for index in entry.links {
            switch verdicts.verdicts[Int(index)] {
            case .fine: continue
            case .broken:
                result.broken.append(
                    "broken link in \(path): '\(strings[Int(links[Int(index)].target)])' leads to no file of the output"
                )
            case .fragment(let id):
                let link = links[Int(index)]
                result.fragments.append(
                    LinkCheck.Fragment(file: strings[Int(link.file)], id: id, fragment: strings[Int(link.fragment)]))
            }
        }
        return result
    }

    // MARK: the next memo

    /// Makes the memo of a build while its pages render, from any thread: a rendered page's
    /// links go into the tables at once, so a build never holds them all as strings. The tables
    /// start as the previous memo's (kept pages point into them); what is added is appended,
    /// each once (and not at all when the previous memo was indexed, `PageMemo.index()`, and
    /// holds it). When more than a tenth of the tables were appended since they were last
    /// rebuilt (what old pages no longer use is left in them), `finish` rebuilds them.
    final class Builder: @unchecked Sendable {
        let context: PageDigest
        private let previous: PageMemo
        private let lock = NSLock()
        private var interner: Interner

        /// A builder for a build with `context` that keeps pages of `previous` (made with the
        /// same context; else pass `.empty`).
        init(context: PageDigest, previous: PageMemo) {
            self.context = context
            self.previous = previous
            interner = Interner(previous)
            if let indexes = previous.takeIndexes() {
                interner.stringIndex = indexes.strings
                interner.linkIndex = indexes.links
                interner.idSetIndex = indexes.idSets
            }
        }

        /// The entry of a page rendered anew.
        func entry(digest: PageDigest, fileHash: String, links: LinkCheck.PageLinks) -> Entry {
            lock.lock()
            defer { lock.unlock() }
            return interner.add(digest: digest, fileHash: fileHash, links)
        }

        /// The entry of a page rendered anew at `path`, whose bytes are `bytes`: its links are
        /// read from the bytes and most are looked up by them (`RawLinkTable`); only a link not
        /// seen before is made into strings and resolved. The same links and ids as
        /// `LinkCheck.links` gives.
        func entry(digest: PageDigest, fileHash: String, page path: String, bytes: UnsafeRawBufferPointer) -> Entry {
            var bytesOfPath = path
            return bytesOfPath.withUTF8 { page in
                // Read before the lock: the page workers wait for each other only for the lookups.
                let raw = LinkCheck.rawLinks(bytes)
                let keys = raw.values.map { value in
                    RawLinkTable.Key(
                        page: UnsafeRawBufferPointer(page),
                        value: UnsafeRawBufferPointer(rebasing: bytes[value.start..<(value.start + value.count)]),
                        hash: value.hash)
                }
                lock.lock()
                defer { lock.unlock() }
                return interner.add(digest: digest, fileHash: fileHash, page: path, keys, ids: raw.ids)
            }
        }

        /// The tables as they are now, without entries: the entries of kept pages and those
        /// `entry` gave point into them, so `verdicts` and `check` of these tables check them.
        func tables() -> PageMemo {
            lock.lock()
            defer { lock.unlock() }
            return PageMemo(
                context: context, strings: interner.strings, links: interner.links, idSets: interner.idSets)
        }

        /// The memo of every page of the build (kept entries and those of `entry`).
        func finish(_ pages: [(path: String, entry: Entry)]) -> PageMemo {
            lock.lock()
            defer { lock.unlock() }
            var entries: [String: Entry] = [:]
            entries.reserveCapacity(pages.count)
            for page in pages { entries[page.path] = page.entry }
            let appended =
                previous.entries.isEmpty ? 0 : previous.appended + (interner.links.count - previous.links.count)
            let out = PageMemo(
                context: context, strings: interner.strings, links: interner.links, idSets: interner.idSets,
                entries: entries, appended: appended)
            return appended * 10 > max(out.links.count, 1) ? out.compacted() : out
        }
    }

    /// Makes the tables' indexes, for the builder of the next memo to take (`Builder`): with
    /// them, a page rendered anew points to what the tables hold instead of appending it again,
    /// so the tables grow only by what is new. A build makes them while the site loads.
    func index() {
        var made = Indexes()
        made.strings.reserveCapacity(strings.count)
        for (i, string) in strings.enumerated() where made.strings[ByteKey(string)] == nil {
            made.strings[ByteKey(string)] = UInt32(i)
        }
        made.links.reserveCapacity(links.count)
        for (i, link) in links.enumerated() where made.links[link] == nil { made.links[link] = UInt32(i) }
        made.idSets.reserveCapacity(idSets.count)
        for (i, set) in idSets.enumerated() where made.idSets[set] == nil { made.idSets[set] = UInt32(i) }
        indexLock.lock()
        indexes = made
        indexLock.unlock()
    }

    /// The indexes `index()` made, handed over once.
    fileprivate func takeIndexes() -> Indexes? {
        indexLock.lock()
        defer { indexLock.unlock() }
        let taken = indexes
        indexes = nil
        return taken
    }

    /// The same memo with tables that hold only what its entries use.
    func compacted() -> PageMemo {
        var interner = Interner(.empty)
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(self.entries.count)
        for (path, entry) in self.entries.sorted(by: { $0.key.precedesByUTF8($1.key) }) {
            entries[path] = interner.add(self, entry)
        }
        return PageMemo(
            context: context, strings: interner.strings, links: interner.links, idSets: interner.idSets,
            entries: entries, appended: 0)
    }

    /// Adds strings, links and id sets to a memo's tables, each once.
    private struct Interner {
        var strings: [String]
        var links: [Link]
        var idSets: [[UInt64]]
        /// By the strings' bytes: hashed and compared faster than `String`'s Unicode rules.
        var stringIndex: [ByteKey: UInt32] = [:]
        var linkIndex: [Link: UInt32] = [:]
        var idSetIndex: [[UInt64]: UInt32] = [:]
        /// Plain link values of new pages (`RawLinkTable.Key`), to their link.
        var rawLinks = RawLinkTable()
        /// Old string and link numbers mapped to new ones (`add(_:_:)`).
        var stringMap: [UInt32] = [], linkMap: [UInt32] = [], idSetMap: [UInt32] = []

        /// Tables that start as `memo`'s: what is added is appended (each once); what they
        /// hold already is looked up only through indexes given to the builder.
        init(_ memo: PageMemo) {
            strings = memo.strings
            links = memo.links
            idSets = memo.idSets
        }

        mutating func string(_ s: String) -> UInt32 {
            let key = ByteKey(s)
            if let i = stringIndex[key] { return i }
            let i = UInt32(strings.count)
            strings.append(s)
            stringIndex[key] = i
            return i
        }

        mutating func link(_ l: Link) -> UInt32 {
            if let i = linkIndex[l] { return i }
            let i = UInt32(links.count)
            links.append(l)
            linkIndex[l] = i
            return i
        }

        /// A page's link into the output, its strings in the string table.
        mutating func link(_ l: LinkCheck.LocalLink) -> UInt32 {
            link(
                Link(
                    target: string(l.target), file: l.file.map { string($0) } ?? PageMemo.none,
                    fragment: l.fragment.map { string($0) } ?? PageMemo.none))
        }

        mutating func idSet(_ s: [UInt64]) -> UInt32 {
            if let i = idSetIndex[s] { return i }
            let i = UInt32(idSets.count)
            idSets.append(s)
            idSetIndex[s] = i
            return i
        }

        /// A new page.
        mutating func add(digest: PageDigest, fileHash: String, _ pageLinks: LinkCheck.PageLinks) -> Entry {
            let refs = pageLinks.links.map { link($0) }
            return Entry(digest: digest, fileHash: fileHash, ids: idSet(pageLinks.ids), links: refs)
        }

        /// A new page at `path`: its link values (`RawLinkTable.Key`s) and its ids' hashes.
        mutating func add(
            digest: PageDigest, fileHash: String, page path: String, _ keys: [RawLinkTable.Key], ids: [UInt64]
        ) -> Entry {
            var refs: [UInt32] = []
            refs.reserveCapacity(keys.count)
            // Repeats are found among the links so far; on a page with many, through a set.
            var seen: Set<UInt32>? = keys.count > 32 ? Set(minimumCapacity: keys.count) : nil
            for key in keys {
                // A link to an id of its own page (`#main`, on every page) is fine as long as the
                // page is kept, whatever else changes: not recorded, or every page would add a
                // string (its path) and a link of its own to the tables.
                if LinkCheck.namesOwnID(key.value, ids: ids) { continue }
                var found = rawLinks.find(key)
                if found == nil {
                    // Seen for the first time: resolved as `LinkCheck.links` resolves it.
                    let target = LinkCheck.target(key.value)
                    guard case .local(let file, let fragment) = LinkCheck.destination(of: target, from: path) else {
                        continue  // another scheme
                    }
                    let made = link(LinkCheck.LocalLink(target: target, file: file, fragment: fragment))
                    rawLinks.insert(key, made)  // kept only when plain
                    found = made
                }
                // Each link once, in the order of first appearance (as `LinkCheck.links`).
                guard let found else { continue }
                if seen?.insert(found).inserted ?? !refs.contains(found) { refs.append(found) }
            }
            return Entry(digest: digest, fileHash: fileHash, ids: idSet(ids), links: refs)
        }

        /// A kept page of `old`, moved into these tables.
        mutating func add(_ old: PageMemo, _ entry: Entry) -> Entry {
            if stringMap.isEmpty {
                stringMap = [UInt32](repeating: PageMemo.none, count: old.strings.count)
                linkMap = [UInt32](repeating: PageMemo.none, count: old.links.count)
                idSetMap = [UInt32](repeating: PageMemo.none, count: old.idSets.count)
            }
            func mapString(_ i: UInt32) -> UInt32 {
                if i == PageMemo.none { return i }
                if stringMap[Int(i)] == PageMemo.none { stringMap[Int(i)] = string(old.strings[Int(i)]) }
                return stringMap[Int(i)]
            }
            let refs = entry.links.map { i -> UInt32 in
                if linkMap[Int(i)] == PageMemo.none {
                    let l = old.links[Int(i)]
                    linkMap[Int(i)] = link(
                        Link(target: mapString(l.target), file: mapString(l.file), fragment: mapString(l.fragment)))
                }
                return linkMap[Int(i)]
            }
            if idSetMap[Int(entry.ids)] == PageMemo.none {
                idSetMap[Int(entry.ids)] = idSet(old.idSets[Int(entry.ids)])
            }
            return Entry(
                digest: entry.digest, fileHash: entry.fileHash, ids: idSetMap[Int(entry.ids)], links: refs)
        }

    }
}

/// The pages one build may keep from the previous output, and the memo it leaves for the next
/// (`PortalBuild.render(..., pages:)`).
public final class PageReuse: @unchecked Sendable {
    /// The memo of the previous build.
    public let previous: PageMemo
    /// What besides the templates decides how a view model renders (the binary's identity).
    public let salt: String
    /// The key of every input but the claim files (`Fingerprint.Keys.site`), or `nil`: with it,
    /// the pages made from one claim, customer, engagement or location and the status lists are
    /// keyed by their inputs (`PageInputKeys`) instead of their view models.
    public let siteKey: String?
    /// The pieces of the last build's exports, and where this build's go (with `siteKey` only).
    public let pieces: PieceCache?
    /// The memo of this build, encoded for the cache (`PageMemo.encoded`), once it rendered
    /// every page; worked out on a thread of its own.
    var nextEncoded: Background<[UInt8]>?
    /// How many pages were kept and how many rendered.
    public internal(set) var kept = 0, rendered = 0
    /// How many view models were made, and how many pages had an input key (`PageInputKeys`).
    public internal(set) var viewModels = 0, keyedByInputs = 0

    /// Reuse of the pages in `previous`, rendered with the binary `salt` names; pages keyed by
    /// their inputs, and export pieces copied from `pieces`, when `siteKey` is given.
    public init(previous: PageMemo, salt: String, siteKey: String? = nil, pieces: PieceCache? = nil) {
        self.previous = previous
        self.salt = salt
        self.siteKey = siteKey
        self.pieces = pieces
    }

    /// What all pages are rendered with: the salt and every template (name and text).
    func context(templates: [String: String]) -> PageDigest {
        var bytes: [UInt8] = []
        ViewModelBytes.text("claimsite pages 1", into: &bytes)
        ViewModelBytes.text(salt, into: &bytes)
        let names = templates.keys.sorted { $0.precedesByUTF8($1) }
        ViewModelBytes.count(names.count, into: &bytes)
        for name in names {
            ViewModelBytes.text(name, into: &bytes)
            ViewModelBytes.text(templates[name]!, into: &bytes)
        }
        return bytes.withUnsafeBytes { PageDigest(of: $0) }
    }
}
