import ClaimLoad
import ClaimModel
import ClaimRender
import ClaimRules
import ClaimSite
import ClaimSiteTesting
import Foundation
import Testing

/// The email, the calendar's events, the CSV label columns and `explain` in the build's
/// language (docs/languages.md): the fixture built in English and in German.
@Suite struct MailLanguageTests {
    /// The fixture with email recipients, an approved claim (for an amount) and `language`.
    static func site(_ language: String) -> FixtureSite {
        let approved = """
            - id: C-3
              displayName: Fabrikam second workshop
              engagement: ws
              customer: fabrikam
              origin: added
              nominatedBy: { type: domain, value: fabrikam.example }
              location: "4400001"
              createdBy: anna@partner.example
              createdOn: 2026-09-01
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }
              events:
                - { on: 2026-09-02, type: consentRequested, dealSizeUSD: 1000 }
                - { on: 2026-09-03, type: consentAccepted }
                - { on: 2026-09-10, type: submitted }
                - { on: 2026-09-12, type: reviewStarted }
                - { on: 2026-11-20, type: approved }

            """
        return FixtureSite()
            .with(
                "Content/site.yaml",
                FixtureSite().files["Content/site.yaml"]!
                    + """
                    language: \(language)\n\
                    email: { from: \"Portal <portal@partner.example>\", to: [team@partner.example] }\n
                    """
            )
            .with("Content/data/claims/c.yaml", approved)
    }

    static func build(_ language: String) throws -> (CheckResult, [String: Data]) {
        let files = site(language).files
        let result = SiteCheck.run(
            files: .memory(files), environment: [:], now: Date(timeIntervalSince1970: 1_795_996_799))
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
        let settings = try #require(result.model.settings)
        let output = Commands.render(
            result, settings: settings, audience: Audience([.incentivesAdmin]), files: .memory(files))
        #expect(!output.diagnostics.hasErrors, "\(output.diagnostics)")
        return (result, output.files)
    }

