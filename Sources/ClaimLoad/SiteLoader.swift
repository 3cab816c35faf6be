import ClaimModel
import Foundation

/// What loading a site gives: the model (with every record that could be read) and every
/// problem found on the way.
public struct LoadResult: Sendable {
    /// The records that were read.
    public var model: SiteModel
    /// Problems, unsorted (see `Array<Diagnostic>.sortedForOutput()`).
    public var diagnostics: [Diagnostic]
    /// The files that were read and decoded, in the order they were loaded.
    public var parsedFiles: [String] = []
    /// The files whose result was taken from the parse cache (not parsed), in the order they
    /// were loaded.
    public var cachedFiles: [String] = []
}

/// Reads a site folder's `Content/` into a `SiteModel` (docs/input-format.md), reporting syntax
/// errors, missing fields, wrong types, unknown enum values, invalid dates and unknown fields
/// with their positions. One bad record never hides the others.
public enum SiteLoader {
    static let dataExtensions = ["yaml", "yml", "json"]
    static let dataFiles = ["locations", "customers", "directory", "eligibility", "opportunities", "users"]
    /// The kind of record each list file holds, as `SiteModel.unreadable` names it.
    static let recordKinds: [String: RecordKind] = [
        "locations": .location, "customers": .customer,
        "opportunities": .opportunity, "users": .user,
    ]

    /// Loads the site whose folder `files` reads. With a `cache`, a file whose bytes it holds a
    /// result for is not parsed: its records, diagnostics and unreadable markers come from the
    /// cache, and the result is the same as without one. Every file parsed is given to the cache.
    public static func load(_ files: SiteFiles, cache: (any ParseCache)? = nil) -> LoadResult {
        var loader = Loader(files: files, cache: cache)
        loader.run()
        return LoadResult(
            model: loader.model, diagnostics: loader.diagnostics,
            parsedFiles: loader.parsedFiles, cachedFiles: loader.cachedFiles)
    }

    /// The site's settings alone (`Content/site.yaml`, `.yml` or `.json`), read without the rest
    /// of the site: what a build resolves its as-of day, audience and language from before it
    /// decides whether anything changed. `nil` when there is no such file or it cannot be read;
    /// its problems are reported by `load`.
    public static func settings(_ files: SiteFiles) -> SiteSettings? {
        guard let content = files.list("Content") else { return nil }
        var loader = Loader(files: files, cache: nil)
        guard let path = loader.dataForms(named: "site", in: content, folder: "Content").first,
            let data = try? files.readData(path)
        else { return nil }
        let sink = DiagnosticSink(file: path, record: .site)
        guard let root = Loader.parse(SourceText.decode(data).mapError { $0 as any Error }, path, sink: sink),
            let root
        else { return nil }
        return SettingsDecoder.decode(root, sink: sink)
    }
}

private struct Loader {
    let files: SiteFiles
    let cache: (any ParseCache)?
    var model = SiteModel()
    var diagnostics: [Diagnostic] = []
    var parsedFiles: [String] = []
    var cachedFiles: [String] = []
    /// Files parsed ahead by `parseAhead`, by path; each is taken out once.
    var ahead: [String: (file: ParsedFile, cached: Bool)] = [:]

    init(files: SiteFiles, cache: (any ParseCache)?) {
        self.files = files
        self.cache = cache
    }

