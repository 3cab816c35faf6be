import ClaimModel
import Foundation

/// Checks every internal link of the rendered pages: each relative `href` or `src` must name
/// a file of the output (and a `#fragment` an `id` on that page). A broken one is an error.
enum LinkCheck {
    static func run(_ files: [String: Data]) -> [Diagnostic] {
        // Phase 1, on all cores: each page's links must lead to files of the output.
        let pages = files.keys.filter { $0.hasSuffix(".html") }.sorted()
        let perPage = Parallel.map(pages.count) { i -> (errors: [String], fragments: [(file: String, id: String, target: String)]) in
            let page = pages[i]
            let links = files[page]!.withUnsafeBytes { raw in
                scan(raw.bindMemory(to: UInt8.self), names: [Array(" href=\"".utf8), Array(" src=\"".utf8)])
            }
            var errors: [String] = []
            var fragments: [(String, String, String)] = []
            var seen = Set<String>()
            for target in links where seen.insert(target).inserted {
                if target.hasPrefix("http:") || target.hasPrefix("https:") || target.hasPrefix("mailto:") { continue }
                if target.utf8.contains(UInt8(ascii: ":")) && !target.hasPrefix("#") { continue }
                let hash = target.firstIndex(of: "#")
                let pathPart = hash.map { String(target[..<$0]) } ?? target
                let file = pathPart.isEmpty ? page : resolve(pathPart, from: page)
                guard let file, files[file] != nil else {
                    errors.append("broken link in \(page): '\(target)' leads to no file of the output")
                    continue
                }
                if let hash, file.hasSuffix(".html") {
                    let fragment = String(target[target.index(after: hash)...])
                    if !fragment.isEmpty { fragments.append((file, fragment, target)) }
                }
            }
            return (errors, fragments)
        }
        // Phase 2: fragments must name an id on their page.
        let targets = Array(Set(perPage.flatMap { $0.fragments.map(\.file) })).sorted()
        let idSets = Parallel.map(targets.count) { i in
            Set(files[targets[i]]!.withUnsafeBytes { scan($0.bindMemory(to: UInt8.self), names: [Array(" id=\"".utf8)]) })
        }
        let ids = Dictionary(uniqueKeysWithValues: zip(targets, idSets))
        var messages: [String] = []
        for (page, result) in zip(pages, perPage) {
            messages += result.errors
            for fragment in result.fragments where ids[fragment.file]?.contains(fragment.id) != true {
                messages.append("broken link in \(page): '\(fragment.target)' names no id on \(fragment.file)")
            }
        }
        return messages.sorted { $0.precedesByUTF8($1) }.map { .error(nil, $0) }
    }

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
