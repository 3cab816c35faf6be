import PropertyBased

@testable import TypedMustache

/// The random numbers of the generators: SplitMix64, seeded by the property checker's
/// generator, so a failing case is found again from its seed.
struct Dice: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    /// One of `items`.
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}

/// A random template with its partials and random data: what both engines render.
struct TemplateCase: Sendable, CustomStringConvertible {
    /// "main" and the library it may include.
    var templates: [String: String]
    var data: MValue

    var description: String {
        templates.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.debugDescription)" }.joined(separator: "\n")
            + "\ndata: \(data)"
    }

    /// The library's templates in the order they may include each other (each only later ones,
    /// so nothing recurses forever); the last two are leaves that include nothing and have no
    /// blocks, the only templates a block passed to a parent may include.
    static let library = ["p1", "q1", "p2", "q2", "p3", "p4"]
    static let leaves = ["p3", "p4"]

    static let generator = Generator<TemplateCase, _>(run: { rng in
        var dice = Dice(seed: rng.next())
        return TemplateCase.random(&dice)
    })

    static func random(_ dice: inout Dice) -> TemplateCase {
        var templates: [String: String] = [:]
        for (k, name) in library.enumerated() {
            let leaf = leaves.contains(name)
            var writer = TemplateWriter(
                dice: dice, refs: leaf ? [] : Array(library[(k + 1)...]) + ["missing"], blocks: !leaf)
            writer.content(depth: 0, top: .unknown, blockFloor: 0)
            templates[name] = writer.out
            dice = writer.dice
        }
        var writer = TemplateWriter(dice: dice, refs: library + ["missing"], blocks: true)
        writer.content(depth: 0, top: .object, blockFloor: 0)
        templates["main"] = writer.out
        dice = writer.dice
        var data = DataWriter(dice: dice)
        return TemplateCase(templates: templates, data: data.object(depth: 0))
    }
}

/// What is on top of the context stack where a tag is: the generator writes `{{.}}` only where
/// it is text or a flag, since both engines differ on lists and objects there (swift-mustache
/// prints Swift's description of them, the compiled engine nothing).
enum Top { case object, scalar, list, unknown }

/// Data keys, typed by their names so that a variable never names a list or an object, at any
/// depth of the context stack: t… text, b… flags, l… lists of text and flags, m… lists of
/// objects, o… objects. Any key may be missing.
enum Keys {
    static let text = ["t1", "t2", "t_3-x?"], flag = ["b1", "b2"], scalarList = ["l1", "l2"]
    static let objectList = ["m1", "m2"], object = ["o1", "o2"]
    static let all = text + flag + scalarList + objectList + object
}

/// Writes a random template.
struct TemplateWriter {
    var dice: Dice
    /// Templates this one may include as partials or parents.
    let refs: [String]
    /// Whether it may have blocks and parents.
    let blocks: Bool
    var out = ""

    static let blockNames = ["x1", "x2", "x3"]

    mutating func newline() -> String {
        switch dice.int(0...39) {
        case 0...25: return "\n"
        case 26...35: return "\r\n"
        case 36...37: return "\r"
        default: return dice.pick(["\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"])
        }
    }

    mutating func indentation() -> String { dice.pick(["", "", " ", "  ", "\t", " \t ", "    "]) }
    /// Spaces around a name in a tag: any Unicode whitespace, as swift-mustache skips.
    mutating func space() -> String { dice.pick(["", "", "", "", "", " ", " ", "  ", "\t", "\u{A0}", "\u{2003}"]) }

    var atLineStart: Bool { out.isEmpty || out.unicodeScalars.last.map { $0 == "\n" || $0 == "\r" } == true }

    /// A tag inline, at the start of a line, or alone on its own line (indented, maybe with
    /// trailing spaces): standalone lines.
    mutating func tag(_ text: String) {
        switch dice.int(0...5) {
        case 0...1:
            out += text
        case 2:
            if !atLineStart { out += newline() }
            out += indentation() + text
        default:
            if !atLineStart { out += newline() }
            out += indentation() + text + dice.pick(["", "", " ", "\t", "  "]) + newline()
        }
    }

