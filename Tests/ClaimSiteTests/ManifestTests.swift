import ClaimSite
import Foundation
import Testing

/// The output folder's manifest (`.claimsite-output`): SHA-256 of every file, which decides
/// whether a file is hard-linked from the previous build.
@Suite struct ManifestTests {
    @Test func theManifestRecordsTheSHA256OfEveryFile() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        try OutputWriter.write(["index.html": Data("x".utf8), "a/empty.txt": Data()], to: output)
        let manifest = try #require(OutputWriter.manifest(of: output))
        #expect(
            manifest.hashes == [
                "index.html": "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881",
                "a/empty.txt": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ])
        let marker = try String(contentsOf: output.appendingPathComponent(OutputWriter.marker), encoding: .utf8)
        #expect(marker.contains("\n2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881 index.html\n"))
    }

    @Test func theMarkersHeadGivesTheFingerprintAndSummaryOfTheWholeManifest() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        let writer = try OutputWriter(output: output)
        for i in 0..<2_000 { writer.put("pages/p\(i).html", Data("page \(i)".utf8)) }
        try writer.commit(fingerprint: String(repeating: "ab", count: 32), summary: "2 warnings at the last build")
        let whole = try #require(OutputWriter.manifest(of: output))
        let head = try #require(OutputWriter.markerHead(of: output))
        #expect(head.fingerprint == whole.fingerprint && head.fingerprint == String(repeating: "ab", count: 32))
        #expect(head.summary == whole.summary && head.summary == "2 warnings at the last build")
        #expect(OutputWriter.markerHead(of: root.appendingPathComponent("none")) == nil)
    }

    @Test func aManifestOfAnOlderBuildWithShortHashesReusesNothing() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: output.appendingPathComponent("index.html"))
        try Data(
            "This folder is made by claimsite; it is replaced whole on every build.\n0123456789abcdef index.html\n".utf8
        )
        .write(to: output.appendingPathComponent(OutputWriter.marker))
        #expect(OutputWriter.manifest(of: output)?.hashes == [:])
        let writer = try OutputWriter(output: output)
        writer.put("index.html", Data("x".utf8))
        try writer.commit()
        #expect(writer.rewrittenCount == 1 && writer.keptCount == 0)
        // Now the manifest has the SHA-256, and the same bytes are linked, not written.
        let again = try OutputWriter(output: output)
        again.put("index.html", Data("x".utf8))
        try again.commit()
        #expect(again.rewrittenCount == 0 && again.keptCount == 1)
    }
}
