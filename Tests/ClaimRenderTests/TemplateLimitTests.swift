@testable import ClaimRender
import ClaimModel
import Foundation
import Testing

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
        #expect(error == TemplateSyntaxError(
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
        #expect(CompiledTemplate.inclusionCycle(try templates(["a": "{{>b}}", "b": "{{<c}}{{$x}}{{>a}}{{/x}}{{/c}}", "c": "{{$x}}{{/x}}"]))
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
        #expect(cycles.first?.location == SourceLocation(file: "Templates/partials/claim-head.mustache", line: 1, column: 1))
        #expect(cycles.first?.message == "template 'partials/claim-head' includes itself (partials/claim-head → partials/status → partials/claim-head), so it would never finish rendering; remove the inclusion")
        // What is left renders and ends.
        let out = renderer.render("partials/status", MValue.object(["claim": .flag(true)]))
        #expect(out.map { String(decoding: $0, as: UTF8.self) } == "<span>\n</span>\n")
    }
}
