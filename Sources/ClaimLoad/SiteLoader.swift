import ClaimModel

/// What loading a site gives: the model (with every record that could be read) and every
/// problem found on the way.
public struct LoadResult: Sendable {
    /// The records that were read.
    public var model: SiteModel
    /// Problems, unsorted (see `Array<Diagnostic>.sortedForOutput()`).
    public var diagnostics: [Diagnostic]
}

/// Reads a site folder's `Content/` into a `SiteModel` (docs/input-format.md), reporting syntax
/// errors, missing fields, wrong types, unknown enum values, invalid dates and unknown fields
/// with their positions. One bad record never hides the others.
public enum SiteLoader {
    static let dataExtensions = ["yaml", "yml", "json"]
    static let dataFiles = ["locations", "customers", "directory", "eligibility", "opportunities", "users"]
    /// The kind of record each list file holds, as `SiteModel.unreadable` names it.
    static let recordKinds: [String: RecordKind] = ["locations": .location, "customers": .customer,
                                                    "opportunities": .opportunity, "users": .user]

    /// Loads the site whose folder `files` reads.
    public static func load(_ files: SiteFiles) -> LoadResult {
        var loader = Loader(files: files)
        loader.run()
        return LoadResult(model: loader.model, diagnostics: loader.diagnostics)
    }
}

private struct Loader {
    let files: SiteFiles
    var model = SiteModel()
    var diagnostics: [Diagnostic] = []

    init(files: SiteFiles) { self.files = files }

    mutating func run() {
        guard let content = files.list("Content") else {
            diagnostics.append(.error(.noContentFolder, at: nil, record: .site, "no 'Content' folder in the site folder; run in a site folder or pass --site DIR"))
            return
        }
        // site.yaml
        let settingsFiles = dataForms(named: "site", in: content, folder: "Content")
        if let path = settingsFiles.first {
            let sink = DiagnosticSink(file: path, record: .site)
            if let root = Loader.parseFile(files, path, sink: sink) { model.settings = SettingsDecoder.decode(root, sink: sink) }
            diagnostics += sink.items
        } else {
            diagnostics.append(.error(.missingSiteSettings, at: SourceLocation(file: "Content/site.yaml"), record: .site,
                                      "missing site settings; create Content/site.yaml with 'title' and 'partner: { name: ... }'"))
        }

        let dataEntries = files.list("Content/data") ?? []
        checkUnknownDataFiles(dataEntries)
        model.locations = loadData("locations", dataEntries, DataDecoders.locations) ?? []
        model.customers = loadData("customers", dataEntries, DataDecoders.customers) ?? []
        model.directory = loadData("directory", dataEntries, DataDecoders.directory) ?? [:]
        model.eligibility = loadData("eligibility", dataEntries, DataDecoders.eligibility) ?? []
        model.opportunities = loadData("opportunities", dataEntries, DataDecoders.opportunities) ?? []
        model.users = loadData("users", dataEntries, DataDecoders.users)
        loadClaims()
        loadEngagements()
        loadPages()
    }

    /// Keeps a file's diagnostics and the records it could not read.
    mutating func collect(_ sink: DiagnosticSink) {
        diagnostics += sink.items
        model.unreadable.formUnion(sink.unreadable)
    }

    /// The files `NAME.yaml`, `NAME.yml`, `NAME.json` in a folder; more than one is an error.
    mutating func dataForms(named name: String, in entries: [SiteFiles.Entry], folder: String) -> [String] {
        let found = SiteLoader.dataExtensions.compactMap { ext -> String? in
            entries.contains { $0.name == "\(name).\(ext)" && !$0.isDirectory } ? "\(folder)/\(name).\(ext)" : nil
        }
        for extra in found.dropFirst() {
            diagnostics.append(.error(.duplicateFile, at: SourceLocation(file: extra),
                                      "'\(name)' is given twice (also \(found[0])); keep one of the two files"))
        }
        return found
    }

    mutating func checkUnknownDataFiles(_ entries: [SiteFiles.Entry]) {
        for entry in entries.sorted(by: { $0.name.precedesByUTF8($1.name) }) {
            if entry.isDirectory {
                if entry.name != "claims" {
                    diagnostics.append(.warning(.unknownFile, at: SourceLocation(file: "Content/data/\(entry.name)"),
                                                "unknown folder; claim files belong in Content/data/claims/\(Suggestion.didYouMean(entry.name, in: ["claims"]))"))
                }
                continue
            }
            let parts = entry.name.split(separator: ".", maxSplits: 1).map(String.init)
            guard !entry.name.hasPrefix(".") else { continue }
            if parts.count == 2, SiteLoader.dataFiles.contains(parts[0]), SiteLoader.dataExtensions.contains(parts[1]) { continue }
            let hint = Suggestion.didYouMean(parts[0], in: SiteLoader.dataFiles)
            diagnostics.append(.warning(.unknownFile, at: SourceLocation(file: "Content/data/\(entry.name)"),
                                        "unknown data file, it is not read\(hint); the data files are \(SiteLoader.dataFiles.joined(separator: ", ")) (.yaml, .yml or .json)"))
        }
    }

