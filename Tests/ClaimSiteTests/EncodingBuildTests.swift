import ClaimLoad
import ClaimSite
import Foundation
import Testing

/// A file saved with a UTF-8 byte order mark and CRLF line ends reads as the plain file
/// (docs/input-format.md, Encoding and line ends): the example site built with both in every
/// input file gives the same bytes as the example itself, `report.json` included.
@Suite struct EncodingBuildTests {
    /// Relative paths of the regular files below `folder`.
    func files(below folder: URL) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { path in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDir)
                && !isDir.boolValue
        }.sorted()
    }

    /// Copies the example's `Content/` to `site`, each file's bytes through `transform`.
    func copyExample(to site: URL, _ transform: (Data) -> Data) throws -> Int {
        let content = Paths.repository.appendingPathComponent("Content")
        var changed = 0
        for path in try files(below: content) {
            let data = try Data(contentsOf: content.appendingPathComponent(path))
            let target = site.appendingPathComponent("Content").appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let written = transform(data)
            if written != data { changed += 1 }
            try written.write(to: target)
        }
        return changed
    }

    @Test func theExampleWithAByteOrderMarkAndCRLFEverywhereBuildsToTheSameBytes() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let plain = root.appendingPathComponent("plain"), windows = root.appendingPathComponent("windows")
        _ = try copyExample(to: plain) { $0 }
        let changed = try copyExample(to: windows) { data in
            guard case .success = SourceText.decode(data) else { return data }
            var out = Data([0xEF, 0xBB, 0xBF])
            for byte in data {
                if byte == 0x0A { out.append(0x0D) }
                out.append(byte)
            }
            return out
        }
        // Not vacuous: every input file was rewritten (the example has 23).
        #expect(changed >= 20)

        let outputs = [root.appendingPathComponent("out-plain"), root.appendingPathComponent("out-windows")]
        for (site, output) in zip([plain, windows], outputs) {
            let run = try Paths.run([
                "build", "--site", site.path, "--output", output.path, "--as-of", "2026-11-29", "--quiet", "--no-cache",
            ])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!run.stderr.contains("warning:") && !run.stderr.contains("error:"), "\(run.stderr)")
        }
        let first = try files(below: outputs[0]), second = try files(below: outputs[1])
        #expect(first == second)
        #expect(first.contains("report.json") && first.contains("index.html") && first.contains("deadlines.ics"))
        for path in first where path != OutputWriter.marker {
            let a = try Data(contentsOf: outputs[0].appendingPathComponent(path))
            let b = try Data(contentsOf: outputs[1].appendingPathComponent(path))
            #expect(a == b, "\(path) differs between the plain example and the one with a byte order mark and CRLF")
        }
        // The marker's per-file hashes agree too (its fingerprint line differs: the inputs did).
        func hashes(_ folder: URL) throws -> [String] {
            try String(contentsOf: folder.appendingPathComponent(OutputWriter.marker), encoding: .utf8)
                .split(separator: "\n").filter { !$0.hasPrefix("fingerprint ") }.map(String.init)
        }
        #expect(try hashes(outputs[0]) == hashes(outputs[1]))
    }
}
