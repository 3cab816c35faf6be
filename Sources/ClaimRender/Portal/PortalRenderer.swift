import ClaimModel
import ClaimRules
import Foundation
import Mustache

/// Renders the portal: every page of docs/output.md from the evaluation, with templates
/// checked against their view models first and every internal link checked after.
public struct PortalRenderer {
    /// What rendering gives: the files by output path, or the problems that stop the build.
    public struct Output: Sendable {
        /// Files by path relative to the output folder.
        public var files: [String: Data]
        /// Problems; any error means nothing may be written.
        public var diagnostics: [Diagnostic]
    }

    /// The templates and assets to use.
    public let templates: TemplateSet

    /// How pages are rendered.
    public enum Engine: Sendable {
        /// The compiled form of the templates (fast), falling back to swift-mustache when a
        /// template uses a feature the compiler does not support.
        case compiled
        /// swift-mustache itself.
        case swiftMustache
    }

    /// Which engine renders the pages.
    public var engine: Engine

    /// A renderer with `templates`.
    public init(templates: TemplateSet, engine: Engine = .compiled) {
        self.templates = templates
        self.engine = engine
    }

    /// Every template compiled, or `nil` when one cannot be (then swift-mustache renders).
    func compiledTemplates() -> MRenderer? {
        guard engine == .compiled else { return nil }
        var compiled: [String: CompiledTemplate] = [:]
        for (name, text) in templates.templates {
            guard let template = try? CompiledTemplate.compile(text) else { return nil }
            compiled[name] = template
        }
        return MRenderer(templates: compiled)
    }

    /// The page templates, what their view models are called in messages, and their shapes.
    static let pageTemplates: [(name: String, what: String, shape: [String: Shape])] = [
        ("home", "home page's view model", PortalShapes.home),
        ("engagement", "engagement page's view model", PortalShapes.engagement),
        ("claim", "claim page's view model", PortalShapes.claim),
        ("customer", "customer page's view model", PortalShapes.customer),
        ("page", "Markdown page's view model", PortalShapes.page),
    ]

    /// Checks every page template against its view model's shape.
    public func checkTemplates() -> [Diagnostic] {
        let checker = TemplateCheck(templates: templates.templates, files: templates.files)
        var out: [Diagnostic] = []
        for page in PortalRenderer.pageTemplates {
            guard templates.templates[page.name] != nil else {
                out.append(.error(.templateMissing, at: SourceLocation(file: "Templates/\(page.name).mustache"), "the built-in template '\(page.name)' is missing"))
                continue
            }
            out += checker.check(page.name, shape: page.shape, what: page.what)
        }
        return out
    }

    /// Renders everything into memory (tests and small sites).
    public func render(evaluation: Evaluation, model: SiteModel, settings: SiteSettings, audience: Audience,
                       diagnostics: [Diagnostic], timer: StageTimer = StageTimer()) -> Output {
        let sink = MemorySink()
        let problems = render(evaluation: evaluation, model: model, settings: settings, audience: audience,
                              diagnostics: diagnostics, timer: timer, into: sink)
        return Output(files: problems.hasErrors ? [:] : sink.files, diagnostics: problems)
    }

