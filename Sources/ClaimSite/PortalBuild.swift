import ClaimModel
import ClaimRender
import ClaimRules
import Foundation
import LinkCheck
import OutputFiles

/// Runs the render stage of a build (docs/output.md): checks and compiles the templates, runs
/// every export step side by side, writes the assets, renders every page of the plan on all
/// cores — keeping a page from the previous output when its view model did not change
/// (`PageMemo`), and beside the exports when there is a memo — and checks every internal link.
/// Timed stage by stage, with progress.
package enum PortalBuild {
    /// Renders everything into memory (tests and small sites).
    package static func render(
        _ portal: PortalRenderer, evaluation: Evaluation, model: SiteModel, settings: SiteSettings,
        audience: Audience, diagnostics: [Diagnostic],
        timer: StageTimer = StageTimer()
    ) -> PortalRenderer.Output {
        let sink = MemorySink()
        let problems = render(
            portal, evaluation: evaluation, model: model, settings: settings, audience: audience,
            diagnostics: diagnostics, timer: timer, into: sink)
        return PortalRenderer.Output(files: problems.hasErrors ? [:] : sink.files, diagnostics: problems)
    }

    /// Renders every page, the assets and the exports into `sink` as they are made, checking
    /// every internal link on the way; returns the problems (any error means the output must
    /// not be used).
    package static func render(
        _ portal: PortalRenderer, evaluation: Evaluation, model: SiteModel, settings: SiteSettings,
        audience: Audience, diagnostics: [Diagnostic], timer: StageTimer,
        progress: Progress = .silent, pages reuse: PageReuse? = nil,
        into sink: OutputSink
    ) -> [Diagnostic] {
        let templates = portal.templates
        var problems = timer.measure("check templates") { portal.checkTemplates() }
        let (engine, compileProblems) = timer.measure("compile templates") { portal.compiled() }
        problems += compileProblems
        guard !problems.hasErrors else { return problems }
        var planned = timer.measure("plan pages") {
            portal.plan(
                evaluation: evaluation, model: model, settings: settings, audience: audience,
                diagnostics: diagnostics)
        }
        let context = reuse?.context(templates: templates.templates)
        let memo = reuse.map { $0.previous.context == context ? $0.previous : PageMemo.empty }
        // Claims, customers and engagements keyed by what they are made from: a page or an
        // export's piece whose key did not change is kept or copied (docs/output.md, Cache).
        let inputKeys = reuse?.siteKey.map { siteKey in
            timer.measure("key claims, customers and engagements by their inputs") {
                PageInputKeys(plan: planned, model: model, siteKey: siteKey)
            }
        }
        if let inputKeys, let cache = reuse?.pieces { planned.pieces = inputKeys.pieces(cache) }
        let plan = planned

        let builder = memo.flatMap { memo in context.map { PageMemo.Builder(context: $0, previous: memo) } }

        // The exports, side by side, each written as it is made. With a page memo they run beside
        // the pages, whose links are checked once both are done (against the memo's tables);
        // without one, first, so that every file a page may link to is known as it renders.
        let steps = ExportStep.all
        let runExports = { @Sendable () -> [[String]] in
            timer.measure("exports (\(steps.map(\.name).joined(separator: ", ")))") {
                Parallel.map(steps.count) { k -> [String] in
                    let start = DispatchTime.now().uptimeNanoseconds
                    defer {
                        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                        timer.record("  export \(steps[k].name) (CPU)", seconds)
                    }
                    return steps[k].write(plan, templates, sink)
                }
            }
        }
        // With a memo, beside the pages; without one, first.
        let exportsBeside = builder == nil ? nil : Background(runExports)
        let exportsFirst = builder == nil ? runExports() : nil
        var existing = Set(plan.pages.map(\.path))
        timer.measure("write assets") {
            for (name, data) in templates.assets {
                sink.put("assets/\(name)", data)
                existing.insert("assets/\(name)")
            }
        }
        let pagesAndAssets = existing
        let known = exportsFirst?.reduce(into: pagesAndAssets) { $0.formUnion($1) }

        // Pages: each kept from the previous output when its key (its input key, else its view
        // model's digest) did not change (`PageMemo`), else rendered and written. On all cores.
        let verdicts = memo.flatMap { memo in
            known.map { known in timer.measure("check links of the page memo") { memo.verdicts(existing: known) } }
        }
        let renderStart = DispatchTime.now().uptimeNanoseconds
        progress.begin("rendering pages", total: plan.pages.count)
        defer { progress.end() }
        let done = Parallel.map(plan.pages.count, chunkSize: 4) {
            i -> (links: PageLinkWork, memo: PageMemo.Entry?, kept: Bool, made: Bool) in
            let (path, template) = (plan.pages[i].path, plan.pages[i].template)
            let pageStart = DispatchTime.now().uptimeNanoseconds
            defer {
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - pageStart) / 1e9
                timer.record("  template \(template) (CPU, all cores)", seconds)
                progress.advance()
            }
            var made: MadePage?
            var digest: PageDigest?
            if let memo {
                let pageDigest: PageDigest
                if let key = inputKeys?.key(i) {
                    pageDigest = key
                } else {
                    let page = plan.make(i)
                    made = page
                    pageDigest = page.digestInput().withUnsafeBytes { PageDigest(of: $0) }
                }
                if let entry = memo.entries[path], entry.digest == pageDigest,
                    sink.keep(path, hash: entry.fileHash)
                {
                    let links = verdicts.map { PageLinkWork.checked(memo.check(path, entry, with: $0)) }
                    return (links ?? .inMemo(entry), entry, true, made != nil)
                }
                digest = pageDigest
            }
            let page = made ?? plan.make(i)
            guard let bytes = page.render(with: engine) else { return (.failed, nil, false, true) }
            sink.put(path, bytes)
            if let memo, let builder, let digest, let hash = sink.recordedHash(path) {
                // The same bytes as the last build's file (a page made again because its key
                // changed, with nothing it shows): its links and ids are those recorded.
                if var same = memo.entries[path], same.fileHash == hash {
                    same.digest = digest
                    return (.inMemo(same), same, false, true)
                }
                let entry = bytes.withUnsafeBytes {
                    builder.entry(digest: digest, fileHash: hash, page: path, bytes: $0)
                }
                return (.inMemo(entry), entry, false, true)
            }
            let links = bytes.withUnsafeBytes { LinkCheck.links(path, bytes: $0) }
            if let known { return (.checked(LinkCheck.check(path, links, existing: known)), nil, false, true) }
            return (.unchecked(links), nil, false, true)
        }
        timer.record(
            "render pages (\(plan.pages.count))", Double(DispatchTime.now().uptimeNanoseconds - renderStart) / 1e9)

        // Links left to check once the exports are written: against every file of the output,
        // through the verdicts of the memo's tables (kept pages point into them, and so do the
        // entries of pages rendered now).
        var results: [LinkCheck.PageResult] = []
        let all = known ?? exportsBeside!.value.reduce(into: pagesAndAssets) { $0.formUnion($1) }
        let tables = builder?.tables()
        let late = tables.flatMap { tables in
            known == nil ? timer.measure("check links of the page memo") { tables.verdicts(existing: all) } : nil
        }
        let checked = Parallel.map(done.count) { i -> LinkCheck.PageResult? in
            let path = plan.pages[i].path
            switch done[i].links {
            case .checked(let result): return result
            case .inMemo(let entry): return late.map { tables!.check(path, entry, with: $0) }
            case .unchecked(let links): return LinkCheck.check(path, links, existing: all)
            case .failed: return nil
            }
        }
        for (i, result) in checked.enumerated() {
            guard let result else {
                let template = plan.pages[i].template
                problems.append(
                    .error(
                        .templateRenderFailed, at: SourceLocation(file: templates.files[template] ?? template),
                        "template '\(template)' could not render \(plan.pages[i].path)"))
                continue
            }
            results.append(result)
        }
        if let reuse, let builder {
            reuse.kept = done.reduce(0) { $0 + ($1.kept ? 1 : 0) }
            reuse.rendered = plan.pages.count - reuse.kept
            reuse.viewModels = done.reduce(0) { $0 + ($1.made ? 1 : 0) }
            reuse.keyedByInputs = inputKeys?.count ?? 0
            // A memo only when every page has its entry (a sink that records no hashes gives none).
            // It is made and encoded on a thread of its own while the links are checked and the
            // output is swapped in.
            let entries = done.enumerated().compactMap { i, page in page.memo.map { (plan.pages[i].path, $0) } }
            if entries.count == plan.pages.count {
                reuse.nextEncoded = Background {
                    let memo = timer.measure("remember pages (beside the link check)") { builder.finish(entries) }
                    return timer.measure("encode page memo (beside the link check and the swap)") { memo.encoded() }
                }
            }
        }
        problems += timer.measure("check links") {
            LinkCheck.finish(results).map { .error(.brokenLink, at: nil, $0) }
        }
        return problems
    }
}

/// What is left of a page's link check once it is rendered or kept.
enum PageLinkWork: Sendable {
    /// Checked already, against the files known as it rendered.
    case checked(LinkCheck.PageResult)
    /// To check through the memo's tables, which hold its links (`PageMemo.check`).
    case inMemo(PageMemo.Entry)
    /// To check by its links (a page without a memo entry).
    case unchecked(LinkCheck.PageLinks)
    /// Its template could not render it.
    case failed
}
