import PropertyBased
import Testing

@testable import TypedMustache

/// The flat form of templates (`FlatTemplate`) against the token renderer it stands in for: the
/// same bytes, handed on in the same pieces, for random templates with partials, parents and
/// blocks; and only templates without indentation to add are flattened.
@Suite struct FlatTemplateTests {
    /// The pieces a rendering of `main` hands on at `pieceSize`, by the tokens and by `flat`.
    func pieces(_ renderer: MRenderer, _ flat: FlatTemplate, _ data: MValue, pieceSize: Int)
        -> (tokens: [[UInt8]], flat: [[UInt8]])
    {
        func run(_ body: (MRenderer.Context, inout MValueStack, inout [UInt8]) -> Void) -> [[UInt8]] {
            var pieces: [[UInt8]] = []
            var context = MRenderer.Context()
            context.flushAt = pieceSize
            context.flush = MRenderer.Flush { pieces.append(Array($0)) }
            var stack = MValueStack(values: [data])
            var out: [UInt8] = []
            body(context, &stack, &out)
            pieces.append(out)
            return pieces
        }
        let tokens = run { context, stack, out in
            renderer.render(renderer.templates["main"]!.tokens, context, &stack, into: &out)
        }
        let flat = run { context, stack, out in renderer.run(flat, context, &stack, into: &out) }
        return (tokens, flat)
    }

    /// `c` with every line's leading spaces and tabs removed: no partial or block is indented.
    func unindented(_ c: TemplateCase) -> TemplateCase {
        var c = c
        c.templates = c.templates.mapValues { text in
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { String($0.drop { $0 == " " || $0 == "\t" }) }
                .joined(separator: "\n")
        }
        return c
    }

    @Test func randomTemplatesRenderTheSameFlatAsByTheirTokens() async throws {
        var flattened = 0, kept = 0
        await propertyCheck(count: 1500, input: TemplateCase.generator) { original in
            for c in [original, unindented(original)] {
                let compiled = try c.templates.mapValues { try CompiledTemplate.compile($0) }
                let renderer = MRenderer(templates: compiled)
                guard let flat = renderer.flat["main"] else {
                    kept += 1
                    continue
                }
                flattened += 1
                for size in [1, 7, Int.max] {
                    let (byTokens, byFlat) = pieces(renderer, flat, c.data, pieceSize: size)
                    #expect(byFlat == byTokens, "piece size \(size)\n\(c)")
                }
                #expect(renderer.render("main", c.data) == pieces(renderer, flat, c.data, pieceSize: .max).tokens[0])
            }
        }
        // Both forms are exercised (about 1,400 of the 3,000 cases are flat).
        #expect(flattened >= 1000, "\(flattened) flattened, \(kept) by their tokens")
        #expect(kept >= 300, "\(flattened) flattened, \(kept) by their tokens")
    }

    @Test func anIndentedPartialOrBlockKeepsTheTokens() throws {
        let templates = try [
            "indented": "<ul>\n  {{>item}}\n</ul>\n",
            "flush": "<ul>\n{{>item}}\n</ul>\n",
            "item": "<li>{{name}}</li>\n<li>again</li>\n",
            "parent": "{{<layout}}{{$body}}<p>{{name}}</p>{{/body}}{{/layout}}",
            "indentedBlock": "{{<layout2}}{{$body}}x{{/body}}{{/layout2}}",
            "layout": "<main>{{$body}}default{{/body}}</main>",
            "layout2": "<main>\n  {{$body}}\n  {{/body}}\n</main>",
        ].mapValues { try CompiledTemplate.compile($0) }
        let renderer = MRenderer(templates: templates)
        #expect(renderer.flat["indented"] == nil)
        #expect(renderer.flat["indentedBlock"] == nil)
        #expect(renderer.flat["flush"] != nil)
        #expect(renderer.flat["parent"] != nil)
        let data = MValue.object(["name": .text("a & b")])
        #expect(renderer.render("parent", data) == Array("<main><p>a &amp; b</p></main>".utf8))
        #expect(
            renderer.render("indented", data) == Array("<ul>\n  <li>a &amp; b</li>\n  <li>again</li>\n</ul>\n".utf8))
    }

    @Test func textsNextToEachOtherBecomeOneInstruction() throws {
        let templates = try ["main": "a{{>p}}c{{#s}}d{{/s}}", "p": "b"].mapValues { try CompiledTemplate.compile($0) }
        let flat = try #require(MRenderer(templates: templates).flat["main"])
        #expect(
            flat.instructions == [
                .text(start: 0, count: 2), .flush, .text(start: 2, count: 1),
                .section(path: 0, inverted: false, end: 6), .text(start: 3, count: 1), .flush, .flush,
            ])
    }
}