    mutating func text() {
        let pieces = [
            "a", "Hi", "x y", " ", "  ", "\t", "&", "<", ">", "\"", "'", "&amp;", "é", "👍", "}", "{x", "} {y", "z}}",
            "#", "/", "!",
        ]
        for _ in 0..<dice.int(1...4) { out += dice.pick(pieces) }
        if dice.chance(0.3) { out += newline() }
    }

    /// A name of a text or flag, maybe through objects, maybe starting with "." (current context only).
    mutating func scalarName() -> String {
        var keys: [String] = []
        for _ in 0..<dice.pick([0, 0, 0, 1, 1, 2]) { keys.append(dice.pick(Keys.object)) }
        keys.append(dice.pick(dice.chance(0.6) ? Keys.text : Keys.flag))
        return (dice.chance(0.15) ? "." : "") + keys.joined(separator: ".")
    }

    mutating func variable(top: Top) {
        let name = top == .scalar && dice.chance(0.5) ? "." : scalarName()
        switch dice.int(0...5) {
        case 0...2: out += "{{\(space())\(name)\(space())}}"
        case 3...4: out += "{{{\(space())\(name)\(space())}}}"
        default: out += "{{&\(space())\(name)\(space())}}"
        }
    }

    mutating func section(depth: Int, top: Top, blockFloor: Int) {
        let inverted = dice.chance(0.3)
        var name: String
        var inner: Top
        if dice.chance(0.1) {
            name = "."
            inner = top
        } else {
            let key = dice.pick(Keys.all)
            var keys = [key]
            if dice.chance(0.2) { keys.insert(dice.pick(Keys.object), at: 0) }
            name = (dice.chance(0.1) ? "." : "") + keys.joined(separator: ".")
            if inverted {
                // Shown for a missing key, false or an empty list (which is pushed).
                inner = Keys.scalarList.contains(key) || Keys.objectList.contains(key) ? .list : top
            } else if Keys.text.contains(key) || Keys.scalarList.contains(key) {
                inner = .scalar
            } else if Keys.flag.contains(key) {
                inner = top
            } else {
                inner = .object
            }
        }
        let sigil = inverted ? "^" : "#"
        tag("{{\(sigil)\(space())\(name)\(space())}}")
        content(depth: depth + 1, top: inner, blockFloor: blockFloor)
        tag("{{/\(space())\(name)\(space())}}")
    }

