import Foundation
import Testing

/// Proof of execution through the binary (docs/rules.md#proof-of-execution): a claim with every
/// listed item done before its `submitted` event, or on that day, builds without a proof
/// warning; a claim to submit that misses one item has exactly that item named in its page's
/// call-out, in `explain` and in report.json.
@Suite struct ProofCommandTests {
    /// The workshop asks for all four items. C-1 was submitted on 2026-11-10 with every item
    /// done by then (the findings report and the partner survey on that very day); C-3 is to be
    /// submitted and lacks only the partner survey (sent, not completed).
    static func site(partnerSurveyDone: String = "2026-11-10") -> FixtureSite {
        FixtureSite()
            .with(
                "Content/engagements/ws.md",
                """
                ---
                name: Migration workshop
                activity: workshop
                pay: fixed
                fixedPayoutUSD: 5000
                proof: [partnerSurvey, invoice, findingsReport, customerSurvey]
                ---
                A **workshop**.

                """
            )
            .with(
                "Content/data/claims/a.yaml",
                claim(
                    "C-1", createdOn: "2026-11-01",
                    proof: """
                        invoice: 2026-11-04
                        findingsReport: 2026-11-10
                        customerSurvey: { sent: 2026-11-05, done: 2026-11-09 }
                        partnerSurvey: { done: \(partnerSurveyDone) }
                        """,
                    events: ["2026-11-02 consentRequested", "2026-11-03 consentAccepted", "2026-11-10 submitted"])
                    + claim(
                        "C-3", createdOn: "2026-11-18",
                        proof: """
                            invoice: 2026-11-21
                            findingsReport: 2026-11-22
                            customerSurvey: { sent: 2026-11-21, done: 2026-11-25 }
                            partnerSurvey: { sent: 2026-11-23 }
                            """,
                        events: ["2026-11-19 consentRequested", "2026-11-20 consentAccepted"]))
    }

    /// A Fabrikam workshop claim as a YAML list item, with its `proof` lines and events ("DAY TYPE").
    static func claim(_ id: String, createdOn: String, proof: String, events: [String]) -> String {
        let proofLines = proof.split(separator: "\n").map { "    \($0)\n" }.joined()
        let eventLines = events.map { line -> String in
            let parts = line.split(separator: " ")
            let deal = parts[1] == "consentRequested" ? ", dealSizeUSD: 1000" : ""
            return "    - { on: \(parts[0]), type: \(parts[1])\(deal) }\n"
        }.joined()
        return """
            - id: \(id)
              displayName: Fabrikam workshop \(id)
              engagement: ws
              customer: fabrikam
              origin: added
              nominatedBy: { type: domain, value: fabrikam.example }
              location: "4400001"
              createdBy: anna@partner.example
              createdOn: \(createdOn)
              customerContact: { name: Jonas Weber, email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }
              proof:

            """ + proofLines + "  events:\n" + eventLines
    }

    static let proofCodes: Set<String> = [
        "proof-done-before-sent", "proof-before-consent", "proof-item-not-listed", "proof-after-as-of",
        "submitted-without-proof",
    ]

    /// The diagnostics `check --format json` prints, as (code, message) pairs.
    static func check(_ site: FixtureSite) throws -> (status: Int32, diagnostics: [(String, String)]) {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Paths.write(site.files, to: root)
        let run = try Paths.run(["check", "--site", root.path, "--format", "json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        return (run.status, list.map { ($0["code"] as? String ?? "", $0["message"] as? String ?? "") })
    }

    @Test func proofDoneByTheSubmissionDayDrawsNoWarning() throws {
        let checked = try Self.check(Self.site())
        #expect(checked.status == 0)
        #expect(checked.diagnostics.filter { Self.proofCodes.contains($0.0) }.map(\.1) == [])
    }

    @Test func anItemDoneTheDayAfterTheSubmissionIsNamedInOneWarning() throws {
        let checked = try Self.check(Self.site(partnerSurveyDone: "2026-11-11"))
        #expect(checked.status == 0)
        #expect(
            checked.diagnostics.filter { Self.proofCodes.contains($0.0) }.map { "\($0.0): \($0.1)" } == [
                """
                submitted-without-proof: claim C-1: submitted on 2026-11-10 without partnerSurvey done by then; \
                record the day each was done, or check the submission in Partner Center
                """
            ])
    }

    @Test func theMissingItemIsNamedInTheCallOutExplainAndReport() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Paths.write(Self.site().files, to: root)
        let output = root.appendingPathComponent("Output")
        let build = try Paths.run(["build", "--site", root.path, "--output", output.path])
        #expect(build.status == 0, "\(build.stderr)")

        // The call-out of C-3's page names the partner survey and nothing else as missing.
        let page = try String(contentsOf: output.appendingPathComponent("claims/C-3.html"), encoding: .utf8)
        let callout = try #require(Self.callout(page))
        #expect(callout.contains("<strong>Submit claim</strong>"))
        #expect(callout.contains("Missing proof: Partner survey</a>"))
        for other in ["Invoice", "Findings", "Customer survey"] { #expect(!callout.contains(other)) }
        #expect(page.contains("<li class=\"open\" data-item=\"partnerSurvey\">"))
        #expect(page.contains("<li class=\"done\" data-item=\"invoice\">"))
        // C-1 is submitted and waits on Microsoft: its checklist is all done, and no readiness is said.
        let submitted = try String(contentsOf: output.appendingPathComponent("claims/C-1.html"), encoding: .utf8)
        #expect(submitted.contains("<li class=\"done\" data-item=\"partnerSurvey\">"))
        #expect(!submitted.contains("<li class=\"open\"") && !submitted.contains("proof-note"))

        let explain = try Paths.run(["explain", "C-3", "--site", root.path])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("Proof of execution: 3 of 4 done — Missing proof: Partner survey\n"))
        #expect(explain.stdout.contains("  Partner survey: Sent on 2026-11-23, not completed\n"))

        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("report.json")))
                as? [String: Any])
        let claims = try #require(report["claims"] as? [[String: Any]])
        let proof = try #require(claims.first { $0["id"] as? String == "C-3" }?["proof"] as? [String: Any])
        #expect(proof["listed"] as? [String] == ["invoice", "findingsReport", "customerSurvey", "partnerSurvey"])
        #expect(proof["done"] as? [String] == ["invoice", "findingsReport", "customerSurvey"])
        #expect(proof["missing"] as? [String] == ["partnerSurvey"])
        #expect(proof["ready"] as? Bool == false)
        let done = try #require(claims.first { $0["id"] as? String == "C-1" }?["proof"] as? [String: Any])
        #expect(done["missing"] as? [String] == [])
        #expect(done["ready"] is NSNull)
    }

    /// The first action call-out of a claim page (`<div class="callout …">…</div>`).
    static func callout(_ page: String) -> String? {
        guard let start = page.range(of: "<div class=\"callout"),
            let end = page.range(of: "</div>", range: start.upperBound..<page.endIndex)
        else { return nil }
        return String(page[start.lowerBound..<end.upperBound])
    }
}
