import PropertyBased
import Testing

@testable import TypedMustache

/// Typed view models render exactly as the same values do as `MValue` trees (their field
/// tables' `[String: Any]` form), which TemplateOracleTests prove against swift-mustache: random
/// templates over three nested row types whose keys overlap, so names are found in outer frames.
@Suite struct TypedRenderTests {
    @Test func randomTemplatesRenderTypedValuesAsTheirMValueForm() async throws {
        var bytes = 0
        await propertyCheck(count: 2000, input: TypedCase.generator) { c in
            var compiled: [String: CompiledTemplate] = [:]
            for (name, text) in c.templates { compiled[name] = try CompiledTemplate.compile(text) }
            let renderer = MRenderer(templates: compiled)
            let typed = try #require(renderer.render("main", c.data))
            let plain = try #require(renderer.render("main", MValue(TopRow.fields.dictionary(c.data))))
            bytes += plain.count
            if typed != plain {
                let templates = c.templates.sorted { $0.key < $1.key }
                    .map { "\($0.key): \($0.value.debugDescription)" }.joined(separator: "\n")
                Issue.record(
                    """
                    typed and MValue differ:
                    typed:  \(String(decoding: typed, as: UTF8.self).debugDescription)
                    MValue: \(String(decoding: plain, as: UTF8.self).debugDescription)
                    \(templates)
                    """)
            }
        }
        #expect(bytes >= 2000 * 50, "\(bytes) bytes rendered in all")
    }

