/// A template that cannot be compiled: what is wrong and where. `line` and `column` count from 1
/// (the column in Unicode scalars) and point at the `{{` of the tag at fault.
public struct TemplateSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, for the template's author.
    public var message: String
    /// Line of the tag's `{{`, from 1.
    public var line: Int
    /// Column of the tag's `{{` in Unicode scalars, from 1.
    public var column: Int

    public init(message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}

/// Reads a template into tokens the way swift-mustache 2.1.1's parser does (standalone lines,
/// partial indentation, parents and blocks), and rejects what the renderer cannot do with a
/// `TemplateSyntaxError` at the tag's `{{`.
///
/// It works on UTF-8 bytes; where swift-mustache looks at whole characters (newlines after a
/// standalone tag, whitespace inside a tag) it accepts the same Unicode newlines and spaces.
package struct MParser {
    package let bytes: [UInt8]
    package var i = 0

    package init(bytes: [UInt8]) { self.bytes = bytes }

    /// The tag that opened the section, parent or block being read.
    package struct Opener {
        package var sigil: UInt8
        package var name: String
        package var offset: Int

        package var tag: String { "{{\(Character(Unicode.Scalar(sigil)))\(name)}}" }
    }

    /// Sections, parents and blocks may nest this deep: the parser, the check and the renderer
    /// recurse once per level (docs/input-format.md, Limits).
    package static let maxDepth = 200

    package struct State {
        package var opener: Opener?
        /// How many sections, parents and blocks enclose what is being read.
        package var depth = 0
        package var newLine = true
        package var isPartialDefinition = false
        package var isPartialDefinitionTopLevel = false
        package var partialDefinitionIndent: [UInt8]?

        package func inSection(_ opener: Opener, newLine: Bool) -> State {
            var s = self
            s.opener = opener
            s.depth += 1
            s.isPartialDefinitionTopLevel = false
            if !newLine { s.newLine = false }
            return s
        }

        package func inParent(_ opener: Opener) -> State {
            var s = self
            s.opener = opener
            s.depth += 1
            s.newLine = true
            s.isPartialDefinition = true
            s.isPartialDefinitionTopLevel = true
            return s
        }
    }

    package static let space: UInt8 = 0x20, tab: UInt8 = 0x09, newline: UInt8 = 0x0A, cr: UInt8 = 0x0D
    package static let openBrace: UInt8 = 0x7B, closeBrace: UInt8 = 0x7D

    package var atEnd: Bool { i >= bytes.count }
    package var current: UInt8? { i < bytes.count ? bytes[i] : nil }

    // MARK: Lines and whitespace

    /// Whether a text line ends at `p` (`\n` or `\r\n`): where swift-mustache's text stops.
    package func isLineEnd(at p: Int) -> Bool {
        p < bytes.count
            && (bytes[p] == MParser.newline
                || (bytes[p] == MParser.cr && p + 1 < bytes.count && bytes[p + 1] == MParser.newline))
    }

    /// The length in bytes of a newline character at `p` (0 when there is none): `\n`, `\r\n`,
    /// a lone `\r`, vertical tab, form feed, U+0085, U+2028 and U+2029, as Swift's `Character.isNewline`.
    package func newlineLength(at p: Int) -> Int {
        guard p < bytes.count else { return 0 }
        switch bytes[p] {
        case 0x0A, 0x0B, 0x0C: return 1
        case 0x0D: return p + 1 < bytes.count && bytes[p + 1] == 0x0A ? 2 : 1
        case 0xC2: return p + 1 < bytes.count && bytes[p + 1] == 0x85 ? 2 : 0
        case 0xE2:
            return p + 2 < bytes.count && bytes[p + 1] == 0x80 && (bytes[p + 2] == 0xA8 || bytes[p + 2] == 0xA9) ? 3 : 0
        default: return 0
        }
    }

    /// The length in bytes of a Unicode White_Space scalar at `p` (0 when there is none), as
    /// Swift's `Character.isWhitespace`, which swift-mustache skips around names.
    package func whitespaceLength(at p: Int) -> Int {
        guard p < bytes.count else { return 0 }
        let b = bytes[p]
        if b == 0x20 || (b >= 0x09 && b <= 0x0D) { return 1 }
        guard b >= 0xC2, p + 1 < bytes.count else { return 0 }
        let b1 = bytes[p + 1]
        if b == 0xC2 { return b1 == 0x85 || b1 == 0xA0 ? 2 : 0 }
        guard p + 2 < bytes.count else { return 0 }
        let b2 = bytes[p + 2]
        switch (b, b1) {
        case (0xE1, 0x9A): return b2 == 0x80 ? 3 : 0  // U+1680
        // U+2000-200A, 2028, 2029, 202F
        case (0xE2, 0x80): return b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF ? 3 : 0
        case (0xE2, 0x81): return b2 == 0x9F ? 3 : 0  // U+205F
        case (0xE3, 0x80): return b2 == 0x80 ? 3 : 0  // U+3000
        default: return 0
        }
    }

    package mutating func readSpaces() -> [UInt8] {
        let start = i
        while i < bytes.count, bytes[i] == MParser.space || bytes[i] == MParser.tab { i += 1 }
        return Array(bytes[start..<i])
    }

    package mutating func skipWhitespace() {
        while case let n = whitespaceLength(at: i), n > 0 { i += n }
    }

    /// Text up to a line end (not consumed) or up to `{{` (consumed); whether a tag was found.
    package mutating func readText() -> (text: ArraySlice<UInt8>, tag: Bool) {
        let start = i
        while i < bytes.count {
            if bytes[i] == MParser.openBrace, i + 1 < bytes.count, bytes[i + 1] == MParser.openBrace {
                i += 2
                return (bytes[start..<i - 2], true)
            }
            if isLineEnd(at: i) { break }
            i += 1
        }
        return (bytes[start..<i], false)
    }

    /// Whether only spaces and a newline (or the end) follow; consumes them when so.
    package mutating func hasLineFinished() -> Bool {
        if atEnd { return true }
        var p = i
        while p < bytes.count, bytes[p] == MParser.space || bytes[p] == MParser.tab { p += 1 }
        let n = newlineLength(at: p)
        guard n > 0 else { return false }
        i = p + n
        return true
    }

    package mutating func isStandalone(_ state: State) -> Bool { state.newLine && hasLineFinished() }

    // MARK: Names

    package static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == 0x2E || b == 0x2D || b == 0x5F || b == 0x3F || b == 0x2A  // . - _ ? *
    }

    package static func isParenthesis(_ b: UInt8) -> Bool { b == 0x28 || b == 0x29 }

    /// Reads `name}}` after the sigil (spaces allowed around the name). Partial names may hold
    /// `/` and parentheses; other names with parentheses are swift-mustache transforms.
    package mutating func readName(tag start: Int, partial: Bool = false) throws(TemplateSyntaxError) -> String {
        skipWhitespace()
        let nameStart = i
        while i < bytes.count,
            MParser.isNameByte(bytes[i]) || MParser.isParenthesis(bytes[i]) || (partial && bytes[i] == 0x2F)
        { i += 1 }
        let name = String(decoding: bytes[nameStart..<i], as: UTF8.self)
        skipWhitespace()
        if !partial, bytes[nameStart..<i].contains(where: MParser.isParenthesis) {
            throw error(
                "transforms such as \(name) are not supported; give the view model the value to show", at: start)
        }
        guard i + 1 < bytes.count, bytes[i] == MParser.closeBrace, bytes[i + 1] == MParser.closeBrace else {
            throw malformedTag(at: start)
        }
        i += 2
        guard !name.isEmpty else {
            throw error("'\(excerpt(start, i))' is an empty tag: a tag needs a name, as in {{name}}", at: start)
        }
        return name
    }

    /// The error for a tag whose name is not followed by `}}`.
    package func malformedTag(at start: Int) -> TemplateSyntaxError {
        // Where the tag seems to end: the first `}}` before any `{{` and the end of the line.
        var p = start + 2
        while p < bytes.count {
            if bytes[p] == MParser.closeBrace, p + 1 < bytes.count, bytes[p + 1] == MParser.closeBrace {
                let tag = excerpt(start, p + 2)
                return error(
                    """
                    '\(tag)' is not a valid tag: a name is made of letters, digits and . _ - ? * (no spaces), as \
                    in {{name}} or {{#rows}}
                    """,
                    at: start)
            }
            if bytes[p] == MParser.openBrace, p + 1 < bytes.count, bytes[p + 1] == MParser.openBrace { break }
            if bytes[p] == MParser.newline { break }
            p += 1
        }
        var end = p
        while end > start + 2, [MParser.space, MParser.tab, MParser.cr].contains(bytes[end - 1]) { end -= 1 }
        return error("the tag '\(excerpt(start, end))' is never closed: '}}' is missing", at: start)
    }

    // MARK: Errors

    /// The text of `bytes[from..<to]`, shortened when long.
    package func excerpt(_ from: Int, _ to: Int) -> String {
        let s = String(decoding: bytes[from..<min(to, bytes.count)], as: UTF8.self)
        return s.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(s.unicodeScalars.prefix(40))) + "…" : s
    }

    /// The raw text of the tag at `start`, up to its first `}}` on the line (or the line's end).
    package func rawTag(at start: Int) -> String {
        var p = start + 2
        while p < bytes.count, bytes[p] != MParser.newline {
            if bytes[p] == MParser.closeBrace, p + 1 < bytes.count, bytes[p + 1] == MParser.closeBrace {
                return excerpt(start, p + 2)
            }
            p += 1
        }
        return excerpt(start, p)
    }

    /// An error at byte `offset`, with its line and column (in Unicode scalars) from 1.
    package func error(_ message: String, at offset: Int) -> TemplateSyntaxError {
        var line = 1, lineStart = 0
        for p in 0..<min(offset, bytes.count) where bytes[p] == MParser.newline {
            line += 1
            lineStart = p + 1
        }
        var column = 1
        for p in lineStart..<min(offset, bytes.count) where bytes[p] & 0xC0 != 0x80 { column += 1 }
        return TemplateSyntaxError(message: message, line: line, column: column)
    }

    // MARK: Parsing

    package mutating func parse(state initial: State) throws(TemplateSyntaxError) -> [MToken] {
        if initial.depth > MParser.maxDepth, let opener = initial.opener {
            throw error(
                """
                '\(opener.tag)' is nested more than \(MParser.maxDepth) sections, parents and blocks deep; \
                flatten the template
                """,
                at: opener.offset)
        }
        var tokens: [MToken] = []
        var state = initial
        var whiteSpaceBefore: [UInt8] = []
        while !atEnd {
            if state.newLine {
                let whiteSpace = readSpaces()
                if state.isPartialDefinition && !state.isPartialDefinitionTopLevel {
                    // Inside a block passed to a parent, the first line's indentation is removed from every line.
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = Array(whiteSpace.dropFirst(indent.count))
                    } else {
                        state.partialDefinitionIndent = whiteSpace
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let (text, foundTag) = readText()
            if !foundTag && !atEnd {
                // A line end (`\n` or `\r\n`).
                let newlineLength = bytes[i] == MParser.cr ? 2 : 1
                tokens.append(.text(whiteSpaceBefore + text + bytes[i..<i + newlineLength]))
                state.newLine = true
                i += newlineLength
                continue
            }
            if !text.isEmpty {
                tokens.append(.text(whiteSpaceBefore + text))
                whiteSpaceBefore = []
                state.newLine = false
            }
            guard foundTag else { break }
            // Just after `{{`.
            let start = i - 2
            guard !atEnd else {
                throw error("'{{' at the end of the template starts a tag that is never closed", at: start)
            }
            guard newlineLength(at: i) == 0 else {
                throw error(
                    "'{{' is followed by a line break: a tag's name must follow '{{' on the same line", at: start)
            }
            let kind = bytes[i]
            if state.isPartialDefinitionTopLevel, ![0x24, 0x2F, 0x21, 0x25, 0x3D].contains(kind) {  // not $ / ! % =
                throw notInParent(at: start, parent: state.opener!)
            }
            var setNewLine = false
            switch kind {
            case 0x23, 0x5E:  // # ^
                i += 1
                let name = try readName(tag: start)
                if isStandalone(state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                let inner = try parse(
                    state: state.inSection(Opener(sigil: kind, name: name, offset: start), newLine: setNewLine))
                tokens.append(.section(MPath(name), inner, inverted: kind == 0x5E))
            case 0x2F:  // /
                i += 1
                let name = try readName(tag: start, partial: true)
                guard let opener = state.opener else {
                    throw error("'{{/\(name)}}' closes nothing: no section is open", at: start)
                }
                guard name == opener.name else {
                    let at = error("", at: opener.offset)
                    throw error(
                        """
                        '{{/\(name)}}' does not close '\(opener.tag)' (line \(at.line), column \(at.column)); \
                        close that first with '{{/\(opener.name)}}'
                        """,
                        at: start)
                }
                if !isStandalone(state), !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(whiteSpaceBefore))
                }
                return tokens
            case 0x21:  // ! comment
                var p = i
                while p + 1 < bytes.count, !(bytes[p] == MParser.closeBrace && bytes[p + 1] == MParser.closeBrace) {
                    p += 1
                }
                guard p + 1 < bytes.count else {
                    throw error(
                        """
                        the comment '\(excerpt(start, min(start + 12, bytes.count)))' is never closed: '}}' is \
                        missing
                        """,
                        at: start)
                }
                i = p + 2
                setNewLine = isStandalone(state)
            case 0x7B:  // { unescaped
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(whiteSpaceBefore)); whiteSpaceBefore = [] }
                i += 1
                let name = try readName(tag: start)
                guard current == MParser.closeBrace else {
                    throw error(
                        "'{{{\(name)}}' is not closed with '}}}': write {{{\(name)}}} (or {{&\(name)}})", at: start)
                }
                i += 1
                tokens.append(.variable(MPath(name), escaped: false))
            case 0x26:  // & unescaped
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(whiteSpaceBefore)); whiteSpaceBefore = [] }
                i += 1
                let name = try readName(tag: start)
                tokens.append(.variable(MPath(name), escaped: false))
            case 0x3E:  // > partial
                i += 1
                skipWhitespace()
                if current == 0x2A { throw dynamicName(at: start) }
                let name = try readName(tag: start, partial: true)
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(whiteSpaceBefore)) }
                if isStandalone(state) {
                    setNewLine = true
                    tokens.append(.partial(name, indentation: whiteSpaceBefore, inherits: nil))
                } else {
                    tokens.append(.partial(name, indentation: nil, inherits: nil))
                }
                whiteSpaceBefore = []
            case 0x3C:  // < parent
                i += 1
                skipWhitespace()
                if current == 0x2A { throw dynamicName(at: start) }
                let name = try readName(tag: start, partial: true)
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(whiteSpaceBefore)) }
                if isStandalone(state) { setNewLine = true }
                let inner = try parse(state: state.inParent(Opener(sigil: kind, name: name, offset: start)))
                var inherits: [String: [MToken]] = [:]
                for case .blockDefinition(let blockName, let blockTokens) in inner { inherits[blockName] = blockTokens }
                tokens.append(.partial(name, indentation: whiteSpaceBefore, inherits: inherits))
                whiteSpaceBefore = []
            case 0x24:  // $ block
                i += 1
                let name = try readName(tag: start)
                let opener = Opener(sigil: kind, name: name, offset: start)
                if state.isPartialDefinitionTopLevel {
                    // A block passed to the parent.
                    if isStandalone(state) { setNewLine = true }
                    let inner = try parse(state: state.inSection(opener, newLine: setNewLine))
                    tokens.append(.blockDefinition(name, inner))
                } else {
                    // A block of this template, which a parent's caller may replace.
                    var intrinsic: [UInt8]?
                    if isStandalone(state) {
                        setNewLine = true
                        intrinsic = nextLineIndentation(state)
                    }
                    let inner = try parse(state: state.inSection(opener, newLine: setNewLine))
                    tokens.append(
                        .blockExpansion(name, defaultTokens: inner, indentation: whiteSpaceBefore, intrinsic: intrinsic)
                    )
                    whiteSpaceBefore = []
                }
            case 0x25:  // % pragma
                throw error(
                    "pragmas such as \(rawTag(at: start)) are not supported; remove it (pages are HTML)", at: start)
            case 0x3D:  // = set delimiter
                throw error("changing delimiters (\(rawTag(at: start))) is not supported; use {{ }}", at: start)
            default:
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(whiteSpaceBefore)); whiteSpaceBefore = [] }
                let name = try readName(tag: start)
                tokens.append(.variable(MPath(name), escaped: true))
            }
            state.newLine = setNewLine
        }
        if let opener = initial.opener {
            throw error("'\(opener.tag)' is never closed: it needs '{{/\(opener.name)}}'", at: opener.offset)
        }
        return tokens
    }

    /// The intrinsic indentation of a standalone block (the Mustache spec's ~inheritance): the
    /// indentation of the line after its tag, less what a surrounding passed block removes.
    package func nextLineIndentation(_ state: State) -> [UInt8] {
        var p = i
        while p < bytes.count, bytes[p] == MParser.space || bytes[p] == MParser.tab { p += 1 }
        let whiteSpace = bytes[i..<p]
        guard state.isPartialDefinition else { return Array(whiteSpace) }
        return Array(whiteSpace.dropFirst(state.partialDefinitionIndent?.count ?? whiteSpace.count))
    }

    package func dynamicName(at start: Int) -> TemplateSyntaxError {
        error("dynamic names such as \(rawTag(at: start)) are not supported; name the partial", at: start)
    }

    /// The error for a tag other than a block directly inside a parent.
    package func notInParent(at start: Int, parent: Opener) -> TemplateSyntaxError {
        error(
            """
            '\(rawTag(at: start))' cannot be inside '\(parent.tag)': a parent holds only blocks \
            ({{$name}}…{{/name}}), the rest is ignored
            """,
            at: start)
    }
}

/// A name in a tag: keys looked up from the innermost context outwards, or, when the name
/// starts with `.`, in the current context only (`.` alone is the current context itself).
/// Each key is also numbered once here (`FieldKeys`), for typed view models.
package struct MPath: Sendable, Hashable {
    package var keys: [String]
    /// The keys' numbers, by which typed view models find their fields.
    package var ids: [Int]
    package var anchored: Bool

    package init(_ name: String) {
        anchored = name.first == "."
        keys = name.split(separator: ".").map(String.init)
        ids = keys.map(FieldKeys.id)
    }
}
