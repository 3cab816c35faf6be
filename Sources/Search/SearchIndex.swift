import Foundation
import OutputFiles

/// The offline search index of the portal (docs/output.md, Search): every claim and customer
/// with what it is found by, split into plain `<script>` files under `search/` that the
/// portal's `assets/search.js` loads as a query needs them (no `fetch`, which `file://` blocks).
///
/// - `search/manifest.js`: how many records, how many per records file, and the keys of the
///   shards of identifiers (`i`) and of words (`w`). Every page loads it (small: keys only).
/// - `search/r-N.js`: records `N × chunk ..< (N + 1) × chunk`, each
///   `[kind, id, label, detail, path]` (kind `c` claim, `u` customer; path from the output root).
/// - `search/i-HEX.js`: whole identifiers (folded), `search/w-HEX.js`: words of names (folded),
///   each with the numbers of its records; a shard holds the tokens that start with its key
///   (HEX: the key's UTF-8 bytes). A key is the first character of its tokens; a shard larger
///   than `shardLimit` bytes is split by one more character, again and again (tokens no longer
///   than its key stay in it).
///
/// Only what every page shows the audience is indexed: claim IDs, friendly names, customer and
/// engagement names, referral IDs, the ID a claim was nominated with, and a customer's ID,
/// name, domains, tenant IDs and TPID. No contact's name, email or phone is ever indexed.
public struct SearchIndex: Sendable {
    /// A claim or customer as a result shows it.
    public struct Record: Sendable, Equatable {
        /// `c` for a claim, `u` for a customer.
        public var kind: String
        public var id: String
        public var label: String
        public var detail: String
        /// The page, relative to the output root.
        public var path: String

        /// A record of `kind` for the page at `path`.
        public init(kind: String, id: String, label: String, detail: String, path: String) {
            (self.kind, self.id, self.label, self.detail, self.path) = (kind, id, label, detail, path)
        }
    }

    /// The records, claims first (by ID bytes), then customers (by ID bytes): each as it is
    /// written in a records file, `[kind,id,label,detail,path]`, one after another.
    private var recordBytes: [UInt8] = []
    /// Where each record ends in `recordBytes`.
    private var recordEnds: [Int] = []
    /// The records (their numbers) of each whole identifier, folded.
    public private(set) var identifiers: [String: [Int]] = [:]
    /// The records (their numbers) of each word of a name, folded.
    public private(set) var words: [String: [Int]] = [:]

    /// How many records a records file holds.
    public static let chunk = 500
    /// A token shard larger than this (bytes) is split by one more character.
    public static let shardLimit = 64 * 1024
    /// Where the files go, below the output root.
    public static let folder = "search"

    /// The folded words of each name seen so far (customer and engagement names repeat on every
    /// claim, so each is folded once).
    private var cache: [String: [String]] = [:]

    /// An empty index.
    public init() {}

    /// How many records the index holds.
    public var recordCount: Int { recordEnds.count }

    /// Record `number` as its records file holds it: `[kind,id,label,detail,path]`.
    public func recordJSON(_ number: Int) -> ArraySlice<UInt8> {
        recordBytes[(number == 0 ? 0 : recordEnds[number - 1])..<recordEnds[number]]
    }

    /// The folded words of `text`, from `cache` when seen before (customer and engagement names
    /// repeat on every claim, so each is folded once).
    private static func wordsOf(_ text: String, cache: inout [String: [String]]) -> [String] {
        if let words = cache[text] { return words }
        let words = SearchText.words(SearchText.fold(text))
        if cache.count < 100_000 { cache[text] = words }
        return words
    }

    /// Adds a record found by its whole `identifiers` and by the words of `names`.
    public mutating func add(_ record: Record, identifiers ids: [String], words names: [String]) {
        var piece: [UInt8] = []
        appendPiece(record, identifiers: ids, words: names, to: &piece)
        piece.withUnsafeBytes { add(piece: $0) }
    }

