import ClaimLoad
import ClaimModel
import ClaimRender
import ClaimRules
import ClaimSite
import ClaimSiteTesting
import Foundation
import Testing

/// `report.json` of the example site, `explain` for its claims, and the build command.
@Suite struct ReportTests {
    let result = SiteCheck.run(SiteOptions(site: Paths.repository), environment: [:])

    func report(audience: [AudienceRole]? = nil) throws -> String {
        let settings = try #require(result.model.settings)
        let output = Commands.render(
            result, settings: settings, audience: Audience(audience ?? settings.audience ?? []),
            files: .disk(root: Paths.repository))
        #expect(output.diagnostics.isEmpty)
        return String(decoding: try #require(output.files["report.json"]), as: UTF8.self)
    }

    @Test func exampleReportMatchesTheGolden() throws {
        try Golden.assertMatches(try report(), named: "example-report.json")
    }

    @Test func reportHasSortedKeysTwoSpacesAndAFinalNewline() throws {
        let text = try report()
        #expect(text.hasPrefix("{\n  \"actions\": {\n    \"later\": [\n"))
        #expect(text.contains("\n  },\n  \"asOf\": \"2026-11-29\",\n  \"audience\": [\n"))
        #expect(text.hasSuffix("}\n"))
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(object?["schemaVersion"] as? Int == 1)
    }

    /// The report is written straight to bytes, keys in the order the code gives them; read
    /// back and written again by `JSONValue` (which sorts keys itself) it gives the same bytes.
    @Test func theReportIsTheTreeItReadsBackAs() throws {
        let settings = try #require(result.model.settings)
        let paths = PagePaths(
            claims: result.model.claims.map(\.id), engagements: result.model.engagements.map(\.id),
            customers: result.model.customers.map(\.id))
        let warning = Diagnostic.warning(
            .unknownField, at: SourceLocation(file: "Content/x.yaml", line: 2, column: 3),
            record: .claim("C-1"), "a \"quoted\" warning")
        for diagnostics in [[], [warning]] {
            let bytes = ReportJSON.bytes(
                result.evaluation, settings: settings, audience: Audience([.referralsAdmin]), paths: paths,
                diagnostics: diagnostics)
            let node = try #require(try JSONReader.read(String(decoding: bytes, as: UTF8.self)))
            let tree = try JSONValue(node)
            #expect(bytes == tree.bytes())
            #expect(bytes.count > 100_000)
        }
    }

    @Test func referralURLsOnlyForReferralsAdmin() throws {
        let admin = try report(audience: [.referralsAdmin])
        let user = try report(audience: [.incentivesUser])
        #expect(admin.contains("\"url\": \"https://partner.microsoft.example/referrals/REF-"))
        #expect(!user.contains("https://partner.microsoft.example/referrals/"))
    }

    @Test func explainAnswersForEveryClaimOfTheExample() throws {
        #expect(result.evaluation.claims.count == result.model.claims.count)
        for facts in result.evaluation.claims {
            let text = try #require(
                ExplainText.explain(
                    facts.claim.id, evaluation: result.evaluation,
                    settings: result.model.settings, diagnostics: result.diagnostics))
            #expect(text.contains("Status on 2026-11-29: \(Speech.english.status(facts.state.status))"))
            #expect(text.contains("History, replayed:"))
            #expect(text.contains("Customer \(facts.claim.customer) in \(facts.claim.engagement):"))
        }
    }

    @Test func explainSaysWhyAClaimExpired() throws {
        let expired = try #require(result.evaluation.claims.first { $0.state.status == .consentExpired })
        let text = try #require(
            ExplainText.explain(
                expired.claim.id, evaluation: result.evaluation,
                settings: result.model.settings, diagnostics: []))
        let deadline = try #require(expired.state.deadlines.consent)
        #expect(
            text.contains(
                """
                \(deadline.adding(days: 1))  The consent deadline passed         Awaiting customer consent response → \
                Customer consent expired\n
                """
            )
                || text.contains(
                    """
                    \(deadline.adding(days: 1))  The consent deadline passed         Customer claimed → Customer \
                    consent expired\n
                    """
                ))
    }
}

