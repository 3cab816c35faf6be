import ClaimModel
import ClaimRender
import ClaimRules
import ClaimSite
import Foundation
import Testing

/// The exports: `claims.csv`, the tab CSVs and `deadlines.ics` (the Python check
/// `scripts/check_exports.py` checks the same files with independent parsers).
@Suite struct ExportTests {}

extension ExportTests {
    /// The CSV writer: RFC 4180 quoting and spreadsheet-formula neutralising.
    @Suite struct CSVWriter {
        @Test func formulasAreNeutralised() {
            #expect(CSV.field("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
            #expect(CSV.field("+1") == "'+1")
            #expect(CSV.field("-2") == "'-2")
            #expect(CSV.field("@SUM(A1:A2)") == "'@SUM(A1:A2)")
            #expect(CSV.field("\tcmd") == "'\tcmd")
            #expect(CSV.field("\r=1") == "\"'\r=1\"")
            // Only the first character counts.
            #expect(CSV.field("a=b") == "a=b")
            #expect(CSV.field("MCI-000154") == "MCI-000154")
            #expect(CSV.field("2026-12-05") == "2026-12-05")
        }

        @Test func fieldsAreQuotedOnlyWhenTheyMustBe() {
            #expect(CSV.field("") == "")
            #expect(CSV.field("plain text") == "plain text")
            #expect(CSV.field("a,b") == "\"a,b\"")
            #expect(CSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
            #expect(CSV.field("line 1\nline 2") == "\"line 1\nline 2\"")
            #expect(CSV.field("line 1\r\nline 2") == "\"line 1\r\nline 2\"")
            #expect(CSV.field("Zeta Énergie SAS") == "Zeta Énergie SAS")
        }

        @Test func documentHasAHeaderCRLFEndsAndNoBOM() {
            let data = CSV.document(header: ["id", "name"], rows: [["1", "Zeta Énergie SAS"], ["2", "a,b"]])
            #expect(Array(data.prefix(3)) != [0xEF, 0xBB, 0xBF])
            #expect(String(decoding: data, as: UTF8.self) == "id,name\r\n1,Zeta Énergie SAS\r\n2,\"a,b\"\r\n")
            #expect(data.count == "id,name\r\n1,Zeta Énergie SAS\r\n2,\"a,b\"\r\n".utf8.count)
        }

        @Test func hostileValuesRoundTripAsText() throws {
            let values = [
                "=HYPERLINK(\"http://x\",\"y\")", "+1", "-2", "@SUM(A1)", "a,b", "q\"q", "x\ny", "Zeta Énergie SAS", "",
            ]
            let parsed = try CSVReader.parse(CSV.document(header: values.indices.map { "c\($0)" }, rows: [values]))
            #expect(parsed.count == 2)
            #expect(parsed[1] == values.map(CSV.neutralised))
            #expect(parsed[1][0] == "'=HYPERLINK(\"http://x\",\"y\")")
        }
    }

    /// `claims.csv` and the tab CSVs of the example site and of the fixture.
    @Suite struct CSVFiles {
        let result = SiteCheck.run(SiteOptions(site: Paths.repository), environment: [:])

        func files(_ result: CheckResult, audience: [AudienceRole]? = nil) throws -> [String: Data] {
            let settings = try #require(result.model.settings)
            return CSVExports.files(
                evaluation: result.evaluation, model: result.model, settings: settings,
                paths: ExportFixtures.paths(result.model),
                audience: Audience(audience ?? settings.audience ?? []))
        }

