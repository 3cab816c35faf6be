import ClaimModel
import Foundation
import Testing

@testable import ClaimRender
@testable import TypedMustache

/// The template engine's limits (docs/input-format.md, Limits): nesting is bounded, and a
/// template that includes itself is an error instead of a render that never ends.
@Suite struct TemplateLimitTests {
    func failure(_ text: String) -> TemplateSyntaxError? {
        do {
            _ = try CompiledTemplate.compile(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func sectionsNestedDeeperThanTheLimitAreRefused() {
        let start = DispatchTime.now().uptimeNanoseconds
        let text = String(repeating: "{{#a}}", count: 100_000) + String(repeating: "{{/a}}", count: 100_000)
        let error = failure(text)
        #expect(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < 5)
        // The 201st section's tag, at byte 1,200.
        #expect(
            error
                == TemplateSyntaxError(
                    message: "'{{#a}}' is nested more than 200 sections, parents and blocks deep; flatten the template",
                    line: 1, column: 1_201))
        // Parents and blocks count too.
        let blocks = String(repeating: "{{$b}}", count: 300) + String(repeating: "{{/b}}", count: 300)
        #expect(failure(blocks)?.column == 1_201)
    }

    @Test func twoHundredLevelsCompileAndRender() throws {
        let text = String(repeating: "{{#a}}", count: 200) + "{{x}}" + String(repeating: "{{/a}}", count: 200)
        let compiled = try CompiledTemplate.compile(text)
        let renderer = MRenderer(templates: ["t": compiled])
        let out = renderer.render("t", MValue.object(["a": .flag(true), "x": .text("deep")]))
        #expect(out.map { String(decoding: $0, as: UTF8.self) } == "deep")
    }

    @Test func inclusionCyclesAreFound() throws {
        func templates(_ texts: [String: String]) throws -> [String: CompiledTemplate] {
            try texts.mapValues { try CompiledTemplate.compile($0) }
        }
        #expect(CompiledTemplate.inclusionCycle(try templates(["a": "{{>b}}", "b": "{{>c}}", "c": "x"])) == nil)
        #expect(CompiledTemplate.inclusionCycle(try templates(["a": "{{#s}}{{>a}}{{/s}}"])) == ["a", "a"])
        #expect(
            CompiledTemplate.inclusionCycle(
                try templates(["a": "{{>b}}", "b": "{{<c}}{{$x}}{{>a}}{{/x}}{{/c}}", "c": "{{$x}}{{/x}}"]))
                == ["a", "b", "a"])
    }

    @Test func aTemplateThatIncludesItselfIsAnErrorAndIsNotRendered() {
        let set = TemplateSet.load(overrides: [
            "partials/status.mustache": Data("<span>\n{{#claim}}{{>partials/claim-head}}{{/claim}}</span>\n".utf8),
            "partials/claim-head.mustache": Data("{{>partials/status}}\n".utf8),
        ])
        let (renderer, problems) = set.compiled()
        let cycles = problems.filter { $0.message.contains("includes itself") }
        #expect(cycles.count == 1)
        #expect(cycles.first?.code == .templateSyntax)
        #expect(
            cycles.first?.location == SourceLocation(file: "Templates/partials/claim-head.mustache", line: 1, column: 1)
        )
        #expect(
            cycles.first?.message
                == """
                template 'partials/claim-head' includes itself (partials/claim-head → partials/status → \
                partials/claim-head), so it would never finish rendering; remove the inclusion
                """
        )
        // What is left renders and ends.
        let out = renderer.render("partials/status", MValue.object(["claim": .flag(true)]))
        #expect(out.map { String(decoding: $0, as: UTF8.self) } == "<span>\n</span>\n")
    }
}

/// Inclusions that multiply ("billion laughs" of partials) are refused where they pass the limit.
@Suite struct TemplateExpansionTests {
    /// `x1` includes `x2` eight times, … `x15` includes `x16` eight times: 8^15 copies of `x16`.
    static let chain: [String: Data] = {
        var files: [String: Data] = [:]
        for i in 1...16 {
            let text = i < 16 ? String(repeating: "{{>partials/x\(i + 1)}}", count: 8) : "leaf"
            files["partials/x\(i).mustache"] = Data(text.utf8)
        }
        files["page.mustache"] = Data("{{<layout}}{{$content}}{{>partials/x1}}{{/content}}{{/layout}}\n".utf8)
        return files
    }()

    @Test func multiplyingInclusionsAreAnErrorWhereTheyPassTheLimit() {
        let start = DispatchTime.now().uptimeNanoseconds
        let set = TemplateSet.load(overrides: Self.chain)
        let (renderer, problems) = set.compiled()
        #expect(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < 5)
        // x10 comes to 8 + 8^2 + … + 8^6 + 8^6 = 561,736 tokens and x11 to 70,216; once x10 is
        // left out, x9 comes to 8 (its eight inclusions) and x4 to 8 + … + 8^6 = 299,592.
        let over = problems.filter { $0.message.contains("comes to more than 100000") }
        #expect(
            over.map(\.location) == [
                SourceLocation(file: "Templates/partials/x10.mustache", line: 1, column: 1),
                SourceLocation(file: "Templates/partials/x4.mustache", line: 1, column: 1),
            ])
        #expect(over.first?.code == .templateSyntax)
        // What is left renders at once, empty.
        let rendered = renderer.render("partials/x1", MValue.object([:]))
        #expect(rendered?.isEmpty == true)
        #expect(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < 5)
    }

    @Test func theTemplateCheckVisitsABoundedNumberOfTemplates() {
        var templates = Self.chain.mapValues { String(decoding: $0, as: UTF8.self) }
        templates = Dictionary(
            uniqueKeysWithValues: templates.map { (String($0.key.dropLast(".mustache".count)), $0.value) })
        let check = TemplateCheck(templates: templates, files: [:])
        let start = DispatchTime.now().uptimeNanoseconds
        _ = check.check("partials/x1", shape: [:], what: "page")
        #expect(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < 30)
    }

    @Test func theBuiltInTemplatesAreFarUnderTheLimit() throws {
        let set = TemplateSet.load(overrides: [:])
        #expect(set.compiled().problems.isEmpty)
        let compiled = try set.templates.mapValues { try CompiledTemplate.compile($0) }
        #expect(CompiledTemplate.overExpanded(compiled).isEmpty)
    }
}
