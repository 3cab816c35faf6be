import ClaimLoad
import ClaimRender
import ClaimSite
import Foundation
import Testing

/// The broken-input corpus in `Tests/ClaimSiteTests/Corpus/` (see its README.md): a valid base
/// site, and cases that each replace, add or remove some of its files and list the diagnostics
/// `claimsite check --format json` must print. Read by path from the repository, like the goldens,
/// and written to a temporary folder to be checked.
struct CorpusCase: Sendable, CustomTestStringConvertible, Hashable {
    /// The folder's name, which says what is broken.
    var name: String

    var testDescription: String { name }

    static let root = Paths.repository.appendingPathComponent("Tests/ClaimSiteTests/Corpus")
    static let base = root.appendingPathComponent("Base")
    static let cases = root.appendingPathComponent("Cases")

    /// Every case, by name.
    static var all: [CorpusCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: cases.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { CorpusCase(name: $0) }
    }

    var folder: URL { CorpusCase.cases.appendingPathComponent(name) }
    var expectedURL: URL { folder.appendingPathComponent("expected.json") }

    /// The site: path (relative to the site folder) → the file it is read from. The base's
    /// files, minus those `remove.txt` names (a folder removes all below it), plus the case's
    /// (every file of its folder but `expected.json` and `remove.txt`).
    func site() throws -> [String: URL] {
        var files = try CorpusCase.files(below: CorpusCase.base)
        let removals = (try? String(contentsOf: folder.appendingPathComponent("remove.txt"), encoding: .utf8)) ?? ""
        for line in removals.split(separator: "\n") where !line.hasPrefix("#") {
            let path = line.trimmingCharacters(in: .whitespaces)
            guard !path.isEmpty else { continue }
            let before = files.count
            files = files.filter { $0.key != path && !$0.key.hasPrefix(path + "/") }
            #expect(files.count < before, "\(name)/remove.txt: \(path) is not in the base site")
        }
        for (path, url) in try CorpusCase.files(below: folder) where path != "expected.json" && path != "remove.txt" {
            files[path] = url
        }
        return files
    }

    /// The regular files and links below `folder`, by relative path (links are not followed).
    static func files(below folder: URL) throws -> [String: URL] {
        var out: [String: URL] = [:]
        let manager = FileManager.default
        for path in try manager.subpathsOfDirectory(atPath: folder.path) {
            let url = folder.appendingPathComponent(path)
            let type = try manager.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType
            if type == .typeRegular || type == .typeSymbolicLink { out[path] = url }
        }
        return out
    }

    /// The fixed moment every case is checked at (the as-of date is the base's `asOf`, or this
    /// day where a case removes it): 2026-11-29T23:59:59Z.
    static let now = Date(timeIntervalSince1970: 1_795_996_799)

    /// Loads and checks the site in `root` as `claimsite check` does (links out of the site
    /// included), in this process.
    static func check(_ root: URL, cache: ParseCacheUse = .off) -> CheckResult {
        SiteCheck.run(SiteOptions(site: root, cache: cache), environment: [:], now: now)
    }

    /// The diagnostics as `check --format json` prints them.
    static func json(_ result: CheckResult) -> String {
        String(decoding: ReportJSON.diagnosticsBytes(result.diagnostics), as: UTF8.self)
    }

    /// Copies the site into `root` (links stay links), each file's bytes through `transform`.
    static func write(_ files: [String: URL], to root: URL, transform: (Data) -> Data = { $0 }) throws {
        let manager = FileManager.default
        for (path, url) in files {
            let target = root.appendingPathComponent(path)
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if let destination = try? manager.destinationOfSymbolicLink(atPath: url.path) {
                try manager.createSymbolicLink(atPath: target.path, withDestinationPath: destination)
            } else {
                try transform(Data(contentsOf: url)).write(to: target)
            }
        }
    }

    /// The case written to a new temporary folder (the caller removes it).
    func materialize(transform: (Data) -> Data = { $0 }) throws -> URL {
        let root = try Paths.temporaryFolder()
        try CorpusCase.write(try site(), to: root, transform: transform)
        return root
    }
}
