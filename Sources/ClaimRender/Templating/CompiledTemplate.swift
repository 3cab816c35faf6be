/// A Mustache template compiled for fast rendering of ClaimSite's plain view models
/// (dictionaries, lists, text and flags). It follows swift-mustache 2.1.1's reading of the
/// Mustache spec — standalone lines, partial indentation, parents and blocks — and the test
/// suite checks that every page of the example renders to the same bytes with both. Templates
/// it cannot handle (transforms, lambdas, set-delimiter) make `compile` return `nil`, and the
/// renderer then falls back to swift-mustache.
struct CompiledTemplate: Sendable {
    let tokens: [MToken]

    /// Compiles `text`, or returns `nil` when it uses a feature this renderer does not support.
    static func compile(_ text: String) -> CompiledTemplate? {
        var parser = MParser(bytes: Array(text.utf8))
        guard let tokens = parser.parse(state: MParser.State()), parser.failed == false else { return nil }
        return CompiledTemplate(tokens: tokens)
    }
}

/// A view-model value.
indirect enum MValue: Sendable {
    case text(String)
    case flag(Bool)
    case list([MValue])
    case object([String: MValue])

    /// Converts a `[String: Any]` view model (strings, booleans, numbers, lists, dictionaries).
    init(_ any: Any) {
        switch any {
        case let s as String: self = .text(s)
        case let b as Bool: self = .flag(b)
        case let d as [String: Any]: self = .object(d.mapValues(MValue.init))
        case let a as [[String: Any]]: self = .list(a.map { MValue.object($0.mapValues(MValue.init)) })
        case let a as [Any]: self = .list(a.map(MValue.init))
        case let i as Int: self = .text(String(i))
        default: self = .text(String(describing: any))
        }
    }
}

indirect enum MToken: Sendable {
    case text([UInt8])
    case variable([String], escaped: Bool)
    case section([String], [MToken], inverted: Bool)
    case partial(String, indentation: [UInt8]?, inherits: [String: [MToken]]?)
    case blockExpansion(String, defaultTokens: [MToken], indentation: [UInt8])
    case blockDefinition(String, [MToken])
}

/// Reads a template the way swift-mustache's parser does.
struct MParser {
    let bytes: [UInt8]
    var i = 0
    var failed = false

    init(bytes: [UInt8]) { self.bytes = bytes }

    struct State {
        var sectionName: String?
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var partialDefinitionIndent: [UInt8]?

        func withSectionName(_ name: String, newLine: Bool) -> State {
            var s = self
            s.sectionName = name
            s.isPartialDefinitionTopLevel = false
            if !newLine { s.newLine = false }
            return s
        }

        func withInheritancePartial(_ name: String) -> State {
            var s = self
            s.sectionName = name
            s.newLine = true
            s.isPartialDefinition = true
            s.isPartialDefinitionTopLevel = true
            return s
        }
    }

    static let open: [UInt8] = [0x7B, 0x7B]       // {{
    static let space: UInt8 = 0x20, tab: UInt8 = 0x09, newline: UInt8 = 0x0A, cr: UInt8 = 0x0D

    var atEnd: Bool { i >= bytes.count }
    var current: UInt8? { i < bytes.count ? bytes[i] : nil }

    func isNewline(at p: Int) -> Bool {
        p < bytes.count && (bytes[p] == MParser.newline || (bytes[p] == MParser.cr && p + 1 < bytes.count && bytes[p + 1] == MParser.newline))
    }

    /// Advances past one newline (`\n` or `\r\n`).
    mutating func skipNewline() { i += bytes[i] == MParser.cr ? 2 : 1 }

    mutating func readSpaces() -> [UInt8] {
        let start = i
        while i < bytes.count, bytes[i] == MParser.space || bytes[i] == MParser.tab { i += 1 }
        return Array(bytes[start..<i])
    }

    mutating func skipWhitespace() {
        while i < bytes.count, [MParser.space, MParser.tab, MParser.newline, MParser.cr].contains(bytes[i]) { i += 1 }
    }

    /// Text up to a newline or `{{` (which is consumed).
    mutating func readText() -> [UInt8] {
        var out: [UInt8] = []
        while i < bytes.count {
            if isNewline(at: i) { break }
            if bytes[i] == 0x7B, i + 1 < bytes.count, bytes[i + 1] == 0x7B { i += 2; break }
            out.append(bytes[i])
            i += 1
        }
        return out
    }

