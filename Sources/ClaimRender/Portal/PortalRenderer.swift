import ClaimModel
import ClaimRules
import Foundation
import LinkCheck
import TypedMustache
import OutputFiles
import Search

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

    /// The page templates, what their view models are called in messages, and their shapes:
    /// the keys each may use, derived from its view model's field table.
    package static let pageTemplates: [(name: String, what: String, shape: [String: Shape])] = [
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
            out += checker.diagnostics(page.name, shape: page.shape, what: page.what)
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
                       pages reuse: PageReuse? = nil, into sink: OutputSink) -> [Diagnostic] {
        var problems = timer.measure("check templates") { checkTemplates() }
        let (engine, compileProblems) = timer.measure("compile templates") { templates.compiled() }
        problems += compileProblems
        guard !problems.hasErrors else { return problems }

        let speech = Speech(templates.catalogue)
        let plan = PagePlan(evaluation: evaluation, model: model, settings: settings, audience: audience,
                            diagnostics: diagnostics, speech: speech)
        let paths = plan.paths

        // The exports first (side by side, each written as it is made), so every file a page
        // may link to is known.
        let templateSet = templates
        let exportNames = ["report.json", "email", "CSV", "calendar", "search index"]
        let exported = timer.measure("exports (report, email, CSV, calendar, search)") { Parallel.map(5) { task -> [String] in
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
                return CSVExports.write(evaluation: evaluation, model: model, settings: settings, paths: paths, audience: audience,
                                        speech: speech, to: sink)
            case 3:
                CalendarExport.write(evaluation: evaluation, model: model, settings: settings, paths: paths, speech: speech, to: sink)
                return [CalendarExport.path]
            default:
                return SearchIndex(evaluation: evaluation, model: model, paths: paths).write(to: sink)
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

        // Pages: view models built, then each page kept from the previous output when its view
        // model did not change (`PageMemo`), else rendered and written; every page's links
        // checked. On all cores.
        let context = reuse?.context(templates: templates.templates)
        let memo = reuse.map { $0.previous.context == context ? $0.previous : PageMemo.empty }
        let verdicts = memo.map { memo in timer.measure("check links of the page memo") { memo.verdicts(existing: known) } }
        let builder = memo.flatMap { memo in context.map { PageMemo.Builder(context: $0, previous: memo) } }
        let renderStart = DispatchTime.now().uptimeNanoseconds
        progress.begin("rendering pages", total: plan.pages.count)
        defer { progress.end() }
        let done = Parallel.map(plan.pages.count) { i -> (links: LinkCheck.PageResult?, memo: PageMemo.Entry?, kept: Bool) in
            let (path, template) = (plan.pages[i].path, plan.pages[i].template)
            let pageStart = DispatchTime.now().uptimeNanoseconds
            defer {
                timer.record("  template \(template) (CPU, all cores)", Double(DispatchTime.now().uptimeNanoseconds - pageStart) / 1e9)
                progress.advance()
            }
            switch plan.produce(i, with: engine, memo: memo, sink: sink) {
            case nil:
                return (nil, nil, false)
            case .kept(let entry)?:
                return (memo!.check(path, entry, with: verdicts!), entry, true)
            case .rendered(let bytes, let digest)?:
                sink.put(path, bytes)
                let links = bytes.withUnsafeBytes { LinkCheck.links(path, bytes: $0) }
                let entry = digest.flatMap { digest in
                    sink.recordedHash(path).flatMap { builder?.entry(digest: digest, fileHash: $0, links: links) }
                }
                return (LinkCheck.check(path, links, existing: known), entry, false)
            }
        }
        timer.record("render pages (\(plan.pages.count))", Double(DispatchTime.now().uptimeNanoseconds - renderStart) / 1e9)
        var results: [LinkCheck.PageResult] = []
        for (i, page) in done.enumerated() {
            guard let links = page.links else {
                let template = plan.pages[i].template
                problems.append(.error(.templateRenderFailed, at: SourceLocation(file: templates.files[template] ?? template), "template '\(template)' could not render \(plan.pages[i].path)"))
                continue
            }
            results.append(links)
        }
        if let reuse, let builder {
            reuse.kept = done.reduce(0) { $0 + ($1.kept ? 1 : 0) }
            reuse.rendered = plan.pages.count - reuse.kept
            // A memo only when every page has its entry (a sink that records no hashes gives none).
            let entries = done.enumerated().compactMap { i, page in page.memo.map { (plan.pages[i].path, $0) } }
            reuse.next = entries.count == plan.pages.count ? timer.measure("remember pages") { builder.finish(entries) } : nil
        }
        problems += timer.measure("check links") { LinkCheck.finish(results).map { .error(.brokenLink, at: nil, $0) } }
        return problems
    }
}

/// Every page of the portal in a fixed order — the overview, engagements, claims, customers,
/// Markdown pages — with its path, template and (made on demand) view model.
package struct PagePlan: Sendable {
    /// A page: where it goes and which template renders it.
    package struct Page: Sendable {
        package enum Kind: Sendable { case home, engagement(Int), claim(Int), customer(Int), page(Int) }
        package var kind: Kind
        package var path: String
        package var template: String
    }

    package let evaluation: Evaluation
    package let model: SiteModel
    package let paths: PagePaths
    package let contexts: PortalContexts
    package let pages: [Page]

    package init(evaluation: Evaluation, model: SiteModel, settings: SiteSettings, audience: Audience, diagnostics: [Diagnostic],
         speech: Speech = .english) {
        let paths = PagePaths(claims: model.claims.map(\.id), engagements: model.engagements.map(\.id),
                              customers: model.customers.map(\.id), pages: model.pages.map(\.slug))
        let contexts = PortalContexts(evaluation: evaluation, model: model, settings: settings, audience: audience,
                                      paths: paths, diagnostics: diagnostics, speech: speech)
        var pages = [Page(kind: .home, path: "index.html", template: "home")]
        pages += evaluation.engagements.indices.map {
            Page(kind: .engagement($0), path: paths.engagement(evaluation.engagements[$0].engagement.id), template: "engagement")
        }
        pages += evaluation.claims.indices.map {
            Page(kind: .claim($0), path: paths.claim(evaluation.claims[$0].claim.id), template: "claim")
        }
        var seenCustomers = Set<ByteKey>()
        pages += model.customers.indices.filter { seenCustomers.insert(ByteKey(model.customers[$0].id)).inserted }.map {
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
    package func render(_ i: Int, with engine: MRenderer) -> [UInt8]? {
        guard case .rendered(let bytes, _)? = produce(i, with: engine, memo: nil, sink: nil) else { return nil }
        return bytes
    }

    /// A page made by `produce`.
    enum Produced {
        /// The previous output's file was kept (`memo`'s entry for the page).
        case kept(PageMemo.Entry)
        /// The page's bytes, with the digest of its view model when a memo was given.
        case rendered([UInt8], PageDigest?)
    }

    /// Page `i`: with a `memo`, kept when the memo has the same digest of its view model and
    /// `sink` could keep the previous output's file; else rendered by `engine` from its typed
    /// view model. `nil` when its template is missing.
    func produce(_ i: Int, with engine: MRenderer, memo: PageMemo?, sink: OutputSink?) -> Produced? {
        let (path, template) = (pages[i].path, pages[i].template)
        switch pages[i].kind {
        case .home: return produce(contexts.home(), path, template, engine, memo, sink)
        case .engagement(let k): return produce(contexts.engagement(evaluation.engagements[k]), path, template, engine, memo, sink)
        case .claim(let k): return produce(contexts.claim(evaluation.claims[k]), path, template, engine, memo, sink)
        case .customer(let k): return produce(contexts.customer(model.customers[k]), path, template, engine, memo, sink)
        case .page(let k): return produce(contexts.page(contexts.sortedPages[k]), path, template, engine, memo, sink)
        }
    }

    private func produce<Model: ViewModel>(_ model: Model, _ path: String, _ template: String, _ engine: MRenderer,
                                           _ memo: PageMemo?, _ sink: OutputSink?) -> Produced? {
        guard let memo else { return engine.render(template, model).map { .rendered($0, nil) } }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8_192)
        ViewModelBytes.text(template, into: &bytes)
        withUnsafePointer(to: model) { Model.fields.write($0, into: &bytes) }
        let digest = bytes.withUnsafeBytes { PageDigest(of: $0) }
        if let entry = memo.entries[path], entry.digest == digest, let sink, sink.keep(path, hash: memo.fileHash(entry)) {
            return .kept(entry)
        }
        return engine.render(template, model).map { .rendered($0, digest) }
    }
}
