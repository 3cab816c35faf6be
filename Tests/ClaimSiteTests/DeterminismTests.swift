import ClaimSite
import Foundation
import Testing

/// The same input gives the same bytes in two separate runs of the binary. Each process has its
/// own random seed for Swift's hashing (Set and Dictionary order differ between them), so this
/// catches output that follows hash order, which a test inside one process cannot.
@Suite struct DeterminismTests {
    /// Relative paths of the regular files below `folder`.
    func files(below folder: URL) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { path in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDir)
                && !isDir.boolValue
        }.sorted()
    }

    @Test func twoProcessesBuildTheExampleToTheSameBytes() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        // The children get this process's environment without SWIFT_DETERMINISTIC_HASHING, so
        // each one seeds its hashing at random.
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_DETERMINISTIC_HASHING"] = nil
        let outputs = [root.appendingPathComponent("first"), root.appendingPathComponent("second")]
        for output in outputs {
            let run = try Paths.run(
                [
                    "build", "--site", Paths.repository.path, "--output", output.path, "--as-of", "2026-11-29",
                    "--quiet",
                ],
                environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let first = try files(below: outputs[0]), second = try files(below: outputs[1])
        #expect(first == second)
        // Not vacuous: the whole portal was built.
        #expect(first.contains("report.json") && first.contains("index.html") && first.contains("deadlines.ics"))
        #expect(first.filter { $0.hasPrefix("claims/") && $0.hasSuffix(".html") }.count >= 80)
        // Every file, the hidden marker (.claimsite-output) included: the output depends on the
        // inputs alone, not on the folder's path.
        for path in first {
            let a = try Data(contentsOf: outputs[0].appendingPathComponent(path))
            let b = try Data(contentsOf: outputs[1].appendingPathComponent(path))
            #expect(!a.isEmpty, "\(path) is empty")
            #expect(a == b, "\(path) differs between two runs into two folders")
        }
        #expect(first.contains(OutputWriter.marker))
        let manifest = try String(contentsOf: outputs[0].appendingPathComponent(OutputWriter.marker), encoding: .utf8)
        #expect(manifest.contains("\nfingerprint ") && !manifest.contains(root.path))
    }
}