    /// Reads and decodes a data file, or `nil` when it does not exist.
    mutating func loadData<T>(_ name: String, _ entries: [SiteFiles.Entry],
                              _ decode: (Node?, DiagnosticSink) -> T) -> T? {
        guard let path = dataForms(named: name, in: entries, folder: "Content/data").first else { return nil }
        let sink = DiagnosticSink(file: path)
        defer { collect(sink) }
        guard let parsed = Loader.parseFile(files, path, sink: sink) else {
            model.unreadable.insert("\(SiteLoader.recordKinds[name]?.rawValue ?? name):*")
            return decode(nil, sink)
        }
        return decode(parsed, sink)
    }

    mutating func loadClaims() {
        guard let entries = files.list("Content/data/claims") else { return }
        let names = entries.filter { !$0.isDirectory && !$0.name.hasPrefix(".") }.map(\.name)
            .sorted { $0.precedesByUTF8($1) }
        var stems: [String: String] = [:]
        var paths: [String] = []
        for name in names {
            let path = "Content/data/claims/\(name)"
            guard let dot = name.lastIndex(of: "."), SiteLoader.dataExtensions.contains(String(name[name.index(after: dot)...])) else {
                diagnostics.append(.warning(.unknownFile, at: SourceLocation(file: path), "not a claims file (.yaml, .yml or .json); it is not read"))
                continue
            }
            let stem = String(name[..<dot])
            if let other = stems[stem] {
                diagnostics.append(.error(.duplicateFile, at: SourceLocation(file: path), "claims file '\(stem)' is given twice (also Content/data/claims/\(other)); keep one of the two files"))
                continue
            }
            stems[stem] = name
            paths.append(path)
        }
        // Claim files are independent: read and decode them on all cores, keep file order.
        let files = self.files
        let claimPaths = paths
        let results = Parallel.map(claimPaths.count) { i -> (claims: [Claim], diagnostics: [Diagnostic], unreadable: [String]) in
            let sink = DiagnosticSink(file: claimPaths[i])
            var claims: [Claim] = []
            if let node = Loader.parseFile(files, claimPaths[i], sink: sink) { claims = ClaimDecoder.decode(node, sink: sink) }
            return (claims, sink.items, sink.unreadable)
        }
        for result in results {
            model.claims += result.claims
            diagnostics += result.diagnostics
            model.unreadable.formUnion(result.unreadable)
        }
    }

    /// Parses a YAML or JSON file by its extension; `nil` (with an error in `sink`) when it
    /// cannot be read or parsed. The outer optional is the file, the inner one the document.
    static func parseFile(_ files: SiteFiles, _ path: String, sink: DiagnosticSink) -> Node?? {
        let text: String
        do { text = try files.read(path) } catch {
            sink.fileError(.unreadableFile, "cannot read the file: \(error.localizedDescription)")
            return nil
        }
        do {
            return .some(path.hasSuffix(".json") ? try JSONReader.read(text) : try YAMLReader.read(text))
        } catch {
            sink.error(path.hasSuffix(".json") ? .jsonSyntax : .yamlSyntax, error.mark, error.message)
            return nil
        }
    }

    /// Calls `decode` for each Markdown file of a folder whose front matter parses; the
    /// diagnostics of every file are kept.
    mutating func eachMarkdownFile(_ folder: String, noun: String, kind: RecordKind,
                                   _ decode: (_ stem: String, _ front: Node?, _ body: String, _ sink: DiagnosticSink) -> Void) {
        guard let entries = files.list(folder) else { return }
        let names = entries.filter { !$0.isDirectory && !$0.name.hasPrefix(".") }.map(\.name)
            .sorted { $0.precedesByUTF8($1) }
        for name in names {
            let path = "\(folder)/\(name)"
            guard name.hasSuffix(".md") else {
                diagnostics.append(.warning(.unknownFile, at: SourceLocation(file: path), "not a Markdown file (.md); it is not read"))
                continue
            }
            let stem = String(name.dropLast(3))
            let record = RecordRef(kind, stem)
            let sink = DiagnosticSink(file: path)
            defer { collect(sink) }
            let text: String
            do { text = try files.read(path) } catch {
                sink.fileError(.unreadableFile, "cannot read the file: \(error.localizedDescription)")
                continue
            }
            guard let split = FrontMatter.split(text) else {
                sink.error(.missingFrontMatter, Mark(line: 1, column: 1), record: record,
                           "\(noun) file must start with YAML front matter between '---' lines")
                sink.markUnreadable(record)
                continue
            }
            do {
                let node = try YAMLReader.read(split.yaml, lineOffset: split.lineOffset)
                decode(stem, node, split.body, sink)
            } catch {
                sink.error(.yamlSyntax, error.mark, record: record, error.message)
                sink.markUnreadable(record)
            }
        }
    }

    mutating func loadEngagements() {
        var found: [Engagement] = []
        eachMarkdownFile("Content/engagements", noun: "an engagement", kind: .engagement) { stem, front, body, sink in
            if let engagement = EngagementDecoder.decode(front, body: body, fileStem: stem, sink: sink,
                                                         frontMatterMark: Mark(line: 1, column: 1)) {
                found.append(engagement)
            }
        }
        model.engagements = found
    }

    mutating func loadPages() {
        var found: [Page] = []
        eachMarkdownFile("Content/pages", noun: "a page", kind: .page) { stem, front, body, sink in
            if let page = PageDecoder.decode(front, body: body, slug: stem, sink: sink, frontMatterMark: Mark(line: 1, column: 1)) {
                found.append(page)
            }
        }
        model.pages = found
    }
}