    static func text(_ files: [String: Data], _ path: String) throws -> String {
        String(decoding: try #require(files[path], "no \(path)"), as: UTF8.self)
    }

    /// The `Subject` header of `message`, unfolded, its quoted-printable encoded words decoded.
    static func subject(_ message: String) -> String {
        let unfolded = message.replacingOccurrences(of: "\r\n ", with: " ")
        guard let line = unfolded.components(separatedBy: "\r\n").first(where: { $0.hasPrefix("Subject: ") }) else {
            return ""
        }
        let value = String(line.dropFirst("Subject: ".count))
        guard value.hasPrefix("=?UTF-8?Q?") else { return value }
        var bytes: [UInt8] = []
        for word in value.components(separatedBy: " ") {
            var text = Array(word.dropFirst("=?UTF-8?Q?".count).dropLast(2).utf8)[...]
            while let byte = text.popFirst() {
                if byte == UInt8(ascii: "_") {
                    bytes.append(0x20)
                } else if byte == UInt8(ascii: "="), text.count >= 2 {
                    bytes.append(UInt8(String(decoding: text.prefix(2), as: UTF8.self), radix: 16) ?? 0)
                    text = text.dropFirst(2)
                } else {
                    bytes.append(byte)
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func theSummaryEmailSpeaksGerman() throws {
        let (_, en) = try Self.build("en"), (_, de) = try Self.build("de")
        let englishMessage = try Self.text(en, "email/summary.eml")
        let germanMessage = try Self.text(de, "email/summary.eml")
        #expect(englishMessage.contains("\r\nContent-Language: en\r\n"))
        #expect(germanMessage.contains("\r\nContent-Language: de\r\n"))
        // The subject, in encoded words: German, with a German date.
        #expect(Self.subject(englishMessage) == "Test portal: 2 actions due within 7 days, as of 2026-11-29")
        #expect(Self.subject(germanMessage) == "Test portal: 2 Aktionen innerhalb von 7 Tagen fällig, Stand 29.11.2026")

        let text = try Self.text(de, "email/summary.txt")
        for words in [
            "Innerhalb von 7 Tagen fällig", "Weitere offene Aktionen", "Ansprüche nach Status",
            "Ansprüche nach Engagement", "Überfällige Zahlungen (0, 0,00\u{A0}USD)",
            "Genehmigt, Zahlung erwartet (1, 5.000,00\u{A0}USD)", "5.000,00\u{A0}USD, Auszahlung erwartet bis",
            "Kunde: Fabrikam GmbH",
            "Partner Center ist das maßgebliche System",
        ] {
            #expect(text.contains(words), "\(words)")
        }
        for english in [
            "Due within", "Other open actions", "Claims by status", "Claims by engagement",
            "Approved, payment expected", "Overdue payments",
            "expected payment by", "Customer:", "USD\u{A0}5,000.00", "as of", "system of record",
        ] {
            #expect(!text.contains(english), "\(english)")
        }
        // Each heading's underline is as long as the heading.
        let lines = text.components(separatedBy: "\n")
        for (index, line) in lines.enumerated() where index > 0 && !line.isEmpty && line.allSatisfy({ $0 == "-" }) {
            #expect(line.count == lines[index - 1].count, "\(lines[index - 1])")
        }
        let html = try Self.text(de, "email/summary.html")
        #expect(html.contains("<html lang=\"de\">"))
        #expect(html.contains("Genehmigt, Zahlung erwartet (1, 5.000,00\u{A0}USD)"))
        #expect(!html.contains("Claims by status") && !html.contains(">Claim</th>"))
        // Each user's message too.
        let users = de.keys.filter { $0.hasPrefix("email/users/") }
        #expect(!users.isEmpty)
        for path in users { #expect(try Self.text(de, path).contains("\r\nContent-Language: de\r\n")) }
    }

    @Test func theCalendarSpeaksGermanAndKeepsItsOwnDates() throws {
        let (_, en) = try Self.build("en"), (_, de) = try Self.build("de")
        func lines(_ files: [String: Data], _ prefix: String) throws -> [String] {
            try Self.text(files, "deadlines.ics").replacingOccurrences(of: "\r\n ", with: "")
                .components(separatedBy: "\r\n").filter { $0.hasPrefix(prefix) }
        }
        let starts = try lines(en, "DTSTART")
        #expect(!starts.isEmpty)
        #expect(try lines(de, "DTSTART") == starts)
        #expect(try lines(de, "UID") == lines(en, "UID"))
        let summaries = try lines(de, "SUMMARY")
        #expect(summaries.count == starts.count)
        #expect(summaries.allSatisfy { $0.contains("Zustimmungs-E-Mail") || $0.contains("Anspruch") }, "\(summaries)")
        #expect(try lines(en, "SUMMARY") != summaries)
        let descriptions = try lines(de, "DESCRIPTION").joined(separator: "\n")
        #expect(descriptions.contains("Frist: Zustimmungsfrist 03.12.2026 = Tag der Erstellung 03.11.2026 + 30 Tage."))
        #expect(!descriptions.contains("Deadline:") && !descriptions.contains("Customer:"))
        // The text writes dates and amounts as the pages do; DTSTART (above) stays ISO.
        #expect(descriptions.contains("Status am 29.11.2026"))
        #expect(descriptions.contains("5.000\\,00\u{A0}USD"))  // iCalendar escapes the comma
        #expect(!descriptions.contains("2026-11-29") && !descriptions.contains("5000.00 USD"))
    }

    @Test func claimsCSVKeepsItsCodesAndTranslatesItsLabels() throws {
        let (_, en) = try Self.build("en"), (_, de) = try Self.build("de")
        func rows(_ files: [String: Data]) throws -> [[String]] {
            try Self.text(files, "claims.csv").components(separatedBy: "\r\n").filter { !$0.isEmpty }
                .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        let english = try rows(en), german = try rows(de)
        #expect(english.count == german.count && english.count == 4)
        #expect(english[0] == german[0])
        let label = try #require(english[0].firstIndex(of: "statusLabel"))
        for (a, b) in zip(english.dropFirst(), german.dropFirst()) {
            var codesA = a, codesB = b
            codesA.remove(at: label)
            codesB.remove(at: label)
            #expect(codesA == codesB)
            #expect(a[label] != b[label])
        }
        #expect(german.contains { $0[label] == "Genehmigt" })
    }

    @Test func explainHasNoEnglishSentenceInGerman() throws {
        let (result, _) = try Self.build("de")
        for id in ["C-1", "C-2", "C-3"] {
            let x = try #require(
                Explanation.of(id, in: result.evaluation, dueSoonDays: 7, diagnostics: result.diagnostics))
            let german = ExplainText.text(x, speech: Speech(.builtIn(.de)))
            let english = ExplainText.text(x)
            #expect(english.contains("History, replayed:"))
            for sentence in [
                "History, replayed", "Timeline:", "A deadline day is still in time", "Status on", "Deadlines:",
                "Action:",
                "Payout:", "Tab:", "known since", "candidate IDs", "Customer:", "Origin:", "Location:",
                "As of:", " deadline ", " days", "Claim created", "not known", "eligible",
            ] {
                #expect(!german.contains(sentence), "\(id): \(sentence)")
            }
            #expect(german.contains("Verlauf"))
        }
    }
}
