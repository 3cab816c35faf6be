import ClaimModel
import Foundation

/// Checks every internal link of the rendered pages: each relative `href` or `src` must name
/// a file of the output (and a `#fragment` an `id` on that page). A broken one is an error.
enum LinkCheck {
    static func run(_ files: [String: Data]) -> [Diagnostic] {
        var ids: [String: Set<String>] = [:]
        var links: [(page: String, target: String)] = []
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            ids[path] = Set(attributes("id", in: html))
            for target in attributes("href", in: html) + attributes("src", in: html) { links.append((path, target)) }
        }
        var out: [Diagnostic] = []
        // Pages share most of their links ("../assets/claimsite.css"), so resolve each
        // (folder, target) pair once.
        var resolved: [String: String?] = [:]
        for (page, target) in links {
            if target.hasPrefix("http:") || target.hasPrefix("https:") || target.hasPrefix("mailto:") { continue }
            if target.contains(":") && !target.hasPrefix("#") { continue }
            let hash = target.firstIndex(of: "#")
            let pathPart = hash.map { String(target[..<$0]) } ?? target
            let fragment = hash.map { String(target[target.index(after: $0)...]) }
            let file: String?
            if pathPart.isEmpty {
                file = page
            } else {
                let folder = page.lastIndex(of: "/").map { String(page[..<$0]) } ?? ""
                let key = folder + "\u{0}" + pathPart
                if let known = resolved[key] {
                    file = known
                } else {
                    file = resolve(pathPart, from: page)
                    resolved[key] = file
                }
            }
            guard let file, files[file] != nil else {
                out.append(.error(nil, "broken link in \(page): '\(target)' leads to no file of the output"))
                continue
            }
            if let fragment, !fragment.isEmpty, file.hasSuffix(".html"), ids[file]?.contains(fragment) != true {
                out.append(.error(nil, "broken link in \(page): '\(target)' names no id on \(file)"))
            }
        }
        return out.sorted { $0.message.precedesByUTF8($1.message) }
    }

    /// `target` resolved against the folder of `page`, or `nil` when it leaves the output.
    static func resolve(_ target: String, from page: String) -> String? {
        var parts = page.split(separator: "/").dropLast().map(String.init)
        let decoded = target.contains("%") ? (target.removingPercentEncoding ?? target) : target
        for component in decoded.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": guard !parts.isEmpty else { return nil }; parts.removeLast()
            default: parts.append(String(component))
            }
        }
        return parts.joined(separator: "/")
    }

    /// The values of `name="…"` attributes (as written by the templates, HTML-escaped), found
    /// by one pass over the UTF-8 bytes.
    static func attributes(_ name: String, in html: String) -> [String] {
        let marker = Array(" \(name)=\"".utf8)
        var out: [String] = []
        var html = html
        html.withUTF8 { bytes in
            var i = 0
            let end = bytes.count - marker.count
            while i <= end {
                if bytes[i] == marker[0] && bytes[i + 1] == marker[1] {
                    var matches = true
                    for k in 2..<marker.count where bytes[i + k] != marker[k] { matches = false; break }
                    if matches {
                        let start = i + marker.count
                        var j = start
                        while j < bytes.count && bytes[j] != UInt8(ascii: "\"") { j += 1 }
                        let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<j]), as: UTF8.self)
                        out.append(value.contains("&amp;") ? value.replacingOccurrences(of: "&amp;", with: "&") : value)
                        i = j
                        continue
                    }
                }
                i += 1
            }
        }
        return out
    }
}