    /// Whether only spaces and a newline (or the end) follow; consumes them when so.
    mutating func hasLineFinished() -> Bool {
        if atEnd { return true }
        var p = i
        while p < bytes.count, bytes[p] == MParser.space || bytes[p] == MParser.tab { p += 1 }
        if isNewline(at: p) {
            i = p + (bytes[p] == MParser.cr ? 2 : 1)
            return true
        }
        return false
    }

    mutating func isStandalone(_ state: State) -> Bool { state.newLine && hasLineFinished() }

    static func isNameByte(_ b: UInt8, partial: Bool) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == 0x2E || b == 0x2D || b == 0x5F || b == 0x3F || b == 0x2A || (partial && b == 0x2F)
    }

    /// `name}}` (with optional spaces); brackets (transforms) are not supported.
    mutating func parseName(partial: Bool = false) -> String? {
        skipWhitespace()
        let start = i
        while i < bytes.count, MParser.isNameByte(bytes[i], partial: partial) { i += 1 }
        let name = String(decoding: bytes[start..<i], as: UTF8.self)
        skipWhitespace()
        guard i + 1 < bytes.count, bytes[i] == 0x7D, bytes[i + 1] == 0x7D else { failed = true; return nil }
        i += 2
        return name
    }

    mutating func parse(state initial: State) -> [MToken]? {
        var tokens: [MToken] = []
        var state = initial
        var whiteSpaceBefore: [UInt8] = []
        while !atEnd && !failed {
            if state.newLine {
                let whiteSpace = readSpaces()
                if state.isPartialDefinition && !state.isPartialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = Array(whiteSpace.dropFirst(indent.count))
                    } else {
                        state.partialDefinitionIndent = whiteSpace
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let text = readText()
            if i < bytes.count && isNewline(at: i) {
                let newlineLength = bytes[i] == MParser.cr ? 2 : 1
                tokens.append(.text(whiteSpaceBefore + text + Array(bytes[i..<i + newlineLength])))
                state.newLine = true
                i += newlineLength
                continue
            }
            if !text.isEmpty {
                tokens.append(.text(whiteSpaceBefore + text))
                whiteSpaceBefore = []
                state.newLine = false
            }
            if atEnd { break }
            // Just after `{{`.
            var setNewLine = false
            let kind = bytes[i]
            switch kind {
            case 0x23, 0x5E:  // # ^
                i += 1
                guard let name = parseName() else { return nil }
                if isStandalone(state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                guard let inner = parse(state: state.withSectionName(name, newLine: setNewLine)) else { return nil }
                tokens.append(.section(MParser.path(name), inner, inverted: kind == 0x5E))
            case 0x2F:  // /
                i += 1
                guard let name = parseName(), name == state.sectionName else { failed = true; return nil }
                if isStandalone(state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                return tokens
            case 0x21:  // ! comment
                while i + 1 < bytes.count, !(bytes[i] == 0x7D && bytes[i + 1] == 0x7D) { i += 1 }
                guard i + 1 < bytes.count else { failed = true; return nil }
                i += 2
                setNewLine = isStandalone(state)
            case 0x7B:  // { unescaped
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(whiteSpaceBefore)); whiteSpaceBefore = [] }
                i += 1
                guard let name = parseName(), current == 0x7D else { failed = true; return nil }
                i += 1
                tokens.append(.variable(MParser.path(name), escaped: false))
            case 0x26:  // & unescaped
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(whiteSpaceBefore)); whiteSpaceBefore = [] }
                i += 1
                guard let name = parseName() else { return nil }
                tokens.append(.variable(MParser.path(name), escaped: false))
            case 0x3E:  // > partial
                i += 1
                skipWhitespace()
                guard current != 0x2A, let name = parseName(partial: true) else { failed = true; return nil }
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
                guard current != 0x2A, let name = parseName(partial: true) else { failed = true; return nil }
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(whiteSpaceBefore)) }
                if isStandalone(state) { setNewLine = true }
                guard let inner = parse(state: state.withInheritancePartial(name)) else { return nil }
                var inherits: [String: [MToken]] = [:]
                for token in inner {
                    switch token {
                    case .blockDefinition(let blockName, let blockTokens): inherits[blockName] = blockTokens
                    case .text: break
                    default: failed = true; return nil
                    }
                }
                tokens.append(.partial(name, indentation: whiteSpaceBefore, inherits: inherits))
                whiteSpaceBefore = []
            case 0x24:  // $ block
                i += 1
                guard let name = parseName() else { return nil }
                if state.isPartialDefinitionTopLevel {
                    if isStandalone(state) { setNewLine = true }
                    guard let inner = parse(state: state.withSectionName(name, newLine: setNewLine)) else { return nil }
                    tokens.append(.blockDefinition(name, inner))
                } else {
                    if !whiteSpaceBefore.isEmpty { tokens.append(.text(whiteSpaceBefore)) }
                    if isStandalone(state) { setNewLine = true }
                    guard let inner = parse(state: state.withSectionName(name, newLine: setNewLine)) else { return nil }
                    tokens.append(.blockExpansion(name, defaultTokens: inner, indentation: whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
            case 0x25:  // % pragma (only the default content type is used)
                failed = true
                return nil
            case 0x3D:  // = set delimiter
                failed = true
                return nil
            default:
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(whiteSpaceBefore)); whiteSpaceBefore = [] }
                guard let name = parseName() else { return nil }
                tokens.append(.variable(MParser.path(name), escaped: true))
            }
            state.newLine = setNewLine
        }
        // The end came inside a section or a parent: not a valid template.
        if failed || initial.sectionName != nil { failed = true; return nil }
        return tokens
    }

    static func path(_ name: String) -> [String] {
        name == "." ? ["."] : name.split(separator: ".").map(String.init)
    }
}

