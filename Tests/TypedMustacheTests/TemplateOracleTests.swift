import Foundation
import Mustache
import PropertyBased
import Testing

@testable import TypedMustache

/// The compiled engine against swift-mustache 2.1.1, its test oracle: random templates (with
/// partials, parents and blocks, standalone lines, CRLF, HTML-special text) and random data render
/// to the same bytes. The one exception is the spec's ~inheritance where swift-mustache departs
/// from it (a standalone block's intrinsic indentation, SpecInheritanceTests): every case is also
/// rendered by the engine with swift-mustache's rule there, and that must always be the same.
@Suite struct TemplateOracleTests {
    /// What the engine, the engine without the spec's intrinsic block indentation (swift-mustache's
    /// rule instead) and swift-mustache render for `c`.
    func render(_ c: TemplateCase, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> (engine: [UInt8], swiftRule: [UInt8], oracle: [UInt8])
    {
        var compiled: [String: CompiledTemplate] = [:]
        var library = MustacheLibrary()
        for (name, text) in c.templates {
            compiled[name] = try CompiledTemplate.compile(text)
            try library.register(text, named: name)
        }
        let engine = try #require(MRenderer(templates: compiled).render("main", c.data), sourceLocation: sourceLocation)
        let swiftRule = try #require(
            MRenderer(templates: compiled.mapValues(\.withoutIntrinsicIndentation)).render("main", c.data),
            sourceLocation: sourceLocation)
        let oracle = try #require(library.render(c.data.any, withTemplate: "main"), sourceLocation: sourceLocation)
        return (engine, swiftRule, Array(oracle.utf8))
    }

    @Test func randomTemplatesRenderAsSwiftMustacheRendersThem() async throws {
        var same = 0, specOnly = 0, bytes = 0, differ = 0
        await propertyCheck(count: 3000, input: TemplateCase.generator) { c in
            let (engine, swiftRule, oracle) = try render(c)
            bytes += oracle.count
            // Every case, with swift-mustache's rule for a standalone block's indentation.
            if swiftRule != oracle {
                differ += 1
                Issue.record(
                    """
                    the engine and swift-mustache differ:
                    engine: \(String(decoding: swiftRule, as: UTF8.self).debugDescription)
                    oracle: \(String(decoding: oracle, as: UTF8.self).debugDescription)
                    \(c)
                    """)
            }
            // With the spec's rule, the same bytes unless a block passed to a parent replaced a
            // standalone block whose next line is indented differently from its tag.
            if engine == swiftRule {
                same += 1
            } else {
                specOnly += 1
                #expect(c.templates.values.contains { (try? CompiledTemplate.compile($0).reindentsBlocks) == true })
            }
        }
        guard differ == 0 else { return }
        #expect(same >= 2700, "\(same) the same, \(specOnly) only by the spec's block indentation")
        #expect(bytes >= 3000 * 100, "\(bytes) bytes rendered by swift-mustache in all")
        print(
            """
            TemplateOracleTests: \(same + specOnly) cases, \(bytes) bytes; \(specOnly) differ only by the spec's block \
            indentation
            """
        )
    }

    @Test func theDataIsTheSameForBothEngines() async {
        await propertyCheck(count: 500, input: TemplateCase.generator) { c in
            #expect(MValue(c.data.any) == c.data)
        }
    }

