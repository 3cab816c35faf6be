import TypedMustache

/// What the template harness (`Fuzz/harnesses/template.swift`, `scripts/fuzz.sh`) does with one
/// input, kept here so that the regression tests of its findings run the same code
/// (`Tests/ClaimRenderTests/FuzzRegressionTests.swift`): the tags scanned as the template check
/// does, the template compiled and, when it compiles and includes nothing that includes it,
/// rendered with a small view model, under the names `t` and `p`. Never used by a build.
package enum TemplateFuzzTarget {
    package static func run(_ text: String) {
        _ = TemplateTags.scan(text)
        guard let compiled = try? CompiledTemplate.compile(text) else { return }
        _ = compiled.reindentsBlocks
        let templates = ["t": compiled, "p": compiled]
        // A template that includes itself is refused before rendering, as TemplateSet does.
        guard CompiledTemplate.inclusionCycle(templates) == nil else { return }
        let value = MValue.object([
            "name": .text("<a & b>"), "flag": .flag(true), "off": .flag(false),
            "rows": .list([.object(["name": .text("one")]), .object(["name": .text("two")])]),
            "empty": .list([]),
        ])
        _ = MRenderer(templates: templates).render("t", value)
    }
}