    /// Appends to `out` what the index takes of a record (`add(piece:)`): its bytes in a records
    /// file, and its tokens — its whole `identifiers` and the words of `names`, folded, each
    /// once. A build keeps these pieces, so that a record whose inputs did not change is not
    /// folded and written again (docs/output.md, Cache).
    public mutating func appendPiece(
        _ record: Record, identifiers ids: [String], words names: [String], to out: inout [UInt8]
    ) {
        var json: [UInt8] = [UInt8(ascii: "[")]
        SearchIndex.appendJoined([record.kind, record.id, record.label, record.detail, record.path], to: &json) {
            SearchIndex.appendString($0, to: &$1)
        }
        json.append(UInt8(ascii: "]"))
        // A record has a few identifiers and words: each is looked for among those before it
        // (the same `==` a set would use), without a set made for every record.
        var seenIDs: [String] = [], seenWords: [String] = []
        for identifier in ids {
            let whole = SearchText.whole(identifier)
            guard !whole.isEmpty, !seenIDs.contains(whole) else { continue }
            seenIDs.append(whole)
        }
        for text in names {
            for word in SearchIndex.wordsOf(text, cache: &cache) where !seenWords.contains(word) {
                seenWords.append(word)
            }
        }
        func count(_ n: Int) {
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: n).littleEndian) { out.append(contentsOf: $0) }
        }
        count(json.count)
        out += json
        for list in [seenIDs, seenWords] {
            count(list.count)
            for token in list {
                count(token.utf8.count)
                out.append(contentsOf: token.utf8)
            }
        }
    }

    /// Adds the record a piece holds (`appendPiece`), found by its tokens.
    public mutating func add(piece: UnsafeRawBufferPointer) {
        let number = recordEnds.count
        var at = 0
        func count() -> Int {
            defer { at += 4 }
            return Int(UInt32(littleEndian: piece.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
        }
        func bytes() -> UnsafeRawBufferPointer {
            let length = count()
            defer { at += length }
            return UnsafeRawBufferPointer(rebasing: piece[at..<(at + length)])
        }
        recordBytes.append(contentsOf: bytes())
        recordEnds.append(recordBytes.count)
        for _ in 0..<count() { identifiers[String(decoding: bytes(), as: UTF8.self), default: []].append(number) }
        for _ in 0..<count() { words[String(decoding: bytes(), as: UTF8.self), default: []].append(number) }
    }

    /// The files of the index, by path below the output root (`search/...`), in a fixed order.
    public func files() -> [(path: String, bytes: [UInt8])] {
        var out: [(String, [UInt8])] = []
        let chunk = SearchIndex.chunk
        let recordFiles = (recordCount + chunk - 1) / chunk
        for n in 0..<recordFiles {
            var js = Array("ClaimSiteSearch.records(\(n),[".utf8)
            SearchIndex.appendJoined((n * chunk)..<min(recordCount, (n + 1) * chunk), to: &js) { r, js in
                js += recordJSON(r)
            }
            js += Array("]);\n".utf8)
            out.append(("\(SearchIndex.folder)/r-\(n).js", js))
        }
        var keys: [String: [String]] = [:]
        for (prefix, postings) in [("i", identifiers), ("w", words)] {
            let shards = SearchIndex.shard(
                postings.keys.sorted(by: SearchIndex.precedes), postings: postings)
            keys[prefix] = shards.map(\.key)
            for (key, tokens) in shards {
                var js = Array("ClaimSiteSearch.shard(\"\(prefix)\",".utf8)
                SearchIndex.appendString(key, to: &js)
                js += Array(",{".utf8)
                SearchIndex.appendJoined(tokens, to: &js) { token, js in
                    SearchIndex.appendString(token, to: &js)
                    js += Array(":[".utf8)
                    SearchIndex.appendJoined(postings[token]!, to: &js) { SearchIndex.appendNumber($0, to: &$1) }
                    js.append(UInt8(ascii: "]"))
                }
                js += Array("});\n".utf8)
                out.append(("\(SearchIndex.folder)/\(prefix)-\(SearchIndex.hex(key)).js", js))
            }
        }
        var manifest = Array("ClaimSiteSearch.manifest({\"records\":\(recordCount),\"chunk\":\(chunk)".utf8)
        for prefix in ["i", "w"] {
            manifest += Array(",\"\(prefix)\":[".utf8)
            SearchIndex.appendJoined(keys[prefix]!, to: &manifest) { SearchIndex.appendString($0, to: &$1) }
            manifest.append(UInt8(ascii: "]"))
        }
        manifest += Array("});\n".utf8)
        out.append(("\(SearchIndex.folder)/manifest.js", manifest))
        return out
    }

    /// The shards: keys (in order) and their tokens. Keys are one character long, longer where
    /// a shard would pass `shardLimit`.
    package static func shard(_ tokens: [String], postings: [String: [Int]]) -> [(key: String, tokens: [String])] {
        // Each token's size and length in characters, worked out once. A token of ASCII without
        // a carriage return has one character per byte (only "\r\n" joins two ASCII bytes into
        // one character), so its prefixes are cut by bytes; others by characters.
        struct Token {
            let text: String
            let size: Int
            let characters: Int
            let bytewise: Bool
        }
        /// Whether two tokens cut by bytes have the same key at `depth` (their first `depth`
        /// bytes, or all of a shorter one), found without making the keys.
        func sameKey(_ a: Token, _ b: Token, _ depth: Int) -> Bool {
            let count = min(depth, a.characters)
            guard count == min(depth, b.characters) else { return false }
            return a.text.utf8.prefix(count).elementsEqual(b.text.utf8.prefix(count))
        }
        let all = tokens.map { token -> Token in
            var text = token
            let bytewise = text.withUTF8 { $0.allSatisfy { $0 < 0x80 && $0 != 0x0D } }
            return Token(
                text: token, size: token.utf8.count + 4 + postings[token]!.count * 6,
                characters: bytewise ? token.utf8.count : token.count, bytewise: bytewise)
        }
        func key(_ token: Token, _ depth: Int) -> String {
            token.bytewise
                ? String(decoding: token.text.utf8.prefix(depth), as: UTF8.self) : String(token.text.prefix(depth))
        }
        func split(_ items: [Int], depth: Int) -> [(key: String, items: [Int])] {
            var groups: [(key: String, items: [Int])] = []
            var index: [String: Int] = [:]
            // Tokens come sorted by their bytes, so those cut by bytes with one key come one
            // after another: such a token joins the group of the token before it.
            var previous: (item: Int, group: Int)?
            for item in items {
                if all[item].bytewise, let (before, group) = previous, sameKey(all[before], all[item], depth) {
                    groups[group].items.append(item)
                    continue
                }
                let key = key(all[item], depth)
                let group: Int
                if let i = index[key] {
                    group = i
                    groups[i].items.append(item)
                } else {
                    group = groups.count
                    index[key] = group
                    groups.append((key, [item]))
                }
                previous = all[item].bytewise ? (item, group) : nil
            }
            var out: [(key: String, items: [Int])] = []
            for group in groups {
                let bytes = group.items.reduce(0) { $0 + all[$1].size }
                let longer = group.items.filter { all[$0].characters > depth }
                guard bytes > shardLimit, depth < 12, !longer.isEmpty else {
                    out.append(group)
                    continue
                }
                let short = group.items.filter { all[$0].characters <= depth }
                if !short.isEmpty { out.append((group.key, short)) }
                out += split(longer, depth: depth + 1)
            }
            return out
        }
        return split(Array(all.indices), depth: 1)
            .sorted { SearchIndex.precedes($0.key, $1.key) }
            .map { ($0.key, $0.items.map { all[$0].text }) }
    }

    /// Whether `a`'s UTF-8 bytes sort before `b`'s (byte by byte, a prefix first): the order of
    /// tokens and shard keys.
    package static func precedes(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { pa in
            b.utf8.withContiguousStorageIfAvailable { pb -> Bool in
                let common = min(pa.count, pb.count)
                let order = common == 0 ? 0 : memcmp(pa.baseAddress!, pb.baseAddress!, common)
                return order != 0 ? order < 0 : pa.count < pb.count
            }
        }
        return (fast ?? nil) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// A JavaScript string literal of `text` (JSON's escaping, and `<` and U+2028/9 escaped so
    /// the file is safe in any context).
    package static func appendString(_ text: String, to out: inout [UInt8]) {
        // Printable ASCII without a quote, backslash or `<` (most names and IDs) goes as it is.
        var copy = text
        let plain = copy.withUTF8 { bytes -> Bool in
            guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C && $0 != 0x3C }) else {
                return false
            }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: bytes)
            out.append(UInt8(ascii: "\""))
            return true
        }
        if plain { return }
        out.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += Array("\\\"".utf8)
            case "\\": out += Array("\\\\".utf8)
            case "<": out += Array("\\u003c".utf8)
            case "\u{2028}": out += Array("\\u2028".utf8)
            case "\u{2029}": out += Array("\\u2029".utf8)
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                } else {
                    out += Array(String(scalar).utf8)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// `items`, each written by `each`, separated by commas.
    package static func appendJoined<Items: Sequence>(
        _ items: Items, to out: inout [UInt8],
        _ each: (Items.Element, inout [UInt8]) -> Void
    ) {
        var first = true
        for item in items {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            each(item, &out)
        }
    }

    /// The decimal digits of a record number (not negative).
    package static func appendNumber(_ number: Int, to out: inout [UInt8]) {
        if number < 10 {
            out.append(UInt8(truncatingIfNeeded: 0x30 + number))
            return
        }
        appendNumber(number / 10, to: &out)
        out.append(UInt8(truncatingIfNeeded: 0x30 + number % 10))
    }

    /// The UTF-8 bytes of `key` as lowercase hex: a shard's file name.
    public static func hex(_ key: String) -> String {
        key.utf8.map { String(format: "%02x", $0) }.joined()
    }

    /// Writes the index's files into `sink`; returns their paths.
    public func write(to sink: OutputSink) -> [String] {
        files().map { file in
            sink.put(file.path, file.bytes)
            return file.path
        }
    }
}
