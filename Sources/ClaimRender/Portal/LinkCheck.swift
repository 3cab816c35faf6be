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
        for (page, target) in links.sorted(by: { ($0.page, $0.target) < ($1.page, $1.target) }) {
            if target.contains(":") && !target.hasPrefix("#") { continue }  // http:, https:, mailto: …
            let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let file = parts[0].isEmpty ? page : resolve(parts[0], from: page)
            guard let file, files[file] != nil else {
                out.append(.error(nil, "broken link in \(page): '\(target)' leads to no file of the output"))
                continue
            }
            if parts.count == 2, !parts[1].isEmpty, file.hasSuffix(".html"), ids[file]?.contains(parts[1]) != true {
                out.append(.error(nil, "broken link in \(page): '\(target)' names no id on \(file)"))
            }
        }
        return out
    }

    /// `target` resolved against the folder of `page`, or `nil` when it leaves the output.
    static func resolve(_ target: String, from page: String) -> String? {
        var parts = page.split(separator: "/").dropLast().map(String.init)
        for component in target.removingPercentEncoding?.split(separator: "/") ?? [] {
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
