import ClaimModel
import ClaimSite
import Foundation
import Testing

/// The page memo (`SITE/.claimsite-cache/pages`, docs/output.md, Cache): a rebuild renders only
/// the pages whose view model changed, every page that changed is among them, a template edit
/// renders every page again, and a damaged memo or another output folder only makes a build
/// render everything — with the same bytes each time.
@Suite struct PageMemoTests {
    /// How many pages a build kept and rendered, from its profile.
    static func pages(_ stderr: String) -> (kept: Int, rendered: Int)? {
        guard let line = stderr.split(separator: "\n").first(where: { $0.contains("(pages: ") }) else { return nil }
        let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        return numbers.count == 4 ? (numbers[0], numbers[1]) : nil
    }

    /// The pages (`.html` files outside `email/`) whose bytes differ between two snapshots (or are in one only).
    static func changedPages(_ a: [String: Data], _ b: [String: Data]) -> [String] {
        Set(a.keys).union(b.keys).filter { $0.hasSuffix(".html") && !$0.hasPrefix("email/") && a[$0] != b[$0] }.sorted()
    }

    @Test func aOneClaimEditRendersOnlyThePagesThatShowIt() throws {
        let site = try ParseCacheTests.exampleCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("Output")
        let first = ParseCacheTests.build(site, into: output)
        let total = try #require(Self.pages(first.stderr))
        #expect(first.status == 0 && total.kept == 0 && total.rendered > 40, "\(first.stderr)")
        let before = try ParseCacheTests.snapshot(output)

        try ParseCacheTests.edit(
            site, "Content/data/claims/2026-q4.yaml", "displayName: Coho Winery Datacenter exit to Azure",
            "displayName: Coho Winery datacenter exit to Azure")
        let second = ParseCacheTests.build(site, into: output)
        let counts = try #require(Self.pages(second.stderr))
        let after = try ParseCacheTests.snapshot(output)
        let changed = Self.changedPages(before, after)
        #expect(second.status == 0)
        #expect(counts.kept + counts.rendered == total.rendered)
        // The pages of its customer's claims (keyed together: docs/output.md, Incremental
        // rebuilds), its engagements', its customer's and the overview (it lists the claim): a
        // handful, and at least every page whose bytes changed.
        #expect(!changed.isEmpty, "\(second.stderr)")
        #expect(changed.count <= counts.rendered && counts.rendered <= 12, "\(counts) \(changed)")
        #expect(changed.contains { $0.hasPrefix("claims/") })

        // No change at all (forced past the fingerprint): every page kept, nothing rewritten.
        let third = ParseCacheTests.build(site, into: output, force: true)
        #expect(Self.pages(third.stderr)! == (total.rendered, 0))
        #expect(try ParseCacheTests.snapshot(output) == after)
    }

    /// With a memo the exports are written beside the pages, so a page's links are checked
    /// once both are done: links to export files are found, broken ones are still errors, and a
    /// rebuild that keeps pages checks theirs through the memo.
    @Test func linksAreCheckedAgainstExportsWrittenBesideThePages() throws {
        let site = try ParseCacheTests.exampleCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("Output")
        let own = site.appendingPathComponent("Templates/page.mustache")
        try FileManager.default.createDirectory(at: own.deletingLastPathComponent(), withIntermediateDirectories: true)
        func page(_ links: String) throws {
            try Data("{{<layout}}{{$content}}\(links){{/content}}{{/layout}}".utf8).write(to: own)
        }
        let exports = "<a href=\"{{root}}report.json\">r</a><a href=\"{{root}}deadlines.ics\">d</a>"
        try page(exports + "<a href=\"{{root}}nowhere.html\">x</a><a href=\"#missing\">y</a>")
        let broken = ParseCacheTests.build(site, into: output)
        #expect(broken.status != 0)
        let errors = broken.stderr.split(separator: "\n").filter { $0.contains("broken link") }.map(String.init)
        let expected = ["contacts-and-escalation", "how-we-work-mci-claims"].flatMap { name in
            [
                "claimsite: error: broken link in pages/\(name).html: '#missing' names no id on pages/\(name).html",
                "claimsite: error: broken link in pages/\(name).html: '../nowhere.html' leads to no file of the output",
            ]
        }
        #expect(errors == expected, "\(broken.stderr)")

        try page(exports)
        let fixed = ParseCacheTests.build(site, into: output)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        try ParseCacheTests.edit(
            site, "Content/data/claims/2026-q4.yaml", "displayName: Coho Winery Datacenter exit to Azure",
            "displayName: Coho Winery datacenter exit to Azure")
        let kept = ParseCacheTests.build(site, into: output)
        #expect(kept.status == 0 && Self.pages(kept.stderr)!.kept > 40, "\(kept.stderr)")
    }

    @Test func aTemplateEditRendersEveryPageAgain() throws {
        let site = try ParseCacheTests.exampleCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("Output")
        let first = ParseCacheTests.build(site, into: output)
        let total = try #require(Self.pages(first.stderr)).rendered
        // A site's own claim template that differs from the built-in one by a comment.
        let template = try String(
            contentsOf: Paths.repository.appendingPathComponent("Templates/claim.mustache"), encoding: .utf8)
        let own = site.appendingPathComponent("Templates/claim.mustache")
        try FileManager.default.createDirectory(at: own.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(("<!-- ours -->\n" + template).utf8).write(to: own)
        let second = ParseCacheTests.build(site, into: output)
        #expect(second.status == 0 && Self.pages(second.stderr)! == (0, total), "\(second.stderr)")
        let claimPage = try #require(try ParseCacheTests.snapshot(output).first { $0.key.hasPrefix("claims/") }?.value)
        #expect(String(decoding: claimPage, as: UTF8.self).contains("<!-- ours -->"))
    }

    @Test func aDamagedMemoOrAnotherOutputFolderRendersEverythingTheSame() throws {
        let site = try ParseCacheTests.exampleCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("Output")
        let first = ParseCacheTests.build(site, into: output)
        let total = try #require(Self.pages(first.stderr)).rendered
        let clean = try ParseCacheTests.snapshot(output)
        let memo = site.appendingPathComponent(".claimsite-cache/pages")
        let bytes = try Data(contentsOf: memo)

        var damaged = bytes
        damaged[damaged.count / 2] ^= 0x40
        for broken in [bytes.prefix(bytes.count / 3), damaged, Data("claimsite page memo 1\n".utf8), Data()] {
            try broken.write(to: memo)
            let rebuilt = ParseCacheTests.build(site, into: output, force: true)
            #expect(rebuilt.status == 0 && Self.pages(rebuilt.stderr)! == (0, total), "\(rebuilt.stderr)")
            #expect(try ParseCacheTests.snapshot(output) == clean)
        }

        // Another output folder has none of the files the memo names: all are rendered.
        let other = site.appendingPathComponent("Other")
        let elsewhere = ParseCacheTests.build(site, into: other, force: true)
        #expect(elsewhere.status == 0 && Self.pages(elsewhere.stderr)! == (0, total))
        #expect(try ParseCacheTests.snapshot(other) == clean)
    }

    @Test func noCacheKeepsNoPagesAndWritesNoMemo() throws {
        let site = try ParseCacheTests.exampleCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("Output")
        let first = ParseCacheTests.build(site, into: output, cache: .off)
        #expect(first.status == 0 && Self.pages(first.stderr) == nil)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent(".claimsite-cache/pages").path))
    }
}
