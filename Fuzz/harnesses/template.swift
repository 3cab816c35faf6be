// libFuzzer harness: a template compiled by the Mustache engine's parser, its tags scanned as
// the template check does, and, when it compiles, rendered with a small view model
// (scripts/fuzz.sh builds it with Sources/ClaimRender/Templating/; README, Fuzzing).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = TemplateTags.scan(text)
    guard let compiled = try? CompiledTemplate.compile(text) else { return 0 }
    _ = compiled.reindentsBlocks
    let templates = ["t": compiled, "p": compiled]
    // A template that includes itself is refused before rendering, as TemplateSet does.
    guard CompiledTemplate.inclusionCycle(templates) == nil else { return 0 }
    let renderer = MRenderer(templates: templates)
    let value = MValue.object([
        "name": .text("<a & b>"), "flag": .flag(true), "off": .flag(false),
        "rows": .list([.object(["name": .text("one")]), .object(["name": .text("two")])]),
        "empty": .list([]),
    ])
    _ = renderer.render("t", value)
    return 0
}
