import ClaimLoad
import ClaimModel
import ClaimRender
import ClaimRules
import Foundation
import OutputFiles

/// What the `check` and `build` commands do, callable from tests without a process.
public enum Commands {
    /// How `check` prints its diagnostics.
    public enum DiagnosticFormat: String, Sendable, CaseIterable {
        /// `FILE:LINE:COLUMN: error: MESSAGE` with the source line, on standard error.
        case text
        /// One JSON array on standard output (`docs/output.md#diagnostics-as-json`).
        case json
    }

    /// Loads and validates; prints diagnostics (as text to `errors`, or as one JSON array to
    /// `output`); returns the exit status (0 clean or warnings only, 1 errors).
    public static func check(
        _ options: SiteOptions, format: DiagnosticFormat = .text,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        output: (String) -> Void = { _ in }, errors: (String) -> Void
    ) -> Int32 {
        let result = SiteCheck.run(options.readingCacheOnly, environment: environment)
        switch format {
        case .text: report(result, options: options, errors: errors)
        case .json: output(String(decoding: ReportJSON.diagnosticsBytes(result.diagnostics), as: UTF8.self))
        }
        return result.failed ? 1 : 0
    }

    /// Validates, evaluates, renders and writes the output folder; nothing is written when the
    /// site or a template has errors, and nothing at all when no input changed since the last
    /// build. Returns the exit status. `outlive` is handed the build's model and evaluation when
    /// it is done with them: a command-line run that exits right after may keep them instead of
    /// freeing them (millions of small objects for 100,000 claims, about half a second).
    public static func build(
        _ options: SiteOptions, output: URL?, audience: [AudienceRole]?, profile: Bool = false,
        force: Bool = false, quiet: Bool = false, environment: [String: String] = ProcessInfo.processInfo.environment,
        outlive: (Any) -> Void = { _ in }, errors: (String) -> Void
    ) -> Int32 {
        let timer = StageTimer()
        var cacheNote = ""
        defer { if profile { errors("claimsite: time per stage\n" + timer.report + cacheNote) } }
        let target = output ?? options.site.appendingPathComponent("Output", isDirectory: true)
        // The fingerprint covers the options as they resolve, not as they were given: `--as-of`
        // equal to site.yaml's `asOf` is the same build as none (docs/output.md, Incremental rebuilds).
        let keys = timer.measure("fingerprint inputs") {
            let settings = SiteLoader.settings(.disk(root: options.site))
            let asOf = AsOfDate.resolve(
                option: options.asOf, settings: settings?.asOf, environment: environment, now: Date())
            return Fingerprint.of(
                site: options.site,
                options: [
                    asOf.day.description, asOf.diagnostics.map(\.message).joined(separator: "\n"),
                    Audience(audience ?? settings?.audience ?? []).roles.map(\.rawValue).joined(separator: ","),
                    (options.language ?? settings?.language ?? .en).rawValue,
                ])
        }
        let fingerprint = keys.all
        // Only the marker's head: the whole manifest (a line per file) is read once, by the writer.
        if !force, let previous = OutputWriter.markerHead(of: target), previous.fingerprint == fingerprint {
            sayRemoved(OutputWriter.clearLeftovers(beside: target), errors: errors)
            errors(
                """
                claimsite: \(target.path) is up to date: no input changed since it was built \
                (\(previous.summary ?? "no diagnostics")); nothing was written\n
                """
            )
            return 0
        }
        // A place that must never be replaced is refused before anything is read or written.
        do {
            try OutputWriter.checkPlace(target, site: options.site)
            try OutputWriter.checkReplaceable(target)
        } catch {
            errors("claimsite: error: \(error)\n")
            return 1
        }
        // Last build's export pieces and page memo are read on a thread of their own while the
        // site loads and evaluates: they depend on neither.
        let cache =
            options.cache == .off ? nil : DiskParseCache(site: options.site, writable: options.cache == .readWrite)
        let salt = Fingerprint.binaryIdentity()
        let lastBuild = cache.map { cache in
            Background { () -> (pieces: (cache: PieceCache, next: URL?), memo: PageMemo?) in
                let pieces = timer.measure("read export pieces (beside load and evaluate)") {
                    cache.openPieces(context: salt, output: target)
                }
                let memo = timer.measure("read page memo (beside load and evaluate)") { cache.loadPageMemo() }
                timer.measure("index the page memo (beside load and evaluate)") { memo?.index() }
                return (pieces, memo)
            }
        }
        var built = false
        defer {
            if let cache, let pieces = lastBuild?.value.pieces {
                timer.measure("write export pieces") {
                    cache.storePieces(pieces.cache, next: pieces.next, keep: built)
                }
                cacheNote +=
                    "  (export pieces: \(pieces.cache.reused) copied from the last build, \(pieces.cache.made) made)\n"
                let emails = pieces.cache.counts(of: ExportPieces.Kind.emailFile.rawValue)
                cacheNote +=
                    "  (email files, of those: \(emails.reused) kept from the last build, \(emails.made) rendered)\n"
            }
        }
        var result = SiteCheck.run(options, environment: environment, timer: timer)
        defer { outlive(result) }
        let (portal, templateProblems) = renderer(
            files: .disk(root: options.site),
            language: options.language ?? result.model.settings?.language ?? .en)
        if !templateProblems.isEmpty { result.diagnostics = (result.diagnostics + templateProblems).sortedForOutput() }
        let files = result.parsedFiles.count + result.cachedFiles.count
        cacheNote =
            options.cache == .off
            ? "  (load: \(files) input files parsed; parse cache not used)\n"
            : """
              (load: \(files) input files, \(result.cachedFiles.count) from the parse cache in \
            \(DiskParseCache.folderName), \(result.parsedFiles.count) parsed)\n
            """
        guard !result.failed, let settings = result.model.settings else {
            report(result, options: options, errors: errors)
            errors("claimsite: nothing was written\n")
            return 1
        }
        let writer: OutputWriter
        do {
            writer = try timer.measure("prepare the output (read its manifest)") {
                try OutputWriter(output: target, site: options.site)
            }
        } catch {
            report(result, options: options, errors: errors)
            errors("claimsite: error: \(error)\n")
            return 1
        }
        // Pages whose inputs did not change since the last build are kept, not rendered; export
        // pieces whose inputs did not change are copied (docs/output.md, Cache).
        let reuse = lastBuild.map { last in
            PageReuse(
                previous: last.value.memo ?? .empty, salt: salt, siteKey: keys.site, pieces: last.value.pieces.cache)
        }
        // Freeing the memos and the manifest costs time and gives nothing back a user needs.
        defer { outlive((reuse as Any, writer)) }
        let problems = PortalBuild.render(
            portal, evaluation: result.evaluation, model: result.model, settings: settings,
            audience: Audience(audience ?? settings.audience ?? []), diagnostics: result.diagnostics, timer: timer,
            progress: Progress(quiet: quiet), pages: reuse, into: writer)
        if let reuse {
            cacheNote +=
                "  (pages: \(reuse.kept) kept from the last build, \(reuse.rendered) rendered; "
                + "\(reuse.viewModels) view models made, \(reuse.keyedByInputs) pages keyed by their inputs)\n"
        }
        // The memo, encoded while the links were checked and the output is swapped in, is
        // stored once it was.
        let memoBytes = problems.hasErrors ? nil : reuse?.nextEncoded
        result.diagnostics = (result.diagnostics + problems).sortedForOutput()
        report(result, options: options, errors: errors)
        guard !problems.hasErrors else {
            writer.abort()
            errors("claimsite: nothing was written\n")
            return 1
        }
        let warnings = result.diagnostics.filter { $0.severity == .warning }.count
        do {
            try timer.measure("swap output in") {
                try writer.commit(
                    fingerprint: fingerprint,
                    summary: "\(warnings) warning\(warnings == 1 ? "" : "s") at the last build"
                ) {
                    if let cache, let memoBytes {
                        timer.measure("write page memo (beside removing the previous output)") {
                            cache.storePageMemo(encoded: memoBytes.value)
                        }
                    }
                }
            }
        } catch {
            errors("claimsite: error: \(error)\n")
            return 1
        }
        built = true
        sayRemoved(writer.removedLeftovers, errors: errors)
        if let note = writer.note { errors("claimsite: note: \(note)\n") }
        errors(
            "claimsite: wrote \(writer.rewrittenCount) files and kept \(writer.keptCount) unchanged in \(target.path)\n"
        )
        return 0
    }

