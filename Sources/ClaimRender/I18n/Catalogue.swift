import ClaimModel
import Foundation

/// The words of one language: every text the pages, the emails, the calendar's events, the CSV
/// label columns, `explain` and (in English) report.json and `nominate` show, by key
/// (docs/languages.md). Built from the built-in
/// `Templates/i18n/LANG.yaml`, with single keys overridden by the site's own file of that name.
public struct Catalogue: Sendable {
    /// The language the words are in.
    public let language: Language
    /// Text by key; values may hold `{name}` placeholders.
    public let entries: [String: String]

    /// A catalogue of `entries` in `language`.
    public init(language: Language, entries: [String: String]) {
        self.language = language
        self.entries = entries
    }

    /// The text of `key`. Every key the program asks for is in every built-in catalogue (a test
    /// checks it); a missing one shows as `⟦key⟧` rather than stopping a build.
    public func text(_ key: String) -> String { entries[key] ?? "⟦\(key)⟧" }

    /// The text of `key` with each `{name}` replaced by its value in `values`.
    public func text(_ key: String, _ values: KeyValuePairs<String, String>) -> String {
        guard var pattern = entries[key] else { return "⟦\(key)⟧" }
        // One pass over the pattern's bytes (pages ask for these a few times per claim, 100,000
        // claims per build): runs of text are copied whole, `{name}` is replaced by its value;
        // an unknown name or a lone brace is kept as written.
        return pattern.withUTF8 { bytes -> String in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            var i = 0
            while i < bytes.count {
                guard let open = bytes[i...].firstIndex(of: UInt8(ascii: "{")) else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i...]))
                    break
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<open]))
                if let close = bytes[(open + 1)...].firstIndex(of: UInt8(ascii: "}")),
                    let value = Catalogue.value(
                        named: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<close]), in: values)
                {
                    var value = value
                    value.withUTF8 { out.append(contentsOf: $0) }
                    i = close + 1
                } else {
                    out.append(UInt8(ascii: "{"))
                    i = open + 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The value in `values` whose name has the bytes `name`.
    private static func value(named name: UnsafeBufferPointer<UInt8>, in values: KeyValuePairs<String, String>)
        -> String?
    {
        for (key, value) in values {
            var key = key
            let same = key.withUTF8 { k in
                k.count == name.count && (k.count == 0 || memcmp(k.baseAddress!, name.baseAddress!, k.count) == 0)
            }
            if same { return value }
        }
        return nil
    }

    /// The built-in catalogue of `language`, as embedded from `Templates/i18n/`.
    public static func builtIn(_ language: Language) -> Catalogue {
        let text = BuiltInTemplates.files["i18n/\(language.rawValue).yaml"] ?? ""
        let parsed = CatalogueFile.parse(text, file: "Templates/i18n/\(language.rawValue).yaml")
        return Catalogue(
            language: language,
            entries: Dictionary(parsed.entries.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The keys every catalogue must have: those of the built-in English one.
    public static let requiredKeys: [String] = builtIn(.en).entries.keys.sorted()

    /// The catalogue of `language`: the built-in one with the site's `override` file (its text
    /// and its path) merged over it, and the problems: a built-in key missing (an error that
    /// names the key and the file), a key the site's file does not know (an error with the
    /// closest key), a line that is not `key: value`. `builtInText` stands in for the built-in
    /// file (for tests).
    public static func load(
        _ language: Language, override: (text: String, file: String)?,
        builtInText: String? = nil
    ) -> (Catalogue, [Diagnostic]) {
        let builtInFile = "Templates/i18n/\(language.rawValue).yaml"
        var problems: [Diagnostic] = []
        let base = CatalogueFile.parse(
            builtInText ?? BuiltInTemplates.files["i18n/\(language.rawValue).yaml"] ?? "", file: builtInFile)
        problems += base.problems
        var entries = Dictionary(base.entries.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        let required = Set(requiredKeys)
        if let override {
            let site = CatalogueFile.parse(override.text, file: override.file)
            problems += site.problems
            for entry in site.entries {
                guard required.contains(entry.key) else {
                    problems.append(
                        .error(
                            .catalogueKeyUnknown, at: entry.location, record: .site,
                            """
                            '\(entry.key)' is not a key of the \
                            catalogue\(Suggestion.didYouMean(entry.key, in: requiredKeys)); see docs/languages.md \
                            for the keys
                            """
                        ))
                    continue
                }
                entries[entry.key] = entry.value
            }
        }
        for key in requiredKeys where entries[key] == nil {
            problems.append(
                .error(
                    .catalogueKeyMissing, at: SourceLocation(file: builtInFile), record: .site,
                    "the \(language.rawValue) catalogue has no '\(key)'; add it to \(override?.file ?? builtInFile)"))
        }
        return (Catalogue(language: language, entries: entries), problems)
    }
}

/// Reads a catalogue file: a flat YAML mapping with one `key: value` per line; `#` starts a
/// comment; a value may be written plain, in double quotes (with `\"`, `\\` and `\n`), or in
/// single quotes (with `''`). Anything else is a problem at its line and column.
enum CatalogueFile {
    struct Entry {
        var key: String
        var value: String
        var location: SourceLocation
    }

    static func parse(_ text: String, file: String) -> (entries: [Entry], problems: [Diagnostic]) {
        var entries: [Entry] = [], problems: [Diagnostic] = []
        var seen: [String: Int] = [:]
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            func problem(_ column: Int, _ message: String) {
                problems.append(
                    .error(
                        .catalogueSyntax, at: SourceLocation(file: file, line: lineNumber, column: column),
                        record: .site, message))
            }
            guard trimmed.count == line.count else {
                problem(1, "a catalogue is a flat list of 'key: value' lines; remove the indentation")
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                problem(1, "expected 'key: value'; write the key, a colon and the text")
                continue
            }
            let key = String(line[..<colon])
            guard !key.isEmpty,
                key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") })
            else {
                problem(1, "'\(key)' is not a catalogue key; keys are letters, digits, '.', '_' and '-'")
                continue
            }
            var rest = line[line.index(after: colon)...]
            guard rest.isEmpty || rest.first == " " else {
                problem(key.count + 2, "put a space after the colon")
                continue
            }
            rest = rest.drop { $0 == " " }
            let column = line.distance(from: line.startIndex, to: rest.startIndex) + 1
            let value: String
            switch rest.first {
            case "\"":
                guard let parsed = doubleQuoted(rest.dropFirst()) else {
                    problem(
                        column,
                        "the quoted text is not closed, or has something after its closing quote; end it with \"")
                    continue
                }
                value = parsed
            case "'":
                guard let parsed = singleQuoted(rest.dropFirst()) else {
                    problem(
                        column, "the quoted text is not closed, or has something after its closing quote; end it with '"
                    )
                    continue
                }
                value = parsed
            default:
                var plain = String(rest)
                if let comment = plain.range(of: " #") { plain = String(plain[..<comment.lowerBound]) }
                while plain.hasSuffix(" ") { plain.removeLast() }
                if plain.contains(": ") || plain.hasPrefix("{") || plain.hasPrefix("[") || plain.hasPrefix("&")
                    || plain.hasPrefix("*")
                    || plain.hasPrefix("!") || plain.hasPrefix("|") || plain.hasPrefix(">") || plain.hasPrefix("%")
                    || plain.hasPrefix("@")
                {
                    problem(
                        column,
                        "quote this text (\"...\"): it holds ': ' or starts with a character YAML reads specially")
                    continue
                }
                value = plain
            }
            if value.contains("{{") || value.contains("}}") {
                problem(
                    column,
                    """
                    a catalogue's text cannot hold '{{' or '}}': it is put into the templates, where they would \
                    start or end a tag
                    """
                )
                continue
            }
            if let first = seen[key] {
                problem(1, "'\(key)' is given twice (first on line \(first)); keep one")
                continue
            }
            seen[key] = lineNumber
            entries.append(
                Entry(key: key, value: value, location: SourceLocation(file: file, line: lineNumber, column: 1)))
        }
        return (entries, problems)
    }

    static func doubleQuoted(_ text: Substring) -> String? {
        var out = "", escaped = false
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            index = text.index(after: index)
            if escaped {
                switch c {
                case "n": out.append("\n")
                case "t": out.append("\t")
                default: out.append(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "\"" {
                let tail = text[index...].drop { $0 == " " }
                return tail.isEmpty || tail.hasPrefix("#") ? out : nil
            } else {
                out.append(c)
            }
        }
        return nil
    }

    static func singleQuoted(_ text: Substring) -> String? {
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            index = text.index(after: index)
            if c == "'" {
                if index < text.endIndex, text[index] == "'" {
                    out.append("'"); index = text.index(after: index); continue
                }
                let tail = text[index...].drop { $0 == " " }
                return tail.isEmpty || tail.hasPrefix("#") ? out : nil
            }
            out.append(c)
        }
        return nil
    }
}
