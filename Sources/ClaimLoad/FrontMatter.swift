/// Splits a Markdown file into its YAML front matter and its body.
package struct FrontMatter {
    /// The YAML between the `---` lines.
    package var yaml: String
    /// The Markdown after the closing line.
    package var body: String
    /// Lines before the YAML starts (the opening `---` and a byte order mark), for positions.
    package var lineOffset: Int

    /// The parts of `text`, or `nil` when it does not start with a `---` line or never closes it.
    package static func split(_ text: String) -> FrontMatter? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first else { return nil }
        var opening = Substring(first)
        if opening.hasPrefix("\u{FEFF}") { opening = opening.dropFirst() }
        guard trimmed(opening) == "---" else { return nil }
        lines.removeFirst()
        guard let close = lines.firstIndex(where: { trimmed($0) == "---" || trimmed($0) == "..." }) else { return nil }
        let yaml = lines[..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n")
        return FrontMatter(yaml: yaml, body: body, lineOffset: 1)
    }

    /// Whether `text` starts with a `---` line (whether or not it is ever closed).
    package static func opens(_ text: String) -> Bool {
        var first = text.prefix { $0 != "\n" }
        if first.hasPrefix("\u{FEFF}") { first = first.dropFirst() }
        return trimmed(first) == "---"
    }

    private static func trimmed(_ line: Substring) -> Substring {
        var s = line
        while let last = s.last, last == "\r" || last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}