        @Test func claimsCSVHasTheHeaderAndOneRowPerClaim() throws {
            let rows = try CSVReader.parse(try #require(try files(result)["claims.csv"]))
            #expect(rows.first == CSVExports.claimColumns)
            #expect(
                rows.first == [
                    "id", "displayName", "engagement", "customer", "origin", "location", "createdOn", "status",
                    "statusLabel", "terminal", "action", "deadline", "dueSoon", "consentDeadline", "submitDeadline",
                    "reviewDeadline", "disputeDeadline", "expectedPaymentBy", "payoutUSD", "payoutKind",
                    "referralId", "referralType", "referralUrl", "page",
                ])
            #expect(rows.count == result.evaluation.claims.count + 1)
            #expect(result.evaluation.claims.count > 50)
            let ids = rows.dropFirst().map { $0[0] }
            #expect(ids == result.evaluation.claims.map(\.claim.id).sorted { $0.precedesByUTF8($1) })
            for row in rows { #expect(row.count == CSVExports.claimColumns.count) }
        }

        @Test func claimsCSVMatchesTheReport() throws {
            let rows = try CSVReader.parse(try #require(try files(result)["claims.csv"]))
            let settings = try #require(result.model.settings)
            let report = ReportJSON.bytes(
                result.evaluation, settings: settings, audience: Audience(settings.audience ?? []),
                paths: ExportFixtures.paths(result.model), diagnostics: [])
            let json = try JSONSerialization.jsonObject(with: Data(report)) as? [String: Any]
            let claims = try #require(json?["claims"] as? [[String: Any]])
            #expect(claims.count == rows.count - 1)
            let column = Dictionary(uniqueKeysWithValues: CSVExports.claimColumns.enumerated().map { ($1, $0) })
            for (claim, row) in zip(claims, rows.dropFirst()) {
                for key in ["id", "status", "action", "deadline", "payoutUSD", "page", "statusLabel", "payoutKind"] {
                    #expect(row[column[key]!] == CSV.neutralised(ExportFixtures.text(claim[key])), "\(row[0]) \(key)")
                }
                #expect(row[column["terminal"]!] == String(try #require(claim["terminal"] as? Bool)))
                #expect(row[column["dueSoon"]!] == String(try #require(claim["dueSoon"] as? Bool)))
                let referral = claim["referral"] as? [String: Any]
                #expect(row[column["referralUrl"]!] == ExportFixtures.text(referral?["url"]))
            }
        }

        @Test func tabCSVsHaveTheReportsRowsForEveryEngagement() throws {
            let files = try files(result)
            #expect(result.evaluation.engagements.count >= 5)
            for e in result.evaluation.engagements {
                let folder = "engagements/\(e.engagement.id)/"
                #expect(ExportFixtures.paths(result.model).engagement(e.engagement.id) == folder + "index.html")
                let eligible = try CSVReader.parse(try #require(files[folder + "eligible.csv"], "\(folder)"))
                let ineligible = try CSVReader.parse(try #require(files[folder + "ineligible.csv"], "\(folder)"))
                let completed = try CSVReader.parse(try #require(files[folder + "completed.csv"], "\(folder)"))
                #expect(eligible.first == CSVExports.eligibleColumns)
                #expect(ineligible.first == CSVExports.ineligibleColumns)
                #expect(completed.first == CSVExports.completedColumns)
                #expect(eligible.count - 1 == e.tabs.eligible.count, "\(e.engagement.id)")
                #expect(
                    ineligible.count - 1 == (e.tabs.detailsHidden ? 0 : e.tabs.ineligible.count), "\(e.engagement.id)")
                #expect(completed.count - 1 == e.tabs.completed.count, "\(e.engagement.id)")
                #expect(completed.dropFirst().map { $0[0] } == e.tabs.completed.map(\.claim.id))
                let claimRows = e.tabs.eligible.compactMap { row -> String? in
                    if case .claim(let facts) = row { return facts.claim.id }
                    return nil
                }
                #expect(eligible.dropFirst().filter { $0[0] == "claim" }.map { $0[1] } == claimRows)
            }
            let hidden = result.evaluation.engagements.filter(\.tabs.detailsHidden)
            #expect(!hidden.isEmpty, "the example has an engagement that hides its Ineligible details")
            #expect(files.count == 1 + 3 * result.evaluation.engagements.count)
        }

        @Test func noContactDetailsAndReferralLinksOnlyForReferralsAdmin() throws {
            let contacts = result.model.claims.flatMap { [$0.customerContact, $0.partnerContact] }
            let secrets = Set(
                contacts.flatMap { [$0.email] + [$0.name, $0.phone].compactMap { $0 } }
                    + (result.model.users ?? []).map(\.email)
            ).filter { $0.count > 3 }
            #expect(!secrets.isEmpty)
            for audience: [AudienceRole] in [[.viewer], [.incentivesAdmin], [.incentivesAdmin, .referralsAdmin]] {
                for (path, data) in try files(result, audience: audience) {
                    let text = String(decoding: data, as: UTF8.self)
                    for secret in secrets { #expect(!text.contains(secret), "\(audience) \(path) shows \(secret)") }
                    #expect(
                        text.contains("https://partner.microsoft.example/referrals/")
                            == (path == "claims.csv" && audience.contains(.referralsAdmin)),
                        "\(audience) \(path)")
                }
            }
        }

        @Test func aHostileDisplayNameIsNeutralisedInClaimsCSV() throws {
            let claims = FixtureSite().files["Content/data/claims/a.yaml"]!
                .replacingOccurrences(
                    of: "displayName: Fabrikam workshop", with: "displayName: '=HYPERLINK(\"http://x\",\"y\")'")
            let customers = FixtureSite().files["Content/data/customers.yaml"]!
                .replacingOccurrences(of: "name: Fabrikam GmbH", with: "name: \"@Fabrikam, \\\"Zeta\\\" Énergie SAS\"")
            let check = FixtureSite().with("Content/data/claims/a.yaml", claims).with(
                "Content/data/customers.yaml", customers
            ).check()
            #expect(!check.failed, "\(check.diagnostics)")
            let files = try files(check)
            let text = String(decoding: try #require(files["claims.csv"]), as: UTF8.self)
            #expect(text.contains("\r\nC-1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",ws,fabrikam,added,"))
            let rows = try CSVReader.parse(try #require(files["claims.csv"]))
            #expect(rows[1][1] == "'=HYPERLINK(\"http://x\",\"y\")")
            let eligible = try CSVReader.parse(try #require(files["engagements/ws/eligible.csv"]))
            #expect(eligible.count == 2)
            #expect(eligible[1][3] == "'@Fabrikam, \"Zeta\" Énergie SAS")
            #expect(
                String(decoding: try #require(files["engagements/ws/eligible.csv"]), as: UTF8.self)
                    .contains(",\"'@Fabrikam, \"\"Zeta\"\" Énergie SAS\","))
        }

        @Test func theSameInputGivesTheSameBytes() throws {
            let again = SiteCheck.run(SiteOptions(site: Paths.repository), environment: [:])
            #expect(try files(result) == files(again))
        }
    }

    /// `deadlines.ics` of the example site and of the fixture.
    @Suite struct Calendar {
        let result = SiteCheck.run(SiteOptions(site: Paths.repository), environment: [:])

        func calendar(_ result: CheckResult) throws -> String {
            let settings = try #require(result.model.settings)
            let data = CalendarExport.deadlines(
                evaluation: result.evaluation, model: result.model, settings: settings,
                paths: ExportFixtures.paths(result.model))
            return try #require(String(data: data, encoding: .utf8))
        }

        /// The content lines after unfolding.
        func unfolded(_ text: String) -> [String] {
            text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").dropLast().map { $0 }
        }

        var openWithAction: [ClaimFacts] {
            result.evaluation.claims.filter { !$0.state.status.isTerminal && $0.state.action != .none }
        }

        @Test func oneEventPerOpenActionDeadline() throws {
            let lines = unfolded(try calendar(result))
            #expect(lines.first == "BEGIN:VCALENDAR")
            #expect(lines.last == "END:VCALENDAR")
            for required in [
                "VERSION:2.0", "PRODID:-//ClaimSite//MCI claim deadlines//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                "X-WR-CALNAME:Contoso Consulting MCI claims portal", "DTSTAMP:20261129T000000Z",
            ] {
                #expect(lines.contains(required), "\(required)")
            }
            #expect(openWithAction.count > 5)
            #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == openWithAction.count)
            let uids = lines.filter { $0.hasPrefix("UID:") }
            #expect(Set(uids).count == uids.count)
            let expected = openWithAction.sorted { a, b in
                a.state.deadline! != b.state.deadline!
                    ? a.state.deadline! < b.state.deadline! : a.claim.id.precedesByUTF8(b.claim.id)
            }
            func date(_ day: Day) -> String { day.description.replacingOccurrences(of: "-", with: "") }
            #expect(uids == expected.map { "UID:\($0.claim.id).\($0.state.deadlineKind!.rawValue)@claimsite" })
            let starts = lines.filter { $0.hasPrefix("DTSTART") }
            #expect(starts == expected.map { "DTSTART;VALUE=DATE:\(date($0.state.deadline!))" })
            let ends = lines.filter { $0.hasPrefix("DTEND") }
            #expect(ends == expected.map { "DTEND;VALUE=DATE:\(date($0.state.deadline!.adding(days: 1)))" })
        }

        @Test func summaryDescriptionAndURL() throws {
            let lines = unfolded(try calendar(result))
            let facts = try #require(openWithAction.first { $0.state.action == .resubmitClaim } ?? openWithAction.first)
            let name = result.evaluation.site.customers[ByteKey(facts.claim.customer)]?.name ?? facts.claim.customer
            let verb = [.submitClaim, .resubmitClaim, .disputeClaim].contains(facts.state.action) ? "" : "for claim "
            let summary =
                "SUMMARY:"
                + CalendarExport.escaped(
                    "\(Speech.english.action(facts.state.action)) \(verb)\(facts.claim.id) – \(name)")
            #expect(lines.contains(summary), "\(summary)")
            #expect(lines.contains("URL:https://portal.contoso-consulting.example/mci/claims/\(facts.claim.id).html"))
            let descriptions = lines.filter {
                $0.hasPrefix("DESCRIPTION:") && $0.contains("Claim: \(facts.claim.id) –")
            }
            #expect(descriptions.count == 1)
            let description = try #require(descriptions.first)
            #expect(description.contains("\\nStatus on 2026-11-29: \(Speech.english.status(facts.state.status))\\n"))
            #expect(description.contains("\\nDeadline: \(facts.state.deadlineKind!.rawValue) deadline"))
            #expect(
                description.contains(
                    "\\nClaim page: https://portal.contoso-consulting.example/mci/claims/\(facts.claim.id).html"))
        }

        @Test func uidsAndBytesAreStableAcrossEvaluations() throws {
            let again = SiteCheck.run(SiteOptions(site: Paths.repository), environment: [:])
            let first = try calendar(result), second = try calendar(again)
            #expect(first == second)
            #expect(unfolded(first).filter { $0.hasPrefix("UID:") } == unfolded(second).filter { $0.hasPrefix("UID:") })
        }

        @Test func linesAreFoldedAt75OctetsWithCRLF() throws {
            let text = try calendar(result)
            let data = Data(text.utf8)
            for (i, byte) in data.enumerated() where byte == 0x0A { #expect(i > 0 && data[i - 1] == 0x0D) }
            for (i, byte) in data.enumerated() where byte == 0x0D { #expect(i + 1 < data.count && data[i + 1] == 0x0A) }
            #expect(text.hasSuffix("END:VCALENDAR\r\n"))
            let physical = text.components(separatedBy: "\r\n").dropLast()
            for line in physical { #expect(line.utf8.count <= 75, "\(line)") }
            #expect(physical.contains { $0.hasPrefix(" ") }, "the example has folded lines")
        }

        @Test func foldingNeverSplitsAUTF8Sequence() {
            let line = "SUMMARY:" + String(repeating: "Énergie – ⚡️ 𝄞 ", count: 20)
            let folded = CalendarExport.folded(line)
            // Split the bytes, not the characters: every physical line must be valid UTF-8 alone.
            var chunks: [[UInt8]] = [[]]
            let bytes = Array(folded.utf8)
            var i = 0
            while i < bytes.count {
                if bytes[i] == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { chunks.append([]); i += 2; continue }
                chunks[chunks.count - 1].append(bytes[i])
                i += 1
            }
            #expect(chunks.count > 3)
            for (n, chunk) in chunks.enumerated() {
                #expect(chunk.count <= 75)
                #expect(String(data: Data(chunk), encoding: .utf8) != nil, "line \(n) splits a UTF-8 sequence")
                if n > 0 { #expect(chunk.first == 0x20) }
            }
            #expect(
                chunks.enumerated().flatMap { $0.offset == 0 ? $0.element : Array($0.element.dropFirst()) }
                    == Array(line.utf8))
            #expect(
                !chunks.contains { $0.starts(with: [0x20, 0xEF, 0xB8, 0x8F]) },
                "a character of several scalars stays whole")
            #expect(CalendarExport.folded(String(repeating: "a", count: 75)) == String(repeating: "a", count: 75))
            #expect(
                CalendarExport.folded(String(repeating: "a", count: 76)) == String(repeating: "a", count: 75) + "\r\n a"
            )
        }

        @Test func textIsEscaped() {
            #expect(CalendarExport.escaped("a\\b;c,d\ne\r\nf\rg") == "a\\\\b\\;c\\,d\\ne\\nf\\ng")
            #expect(CalendarExport.escaped("x\u{7}y\tz") == "xy\tz")
            #expect(CalendarExport.escaped("Zeta Énergie SAS") == "Zeta Énergie SAS")
        }

        @Test func hostileNamesAndIDsAreEscapedAndUIDsAreSafe() throws {
            let claims = FixtureSite().files["Content/data/claims/a.yaml"]!
                .replacingOccurrences(of: "- id: C-1", with: "- id: \"C 1/ä@x;y\"")
            let customers = FixtureSite().files["Content/data/customers.yaml"]!
                .replacingOccurrences(
                    of: "name: Fabrikam GmbH", with: "name: \"Fabrikam, Inc.; \\\\ Zeta Énergie SAS\"")
            let check = FixtureSite().with("Content/data/claims/a.yaml", claims).with(
                "Content/data/customers.yaml", customers
            ).check()
            #expect(!check.failed, "\(check.diagnostics)")
            let lines = unfolded(try calendar(check))
            #expect(lines.contains("UID:C%201%2F%C3%A4%40x%3By.consent@claimsite"))
            #expect(
                lines.contains(
                    "SUMMARY:Resend consent email for claim C 1/ä@x\\;y – Fabrikam\\, Inc.\\; \\\\ Zeta Énergie SAS"))
            #expect(!lines.contains { $0.hasPrefix("URL:") }, "the fixture has no baseURL")
            // C-1 awaits consent (resend); C-2 was never sent the consent email (send).
            #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 2)
            #expect(lines.contains("UID:C-2.consent@claimsite"))
        }

        @Test func uidDependsOnlyOnClaimAndKind() {
            #expect(CalendarExport.uid(claim: "MCI-000154", kind: .review) == "MCI-000154.review@claimsite")
            #expect(CalendarExport.uid(claim: "a.b_c~d", kind: .consent) == "a.b_c~d.consent@claimsite")
            #expect(CalendarExport.uid(claim: "100%", kind: .submit) == "100%25.submit@claimsite")
            #expect(
                CalendarExport.uid(claim: "x y", kind: .dispute) != CalendarExport.uid(claim: "x_y", kind: .dispute))
        }
    }

}

/// Helpers shared by the export tests.
enum ExportFixtures {
    /// The page paths the renderer uses for `model`.
    static func paths(_ model: SiteModel) -> PagePaths {
        PagePaths(
            claims: model.claims.map(\.id), engagements: model.engagements.map(\.id),
            customers: model.customers.map(\.id), pages: model.pages.map(\.slug))
    }

    /// A JSON string as the CSVs write it; `null` (or a missing key) is an empty field.
    static func text(_ value: Any?) -> String { value as? String ?? "" }
}

/// A strict RFC 4180 reader for the tests: CRLF record ends, quoted fields with doubled quotes.
enum CSVReader {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ data: Data) throws -> [[String]] {
        guard let text = String(data: data, encoding: .utf8) else { throw Malformed(description: "not UTF-8") }
        let scalars = Array(text.unicodeScalars)
        var rows: [[String]] = [], row: [String] = [], field = String.UnicodeScalarView()
        var i = 0, quoted = false, wasQuoted = false
        while i < scalars.count {
            let c = scalars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" { field.append("\""); i += 2; continue }
                    quoted = false
                } else {
                    field.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty, !wasQuoted else { throw Malformed(description: "stray quote at \(i)") }
                quoted = true
                wasQuoted = true
            case ",":
                row.append(String(field)); field = .init(); wasQuoted = false
            case "\r":
                guard i + 1 < scalars.count, scalars[i + 1] == "\n" else {
                    throw Malformed(description: "bare CR at \(i)")
                }
                row.append(String(field)); field = .init(); wasQuoted = false
                rows.append(row); row = []
                i += 1
            case "\n":
                throw Malformed(description: "bare LF at \(i)")
            default:
                guard !wasQuoted else { throw Malformed(description: "text after a closing quote at \(i)") }
                field.append(c)
            }
            i += 1
        }
        guard !quoted, row.isEmpty, field.isEmpty else { throw Malformed(description: "the last record has no CRLF") }
        return rows
    }
}
