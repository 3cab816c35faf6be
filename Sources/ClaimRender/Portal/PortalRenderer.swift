import ClaimModel
import ClaimRules
import Foundation
import TypedMustache

/// Renders the portal: every page of docs/output.md from the evaluation, with templates
/// checked against their view models first and every internal link checked after.
public struct PortalRenderer {
    /// What rendering gives: the files by output path, or the problems that stop the build.
    public struct Output: Sendable {
        /// Files by path relative to the output folder.
        public var files: [String: Data]
        /// Problems; any error means nothing may be written.
        public var diagnostics: [Diagnostic]

        /// An output of `files` with `diagnostics`.
        public init(files: [String: Data], diagnostics: [Diagnostic]) {
            self.files = files
            self.diagnostics = diagnostics
        }
    }

    /// The templates and assets to use.
    public let templates: TemplateSet

    /// A renderer with `templates`, which ClaimSite's own engine compiles (the only one).
    public init(templates: TemplateSet) {
        self.templates = templates
    }

    /// Checks every page template against its view model's shape (`PageKind.all`), and the
    /// email templates against theirs (`EmailExports.checkTemplates`).
    public func checkTemplates() -> [Diagnostic] {
        let checker = TemplateCheck(templates: templates.templates, files: templates.files)
        var out: [Diagnostic] = []
        for kind in PageKind.all {
            guard templates.templates[kind.template] != nil else {
                out.append(
                    .error(
                        .templateMissing, at: SourceLocation(file: "Templates/\(kind.template).mustache"),
                        "the built-in template '\(kind.template)' is missing"))
                continue
            }
            out += checker.diagnostics(kind.template, shape: kind.shape, what: kind.what)
        }
        return out + EmailExports.checkTemplates(templates)
    }

    /// Every template compiled for the one engine, and the problems of those that could not be.
    package func compiled() -> (renderer: MRenderer, problems: [Diagnostic]) { templates.compiled() }

    /// The plan of every page of the portal for `evaluation`, in the templates' language.
    package func plan(
        evaluation: Evaluation, model: SiteModel, settings: SiteSettings, audience: Audience,
        diagnostics: [Diagnostic]
    ) -> PagePlan {
        PagePlan(
            evaluation: evaluation, model: model, settings: settings, audience: audience,
            diagnostics: diagnostics, speech: Speech(templates.catalogue))
    }
}