    mutating func run() {
        guard let content = files.list("Content") else {
            diagnostics.append(
                .error(
                    .noContentFolder, at: nil, record: .site,
                    "no 'Content' folder in the site folder; run in a site folder or pass --site DIR"))
            return
        }
        // site.yaml
        let settingsFiles = dataForms(named: "site", in: content, folder: "Content")
        if let path = settingsFiles.first {
            let file = take(path, .settings) { text in
                let sink = DiagnosticSink(file: path, record: .site)
                var settings: SiteSettings?
                if let root = Loader.parse(text, path, sink: sink) {
                    settings = SettingsDecoder.decode(root, sink: sink)
                }
                return ParsedFile(content: .settings(settings), diagnostics: sink.items, unreadable: sink.unreadable)
            }
            // Only the diagnostics: the site's own settings are never referenced, so nothing of
            // site.yaml is marked unreadable in the model.
            diagnostics += file.diagnostics
            if case .settings(let settings) = file.content { model.settings = settings }
        } else {
            diagnostics.append(
                .error(
                    .missingSiteSettings, at: SourceLocation(file: "Content/site.yaml"), record: .site,
                    "missing site settings; create Content/site.yaml with 'title' and 'partner: { name: ... }'"))
        }

        let dataEntries = files.list("Content/data") ?? []
        checkUnknownDataFiles(dataEntries)
        parseAhead(dataEntries)
        for (name, kind, decode) in Loader.dataKinds {
            switch loadData(name, dataEntries, kind, decode) {
            case .locations(let items)?: model.locations = items
            case .customers(let items)?: model.customers = items
            case .directory(let map)?: model.directory = map
            case .eligibility(let items)?: model.eligibility = items
            case .opportunities(let items)?: model.opportunities = items
            case .users(let items)?: model.users = items
            default: break
            }
        }
        loadClaims()
        loadEngagements()
        loadPages()
    }

    /// The data files in the order they are loaded: name, kind, and how a parsed file decodes.
    static let dataKinds: [(name: String, kind: ParsedFile.Kind, decode: DataDecode)] = [
        ("locations", .locations, { .locations(DataDecoders.locations($0, sink: $1)) }),
        ("customers", .customers, { .customers(DataDecoders.customers($0, sink: $1)) }),
        ("directory", .directory, { .directory(DataDecoders.directory($0, sink: $1)) }),
        ("eligibility", .eligibility, { .eligibility(DataDecoders.eligibility($0, sink: $1)) }),
        ("opportunities", .opportunities, { .opportunities(DataDecoders.opportunities($0, sink: $1)) }),
        ("users", .users, { .users(DataDecoders.users($0, sink: $1)) }),
    ]

    /// How a data file's document (`nil` when it did not parse) decodes.
    typealias DataDecode = @Sendable (Node?, DiagnosticSink) -> ParsedFile.Content

    /// Parses the data files and the claim files all at once, on all cores, one file at a time
    /// per core (`eligibility` alone can be as large as several claim files); `take` and
    /// `loadClaims` then take each result in their order, so the model and the diagnostics are
    /// those of loading one file after the other.
    mutating func parseAhead(_ dataEntries: [SiteFiles.Entry]) {
        var jobs: [(path: String, kind: ParsedFile.Kind, decode: @Sendable (Result<String, any Error>) -> ParsedFile)] =
            []
        for (name, kind, decode) in Loader.dataKinds {
            guard let path = Loader.dataPaths(named: name, in: dataEntries, folder: "Content/data").first else {
                continue
            }
            jobs.append((path, kind, Loader.dataFile(path, name, decode)))
        }
        if let entries = files.list("Content/data/claims") {
            for path in Loader.claimFiles(entries).paths { jobs.append((path, .claims, Loader.claimsFile(path))) }
        }
        let files = self.files, cache = self.cache, work = jobs
        let done = Parallel.map(work.count, chunkSize: 1) { i in
            Loader.take(files, cache, work[i].path, work[i].kind, work[i].decode)
        }
        for (job, result) in zip(jobs, done) { ahead[job.path] = result }
    }

    /// Keeps a file's diagnostics and the records it could not read.
    mutating func collect(_ file: ParsedFile) {
        diagnostics += file.diagnostics
        model.unreadable.formUnion(file.unreadable.map { ByteKey($0) })
    }

    /// What the file at `path` gives (`Loader.take`), noting whether it was parsed.
    mutating func take(_ path: String, _ kind: ParsedFile.Kind, _ decode: (Result<String, any Error>) -> ParsedFile)
        -> ParsedFile
    {
        let (file, cached) = ahead.removeValue(forKey: path) ?? Loader.take(files, cache, path, kind, decode)
        if cached { cachedFiles.append(path) } else { parsedFiles.append(path) }
        return file
    }