    @Test func namesAreFoundFromTheInnermostRowOutwardsAndDottedNamesInsideObjects() throws {
        let text =
            """
            {{#m1}}[{{t1}}|{{t2}}|{{o2.t2}}|{{.t2}}|{{#o2}}{{b1}}{{t1}}{{/o2}}]{{/m1}}\
            {{^m2}}none{{/m2}}{{o1.o2.b2}}{{o1.t9}}
            """
        let renderer = MRenderer(templates: ["main": try CompiledTemplate.compile(text)])
        let leaf = LeafRow(t2: "<leaf>", b1: true, b2: false)
        let middle = MiddleRow(t1: "mid & more", t3: "", b2: true, m2: [], o2: leaf)
        let top = TopRow(
            t1: "top", t2: "top2", t3: "", b1: false, b2: true, m1: [middle, middle], m2: [], o1: middle, o2: middle)
        let out = String(decoding: try #require(renderer.render("main", top)), as: UTF8.self)
        #expect(out == "[mid &amp; more|top2|&lt;leaf&gt;||truemid &amp; more]".repeated(2) + "nonefalse")
    }

    /// The fields read in place (`notEmpty:`, `always:`, `link(_:root:path:)`) give what the
    /// closures they replace give, for stored properties and for computed ones (no offset).
    @Test func fieldsReadInPlaceGiveWhatTheirClosuresGive() throws {
        let text = "{{#hasText}}T{{/hasText}}{{#hasRows}}R{{/hasRows}}{{#yes}}Y{{/yes}}{{#no}}N{{/no}}|{{href}}|"
        let renderer = MRenderer(templates: ["main": try CompiledTemplate.compile(text)])
        func render<Model: ViewModel>(_ model: Model) throws -> String {
            String(decoding: try #require(renderer.render("main", model)), as: UTF8.self)
        }
        let leaf = LeafRow(t2: "", b1: false, b2: false)
        let full = InPlaceRow(text: "x", rows: [leaf], root: "../", path: "a<b>.html")
        let empty = InPlaceRow(text: "", rows: [], root: "", path: "p.html")
        #expect(try render(full) == "TRY|../a&lt;b&gt;.html|")
        #expect(try render(empty) == "Y|p.html|")
        #expect(try render(ComputedRow(row: full)) == "TRY|../a&lt;b&gt;.html|")
        #expect(try render(ComputedRow(row: empty)) == "Y|p.html|")
    }
}

/// A model whose flags and link are read in place from its stored properties.
struct InPlaceRow: ViewModel {
    var text: String, rows: [LeafRow], root: String, path: String

    static let fields = FieldTable<InPlaceRow>([
        .flag("hasText", notEmpty: \.text), .flag("hasRows", notEmpty: \.rows), .flag("yes", always: true),
        .flag("no", always: false), .link("href", root: \.root, path: \.path),
    ])
}

/// The same fields over computed properties, which have no offset: read through a copy.
struct ComputedRow: ViewModel {
    var row: InPlaceRow
    var text: String { row.text }
    var rows: [LeafRow] { row.rows }
    var root: String { row.root }
    var path: String { row.path }

    static let fields = FieldTable<ComputedRow>([
        .flag("hasText", notEmpty: \.text), .flag("hasRows", notEmpty: \.rows), .flag("yes", always: true),
        .flag("no", always: false), .link("href", root: \.root, path: \.path),
    ])
}

private extension String {
    func repeated(_ n: Int) -> String { String(repeating: self, count: n) }
}

struct TypedCase: Sendable {
    var templates: [String: String]
    var data: TopRow

    static let generator = Generator<TypedCase, _>(run: { rng in
        var dice = Dice(seed: rng.next())
        let templates = TemplateCase.random(&dice).templates
        return TypedCase(templates: templates, data: TopRow.random(&dice))
    })
}

/// The outermost row: every text and flag name, and lists and objects of middle rows.
struct TopRow: ViewModel {
    var t1: String, t2: String, t3: String, b1: Bool, b2: Bool
    var m1: [MiddleRow], m2: [MiddleRow], o1: MiddleRow, o2: MiddleRow

    static let fields = FieldTable<TopRow>([
        .text("t1") { $0.t1 }, .text("t2") { $0.t2 }, .text("t_3-x?") { $0.t3 }, .flag("b1") { $0.b1 },
        .flag("b2") { $0.b2 },
        .list("m1") { $0.m1 }, .list("m2") { $0.m2 }, .object("o1", \.o1), .object("o2", \.o2),
    ])

    static func random(_ dice: inout Dice) -> TopRow {
        TopRow(
            t1: dice.text(), t2: dice.text(), t3: dice.text(), b1: dice.chance(0.5), b2: dice.chance(0.5),
            m1: (0..<dice.int(0...3)).map { _ in MiddleRow.random(&dice) },
            m2: (0..<dice.int(0...2)).map { _ in MiddleRow.random(&dice) },
            o1: MiddleRow.random(&dice), o2: MiddleRow.random(&dice))
    }
}

/// A row with some of the names (the others are found outside it).
struct MiddleRow: ViewModel {
    var t1: String, t3: String, b2: Bool, m2: [LeafRow], o2: LeafRow

    static let fields = FieldTable<MiddleRow>([
        .text("t1") { $0.t1 }, .text("t_3-x?") { $0.t3 }, .flag("b2") { $0.b2 }, .list("m2") { $0.m2 },
        .object("o2", \.o2),
    ])

    static func random(_ dice: inout Dice) -> MiddleRow {
        MiddleRow(
            t1: dice.text(), t3: dice.text(), b2: dice.chance(0.5),
            m2: (0..<dice.int(0...2)).map { _ in LeafRow.random(&dice) },
            o2: LeafRow.random(&dice))
    }
}

/// The innermost row: text and flags only.
struct LeafRow: ViewModel {
    var t2: String, b1: Bool, b2: Bool

    static let fields = FieldTable<LeafRow>([.text("t2") { $0.t2 }, .flag("b1") { $0.b1 }, .flag("b2") { $0.b2 }])

    static func random(_ dice: inout Dice) -> LeafRow {
        LeafRow(t2: dice.text(), b1: dice.chance(0.5), b2: dice.chance(0.5))
    }
}

private extension Dice {
    mutating func text() -> String {
        var writer = DataWriter(dice: self)
        defer { self = writer.dice }
        return writer.text()
    }
}
