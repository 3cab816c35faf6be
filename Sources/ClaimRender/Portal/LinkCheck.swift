import ClaimModel
import Foundation

/// Checks every internal link of the rendered pages: each relative `href` or `src` must name
/// a file of the output (and a `#fragment` an `id` on that page). A broken one is an error.
enum LinkCheck {
    /// What is left to check of one page once its own links were checked: the hashes of its
    /// ids, and its links to fragments of other pages.
    struct PageResult: Sendable {
        var path: String
        var ids: Set<UInt64>
        var broken: [String]
        var fragments: [(file: String, id: UInt64, target: String)]
    }

    /// Checks the links of a rendered page against the files of the output (`existing`).
    static func check(_ path: String, bytes: UnsafeRawBufferPointer, existing: Set<String>) -> PageResult {
        let buffer = bytes.bindMemory(to: UInt8.self)
        var result = PageResult(path: path, ids: [], broken: [], fragments: [])
        for id in scan(buffer, names: [Array(" id=\"".utf8)]) { result.ids.insert(hash(id)) }
        var seen = Set<String>()
        for target in scan(buffer, names: [Array(" href=\"".utf8), Array(" src=\"".utf8)]) where seen.insert(target).inserted {
            if target.hasPrefix("http:") || target.hasPrefix("https:") || target.hasPrefix("mailto:") { continue }
            if target.utf8.contains(UInt8(ascii: ":")) && !target.hasPrefix("#") { continue }
            let hashIndex = target.firstIndex(of: "#")
            let pathPart = hashIndex.map { String(target[..<$0]) } ?? target
            let file = pathPart.isEmpty ? path : resolve(pathPart, from: path)
            guard let file, existing.contains(file) else {
                result.broken.append("broken link in \(path): '\(target)' leads to no file of the output")
                continue
            }
            guard let hashIndex, file.hasSuffix(".html") else { continue }
            let fragment = String(target[target.index(after: hashIndex)...])
            if !fragment.isEmpty { result.fragments.append((file, hash(fragment), target)) }
        }
        return result
    }

    /// The problems of all pages, with every fragment checked against its page's ids.
    static func finish(_ pages: [PageResult]) -> [Diagnostic] {
        let ids = Dictionary(pages.map { ($0.path, $0.ids) }, uniquingKeysWith: { a, _ in a })
        var messages: [String] = []
        for page in pages {
            messages += page.broken
            for fragment in page.fragments where ids[fragment.file]?.contains(fragment.id) != true {
                messages.append("broken link in \(page.path): '\(fragment.target)' names no id on \(fragment.file)")
            }
        }
        return messages.sorted { $0.precedesByUTF8($1) }.map { .error(.brokenLink, at: nil, $0) }
    }

    static func hash(_ text: String) -> UInt64 { Array(text.utf8).withUnsafeBytes { ContentHash.of($0) } }

    /// The values of the attributes starting with one of `names` (` href="`), HTML-unescaped for `&amp;`.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, names: [[UInt8]]) -> [String] {
        var out: [String] = []
        var i = 0
        let count = bytes.count
        while i < count {
            guard bytes[i] == 0x20 else { i += 1; continue }
            var matched: [UInt8]?
            for name in names where i + name.count <= count {
                var k = 1
                while k < name.count && bytes[i + k] == name[k] { k += 1 }
                if k == name.count { matched = name; break }
            }
            guard let name = matched else { i += 1; continue }
            let start = i + name.count
            var j = start
            while j < count && bytes[j] != 0x22 { j += 1 }
            let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<j]), as: UTF8.self)
            let hasEntity = UnsafeBufferPointer(rebasing: bytes[start..<j]).contains(UInt8(ascii: "&"))
            out.append(hasEntity ? value.replacingOccurrences(of: "&amp;", with: "&") : value)
            i = j
        }
        return out
    }

    /// `target` resolved against the folder of `page`, or `nil` when it leaves the output.
    static func resolve(_ target: String, from page: String) -> String? {
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
    static func hasDotOrEmptySegment(_ path: Substring) -> Bool {
        var length = 0, onlyDots = true
        func segmentEnds() -> Bool { length == 0 || (onlyDots && length <= 2) }
        for byte in path.utf8 {
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

    static func resolveSlowly(_ target: String, from page: String) -> String? {
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
