import ClaimModel
import ClaimSite
import Foundation
import Testing

/// A site's own templates are read like every input (docs/input-format.md, Encoding and line
/// ends): UTF-8, a byte order mark and CRLF read as the plain file, anything else `not-utf8`;
/// other files under `Templates/assets/` are copied byte for byte.
@Suite struct TemplateEncodingTests {
    static func build(_ site: URL) -> (status: Int32, stderr: String) {
        var stderr = ""
        let status = Commands.build(
            SiteOptions(site: site, asOf: Day("2026-11-29"), cache: .off), output: nil, audience: nil,
            force: true, quiet: true, environment: [:]
        ) { stderr += $0 }
        return (status, stderr)
    }

    @Test func aTemplateWithAByteOrderMarkAndCRLFGivesThePlainOutput() throws {
        let site = try ParseCacheTests.exampleCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let own = site.appendingPathComponent("Templates/page.mustache")
        try FileManager.default.createDirectory(at: own.deletingLastPathComponent(), withIntermediateDirectories: true)
        let template = try String(
            contentsOf: Paths.repository.appendingPathComponent("Templates/page.mustache"), encoding: .utf8
        )
        .replacingOccurrences(of: "{{$content}}", with: "{{$content}}\n<!-- ours -->")
        try Data(template.utf8).write(to: own)
        #expect(Self.build(site).status == 0)
        let plain = try ParseCacheTests.snapshot(site.appendingPathComponent("Output"))
        try Data([0xEF, 0xBB, 0xBF] + Array(template.replacingOccurrences(of: "\n", with: "\r\n").utf8)).write(to: own)
        #expect(Self.build(site).status == 0)
        let windows = try ParseCacheTests.snapshot(site.appendingPathComponent("Output"))
        // Not vacuous: the site's own template was used for its pages.
        let pages = plain.filter { $0.key.hasPrefix("pages/") }
        #expect(
            !pages.isEmpty && pages.values.allSatisfy { String(decoding: $0, as: UTF8.self).contains("<!-- ours -->") })
        let differing = plain.keys.filter { plain[$0] != windows[$0] && $0 != OutputWriter.marker }.sorted()
        #expect(differing.isEmpty, "\(differing)")
    }

    @Test func aUTF16TemplateIsAnErrorAndNothingIsWritten() throws {
        let site = try ParseCacheTests.exampleCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let own = site.appendingPathComponent("Templates/claim.mustache")
        try FileManager.default.createDirectory(at: own.deletingLastPathComponent(), withIntermediateDirectories: true)
        let text = try String(
            contentsOf: Paths.repository.appendingPathComponent("Templates/claim.mustache"), encoding: .utf8)
        try text.data(using: .utf16LittleEndian).map { Data([0xFF, 0xFE]) + $0 }!.write(to: own)
        let result = Self.build(site)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "Templates/claim.mustache:1:1: error: the file is UTF-16 (little-endian), not UTF-8; save it as UTF-8"),
            "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("Output").path))
    }

    @Test func anAssetIsCopiedByteForByte() throws {
        let site = try ParseCacheTests.exampleCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let logo = site.appendingPathComponent("Templates/assets/logo.png")
        try FileManager.default.createDirectory(at: logo.deletingLastPathComponent(), withIntermediateDirectories: true)
        let bytes = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x0D, 0x0A])
        try bytes.write(to: logo)
        #expect(Self.build(site).status == 0)
        #expect(try Data(contentsOf: site.appendingPathComponent("Output/assets/logo.png")) == bytes)
    }
}