    /// Says which folders an interrupted build had left beside the output and this one removed.
    static func sayRemoved(_ names: [String], errors: (String) -> Void) {
        guard !names.isEmpty else { return }
        errors(
            """
            claimsite: removed \(names.count) folder\(names.count == 1 ? "" : "s") an interrupted build had left \
            beside the output (\(names.joined(separator: ", ")))\n
            """
        )
    }

    /// A renderer with the built-in templates, each overridden by the site's own
    /// `Templates/NAME` (read through `files`), and the problems of reading them: a template
    /// must be UTF-8 like every input (a byte order mark and CRLF read as the plain file;
    /// anything else is `not-utf8`), and a file that cannot be read is an error, not skipped.
    /// Other files (under `Templates/assets/`) are copied byte for byte.
    package static func renderer(files: SiteFiles, language: Language) -> (
        renderer: PortalRenderer, problems: [Diagnostic]
    ) {
        var overrides: [String: Data] = [:]
        var problems: [Diagnostic] = []
        for path in templatePaths(files, "Templates") {
            let data: Data
            do {
                data = try files.readData(path)
            } catch is SiteFiles.LinkOutsideSite {
                continue  // reported by the check as link-outside-site, and never read
            } catch {
                problems.append(
                    .error(
                        .unreadableFile, at: SourceLocation(file: path), record: .site,
                        "cannot read the template: \(error.localizedDescription); fix its permissions or remove it"))
                continue
            }
            let name = String(path.dropFirst("Templates/".count))
            guard path.hasSuffix(".mustache") else {
                overrides[name] = data
                continue
            }
            switch SourceText.decode(data) {
            case .success(let text): overrides[name] = Data(text.utf8)
            case .failure(let notUTF8):
                problems.append(
                    .error(
                        .notUTF8, at: SourceLocation(file: path, line: notUTF8.mark.line, column: notUTF8.mark.column),
                        record: .site, notUTF8.message))
            }
        }
        return (PortalRenderer(templates: TemplateSet.load(overrides: overrides, language: language)), problems)
    }

