import ClaimModel
import TypedMustache

/// Puts a catalogue's words into a template before it is compiled (docs/languages.md): a
/// template names its words by key, `{{t.KEY}}` (HTML-escaped) or `{{{t.KEY}}}` (as written),
/// and never holds the words themselves. The language is fixed for a build, so each key is
/// replaced by its text once, when the templates are loaded.
enum TemplateWords {
    /// `template` with every `t.KEY` tag replaced by the text of KEY in `catalogue`, and the
    /// problems: a key the catalogue does not have, at the tag's line and column in `file`.
    static func apply(_ template: String, catalogue: Catalogue, file: String) -> (text: String, problems: [Diagnostic])
    {
        guard template.contains("t.") else { return (template, []) }
        var out = ""
        var problems: [Diagnostic] = []
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            let triple = afterOpen.hasPrefix("{")
            let ampersand = afterOpen.hasPrefix("&")
            var inner = triple || ampersand ? afterOpen.dropFirst() : afterOpen
            inner = inner.drop { $0 == " " }
            let closing = triple ? "}}}" : "}}"
            guard inner.hasPrefix("t."), let close = inner.range(of: closing) else {
                out += "{{"
                rest = afterOpen
                continue
            }
            var key = String(inner[inner.index(inner.startIndex, offsetBy: 2)..<close.lowerBound])
            while key.hasSuffix(" ") { key.removeLast() }
            if let text = catalogue.entries[key] {
                out += triple || ampersand ? text : escaped(text)
            } else {
                let before = template[..<open.lowerBound]
                let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
                let column =
                    before.distance(
                        from: before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex,
                        to: before.endIndex) + 1
                problems.append(
                    .error(
                        .catalogueKeyUnknown, at: SourceLocation(file: file, line: line, column: column), record: .site,
                        """
                        the template asks for '\(key)', which the \(catalogue.language.rawValue) catalogue does \
                        not have\(Suggestion.didYouMean(key, in: catalogue.entries.keys.sorted())); add it to \
                        Templates/i18n/\(catalogue.language.rawValue).yaml or fix the key
                        """
                    ))
            }
            rest = inner[close.upperBound...]
        }
        out += rest
        return (out, problems)
    }

    /// `text` escaped as `{{...}}` escapes it.
    static func escaped(_ text: String) -> String {
        var bytes: [UInt8] = []
        MRenderer.appendEscaped(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