/// `claimsite build` and `explain` as a user runs them.
@Suite struct BuildCommandTests {
    @Test func buildWritesReportJSONAndIsDeterministic() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Paths.write(FixtureSite().files, to: root)
        let first = try Paths.run(["build", "--site", root.path])
        #expect(first.status == 0)
        let report = root.appendingPathComponent("Output/report.json")
        let bytes = try Data(contentsOf: report)
        let second = try Paths.run(["build", "--site", root.path])
        #expect(second.status == 0)
        #expect(try Data(contentsOf: report) == bytes)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("Output/.claimsite-output").path))
    }

    @Test func aFailedBuildWritesNothingAndKeepsTheOldOutput() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Paths.write(FixtureSite().files, to: root)
        #expect(try Paths.run(["build", "--site", root.path]).status == 0)
        let report = root.appendingPathComponent("Output/report.json")
        let before = try Data(contentsOf: report)
        try Paths.write(["Content/data/claims/a.yaml": "- id: [broken\n"], to: root)
        let failed = try Paths.run(["build", "--site", root.path])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("claimsite: nothing was written"))
        #expect(try Data(contentsOf: report) == before)
        // No staging folder is left behind; beside the output there is only the parse cache.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        #expect(siblings == [".claimsite-cache", "Content", "Output"])
    }

    @Test func buildRefusesToReplaceAFolderItDidNotMake() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Paths.write(FixtureSite().files, to: root)
        let mine = root.appendingPathComponent("Mine")
        try Paths.write(["Mine/thesis.txt": "precious"], to: root)
        let result = try Paths.run(["build", "--site", root.path, "--output", mine.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("is not empty and was not made by ClaimSite; refusing to replace it"))
        #expect(try String(contentsOf: mine.appendingPathComponent("thesis.txt"), encoding: .utf8) == "precious")
    }

    @Test func audienceOptionIsCheckedAndApplied() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Paths.write(FixtureSite().files, to: root)
        let bad = try Paths.run(["build", "--site", root.path, "--audience", "incentivesAdmin,vewer"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("unknown audience role 'vewer' — did you mean 'viewer'?"))
        let good = try Paths.run(["build", "--site", root.path, "--audience", "viewer", "--audience", "referralsAdmin"])
        #expect(good.status == 0)
        let report = try String(contentsOf: root.appendingPathComponent("Output/report.json"), encoding: .utf8)
        #expect(report.contains("\"audience\": [\n    \"viewer\",\n    \"referralsAdmin\"\n  ]"))
    }

    @Test func explainPrintsTheClaimAndSuggestsUnknownIDs() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Paths.write(FixtureSite().files, to: root)
        let good = try Paths.run(["explain", "C-1", "--site", root.path])
        #expect(good.status == 0)
        #expect(good.stdout.hasPrefix("Claim C-1 — Fabrikam workshop\n"))
        #expect(
            good.stdout.contains(
                "Action: Resend consent email by the consent deadline 2026-12-01, 2 days left — due soon"))
        let bad = try Paths.run(["explain", "C-3", "--site", root.path])
        #expect(bad.status == 1)
        #expect(bad.stderr == "claimsite: error: no claim 'C-3' — did you mean 'C-1'?\n")
    }
}