    /// What the file at `path` gives, and whether it came from the cache. The file's bytes are
    /// read; when the cache holds a result of the right kind for them it is the answer, else
    /// `decode` makes it from the text (`SourceText`: UTF-8, a byte order mark dropped, LF line
    /// ends) and it is given to the cache. A file that cannot be read is decoded from the error
    /// and never cached; one that is not UTF-8 is decoded from its `NotUTF8` (and cached, as it
    /// depends only on the bytes).
    static func take(
        _ files: SiteFiles, _ cache: (any ParseCache)?, _ path: String, _ kind: ParsedFile.Kind,
        _ decode: (Result<String, any Error>) -> ParsedFile
    ) -> (file: ParsedFile, cached: Bool) {
        let data: Data
        do { data = try files.readData(path) } catch { return (decode(.failure(error)), false) }
        let text = { SourceText.decode(data).mapError { $0 as any Error } }
        guard let cache else { return (decode(text()), false) }
        let key = cache.key(path: path, bytes: data)
        if let hit = cache.load(key), hit.content.kind == kind { return (hit, true) }
        let file = decode(text())
        cache.store(file, key: key)
        return (file, false)
    }

    /// The files `NAME.yaml`, `NAME.yml`, `NAME.json` in a folder, in that order.
    static func dataPaths(named name: String, in entries: [SiteFiles.Entry], folder: String) -> [String] {
        SiteLoader.dataExtensions.compactMap { ext -> String? in
            entries.contains { $0.name == "\(name).\(ext)" && !$0.isDirectory } ? "\(folder)/\(name).\(ext)" : nil
        }
    }

    /// The files `NAME.yaml`, `NAME.yml`, `NAME.json` in a folder; more than one is an error.
    mutating func dataForms(named name: String, in entries: [SiteFiles.Entry], folder: String) -> [String] {
        let found = Loader.dataPaths(named: name, in: entries, folder: folder)
        for extra in found.dropFirst() {
            diagnostics.append(
                .error(
                    .duplicateFile, at: SourceLocation(file: extra),
                    "'\(name)' is given twice (also \(found[0])); keep one of the two files"))
        }
        return found
    }

    mutating func checkUnknownDataFiles(_ entries: [SiteFiles.Entry]) {
        for entry in entries.sorted(by: { $0.name.precedesByUTF8($1.name) }) {
            if entry.isDirectory {
                if entry.name != "claims" {
                    diagnostics.append(
                        .warning(
                            .unknownFile, at: SourceLocation(file: "Content/data/\(entry.name)"),
                            """
                            unknown folder; claim files belong in \
                            Content/data/claims/\(Suggestion.didYouMean(entry.name, in: ["claims"]))
                            """
                        ))
                }
                continue
            }
            let parts = entry.name.split(separator: ".", maxSplits: 1).map(String.init)
            guard !entry.name.hasPrefix(".") else { continue }
            if parts.count == 2, SiteLoader.dataFiles.contains(parts[0]), SiteLoader.dataExtensions.contains(parts[1]) {
                continue
            }
            let hint = Suggestion.didYouMean(parts[0], in: SiteLoader.dataFiles)
            diagnostics.append(
                .warning(
                    .unknownFile, at: SourceLocation(file: "Content/data/\(entry.name)"),
                    """
                    unknown data file, it is not read; the data files are \
                    \(SiteLoader.dataFiles.joined(separator: ", ")) (.yaml, .yml or .json)\(hint)
                    """
                ))
        }
    }

    /// Reads and decodes a data file, or `nil` when it does not exist. A file that cannot be
    /// read or parsed is decoded as empty and marks its whole kind unreadable (`KIND:*`).
    mutating func loadData(
        _ name: String, _ entries: [SiteFiles.Entry], _ kind: ParsedFile.Kind, _ decode: @escaping DataDecode
    ) -> ParsedFile.Content? {
        guard let path = dataForms(named: name, in: entries, folder: "Content/data").first else { return nil }
        let file = take(path, kind, Loader.dataFile(path, name, decode))
        collect(file)
        return file.content
    }

