import ClaimModel
import ClaimRender
import ClaimSite
import ClaimSiteTesting
import Foundation
import Testing

/// Diagnostics as data: each kind of problem has its stable code and names the record it
/// concerns; `check --format json` and `report.json` carry the same seven keys.
@Suite struct DiagnosticCodeTests {
    let base = FixtureSite()

    func claimsWith(_ old: String, _ new: String) -> FixtureSite { base.claimsWith(old, new) }

    /// The code, severity and record of each diagnostic of `site`, as `SEVERITY CODE KIND:ID`.
    func facts(_ site: FixtureSite) -> [String] {
        site.check().diagnostics.map { d in
            "\(d.severity.rawValue) \(d.code.rawValue) \(d.record.map { "\($0.kind.rawValue):\($0.id)" } ?? "-")"
        }
    }

    @Test func theBaseFixtureHasNoDiagnostics() {
        #expect(facts(base) == [])
    }

    @Test func loadingProblemsNameTheirCodeAndClaim() {
        #expect(facts(claimsWith("  customer: fabrikam\n", "  customer: [fabrikam\n")) == ["error yaml-syntax -"])
        #expect(facts(claimsWith("  location: \"4400001\"\n", "")) == ["error missing-field claim:C-1"])
        #expect(facts(claimsWith("  origin: added\n", "  origin: adopted\n")) == ["error unknown-value claim:C-1"])
        #expect(
            facts(claimsWith("  createdOn: 2026-11-01\n", "  createdOn: 2026-02-30\n")) == [
                "error invalid-date claim:C-1"
            ])
        #expect(
            facts(claimsWith("  displayName: Fabrikam workshop\n", "  displayName: Fabrikam workshop\n  colour: red\n"))
                == ["error unknown-field claim:C-1"])
        // A nested mapping's problem still names the claim.
        #expect(
            facts(
                claimsWith(
                    "  partnerContact: { email: anna@partner.example }\n",
                    "  partnerContact: { mail: anna@partner.example }\n"))
                == ["error missing-field claim:C-1", "error unknown-field claim:C-1"])
        // An event's problem names the claim too.
        #expect(facts(claimsWith("dealSizeUSD: 1000 }", "dealSizeUSD: -5 }")) == ["error negative-amount claim:C-1"])
    }

    @Test func rulesNameTheirCodeAndClaim() {
        #expect(facts(claimsWith("  engagement: ws\n", "  engagement: wss\n")) == ["error unknown-reference claim:C-1"])
        #expect(
            facts(
                claimsWith(
                    "{ type: domain, value: fabrikam.example }",
                    "{ type: tenantId, value: 11111111-2222-3333-4444-555555555555 }")
            )
            .contains("error tenant-mismatch-without-reason claim:C-1"))
        #expect(
            facts(claimsWith("type: consentRequested, dealSizeUSD: 1000 }", "type: submitted }")) == [
                "error event-not-allowed claim:C-1"
            ])
        #expect(
            facts(
                claimsWith(
                    "  origin: added\n  nominatedBy: { type: domain, value: fabrikam.example }\n", "  origin: claimed\n"
                ))
                == ["error claimed-customer-not-known claim:C-1"])
        #expect(facts(claimsWith("{ on: 2026-11-02,", "{ on: 2026-12-02,")) == ["warning event-after-as-of claim:C-1"])
    }

    @Test func otherRecordKinds() {
        let duplicateCustomer = base.with(
            "Content/data/customers.yaml",
            base.files["Content/data/customers.yaml"]!
                + "- { id: northwind, name: Again, emailDomain: again.example }\n")
        #expect(facts(duplicateCustomer) == ["error duplicate-id customer:northwind"])
        let badPage = base.with("Content/pages/about.md", "---\ntitle: About\nordre: 1\n---\nHello.\n")
        #expect(facts(badPage) == ["error unknown-field page:about"])
        let badEngagement = base.with(
            "Content/engagements/ws.md", "---\nname: W\nactivity: workshop\npay: fixed\n---\n")
        #expect(facts(badEngagement) == ["error missing-field engagement:ws"])
        let badSettings = base.with(
            "Content/site.yaml", "title: T\npartner: { name: P }\nasOf: 2026-11-29\nreferralURL: https://x.example/\n")
        #expect(facts(badSettings) == ["warning referral-url-without-id site:site"])
        let badOpportunity = base.with(
            "Content/data/opportunities.yaml", "- { id: \"7-ABC\", customer: nortwind, estimatedRevenueUSD: 1 }\n")
        #expect(facts(badOpportunity).contains("error unknown-reference opportunity:7-ABC"))
    }

    @Test func everyCodeIsKebabCaseAndDocumented() throws {
        let docs = try String(
            contentsOf: Paths.repository.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        var seen = Set<String>()
        for code in DiagnosticCode.allCases {
            let name = code.rawValue
            #expect(seen.insert(name).inserted, "\(name) is used twice")
            // Lower-case words and digits (`not-utf8`), joined by single hyphens.
            #expect(
                name.allSatisfy { $0.isLowercase || ("0"..."9").contains($0) || $0 == "-" } && !name.hasPrefix("-")
                    && !name.hasSuffix("-") && !name.contains("--") && name.first?.isLowercase == true,
                "\(name) is not kebab-case")
            #expect(docs.contains("`\(name)`"), "docs/diagnostics.md does not list \(name)")
        }
    }

    @Test func noSourceReadsADiagnosticsMessage() throws {
        let sources = Paths.repository.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        #expect(files.count > 20)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            // A diagnostic's message read through `$0`, `d`, `diagnostic` or `problem`, as the
            // renderer once matched claims by their messages' prefixes.
            let pattern =
                #/
                (\$0|\bd|diagnostic|problem)\.message\.
                (hasPrefix|hasSuffix|contains|starts|range|split|firstIndex|dropFirst)
                /#
            #expect(text.firstMatch(of: pattern) == nil, "\(file.lastPathComponent) reads a diagnostic's message")
        }
    }

    // MARK: JSON

    /// Parses a JSON array of diagnostics and checks each has exactly the seven keys.
    func parseDiagnostics(_ text: String) throws -> [[String: Any]] {
        let items = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        for item in items {
            #expect(Set(item.keys) == ["file", "line", "column", "severity", "code", "message", "record"])
        }
        return items
    }

    @Test func checkFormatJSONPrintsOneArrayAndExitsAsCheckDoes() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let broken = claimsWith("  engagement: ws\n", "  engagement: wss\n")
            .with("Content/data/notes.txt", "not a data file\n")
        try Paths.write(broken.files, to: root)
        let run = try Paths.run(["check", "--format", "json", "--site", root.path])
        #expect(run.status == 1)
        #expect(run.stderr == "")
        let items = try parseDiagnostics(run.stdout)
        #expect(items.count == 2)
        let file = try #require(items.first { ($0["code"] as? String) == "unknown-file" })
        #expect(file["file"] as? String == "Content/data/notes.txt")
        #expect(file["line"] is NSNull)
        #expect(file["column"] is NSNull)
        #expect(file["record"] is NSNull)
        #expect(file["severity"] as? String == "warning")
        let reference = try #require(items.first { ($0["code"] as? String) == "unknown-reference" })
        #expect(reference["file"] as? String == "Content/data/claims/a.yaml")
        #expect(reference["line"] as? Int == 3)
        #expect(reference["column"] as? Int == 15)
        #expect(reference["severity"] as? String == "error")
        #expect((reference["message"] as? String)?.hasPrefix("claim C-1: unknown engagement 'wss'") == true)
        let record = try #require(reference["record"] as? [String: String])
        #expect(record == ["kind": "claim", "id": "C-1"])
        // The text form says the same on standard error, and nothing on standard output.
        let text = try Paths.run(["check", "--site", root.path])
        #expect(text.status == 1)
        #expect(text.stdout == "")
        #expect(text.stderr.contains("Content/data/claims/a.yaml:3:15: error: claim C-1: unknown engagement 'wss'"))

        // A clean site: an empty array, exit 0.
        try FileManager.default.removeItem(at: root)
        try Paths.write(base.files, to: root)
        let clean = try Paths.run(["check", "--format", "json", "--site", root.path])
        #expect(clean.status == 0)
        #expect(clean.stdout == "[]\n")
    }

    @Test func checkRefusesAnUnknownFormat() throws {
        let run = try Paths.run(["check", "--format", "xml", "--site", Paths.repository.path])
        #expect(run.status == 64)
    }

    @Test func aProblemWithNoFileHasNullFileLineAndColumn() throws {
        let missing = Paths.repository.appendingPathComponent("no-such-site-\(UUID().uuidString)")
        let run = try Paths.run(["check", "--format", "json", "--site", missing.path])
        #expect(run.status == 1)
        let items = try parseDiagnostics(run.stdout)
        #expect(items.count == 1)
        #expect(items[0]["file"] is NSNull && items[0]["line"] is NSNull && items[0]["column"] is NSNull)
        #expect(items[0]["code"] as? String == "no-site-folder")
        #expect(items[0]["record"] as? [String: String] == ["kind": "site", "id": "site"])
    }

    @Test func reportDiagnosticsCarryTheSameSevenKeys() throws {
        let site = claimsWith("  createdOn: 2026-11-01\n", "  createdOn: 2026-11-01\n  referral: { id: R-1 }\n")
        let result = site.check()
        #expect(!result.failed)
        let settings = try #require(result.model.settings)
        let output = Commands.render(
            result, settings: settings, audience: Audience([.incentivesUser]), files: .memory(site.files))
        let report = try #require(output.files["report.json"])
        let object = try #require(try JSONSerialization.jsonObject(with: report) as? [String: Any])
        let items = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(items.count == 1)
        for item in items {
            #expect(Set(item.keys) == ["file", "line", "column", "severity", "code", "message", "record"])
        }
        #expect(items[0]["code"] as? String == "referral-not-enabled")
        #expect(items[0]["record"] as? [String: String] == ["kind": "claim", "id": "C-1"])
        #expect(items[0]["line"] as? Int == 10)
    }
}