/// Renders compiled templates, with the same whitespace rules as swift-mustache.
struct MRenderer {
    let templates: [String: CompiledTemplate]

    struct Context {
        var stack: [MValue]
        var indentation: [UInt8]?
        var inherited: [String: [MToken]]?
    }

    /// The page for `template` and `value`, or `nil` when the template is unknown.
    func render(_ template: String, _ value: MValue) -> [UInt8]? {
        guard let compiled = templates[template] else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(16_384)
        render(compiled.tokens, Context(stack: [value], indentation: nil, inherited: nil), into: &out)
        return out
    }

    func render(_ tokens: [MToken], _ context: Context, into out: inout [UInt8]) {
        let start = out.count
        if let indentation = context.indentation, !indentation.isEmpty {
            for token in tokens {
                let before = out.count
                renderToken(token, context, into: &out)
                if out.count > before, before > start, out[before - 1] == MParser.newline {
                    out.insert(contentsOf: indentation, at: before)
                }
            }
        } else {
            for token in tokens { renderToken(token, context, into: &out) }
        }
    }

    func renderToken(_ token: MToken, _ context: Context, into out: inout [UInt8]) {
        switch token {
        case .text(let bytes):
            out.append(contentsOf: bytes)
        case .variable(let path, let escaped):
            guard let value = lookup(path, context.stack) else { return }
            switch value {
            case .text(let s): escaped ? MRenderer.appendEscaped(s, to: &out) : out.append(contentsOf: s.utf8)
            case .flag(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
            case .list, .object: break
            }
        case .section(let path, let inner, let inverted):
            let value = lookup(path, context.stack)
            if inverted {
                switch value {
                case nil, .flag(false)?: render(inner, context, into: &out)
                case .list(let items)? where items.isEmpty: render(inner, pushing(value!, context), into: &out)
                default: break
                }
                return
            }
            switch value {
            case nil, .flag(false)?: break
            case .flag(true)?: render(inner, context, into: &out)
            case .list(let items)?:
                for item in items { render(inner, pushing(item, context), into: &out) }
            case let other?: render(inner, pushing(other, context), into: &out)
            }
        case .partial(let name, let indentation, let inherits):
            guard let template = templates[name] else { return }
            var next = context
            if let indentation { next.indentation = (context.indentation ?? []) + indentation }
            if let inherits {
                next.inherited = context.inherited.map { $0.merging(inherits) { outer, _ in outer } } ?? inherits
            }
            render(template.tokens, next, into: &out)
        case .blockExpansion(let name, let defaultTokens, let indentation):
            var next = context
            next.indentation = (context.indentation ?? []) + indentation
            render(context.inherited?[name] ?? defaultTokens, next, into: &out)
        case .blockDefinition:
            break
        }
    }

    func pushing(_ value: MValue, _ context: Context) -> Context {
        var next = context
        next.stack.append(value)
        return next
    }

    func lookup(_ path: [String], _ stack: [MValue]) -> MValue? {
        guard let first = path.first else { return nil }
        if first == "." { return stack.last }
        for object in stack.reversed() {
            guard case .object(let members) = object, var value = members[first] else { continue }
            for key in path.dropFirst() {
                guard case .object(let inner) = value, let next = inner[key] else { return nil }
                value = next
            }
            return value
        }
        return nil
    }

    /// Appends `text` HTML-escaped as swift-mustache escapes it (`& < > " '`).
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])              // &amp;
            case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])                    // &lt;
            case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])                    // &gt;
            case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])        // &quot;
            case 0x27: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])              // &#39;
            default: out.append(byte)
            }
        }
    }
}