    mutating func comment() {
        tag("{{!\(dice.pick([" note ", "", "a\nb", " {{x ", " { } ", "\r\n"]))}}")
    }

    /// A block of this template (`{{$x2}}default{{/x2}}`); its content has only blocks of later
    /// names, so no block expands itself.
    mutating func block(depth: Int, top: Top, blockFloor: Int) {
        guard blockFloor < TemplateWriter.blockNames.count else { return }
        let k = dice.int(blockFloor...TemplateWriter.blockNames.count - 1)
        let name = TemplateWriter.blockNames[k]
        tag("{{$\(space())\(name)\(space())}}")
        content(depth: depth + 1, top: top, blockFloor: k + 1)
        tag("{{/\(name)}}")
    }

    /// A parent, with blocks passed to it and ignored text between them. A passed block
    /// renders inside the parent, so it includes only leaves and has no parents.
    mutating func parent(depth: Int) {
        guard let name = refs.isEmpty ? nil : dice.pick(refs) else { return }
        tag("{{<\(space())\(name)\(space())}}")
        for _ in 0..<dice.int(0...3) {
            switch dice.int(0...5) {
            case 0: out += dice.pick([" ", "ignored", "\t"])
            case 1: out += newline()
            case 2: comment()
            default:
                let k = dice.int(0...TemplateWriter.blockNames.count - 1)
                let blockName = TemplateWriter.blockNames[k]
                tag("{{$\(blockName)}}")
                var inner = TemplateWriter(dice: dice, refs: TemplateCase.leaves, blocks: true, out: "")
                inner.passed = true
                inner.content(depth: depth + 1, top: .unknown, blockFloor: k + 1)
                out += inner.out
                dice = inner.dice
                tag("{{/\(blockName)}}")
            }
        }
        tag("{{/\(name)}}")
    }

    /// Whether this writes a block passed to a parent (no parents inside).
    var passed = false

    mutating func content(depth: Int, top: Top, blockFloor: Int) {
        for _ in 0..<dice.int(depth == 0 ? 2...10 : 1...4) {
            switch dice.int(0...99) {
            case 0..<28: text()
            case 28..<46: variable(top: top)
            case 46..<58 where depth < 4: section(depth: depth, top: top, blockFloor: blockFloor)
            case 58..<62: comment()
            case 62..<72 where !refs.isEmpty:
                tag("{{>\(space())\(dice.pick(refs))\(space())}}")
            case 72..<78 where blocks && !passed && depth < 4: parent(depth: depth)
            case 78..<86 where blocks && depth < 4: block(depth: depth, top: top, blockFloor: blockFloor)
            default: out += newline()
            }
        }
    }
}

/// Writes random data with the typed keys of `Keys`.
struct DataWriter {
    var dice: Dice

    mutating func text() -> String {
        let pieces = [
            "", "a", "Hello", "<b>&amp;</b>", "\"q\" 'a'", "{{t1}}", " x ", "é👍", "line\nbreak", "\r\n", "tab\t",
            "1 < 2 & 3 > 2",
        ]
        return (0..<dice.int(1...2)).map { _ in dice.pick(pieces) }.joined()
    }

    mutating func object(depth: Int) -> MValue {
        var members: [String: MValue] = [:]
        for key in Keys.text where dice.chance(0.8) { members[key] = .text(text()) }
        for key in Keys.flag where dice.chance(0.7) { members[key] = .flag(dice.chance(0.6)) }
        for key in Keys.scalarList where dice.chance(0.7) {
            members[key] = .list(
                (0..<dice.int(0...3)).map { _ in dice.chance(0.8) ? .text(text()) : .flag(dice.chance(0.5)) })
        }
        if depth < 2 {
            for key in Keys.objectList where dice.chance(0.6) {
                members[key] = .list((0..<dice.int(0...3)).map { _ in object(depth: depth + 1) })
            }
            for key in Keys.object where dice.chance(0.7) { members[key] = object(depth: depth + 1) }
        }
        return .object(members)
    }
}

extension MValue {
    /// The same value as swift-mustache takes it: String, Bool, [Any] and [String: Any].
    var any: Any {
        switch self {
        case .text(let s): return s
        case .flag(let b): return b
        case .list(let items): return items.map(\.any) as [Any]
        case .object(let members): return members.mapValues(\.any) as [String: Any]
        }
    }
}

/// A random string of tags, pieces of tags and text, and data for it.
struct TemplateSoup: Sendable {
    var text: String
    var data: MValue

    /// No "/" alone (a parent named with "/" can be closed in the engine only) and no "." alone
    /// (`{{.}}` at the top would print swift-mustache's description of the root dictionary).
    static let tags = [
        "{{#a}}", "{{/a}}", "{{^a}}", "{{#l1}}", "{{/l1}}", "{{^l1}}", "{{>p}}", "{{> p }}", "{{<p}}", "{{/p}}",
        "{{$x1}}", "{{/x1}}", "{{$x2}}", "{{/x2}}", "{{!c}}", "{{a}}", "{{&a}}", "{{{a}}}", "a", "x1", " ", "  ", "\t",
        "\n", "\n", "\r\n", "é", "<b>",
    ]
    static let fragments = [
        "{{", "}}", "{{{", "}}}", "{{/", "#", "^", "&", "!", ">", "<", "$", "=", "%", "(", ")", "*", "{", "}", "\r",
        "{{=<% %>=}}", "{{%CONTENT_TYPE:TEXT}}", "{{upper(a)}}", "{{>*a}}", "{{}}",
    ]

    static let generator = Generator<TemplateSoup, _>(run: { rng in
        var dice = Dice(seed: rng.next())
        let text = (0..<dice.int(1...14)).map { _ in dice.pick(dice.chance(0.75) ? tags : fragments) }.joined()
        var data: [String: MValue] = [:]
        if dice.chance(0.8) {
            data["a"] = dice.chance(0.5) ? .text(dice.pick(["", "<&>", "A"])) : .flag(dice.chance(0.5))
        }
        if dice.chance(0.8) { data["l1"] = .list((0..<dice.int(0...2)).map { _ in .text(dice.pick(["1", "'2'"])) }) }
        return TemplateSoup(text: text, data: .object(data))
    })
}
