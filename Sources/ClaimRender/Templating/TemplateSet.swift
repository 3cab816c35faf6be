import ClaimModel
import Foundation
import TypedMustache

/// The templates and assets a build renders with: the built-in ones, each overridden by a file
/// of the same name in the site's own `Templates/` folder.
public struct TemplateSet: Sendable {
    /// Template texts by name (path under `Templates/` without `.mustache`).
    public let templates: [String: String]
    /// Where each template came from (relative to the site), for diagnostics.
    public let files: [String: String]
    /// Other files under `Templates/assets/`, by path under `assets/`.
    public let assets: [String: Data]
    /// The site's own files that replaced a built-in one.
    public let overridden: [String]
    /// The words of the build's language, the site's own keys merged over the built-in ones.
    public let catalogue: Catalogue
    /// Every template compiled once, when the set is loaded, for the one engine.
    let engine: MRenderer
    /// The problems of the templates that could not be compiled, with their files.
    let compileProblems: [Diagnostic]

    /// The built-in set with `overrides` (path under `Templates/` → bytes) from the site.
    public static func load(overrides: [String: Data], language: Language = .en) -> TemplateSet {
        var all = BuiltInTemplates.files.mapValues { Data($0.utf8) }
        var overridden: [String] = []
        for (relative, data) in overrides {
            if let builtIn = all[relative], builtIn != data { overridden.append(relative) }
            all[relative] = data
        }
        var templates: [String: String] = [:], files: [String: String] = [:], assets: [String: Data] = [:]
        for (path, data) in all {
            if path.hasSuffix(".mustache") {
                let name = String(path.dropLast(".mustache".count))
                templates[name] = String(decoding: data, as: UTF8.self)
                files[name] = "Templates/\(path)"
            } else if path.hasPrefix("assets/") {
                assets[String(path.dropFirst("assets/".count))] = data
            }
        }
        let catalogueFile = "i18n/\(language.rawValue).yaml"
        let siteCatalogue = overrides[catalogueFile].map {
            (text: String(decoding: $0, as: UTF8.self), file: "Templates/\(catalogueFile)")
        }
        let (catalogue, catalogueProblems) = Catalogue.load(language, override: siteCatalogue)
        var wordProblems: [Diagnostic] = []
        for name in templates.keys.sorted() {
            let applied = TemplateWords.apply(templates[name]!, catalogue: catalogue, file: files[name]!)
            templates[name] = applied.text
            wordProblems += applied.problems
        }
        let (engine, problems) = compile(templates, files: files)
        return TemplateSet(
            templates: templates, files: files, assets: assets, overridden: overridden.sorted(), catalogue: catalogue,
            engine: engine, compileProblems: catalogueProblems + wordProblems + problems)
    }

    /// Every template compiled for the one engine that renders pages and emails, and the
    /// problems of those that cannot be compiled, with their files (compiled once, on load).
    func compiled() -> (renderer: MRenderer, problems: [Diagnostic]) { (engine, compileProblems) }

    private static func compile(_ templates: [String: String], files: [String: String]) -> (MRenderer, [Diagnostic]) {
        var compiled: [String: CompiledTemplate] = [:]
        var problems: [Diagnostic] = []
        for name in templates.keys.sorted() {
            do {
                compiled[name] = try CompiledTemplate.compile(templates[name]!)
            } catch {
                problems.append(
                    .error(
                        .templateSyntax, at: SourceLocation(file: files[name]!, line: error.line, column: error.column),
                        "template '\(name)': \(error.message)"))
            }
        }
        // A template that includes itself, directly or through others, would render forever:
        // each such chain is an error at its first inclusion, and that template is left out of
        // the engine so that nothing can render the chain (docs/input-format.md, Limits).
        while let cycle = CompiledTemplate.inclusionCycle(compiled) {
            let name = cycle[0], next = cycle[1]
            let tag = TemplateTags.scan(templates[name]!).first {
                ($0.kind == .partial || $0.kind == .parent) && $0.name == next
            }
            problems.append(
                .error(
                    .templateSyntax,
                    at: SourceLocation(file: files[name]!, line: tag?.line ?? 1, column: tag?.column ?? 1),
                    """
                    template '\(name)' includes itself (\(cycle.joined(separator: " → "))), so it would never \
                    finish rendering; remove the inclusion
                    """
                ))
            compiled[name] = nil
        }
        // Inclusions that multiply (a partial included ten times by one included ten times, …)
        // would make a page, and the template check, exponentially long.
        // Each round leaves out the templates where the limit is passed, until none is.
        while case let over = CompiledTemplate.overExpanded(compiled), !over.isEmpty {
            for (name, _) in over {
                problems.append(
                    .error(
                        .templateSyntax, at: SourceLocation(file: files[name]!, line: 1, column: 1),
                        """
                        template '\(name)' comes to more than \(CompiledTemplate.maxExpandedTokens) tags and \
                        texts with its partials written out, each as often as it is included; include less often, \
                        or put the repeated part in a section over a list
                        """
                    ))
                compiled[name] = nil
            }
        }
        return (MRenderer(templates: compiled), problems)
    }
}