    /// How the data file `path` (of `name`) is made from its text.
    static func dataFile(_ path: String, _ name: String, _ decode: @escaping DataDecode)
        -> @Sendable (Result<String, any Error>) -> ParsedFile
    {
        { text in
            let sink = DiagnosticSink(file: path)
            guard let parsed = Loader.parse(text, path, sink: sink) else {
                let content = decode(nil, sink)
                return ParsedFile(
                    content: content, diagnostics: sink.items,
                    unreadable: sink.unreadable + ["\(SiteLoader.recordKinds[name]?.rawValue ?? name):*"])
            }
            let content = decode(parsed, sink)
            return ParsedFile(content: content, diagnostics: sink.items, unreadable: sink.unreadable)
        }
    }

    /// How the claims file `path` is made from its text.
    static func claimsFile(_ path: String) -> @Sendable (Result<String, any Error>) -> ParsedFile {
        { text in
            let sink = DiagnosticSink(file: path)
            var claims: [Claim] = []
            if let node = Loader.parse(text, path, sink: sink) { claims = ClaimDecoder.decode(node, sink: sink) }
            return ParsedFile(content: .claims(claims), diagnostics: sink.items, unreadable: sink.unreadable)
        }
    }

    /// The claim files of `Content/data/claims` (its `entries`) in the order they load, and
    /// the problems of the others: not a data file, or a second file of one name.
    static func claimFiles(_ entries: [SiteFiles.Entry]) -> (paths: [String], diagnostics: [Diagnostic]) {
        let names = entries.filter { !$0.isDirectory && !$0.name.hasPrefix(".") }.map(\.name)
            .sorted { $0.precedesByUTF8($1) }
        var stems: [ByteKey: String] = [:]  // file names compare by bytes, as they sort
        var paths: [String] = []
        var diagnostics: [Diagnostic] = []
        for name in names {
            let path = "Content/data/claims/\(name)"
            guard let dot = name.lastIndex(of: "."),
                SiteLoader.dataExtensions.contains(String(name[name.index(after: dot)...]))
            else {
                diagnostics.append(
                    .warning(
                        .unknownFile, at: SourceLocation(file: path),
                        "not a claims file (.yaml, .yml or .json); it is not read"))
                continue
            }
            let stem = String(name[..<dot])
            if let other = stems[ByteKey(stem)] {
                diagnostics.append(
                    .error(
                        .duplicateFile, at: SourceLocation(file: path),
                        """
                        claims file '\(stem)' is given twice (also Content/data/claims/\(other)); keep one of the \
                        two files
                        """
                    ))
                continue
            }
            stems[ByteKey(stem)] = name
            paths.append(path)
        }
        return (paths, diagnostics)
    }

    mutating func loadClaims() {
        guard let entries = files.list("Content/data/claims") else { return }
        let (paths, problems) = Loader.claimFiles(entries)
        diagnostics += problems
        // Claim files are independent: read and decode them (or take them from the cache) on
        // all cores, keep file order. `parseAhead` has done so already.
        let files = self.files, cache = self.cache
        let claimPaths = paths
        let results = claimPaths.map { path in
            ahead.removeValue(forKey: path) ?? Loader.take(files, cache, path, .claims, Loader.claimsFile(path))
        }
        model.claims.reserveCapacity(
            model.claims.count
                + results.reduce(0) { total, result in
                    guard case .claims(let claims) = result.file.content else { return total }
                    return total + claims.count
                })
        for (path, result) in zip(claimPaths, results) {
            if result.cached { cachedFiles.append(path) } else { parsedFiles.append(path) }
            if case .claims(let claims) = result.file.content { model.claims += claims }
            collect(result.file)
        }
    }

    /// Parses the text of a YAML or JSON file by its extension; `nil` (with an error in `sink`)
    /// when it could not be read or does not parse. The outer optional is the file, the inner
    /// one the document.
    static func parse(_ read: Result<String, any Error>, _ path: String, sink: DiagnosticSink) -> Node?? {
        let text: String
        switch read {
        case .success(let read): text = read
        case .failure(let error):
            sink.readFailure(error)
            return nil
        }
        let json = path.hasSuffix(".json")
        do {
            return .some(json ? try JSONReader.read(text) : try YAMLReader.read(text))
        } catch {
            let hinted = json ? SyntaxHints.json(error, in: text) : SyntaxHints.yaml(error, in: text)
            sink.error(Loader.code(of: error, json: json), hinted.mark, hinted.message)
            return nil
        }
    }

