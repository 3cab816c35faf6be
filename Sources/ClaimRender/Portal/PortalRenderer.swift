import ClaimModel
import ClaimRules
import Foundation

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

    /// A renderer with `templates`, which ClaimSite's own engine compiles (the only one).
    public init(templates: TemplateSet) {
        self.templates = templates
    }

    /// The page templates, what their view models are called in messages, and their shapes:
    /// the keys each may use, derived from its view model's field table.
    static let pageTemplates: [(name: String, what: String, shape: [String: Shape])] = [
        ("home", "home page's view model", HomePage.fields.shape),
        ("engagement", "engagement page's view model", EngagementPage.fields.shape),
        ("claim", "claim page's view model", ClaimPage.fields.shape),
        ("customer", "customer page's view model", CustomerPage.fields.shape),
        ("page", "Markdown page's view model", MarkdownPage.fields.shape),
    ]

    /// Checks every page template against its view model's shape, and the email templates
    /// against theirs (`EmailExports.checkTemplates`).
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
        return out + EmailExports.checkTemplates(templates)
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
        let (engine, compileProblems) = timer.measure("compile templates") { templates.compiled() }
        problems += compileProblems
        guard !problems.hasErrors else { return problems }

        let plan = PagePlan(evaluation: evaluation, model: model, settings: settings, audience: audience,
                            diagnostics: diagnostics)
        let paths = plan.paths

        // The exports first (side by side, each written as it is made), so every file a page
        // may link to is known.
        let templateSet = templates
        let exportNames = ["report.json", "email", "CSV", "calendar"]
        let exported = timer.measure("exports (report, email, CSV, calendar)") { Parallel.map(4) { task -> [String] in
            let start = DispatchTime.now().uptimeNanoseconds
            defer {
                timer.record("  export \(exportNames[task]) (CPU)", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            switch task {
            case 0:
                ReportJSON.write(evaluation, settings: settings, audience: audience, paths: paths, diagnostics: diagnostics, to: sink)
                return [ReportJSON.path]
            case 1:
                return EmailExports.write(evaluation: evaluation, model: model, settings: settings, paths: paths,
                                          audience: audience, templates: templateSet, to: sink)
            case 2:
                return CSVExports.write(evaluation: evaluation, model: model, settings: settings, paths: paths, audience: audience, to: sink)
            default:
                CalendarExport.write(evaluation: evaluation, model: model, settings: settings, paths: paths, to: sink)
                return [CalendarExport.path]
            }
        } }
        var existing = Set(plan.pages.map(\.path))
        for paths in exported { existing.formUnion(paths) }
        timer.measure("write assets") {
            for (name, data) in templates.assets {
                sink.put("assets/\(name)", data)
                existing.insert("assets/\(name)")
            }
        }
        let known = existing

        // Pages: view models built, rendered, link-checked and written on all cores.
        let renderStart = DispatchTime.now().uptimeNanoseconds
        progress.begin("rendering pages", total: plan.pages.count)
        defer { progress.end() }
        let rendered = Parallel.map(plan.pages.count) { i -> (template: String, path: String, links: LinkCheck.PageResult?) in
            let (path, template) = (plan.pages[i].path, plan.pages[i].template)
            let pageStart = DispatchTime.now().uptimeNanoseconds
            defer { timer.record("  template \(template) (CPU, all cores)", Double(DispatchTime.now().uptimeNanoseconds - pageStart) / 1e9) }
            guard let bytes = plan.render(i, with: engine) else {
                return (template, path, nil)
            }
            sink.put(path, bytes)
            progress.advance()
            return (template, path, bytes.withUnsafeBytes { LinkCheck.check(path, bytes: $0, existing: known) })
        }
        timer.record("render pages (\(plan.pages.count))", Double(DispatchTime.now().uptimeNanoseconds - renderStart) / 1e9)
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

/// Every page of the portal in a fixed order — the overview, engagements, claims, customers,
/// Markdown pages — with its path, template and (made on demand) view model.
struct PagePlan: Sendable {
    /// A page: where it goes and which template renders it.
    struct Page: Sendable {
        enum Kind: Sendable { case home, engagement(Int), claim(Int), customer(Int), page(Int) }
        var kind: Kind
        var path: String
        var template: String
    }

    let evaluation: Evaluation
    let model: SiteModel
    let paths: PagePaths
    let contexts: PortalContexts
    let pages: [Page]

    init(evaluation: Evaluation, model: SiteModel, settings: SiteSettings, audience: Audience, diagnostics: [Diagnostic]) {
        let paths = PagePaths(claims: model.claims.map(\.id), engagements: model.engagements.map(\.id),
                              customers: model.customers.map(\.id), pages: model.pages.map(\.slug))
        let contexts = PortalContexts(evaluation: evaluation, model: model, settings: settings, audience: audience,
                                      paths: paths, diagnostics: diagnostics)
        var pages = [Page(kind: .home, path: "index.html", template: "home")]
        pages += evaluation.engagements.indices.map {
            Page(kind: .engagement($0), path: paths.engagement(evaluation.engagements[$0].engagement.id), template: "engagement")
        }
        pages += evaluation.claims.indices.map {
            Page(kind: .claim($0), path: paths.claim(evaluation.claims[$0].claim.id), template: "claim")
        }
        var seenCustomers = Set<String>()
        pages += model.customers.indices.filter { seenCustomers.insert(model.customers[$0].id).inserted }.map {
            Page(kind: .customer($0), path: paths.customer(model.customers[$0].id), template: "customer")
        }
        pages += contexts.sortedPages.indices.map {
            Page(kind: .page($0), path: paths.page(contexts.sortedPages[$0].slug), template: "page")
        }
        self.evaluation = evaluation
        self.model = model
        self.paths = paths
        self.contexts = contexts
        self.pages = pages
    }

    /// Page `i` rendered by `engine` from its typed view model, or `nil` when its template is missing.
    func render(_ i: Int, with engine: MRenderer) -> [UInt8]? {
        let template = pages[i].template
        switch pages[i].kind {
        case .home: return engine.render(template, contexts.home())
        case .engagement(let k): return engine.render(template, contexts.engagement(evaluation.engagements[k]))
        case .claim(let k): return engine.render(template, contexts.claim(evaluation.claims[k]))
        case .customer(let k): return engine.render(template, contexts.customer(model.customers[k]))
        case .page(let k): return engine.render(template, contexts.page(contexts.sortedPages[k]))
        }
    }

    /// The view model of page `i` as swift-mustache takes one (`[String: Any]`, made by walking
    /// its field table), for tests that render it with swift-mustache as an oracle.
    func context(_ i: Int) -> [String: Any] {
        switch pages[i].kind {
        case .home: return HomePage.fields.dictionary(contexts.home())
        case .engagement(let k): return EngagementPage.fields.dictionary(contexts.engagement(evaluation.engagements[k]))
        case .claim(let k): return ClaimPage.fields.dictionary(contexts.claim(evaluation.claims[k]))
        case .customer(let k): return CustomerPage.fields.dictionary(contexts.customer(model.customers[k]))
        case .page(let k): return MarkdownPage.fields.dictionary(contexts.page(contexts.sortedPages[k]))
        }
    }

    /// The shape of page `i`'s template (what the template check allows).
    func shape(_ i: Int) -> [String: Shape] {
        PortalRenderer.pageTemplates.first { $0.name == pages[i].template }!.shape
    }
}

extension PortalRenderer {
    /// Where the view models, as swift-mustache takes them (`PagePlan.context`), and the
    /// shapes their templates are checked with disagree (for tests): both come from the same
    /// field tables, so this checks the conversion.
    public static func shapeProblems(evaluation: Evaluation, model: SiteModel, settings: SiteSettings,
                                     audience: Audience, diagnostics: [Diagnostic]) -> [String] {
        let plan = PagePlan(evaluation: evaluation, model: model, settings: settings, audience: audience, diagnostics: diagnostics)
        return plan.pages.indices.flatMap { ShapeConformance.problems(plan.context($0), plan.shape($0), path: "\(plan.pages[$0].path): ") }
    }
}