/// Golden HTML of a few pages of the example site (RECORD_GOLDENS=1 rewrites them).
@Suite struct GoldenPageTests {
    @Test(arguments: [
        "index.html", "engagements/azure-migrate-workshop/index.html", "claims/MCI-000154.html",
        "customers/trey-research.html",
    ])
    func pageMatchesItsGolden(_ page: String) throws {
        let result = SiteCheck.run(SiteOptions(site: Paths.repository), environment: [:])
        let settings = try #require(result.model.settings)
        let output = Commands.render(
            result, settings: settings, audience: Audience(settings.audience ?? []),
            files: .disk(root: Paths.repository))
        let html = String(decoding: try #require(output.files[page]), as: UTF8.self)
        try Golden.assertMatches(html, named: "pages/" + page.replacingOccurrences(of: "/", with: "__"))
    }

    /// The same pages of the example in German (docs/languages.md), plus the summary email's text.
    @Test(arguments: [
        "index.html", "engagements/azure-migrate-workshop/index.html", "claims/MCI-000154.html",
        "customers/trey-research.html",
        "email/summary.txt",
    ])
    func germanPageMatchesItsGolden(_ page: String) throws {
        let result = SiteCheck.run(SiteOptions(site: Paths.repository), environment: [:])
        var settings = try #require(result.model.settings)
        settings.language = .de
        let output = Commands.render(
            result, settings: settings, audience: Audience(settings.audience ?? []),
            files: .disk(root: Paths.repository))
        let html = String(decoding: try #require(output.files[page]), as: UTF8.self)
        try Golden.assertMatches(html, named: "pages-de/" + page.replacingOccurrences(of: "/", with: "__"))
    }
}

/// Rebuilds: nothing is touched when no input changed; after a change only the files whose
/// bytes change are written; and the result is byte-identical to a clean build.
@Suite struct IncrementalBuildTests {
    func snapshot(_ folder: URL) throws -> [String: (bytes: Data, inode: Int, modified: Date)] {
        var out: [String: (Data, Int, Date)] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            let url = folder.appendingPathComponent(path)
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            guard attributes[.type] as? FileAttributeType == .typeRegular, path != ".claimsite-output" else { continue }
            out[path] = (
                try Data(contentsOf: url), attributes[.systemFileNumber] as! Int, attributes[.modificationDate] as! Date
            )
        }
        return out
    }

    @Test func aNoChangeRebuildTouchesNothing() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Paths.write(FixtureSite().files, to: root)
        #expect(try Paths.run(["build", "--site", root.path]).status == 0)
        let before = try snapshot(root.appendingPathComponent("Output"))
        let again = try Paths.run(["build", "--site", root.path])
        #expect(again.status == 0)
        #expect(again.stderr.contains("is up to date: no input changed since it was built"))
        let after = try snapshot(root.appendingPathComponent("Output"))
        #expect(after.keys.sorted() == before.keys.sorted())
        for (path, file) in after {
            #expect(file.inode == before[path]?.inode && file.modified == before[path]?.modified, "\(path) was touched")
        }
        // --force rebuilds, yet keeps every unchanged file (same inode, same time).
        let forced = try Paths.run(["build", "--site", root.path, "--force"])
        #expect(forced.stderr.contains("wrote 0 files and kept \(before.count) unchanged"))
        for (path, file) in try snapshot(root.appendingPathComponent("Output")) {
            #expect(file.inode == before[path]?.inode, "\(path) was rewritten")
        }
    }

    @Test func afterOneChangeOnlyChangedFilesAreWrittenAndTheResultEqualsACleanBuild() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Paths.write(FixtureSite().files, to: root)
        #expect(try Paths.run(["build", "--site", root.path]).status == 0)
        let before = try snapshot(root.appendingPathComponent("Output"))
        let claims = FixtureSite().files["Content/data/claims/b.yaml"]!.replacingOccurrences(
            of: "displayName: Northwind project", with: "displayName: Northwind project (phase 2)")
        try Paths.write(["Content/data/claims/b.yaml": claims], to: root)
        let rebuilt = try Paths.run(["build", "--site", root.path])
        #expect(rebuilt.status == 0)
        let incremental = try snapshot(root.appendingPathComponent("Output"))
        var rewritten: [String] = []
        for (path, file) in incremental {
            if file.inode != before[path]?.inode {
                rewritten.append(path)
                #expect(file.bytes != before[path]?.bytes, "\(path) was rewritten with the same bytes")
            } else {
                #expect(file.bytes == before[path]?.bytes)
            }
        }
        #expect(rewritten.contains("claims/C-2.html"))
        #expect(!rewritten.contains("claims/C-1.html"))
        #expect(
            rebuilt.stderr.contains(
                "wrote \(rewritten.count) files and kept \(incremental.count - rewritten.count) unchanged"))
        // A clean build of the same input gives the same bytes.
        let clean = root.appendingPathComponent("Clean")
        #expect(try Paths.run(["build", "--site", root.path, "--output", clean.path]).status == 0)
        let fresh = try snapshot(clean)
        #expect(fresh.keys.sorted() == incremental.keys.sorted())
        for (path, file) in fresh {
            #expect(file.bytes == incremental[path]?.bytes, "\(path) differs from a clean build")
        }
    }
}

extension JSONValue {
    /// The value a JSON reader's node stands for; fails on anything JSON has no word for.
    init(_ node: Node) throws {
        switch node {
        case .scalar(let s):
            switch s.style {
            case .jsonString: self = .string(s.text)
            case .jsonNumber: self = .number(s.text)
            case .jsonBool: self = .bool(s.text == "true")
            case .jsonNull: self = .null
            default: throw NotJSON()
            }
        case .sequence(let items, _):
            self = .array(try items.map { try JSONValue($0) })
        case .mapping(let entries, _):
            var object: JSONObject = [:]
            for entry in entries { object[entry.key.text] = try JSONValue(entry.value) }
            self = .object(object)
        }
    }

    struct NotJSON: Error {}
}