    /// The words of `language` for `explain`: the built-in catalogue with the site's own
    /// `Templates/i18n/LANG.yaml` merged over it (docs/languages.md), without reading or
    /// compiling the templates. A catalogue with problems still gives its good words; `build`
    /// reports the problems.
    static func catalogue(files: SiteFiles, language: Language) -> Catalogue {
        let path = "Templates/i18n/\(language.rawValue).yaml"
        let text = (try? files.readData(path)).flatMap { try? SourceText.decode($0).get() }
        return Catalogue.load(language, override: text.map { (text: $0, file: path) }).0
    }

    /// Every file below `folder` of the site.
    static func templatePaths(_ files: SiteFiles, _ folder: String) -> [String] {
        guard let entries = files.list(folder) else { return [] }
        return entries.filter { !$0.name.hasPrefix(".") }.sorted { $0.name.precedesByUTF8($1.name) }.flatMap { entry in
            entry.isDirectory ? templatePaths(files, "\(folder)/\(entry.name)") : ["\(folder)/\(entry.name)"]
        }
    }

    /// Writes only the emails into `output` (default `SITE/Output/email`), replacing that folder
    /// whole; with `sendmail`, pipes each message to `sendmail -t -oi` and reports which were
    /// handed over. Returns the exit status.
    public static func email(
        _ options: SiteOptions, output: URL?, audience: [AudienceRole]?, recipients: [String]?,
        sendmail: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        out: (String) -> Void, errors: (String) -> Void
    ) -> Int32 {
        var result = SiteCheck.run(options, environment: environment)
        let (portal, readProblems) = renderer(
            files: .disk(root: options.site),
            language: options.language ?? result.model.settings?.language ?? .en)
        let templates = portal.templates
        let problems =
            readProblems + (result.failed || !readProblems.isEmpty ? [] : EmailExports.checkTemplates(templates))
        if !problems.isEmpty { result.diagnostics = (result.diagnostics + problems).sortedForOutput() }
        report(result, options: options, errors: errors)
        guard !result.failed, let settings = result.model.settings else {
            errors("claimsite: nothing was written\n")
            return 1
        }
        let model = result.model
        let paths = PagePaths(model)
        let files = EmailExports.files(
            evaluation: result.evaluation, model: model, settings: settings, paths: paths,
            audience: Audience(audience ?? settings.audience ?? []), templates: templates, recipients: recipients)
        let folder = output ?? options.site.appendingPathComponent("Output/email", isDirectory: true)
        var local: [String: Data] = [:]
        for (path, data) in files { local[String(path.dropFirst("email/".count))] = data }
        do {
            try OutputWriter.write(local, to: folder, site: options.site)
        } catch {
            errors("claimsite: error: \(error)\n")
            return 1
        }
        errors("claimsite: wrote \(local.count) email files to \(folder.path)\n")
        guard let sendmail else { return 0 }
        var failed = 0
        for path in local.keys.filter({ $0.hasSuffix(".eml") }).sorted() {
            let status = Sendmail.send(local[path]!, with: sendmail)
            if status == 0 {
                out("handed over \(path) to \(sendmail)\n")
            } else {
                failed += 1
                errors("claimsite: error: \(sendmail) refused \(path) (exit status \(status))\n")
            }
        }
        return failed == 0 ? 0 : 1
    }

