import Foundation
import OutputFiles

/// Checks every internal link of the rendered pages: each relative `href` or `src` must name
/// a file of the output (and a `#fragment` an `id` on that page). A broken one is an error.
package enum LinkCheck {
    /// What is left to check of one page once its own links were checked: the hashes of its
    /// ids, and its links to fragments of other pages.
    /// It is kept for every page until all are rendered, so it holds no text of its own where
    /// it can share it: the ids as a sorted array, a fragment's file as the string of the set
    /// of output files, and a fragment's name (short, usually stored inline) instead of the link.
    package struct PageResult: Sendable {
        package var path: String
        /// The hashes of the page's ids, sorted, each once.
        package var ids: [UInt64]
        package var broken: [String]
        package var fragments: [Fragment]

        package init(path: String, ids: [UInt64], broken: [String], fragments: [Fragment]) {
            (self.path, self.ids, self.broken, self.fragments) = (path, ids, broken, fragments)
        }
    }

    /// A link to an `id` on another page (or on its own): the file, the hash of the id and the
    /// id as written after `#`.
    package struct Fragment: Sendable, Equatable {
        package var file: String
        package var id: UInt64
        package var fragment: String

        package init(file: String, id: UInt64, fragment: String) {
            (self.file, self.id, self.fragment) = (file, id, fragment)
        }

        /// The link from `page`: `#FRAGMENT` on the page itself, else the file's path relative
        /// to `page` and `#FRAGMENT` (as the portal writes its links).
        package func link(from page: String) -> String {
            if file == page { return "#" + fragment }
            let depth = page.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }
            return String(repeating: "../", count: depth) + file + "#" + fragment
        }
    }

    /// What a page's bytes say about links, found without looking at any other file: the
    /// hashes of its ids, and each distinct link into the output (in order) with where it
    /// leads. A page rendered from the same view model says the same (`PageMemo` keeps it).
    package struct PageLinks: Sendable, Equatable {
        /// The hashes of the page's `id`s, sorted, each once.
        package var ids: [UInt64]
        /// The links into the output (not those leading elsewhere), each target once.
        package var links: [LocalLink]
    }

    /// A link into the output: as written, the file it leads to (`nil`: it leaves the
    /// output), and the fragment after `#`, if any.
    package struct LocalLink: Sendable, Hashable {
        package var target: String
        package var file: String?
        package var fragment: String?

        package init(target: String, file: String?, fragment: String?) {
            (self.target, self.file, self.fragment) = (target, file, fragment)
        }
    }

    /// The ids and links of a rendered page at `path`.
    package static func links(_ path: String, bytes: UnsafeRawBufferPointer) -> PageLinks {
        let buffer = bytes.bindMemory(to: UInt8.self)
        let ids = idHashes(bytes)
        var links: [LocalLink] = []
        var seen = Set<String>()
        for target in scan(buffer, names: [Array(" href=\"".utf8), Array(" src=\"".utf8)])
        where seen.insert(target).inserted {
            guard case .local(let file, let fragment) = destination(of: target, from: path) else { continue }
            links.append(LocalLink(target: target, file: file, fragment: fragment))
        }
        return PageLinks(ids: ids, links: links)
    }

    /// What a page's bytes say about links, as places in the bytes rather than strings (for
    /// `PageMemo`, which looks most links up by their bytes): the hashes of its ids as `links`
    /// gives them, and every `href` and `src` value in order, repeats included.
    package struct RawLinks {
        /// The hashes of the page's ids, sorted, each once.
        package var ids: [UInt64]
        /// Each value: where it starts and how long it is, and the `ContentHash` of its bytes.
        package var values: [(start: Int, count: Int, hash: UInt64)]
    }

    /// The ids and link values of a rendered page, found as `links` finds them.
    package static func rawLinks(_ bytes: UnsafeRawBufferPointer) -> RawLinks {
        var values: [(start: Int, count: Int, hash: UInt64)] = []
        places(bytes.bindMemory(to: UInt8.self), names: [Array(" href=\"".utf8), Array(" src=\"".utf8)]) {
            start, end in
            values.append((start, end - start, ContentHash.of(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))))
        }
        return RawLinks(ids: idHashes(bytes), values: values)
    }

    /// Whether `value`, a link value on a page whose ids' hashes are `ids` (sorted), is a `#`
    /// and nothing or an id of that page: a link `check` finds fine on that page, whatever
    /// other files there are. Only values of ASCII without `&` are judged; any other is not.
    package static func namesOwnID(_ value: UnsafeRawBufferPointer, ids: [UInt64]) -> Bool {
        guard value.first == UInt8(ascii: "#"), value.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "&") }) else {
            return false
        }
        let fragment = UnsafeRawBufferPointer(rebasing: value[1...])
        return fragment.isEmpty || contains(ids, ContentHash.of(fragment))
    }

    /// The hashes of a page's ids (`hash` of each, `&amp;` read as `&`), sorted, each once. A page
    /// has a few dozen ids: hashed from its bytes, sorted in an array, without a set.
    static func idHashes(_ bytes: UnsafeRawBufferPointer) -> [UInt64] {
        var ids: [UInt64] = []
        places(bytes.bindMemory(to: UInt8.self), names: [Array(" id=\"".utf8)]) { start, end in
            let value = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            ids.append(value.contains(UInt8(ascii: "&")) ? hash(target(value)) : ContentHash.of(value))
        }
        ids.sort()
        var unique = 0
        for k in ids.indices where unique == 0 || ids[unique - 1] != ids[k] {
            ids[unique] = ids[k]
            unique += 1
        }
        ids.removeLast(ids.count - unique)
        return ids
    }

    /// A link value as `links` reads it: its bytes, with `&amp;` unescaped.
    package static func target(_ value: UnsafeRawBufferPointer) -> String {
        let text = String(decoding: value, as: UTF8.self)
        return value.contains(UInt8(ascii: "&")) ? text.replacingOccurrences(of: "&amp;", with: "&") : text
    }

    /// Checks the links of a rendered page against the files of the output (`existing`).
    package static func check(_ path: String, bytes: UnsafeRawBufferPointer, existing: Set<String>) -> PageResult {
        check(path, links(path, bytes: bytes), existing: existing)
    }

    /// Checks the links of the page at `path`, as `links` gives them, against the files of the
    /// output (`existing`).
    package static func check(_ path: String, _ links: PageLinks, existing: Set<String>) -> PageResult {
        var result = PageResult(path: path, ids: links.ids, broken: [], fragments: [])
        for link in links.links {
            guard let file = link.file, let known = existing.firstIndex(of: file) else {
                result.broken.append("broken link in \(path): '\(link.target)' leads to no file of the output")
                continue
            }
            guard let fragment = link.fragment, file.hasSuffix(".html") else { continue }
            // The set's own string: one copy of each path, however many pages link to it.
            if !fragment.isEmpty {
                result.fragments.append(Fragment(file: existing[known], id: hash(fragment), fragment: fragment))
            }
        }
        return result
    }

    /// Where a link leads: elsewhere (another scheme), or a file of the output (`nil` when the
    /// path leaves the output) with the fragment after `#`, if any.
    package enum Destination: Equatable {
        case elsewhere
        case local(file: String?, fragment: String?)
    }

    /// Where `target`, a link on `page`, leads: read byte by byte for an ASCII link (the usual
    /// case), else by `slowDestination`, which gives the same for ASCII.
    package static func destination(of target: String, from page: String) -> Destination {
        var bytesOfTarget = target
        return bytesOfTarget.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return slowDestination(of: target, from: page) }
            func starts(_ prefix: StaticString) -> Bool {
                bytes.count >= prefix.utf8CodeUnitCount
                    && memcmp(bytes.baseAddress!, prefix.utf8Start, prefix.utf8CodeUnitCount) == 0
            }
            if starts("http:") || starts("https:") || starts("mailto:") { return .elsewhere }
            let hash = bytes.firstIndex(of: UInt8(ascii: "#"))
            if bytes.contains(UInt8(ascii: ":")) && hash != 0 { return .elsewhere }
            let fragment = hash.map {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[($0 + 1)...]), as: UTF8.self)
            }
            var rest = UnsafeBufferPointer(rebasing: bytes[..<(hash ?? bytes.count)])
            if rest.isEmpty { return .local(file: page, fragment: fragment) }
            var up = 0
            while rest.count >= 3 && rest[rest.startIndex] == UInt8(ascii: ".")
                && rest[rest.startIndex + 1] == UInt8(ascii: ".")
                && rest[rest.startIndex + 2] == UInt8(ascii: "/")
            {
                rest = UnsafeBufferPointer(rebasing: rest[(rest.startIndex + 3)...])
                up += 1
            }
            let restText = Substring(decoding: rest, as: UTF8.self)
            guard !rest.contains(UInt8(ascii: "%")), rest.first != UInt8(ascii: "/"), !hasDotOrEmptySegment(restText)
            else {
                let pathPart = String(
                    decoding: UnsafeBufferPointer(rebasing: bytes[..<(hash ?? bytes.count)]), as: UTF8.self)
                return .local(file: resolveSlowly(pathPart, from: page), fragment: fragment)
            }
            var folder = page.utf8[...]
            folder = folder.lastIndex(of: UInt8(ascii: "/")).map { folder[..<$0] } ?? folder.prefix(0)
            for _ in 0..<up {
                if folder.isEmpty { return .local(file: nil, fragment: fragment) }
                folder = folder.lastIndex(of: UInt8(ascii: "/")).map { folder[..<$0] } ?? folder.prefix(0)
            }
            return .local(
                file: folder.isEmpty ? String(restText) : "\(Substring(folder))/\(restText)", fragment: fragment)
        }
    }

    /// Where `target` leads, read by characters (any link).
    package static func slowDestination(of target: String, from path: String) -> Destination {
        if target.hasPrefix("http:") || target.hasPrefix("https:") || target.hasPrefix("mailto:") { return .elsewhere }
        if target.utf8.contains(UInt8(ascii: ":")) && !target.hasPrefix("#") { return .elsewhere }
        let hashIndex = target.firstIndex(of: "#")
        let pathPart = hashIndex.map { String(target[..<$0]) } ?? target
        let file = pathPart.isEmpty ? path : resolve(pathPart, from: path)
        return .local(file: file, fragment: hashIndex.map { String(target[target.index(after: $0)...]) })
    }

    /// The broken links of all pages, each in a sentence, with every fragment checked against
    /// its page's ids; sorted by their UTF-8 bytes.
    package static func finish(_ pages: [PageResult]) -> [String] {
        let ids = Dictionary(pages.map { ($0.path, $0.ids) }, uniquingKeysWith: { a, _ in a })
        var messages: [String] = []
        for page in pages {
            messages += page.broken
            for fragment in page.fragments where ids[fragment.file].map({ contains($0, fragment.id) }) != true {
                messages.append(
                    "broken link in \(page.path): '\(fragment.link(from: page.path))' names no id on \(fragment.file)")
            }
        }
        return messages.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Whether `sorted` (ascending) holds `value`.
    static func contains(_ sorted: [UInt64], _ value: UInt64) -> Bool {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count && sorted[low] == value
    }

    /// The hash an id is compared by, on the page that has it and in the links to it.
    package static func hash(_ text: String) -> UInt64 { Array(text.utf8).withUnsafeBytes { ContentHash.of($0) } }

    /// The values of the attributes starting with one of `names` (` href="`), HTML-unescaped for
    /// `&amp;`, in order, each found after the end of the value before. Each name is a space, a
    /// word, `=` and `"`: the scan jumps from one `=` to the next (`memchr`) and looks back.
    package static func scan(_ bytes: UnsafeBufferPointer<UInt8>, names: [[UInt8]]) -> [String] {
        var out: [String] = []
        places(bytes, names: names) { start, end in
            out.append(target(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<end]))))
        }
        return out
    }

    /// The places (start and end) of the values `scan` finds, in order.
    static func places(
        _ bytes: UnsafeBufferPointer<UInt8>, names: [[UInt8]], _ each: (_ start: Int, _ end: Int) -> Void
    ) {
        guard let base = bytes.baseAddress else { return }
        var i = 0
        let count = bytes.count
        var e = 0
        while e < count, let found = memchr(base + e, Int32(UInt8(ascii: "=")), count - e) {
            e = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            var matched: [UInt8]?
            for name in names {
                // `=` is the name's last but one byte.
                let p = e - (name.count - 2)
                guard p >= i, p + name.count <= count else { continue }
                var k = 0
                while k < name.count && bytes[p + k] == name[k] { k += 1 }
                if k == name.count { matched = name; break }
            }
            guard let name = matched else { e += 1; continue }
            let start = e - (name.count - 2) + name.count
            var j = start
            while j < count && bytes[j] != 0x22 { j += 1 }
            each(start, j)
            i = j
            e = j
        }
    }

    /// `target` resolved against the folder of `page`, or `nil` when it leaves the output.
    package static func resolve(_ target: String, from page: String) -> String? {
        // The common case, `../../claims/X.html`: leading `../` steps and a plain rest.
        var rest = Substring(target)
        var up = 0
        while rest.hasPrefix("../") { rest = rest.dropFirst(3); up += 1 }
        if !rest.utf8.contains(UInt8(ascii: "%")) && !rest.hasPrefix("/") && !LinkCheck.hasDotOrEmptySegment(rest) {
            var folder = Substring(page)
            folder = folder.lastIndex(of: "/").map { folder[..<$0] } ?? ""
            for _ in 0..<up {
                if folder.isEmpty { return nil }
                folder = folder.lastIndex(of: "/").map { folder[..<$0] } ?? ""
            }
            return folder.isEmpty ? String(rest) : "\(folder)/\(rest)"
        }
        return resolveSlowly(target, from: page)
    }

    /// Whether a path has a `.` or `..` segment, or an empty one.
    package static func hasDotOrEmptySegment(_ path: Substring) -> Bool {
        var path = path
        return path.withUTF8 { hasDotOrEmptySegment(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// `hasDotOrEmptySegment` of a path's UTF-8 bytes. Not generic: a generic form is not
    /// specialized for callers in other modules, and ran byte by byte through witness tables.
    package static func hasDotOrEmptySegment(bytes path: UnsafeRawBufferPointer) -> Bool {
        var length = 0, onlyDots = true
        func segmentEnds() -> Bool { length == 0 || (onlyDots && length <= 2) }
        for byte in path {
            if byte == UInt8(ascii: "/") {
                if segmentEnds() { return true }
                length = 0
                onlyDots = true
            } else {
                length += 1
                if byte != UInt8(ascii: ".") { onlyDots = false }
            }
        }
        return segmentEnds()
    }

    package static func resolveSlowly(_ target: String, from page: String) -> String? {
        var parts = page.split(separator: "/").dropLast().map(String.init)
        let decoded = target.utf8.contains(UInt8(ascii: "%")) ? (target.removingPercentEncoding ?? target) : target
        for component in decoded.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": guard !parts.isEmpty else { return nil }; parts.removeLast()
            default: parts.append(String(component))
            }
        }
        return parts.joined(separator: "/")
    }
}
