import Foundation
import Testing

/// Golden files under `Tests/ClaimSiteTests/Golden/`. Set `RECORD_GOLDENS=1` to rewrite them;
/// every golden it rewrites is reported as an issue, so a run with it is never green. A missing
/// golden is written and the test fails too, so a new golden is always looked at once.
/// `RECORD_CORPUS` (CorpusTests.swift) behaves the same way for the corpus's `expected.json`.
enum Golden {
    static let folder = Paths.repository.appendingPathComponent("Tests/ClaimSiteTests/Golden")

    static func assertMatches(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let url = folder.appendingPathComponent(name)
        let record = ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1"
        guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            Issue.record("recorded golden \(name); review it and run again", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
            let got = line < a.count ? String(a[line]) : "<end>"
            let want = line < e.count ? String(e[line]) : "<end>"
            Issue.record(
                """
                \(name) differs at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)\n\
                (RECORD_GOLDENS=1 rewrites it)
                """,
                sourceLocation: sourceLocation)
        }
    }
}