    /// Prints how claim `id` was judged to `output`, in words or (with `json`) as the
    /// explanation's data with sorted keys; problems go to `errors`. Returns the exit status:
    /// 0, or 1 when the site cannot be loaded or no claim has that ID.
    public static func explain(
        _ id: String, options: SiteOptions, json: Bool = false,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        output: (String) -> Void, errors: (String) -> Void
    ) -> Int32 {
        let result = SiteCheck.run(options.readingCacheOnly, environment: environment)
        let otherErrors = result.diagnostics.filter { $0.severity == .error && $0.record != .claim(id) }
        if result.model.settings == nil
            || result.diagnostics.contains(where: { $0.location == nil && $0.severity == .error })
        {
            report(result, options: options, errors: errors)
            return 1
        }
        let dueSoonDays = result.model.settings?.dueSoonDays ?? SiteSettings.defaultDueSoonDays
        guard
            let explanation = Explanation.of(
                id, in: result.evaluation, dueSoonDays: dueSoonDays,
                diagnostics: result.diagnostics)
        else {
            var message = "claimsite: error: no claim '\(id)'"
            if result.evaluation.leftOut.contains(where: { $0.sameUTF8(id) }) {
                message += "; it is created after the as-of date \(result.asOf), so it is left out (try --as-of)"
            } else {
                message += Suggestion.didYouMean(id, in: result.model.claims.map(\.id))
            }
            errors(message + "\n")
            return 1
        }
        let speech = Speech(
            catalogue(
                files: .disk(root: options.site),
                language: options.language ?? result.model.settings?.language ?? .en))
        output(
            json
                ? String(decoding: ExplainJSON.bytes(explanation), as: UTF8.self)
                : ExplainText.text(explanation, speech: speech))
        if !otherErrors.isEmpty {
            errors(
                """
                claimsite: note: the site has \(otherErrors.count) other \
                error\(otherErrors.count == 1 ? "" : "s"); run 'claimsite check' to see them\n
                """
            )
        }
        return 0
    }

    /// Prints the diagnostics of `result` and a one-line summary.
    static func report(_ result: CheckResult, options: SiteOptions, errors: (String) -> Void) {
        var printer = DiagnosticPrinter(files: .disk(root: options.site))
        let text = printer.format(result.diagnostics)
        if !text.isEmpty { errors(text) }
        let errorCount = result.diagnostics.filter { $0.severity == .error }.count
        let warningCount = result.diagnostics.count - errorCount
        let m = result.model
        errors(
            """
            claimsite: \(m.engagements.count) engagements, \(m.customers.count) customers, \(m.claims.count) \
            claims as of \(result.asOf): 
            """
                + """
                \(errorCount) error\(errorCount == 1 ? "" : "s"), \(warningCount) \
                warning\(warningCount == 1 ? "" : "s")\n
                """
        )
    }
}

extension SiteOptions {
    /// The same options for a command that promises to write nothing (`check`, `explain`): it
    /// reads the parse cache but never fills or prunes it.
    var readingCacheOnly: SiteOptions {
        var options = self
        if options.cache == .readWrite { options.cache = .readOnly }
        return options
    }
}