    /// The diagnostic code of a reader's error.
    static func code(of error: SyntaxError, json: Bool) -> DiagnosticCode {
        switch error.kind {
        case .syntax: json ? .jsonSyntax : .yamlSyntax
        case .tooDeep: .nestingTooDeep
        case .aliasLimit: .aliasExpansionLimit
        }
    }

    /// What each Markdown file of a folder gives, in file order: `decode` is called for a file
    /// whose front matter parses; a file that cannot be read or lacks front matter gives
    /// `empty`. The diagnostics of every file are kept.
    mutating func eachMarkdownFile(
        _ folder: String, noun: String, kind: RecordKind, fileKind: ParsedFile.Kind,
        empty: ParsedFile.Content,
        _ decode: (_ stem: String, _ front: Node?, _ body: String, _ sink: DiagnosticSink) -> ParsedFile.Content
    )
        -> [ParsedFile.Content]
    {
        guard let entries = files.list(folder) else { return [] }
        let names = entries.filter { !$0.isDirectory && !$0.name.hasPrefix(".") }.map(\.name)
            .sorted { $0.precedesByUTF8($1) }
        var found: [ParsedFile.Content] = []
        for name in names {
            let path = "\(folder)/\(name)"
            guard name.hasSuffix(".md") else {
                diagnostics.append(
                    .warning(.unknownFile, at: SourceLocation(file: path), "not a Markdown file (.md); it is not read"))
                continue
            }
            let stem = String(name.dropLast(3))
            let record = RecordRef(kind, stem)
            let file = take(path, fileKind) { read in
                let sink = DiagnosticSink(file: path)
                func result(_ content: ParsedFile.Content) -> ParsedFile {
                    ParsedFile(content: content, diagnostics: sink.items, unreadable: sink.unreadable)
                }
                let text: String
                switch read {
                case .success(let read): text = read
                case .failure(let error):
                    // Its record counts as written but unreadable: references to it are not
                    // reported again as unknown.
                    sink.readFailure(error, record: record)
                    sink.markUnreadable(record)
                    return result(empty)
                }
                guard let split = FrontMatter.split(text) else {
                    sink.error(
                        .missingFrontMatter, Mark(line: 1, column: 1), record: record,
                        FrontMatter.opens(text)
                            ? """
                            the front matter that starts on line 1 is never closed; end it with a '---' line \
                            after its fields
                            """
                            : "\(noun) file must start with YAML front matter between '---' lines")
                    sink.markUnreadable(record)
                    return result(empty)
                }
                do throws(SyntaxError) {
                    let node = try YAMLReader.read(split.yaml, lineOffset: split.lineOffset)
                    return result(decode(stem, node, split.body, sink))
                } catch {
                    let hinted = SyntaxHints.yaml(error, in: split.yaml, lineOffset: split.lineOffset)
                    sink.error(Loader.code(of: error, json: false), hinted.mark, record: record, hinted.message)
                    sink.markUnreadable(record)
                    return result(empty)
                }
            }
            collect(file)
            found.append(file.content)
        }
        return found
    }

    mutating func loadEngagements() {
        let contents = eachMarkdownFile(
            "Content/engagements", noun: "an engagement", kind: .engagement,
            fileKind: .engagement, empty: .engagement(nil)
        ) { stem, front, body, sink in
            .engagement(
                EngagementDecoder.decode(
                    front, body: body, fileStem: stem, sink: sink,
                    frontMatterMark: Mark(line: 1, column: 1)))
        }
        model.engagements = contents.compactMap { content in
            if case .engagement(let engagement?) = content { return engagement }
            return nil
        }
    }

    mutating func loadPages() {
        let contents = eachMarkdownFile(
            "Content/pages", noun: "a page", kind: .page, fileKind: .page, empty: .page(nil)
        ) { stem, front, body, sink in
            .page(
                PageDecoder.decode(front, body: body, slug: stem, sink: sink, frontMatterMark: Mark(line: 1, column: 1))
            )
        }
        model.pages = contents.compactMap { content in
            if case .page(let page?) = content { return page }
            return nil
        }
    }
}
