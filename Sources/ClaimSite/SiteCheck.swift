import ClaimLoad
import ClaimModel
import ClaimRender
import ClaimRules
import Foundation

/// The options every command shares.
public struct SiteOptions: Sendable {
    /// The site folder.
    public var site: URL
    /// The as-of date given on the command line.
    public var asOf: Day?
    /// How the parse cache in `SITE/.claimsite-cache` is used (`check` and `explain` only
    /// read it, whatever this says).
    public var cache: ParseCacheUse
    /// The language given on the command line (`--language`), which wins over `site.yaml`.
    public var language: Language?

    /// Options for the site at `site`.
    public init(site: URL, asOf: Day? = nil, cache: ParseCacheUse = .readWrite, language: Language? = nil) {
        self.language = language
        self.site = site
        self.asOf = asOf
        self.cache = cache
    }
}

/// The result of loading and validating a site.
public struct CheckResult: Sendable {
    /// What was read.
    public var model: SiteModel
    /// The as-of day the site was judged for.
    public var asOf: Day
    /// The evaluation on that day.
    public var evaluation: Evaluation
    /// Every problem, sorted for output.
    public var diagnostics: [Diagnostic]
    /// The input files that were parsed, in load order.
    public var parsedFiles: [String] = []
    /// The input files whose parse came from the cache, in load order.
    public var cachedFiles: [String] = []

    /// Whether any error was found.
    public var failed: Bool { diagnostics.hasErrors }
}

/// Loads and validates a site; writes nothing.
public enum SiteCheck {
    /// Loads `options.site` and runs every check that does not need rendering. `environment`
    /// is the one the command was given (it may hold `SOURCE_DATE_EPOCH`).
    public static func run(
        _ options: SiteOptions, environment: [String: String],
        now: Date = Date(), timer: StageTimer = StageTimer()
    ) -> CheckResult {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: options.site.path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            let asOf = options.asOf ?? Day(unixSeconds: Int64(now.timeIntervalSince1970))
            return CheckResult(
                model: SiteModel(), asOf: asOf, evaluation: Evaluator.evaluate(SiteModel(), asOf: asOf),
                diagnostics: [
                    .error(
                        .noSiteFolder, at: nil, record: .site,
                        "the site folder '\(options.site.path)' does not exist; pass --site DIR")
                ])
        }
        let cache =
            options.cache == .off
            ? nil
            : DiskParseCache(site: options.site, writable: options.cache == .readWrite, deferWrites: true)
        var result = run(
            files: .disk(root: options.site), asOf: options.asOf, environment: environment, now: now, timer: timer,
            cache: cache)
        // Links out of the site are errors; nothing is read through them (docs/input-format.md, Links).
        let links = SiteFiles.linksOutside(root: options.site, folders: ["Content", "Templates"])
        if !links.isEmpty {
            result.diagnostics =
                (result.diagnostics
                + links.map {
                    .error(.linkOutsideSite, at: SourceLocation(file: $0.path), record: .site, $0.description)
                }).sortedForOutput()
        }
        if let cache, options.cache == .readWrite { _ = timer.measure("prune parse cache") { cache.prune() } }
        return result
    }

    /// Loads the site that `files` reads and runs every check that does not need rendering.
    /// With a `cache`, files whose bytes it knows are not parsed again (the result is the same).
    public static func run(
        files: SiteFiles, asOf option: Day? = nil, environment: [String: String],
        now: Date = Date(), timer: StageTimer = StageTimer(), cache: (any ParseCache)? = nil
    ) -> CheckResult {
        let loaded = timer.measure("load") { SiteLoader.load(files, cache: cache) }
        // Entries a cache kept for later are written beside the evaluation, which leaves part of
        // a core idle; they are all written when this returns.
        let writing = (cache as? DiskParseCache).map { disk in
            Background { timer.measure("write parse cache (beside evaluate)") { disk.writePending() } }
        }
        defer { _ = writing?.value }
        var diagnostics = loaded.diagnostics
        let asOf = AsOfDate.resolve(
            option: option, settings: loaded.model.settings?.asOf,
            environment: environment, now: now)
        // The reference checks read only the model, as the evaluation does: they run beside it
        // (mostly on one core, where the evaluation leaves one idle); the diagnostics keep their order.
        let model = loaded.model, day = asOf.day
        let (references, evaluation) = Parallel.both(
            { timer.measure("check references (beside evaluate)") { ReferenceChecks.run(model) } },
            { timer.measure("evaluate") { Evaluator.evaluate(model, asOf: day) } })
        diagnostics += references
        diagnostics += asOf.diagnostics
        diagnostics += evaluation.diagnostics
        let sorted = timer.measure("sort diagnostics") { diagnostics.sortedForOutput() }
        return CheckResult(
            model: loaded.model, asOf: asOf.day, evaluation: evaluation, diagnostics: sorted,
            parsedFiles: loaded.parsedFiles, cachedFiles: loaded.cachedFiles)
    }
}