    /// Random tag soup, valid or not: what swift-mustache cannot read the engine rejects too, and
    /// what both read renders the same. The engine rejects more: empty names, a `{{` that starts no
    /// tag, and what it does not support (delimiters, pragmas, transforms, dynamic names); it reads
    /// one thing swift-mustache cannot, a "{" at the very end.
    @Test func tagSoupIsReadAsSwiftMustacheReadsIt() async throws {
        let deliberate = [
            "is an empty tag", "'{{' is followed by a line break", "'{{' at the end of the template",
            "changing delimiters", "pragmas such as", "transforms such as", "dynamic names such as",
        ]
        var bothRead = 0, bothRejected = 0, onlyEngineRejected = 0, endsWithBrace = 0
        let partial = "P{{a}}\n  {{$x1}}d{{/x1}}\n{{#l1}}<{{.}}>{{/l1}}"
        await propertyCheck(count: 3000, input: TemplateSoup.generator) { soup in
            var oracle = MustacheLibrary()
            try oracle.register(partial, named: "p")
            let oracleRead = (try? oracle.register(soup.text, named: "main")) != nil
            let engine: CompiledTemplate
            do throws(TemplateSyntaxError) {
                engine = try CompiledTemplate.compile(soup.text)
            } catch {
                if oracleRead {
                    onlyEngineRejected += 1
                    #expect(
                        deliberate.contains { error.message.contains($0) }, "\(soup.text.debugDescription): \(error)")
                } else {
                    bothRejected += 1
                }
                return
            }
            let templates = ["main": engine, "p": try CompiledTemplate.compile(partial)]
            let renderer = MRenderer(templates: templates.mapValues(\.withoutIntrinsicIndentation))
            var actual = try #require(renderer.render("main", soup.data))
            if !oracleRead {
                // swift-mustache cannot read a template whose last character is a single "{" (it
                // reads two characters to look for "{{" and runs past the end); the engine takes
                // it as text. Compared with "x" after it, which swift-mustache reads.
                guard soup.text.hasSuffix("{"), (try? oracle.register(soup.text + "x", named: "main")) != nil else {
                    Issue.record("swift-mustache cannot read \(soup.text.debugDescription), the engine can")
                    return
                }
                endsWithBrace += 1
                actual += Array("x".utf8)
            }
            bothRead += 1
            let expected = try #require(oracle.render(soup.data.any, withTemplate: "main"))
            if actual != Array(expected.utf8) {
                Issue.record(
                    """
                    \(soup.text.debugDescription) renders differently:
                    engine: \(String(decoding: actual, as: UTF8.self).debugDescription)
                    oracle: \(expected.debugDescription)
                    """)
            }
        }
        #expect(
            bothRead >= 200 && bothRejected >= 300 && onlyEngineRejected >= 50,
            """
            both read \(bothRead), both rejected \(bothRejected), only the engine rejected \(onlyEngineRejected), \
            ending with '{' \(endsWithBrace)
            """
        )
        print(
            """
            tag soup: both read \(bothRead) (\(endsWithBrace) ending with '{'), both rejected \(bothRejected), only \
            the engine rejected \(onlyEngineRejected)
            """
        )
    }

    /// The generator reaches every feature often: no property passes for want of cases.
    @Test func theGeneratorCoversEveryFeature() {
        var dice = Dice(seed: 7)
        var seen: [String: Int] = [:]
        let features: [(String, (String) -> Bool)] = [
            ("escaped variable", { $0.contains("{{t") || $0.contains("{{ t") || $0.contains("{{b") }),
            ("triple mustache", { $0.contains("{{{") }),
            ("ampersand", { $0.contains("{{&") }),
            ("dotted name", { $0.contains("o1.") || $0.contains("o2.") }),
            ("current context only", { $0.contains("{{.t") || $0.contains("{{#.o") || $0.contains("{{{.") }),
            (
                "implicit iterator",
                {
                    let t = $0.replacingOccurrences(of: " ", with: "");
                    return t.contains("{{.}}") || t.contains("{{{.}}}") || t.contains("{{&.}}")
                }
            ),
            ("section over a list", { $0.contains("{{#l") || $0.contains("{{#m") }),
            ("section over an object", { $0.contains("{{#o") }),
            ("section over a flag", { $0.contains("{{#b") }),
            ("section over text", { $0.contains("{{#t") }),
            ("inverted section", { $0.contains("{{^") }),
            ("comment", { $0.contains("{{!") }),
            ("partial", { $0.contains("{{>") }),
            ("indented standalone partial", { $0.contains("\n  {{>") || $0.contains("\n\t{{>") }),
            ("parent", { $0.contains("{{<") }),
            ("block", { $0.contains("{{$") }),
            ("CRLF", { $0.contains("\r\n") }),
            ("HTML-special text", { $0.contains("<") && $0.contains("&") }),
        ]
        let cases = 300
        for _ in 0..<cases {
            let c = TemplateCase.random(&dice)
            let all = c.templates.values.joined(separator: "\u{0}")
            for (name, test) in features where test(all) { seen[name, default: 0] += 1 }
        }
        for (name, _) in features {
            #expect(seen[name, default: 0] >= cases / 10, "\(name): in \(seen[name, default: 0]) of \(cases) cases")
        }
    }
}

extension CompiledTemplate {
    /// The template with swift-mustache's rule for a standalone block replaced by a passed block:
    /// indented as its tag, not as the line after it (the spec's intrinsic indentation).
    var withoutIntrinsicIndentation: CompiledTemplate { CompiledTemplate(tokens: MToken.withoutIntrinsic(tokens)) }
}

extension MToken {
    static func withoutIntrinsic(_ tokens: [MToken]) -> [MToken] {
        tokens.map { token in
            switch token {
            case .text, .variable: return token
            case .section(let path, let inner, let inverted):
                return .section(path, withoutIntrinsic(inner), inverted: inverted)
            case .partial(let name, let indentation, let inherits):
                return .partial(name, indentation: indentation, inherits: inherits?.mapValues(withoutIntrinsic))
            case .blockExpansion(let name, let inner, let indentation, _):
                return .blockExpansion(
                    name, defaultTokens: withoutIntrinsic(inner), indentation: indentation, intrinsic: nil)
            case .blockDefinition(let name, let inner): return .blockDefinition(name, withoutIntrinsic(inner))
            }
        }
    }
}