    /// Renders every page, the assets and the exports into `sink` as they are made, checking
    /// every internal link on the way; returns the problems (any error means the output must
    /// not be used).
    public func render(evaluation: Evaluation, model: SiteModel, settings: SiteSettings, audience: Audience,
                       diagnostics: [Diagnostic], timer: StageTimer, progress: Progress = .silent,
                       into sink: OutputSink) -> [Diagnostic] {
        var problems = timer.measure("check templates") { checkTemplates() }
        let (library, parseProblems) = timer.measure("read templates") { templates.library() }
        problems += parseProblems
        guard !problems.hasErrors else { return problems }

        let paths = PagePaths(claims: model.claims.map(\.id), engagements: model.engagements.map(\.id),
                              customers: model.customers.map(\.id), pages: model.pages.map(\.slug))
        let contexts = PortalContexts(evaluation: evaluation, model: model, settings: settings, audience: audience,
                                      paths: paths, diagnostics: diagnostics)
        // Every page, in a fixed order.
        enum Spec: Sendable { case home, engagement(Int), claim(Int), customer(Int), page(Int) }
        var specs: [Spec] = [.home]
        specs += evaluation.engagements.indices.map(Spec.engagement)
        specs += evaluation.claims.indices.map(Spec.claim)
        var seenCustomers = Set<String>()
        specs += model.customers.indices.filter { seenCustomers.insert(model.customers[$0].id).inserted }.map(Spec.customer)
        let sortedPages = contexts.sortedPages
        specs += sortedPages.indices.map(Spec.page)
        let allSpecs = specs
        @Sendable func pathAndTemplate(_ spec: Spec) -> (String, String) {
            switch spec {
            case .home: return ("index.html", "home")
            case .engagement(let k): return (paths.engagement(evaluation.engagements[k].engagement.id), "engagement")
            case .claim(let k): return (paths.claim(evaluation.claims[k].claim.id), "claim")
            case .customer(let k): return (paths.customer(model.customers[k].id), "customer")
            case .page(let k): return (paths.page(sortedPages[k].slug), "page")
            }
        }

        // The exports first (side by side), so every file a page may link to is known.
        let exports = timer.measure("exports (report, email, CSV, calendar)") { Parallel.map(4) { task -> [String: Data] in
            switch task {
            case 0:
                return ["report.json": Data(ReportJSON.bytes(evaluation, settings: settings, audience: audience, paths: paths,
                                                             diagnostics: diagnostics))]
            case 1: return EmailExports.files(evaluation: evaluation, model: model, settings: settings, paths: paths, audience: audience)
            case 2: return CSVExports.files(evaluation: evaluation, model: model, settings: settings, paths: paths, audience: audience)
            default: return ["deadlines.ics": CalendarExport.deadlines(evaluation: evaluation, model: model, settings: settings, paths: paths)]
            }
        } }
        var existing = Set(allSpecs.map { pathAndTemplate($0).0 })
        timer.measure("write exports and assets") {
            for export in exports {
                for (path, data) in export {
                    sink.put(path, data)
                    existing.insert(path)
                }
            }
            for (name, data) in templates.assets {
                sink.put("assets/\(name)", data)
                existing.insert("assets/\(name)")
            }
        }
        let known = existing

        // Pages: contexts built, rendered, link-checked and written on all cores.
        let fast = compiledTemplates()
        let renderStart = DispatchTime.now().uptimeNanoseconds
        progress.begin("rendering pages", total: allSpecs.count)
        defer { progress.end() }
        let rendered = Parallel.map(allSpecs.count) { i -> (template: String, path: String, links: LinkCheck.PageResult?) in
            let (path, template) = pathAndTemplate(allSpecs[i])
            let pageStart = DispatchTime.now().uptimeNanoseconds
            defer { timer.record("  template \(template) (CPU, all cores)", Double(DispatchTime.now().uptimeNanoseconds - pageStart) / 1e9) }
            let context: [String: Any]
            switch allSpecs[i] {
            case .home: context = contexts.home()
            case .engagement(let k): context = contexts.engagement(evaluation.engagements[k])
            case .claim(let k): context = contexts.claim(evaluation.claims[k])
            case .customer(let k): context = contexts.customer(model.customers[k])
            case .page(let k): context = contexts.page(sortedPages[k])
            }
            guard let bytes = fast?.render(template, MValue(context)) ?? library.render(context, withTemplate: template).map({ Array($0.utf8) }) else {
                return (template, path, nil)
            }
            sink.put(path, bytes)
            progress.advance()
            return (template, path, bytes.withUnsafeBytes { LinkCheck.check(path, bytes: $0, existing: known) })
        }
        timer.record("render pages (\(allSpecs.count))", Double(DispatchTime.now().uptimeNanoseconds - renderStart) / 1e9)
        var results: [LinkCheck.PageResult] = []
        for page in rendered {
            guard let links = page.links else {
                problems.append(.error(.templateRenderFailed, at: SourceLocation(file: templates.files[page.template] ?? page.template), "template '\(page.template)' could not render \(page.path)"))
                continue
            }
            results.append(links)
        }
        problems += timer.measure("check links") { LinkCheck.finish(results) }
        return problems
    }
}

extension PortalRenderer {
    /// Where the example's view models and their declared shapes disagree (for tests): every
    /// page's context is checked against the shape its template is checked with.
    public static func shapeProblems(evaluation: Evaluation, model: SiteModel, settings: SiteSettings,
                                     audience: Audience, diagnostics: [Diagnostic]) -> [String] {
        let paths = PagePaths(claims: model.claims.map(\.id), engagements: model.engagements.map(\.id),
                              customers: model.customers.map(\.id), pages: model.pages.map(\.slug))
        let contexts = PortalContexts(evaluation: evaluation, model: model, settings: settings, audience: audience,
                                      paths: paths, diagnostics: diagnostics)
        var out = ShapeConformance.problems(contexts.home(), PortalShapes.home, path: "home: ")
        for e in evaluation.engagements { out += ShapeConformance.problems(contexts.engagement(e), PortalShapes.engagement, path: "\(e.engagement.id): ") }
        for c in evaluation.claims { out += ShapeConformance.problems(contexts.claim(c), PortalShapes.claim, path: "\(c.claim.id): ") }
        for c in model.customers { out += ShapeConformance.problems(contexts.customer(c), PortalShapes.customer, path: "\(c.id): ") }
        for p in model.pages { out += ShapeConformance.problems(contexts.page(p), PortalShapes.page, path: "\(p.slug): ") }
        return out
    }
}
