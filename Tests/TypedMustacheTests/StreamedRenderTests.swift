import PropertyBased
import Testing

@testable import TypedMustache

/// A streamed rendering (`MRenderer.render(_:_:pieceSize:handOn:)`) hands on exactly the bytes of
/// the whole rendering, in order, whatever the piece size: random templates with partials,
/// parents, blocks and standalone lines (indented ones included, where the output stays whole
/// until the indented part is done).
@Suite struct StreamedRenderTests {
    /// The pieces of a streamed rendering of `template` with `stack`.
    func pieces<Stack: MustacheStack>(_ renderer: MRenderer, _ template: String, _ stack: Stack, pieceSize: Int)
        -> [[UInt8]]?
    {
        var stack = stack
        var pieces: [[UInt8]] = []
        let known = renderer.render(template, &stack, pieceSize: pieceSize) { pieces.append(Array($0)) }
        return known ? pieces : nil
    }

    @Test func randomTemplatesStreamTheBytesTheyRenderWhole() async throws {
        var split = 0
        await propertyCheck(count: 1500, input: TemplateCase.generator) { c in
            var compiled: [String: CompiledTemplate] = [:]
            for (name, text) in c.templates { compiled[name] = try CompiledTemplate.compile(text) }
            let renderer = MRenderer(templates: compiled)
            let whole = try #require(renderer.render("main", c.data))
            for size in [1, 7, 64] {
                let streamed = try #require(pieces(renderer, "main", MValueStack(values: [c.data]), pieceSize: size))
                #expect(Array(streamed.joined()) == whole, "piece size \(size)\n\(c)")
                #expect(!streamed.contains { $0.isEmpty }, "an empty piece was handed on")
                if streamed.count > 1 { split += 1 }
            }
        }
        // Most cases were really cut into pieces.
        #expect(split >= 1500, "\(split) of 4500 streamed renderings came in more than one piece")
    }

    @Test func typedViewModelsStreamTheBytesTheyRenderWhole() async throws {
        await propertyCheck(count: 1000, input: TypedCase.generator) { c in
            var compiled: [String: CompiledTemplate] = [:]
            for (name, text) in c.templates { compiled[name] = try CompiledTemplate.compile(text) }
            let renderer = MRenderer(templates: compiled)
            let whole = try #require(renderer.render("main", c.data))
            var streamed: [UInt8] = []
            #expect(renderer.render("main", c.data, pieceSize: 5) { streamed += $0 })
            #expect(streamed == whole)
        }
    }

    @Test func piecesAreAboutThePieceSizeAndAnUnknownTemplateHandsOnNothing() throws {
        let renderer = MRenderer(templates: ["main": try CompiledTemplate.compile("{{#m1}}<{{t1}}>\n{{/m1}}")])
        let row = MiddleRow(
            t1: String(repeating: "x", count: 98), t3: "", b2: false, m2: [],
            o2: LeafRow(t2: "", b1: false, b2: false))
        let top = TopRow(
            t1: "", t2: "", t3: "", b1: false, b2: false, m1: Array(repeating: row, count: 3000), m2: [], o1: row,
            o2: row)
        var sizes: [Int] = []
        #expect(renderer.render("main", top, pieceSize: 1 << 16) { sizes.append($0.count) })
        // 3000 lines of 101 bytes: four full pieces (each handed on after the first item past 64 KiB) and the rest.
        #expect(sizes.reduce(0, +) == 3000 * 101)
        #expect(sizes.dropLast().allSatisfy { $0 >= 1 << 16 && $0 < (1 << 16) + 101 }, "\(sizes)")
        #expect(sizes.count == 5)
        var called = false
        #expect(!renderer.render("other", top) { _ in called = true })
        #expect(!called)
    }
}
