import ClaimModel
import ClaimRender
import ClaimRules
import ClaimSite
import Foundation
import Testing

@testable import MIME

/// The email summaries, parsed by an independent MIME parser (Python's `email` package with
/// `policy.default`, part of every Python here).
@Suite struct EmailTests {
    /// Parses `.eml` bytes with Python and returns its JSON description.
    func parse(_ message: Data) throws -> [String: Any] {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("m.eml")
        try message.write(to: file)
        let script = """
            import email, email.policy, json, sys
            raw = open(sys.argv[1], 'rb').read()
            m = email.message_from_bytes(raw, policy=email.policy.default)
            lines = raw.split(b'\\r\\n')
            print(json.dumps({
              'from': str(m['From']), 'to': str(m['To']), 'subject': str(m['Subject']), 'date': str(m['Date']),
              'messageId': str(m['Message-ID']), 'mime': str(m['MIME-Version']), 'type': m.get_content_type(),
              'parts': [p.get_content_type() for p in m.iter_parts()],
              'charsets': [p.get_content_charset() for p in m.iter_parts()],
              'encodings': [str(p['Content-Transfer-Encoding']) for p in m.iter_parts()],
              'text': m.get_body(('plain',)).get_content().replace('\\r\\n', '\\n'),
              'html': m.get_body(('html',)).get_content().replace('\\r\\n', '\\n'),
              'maxLine': max(len(l) for l in lines),
              'bareLF': b'\\n' in raw.replace(b'\\r\\n', b''),
              'defects': [str(d) for d in m.defects] + [str(d) for p in m.iter_parts() for d in p.defects],
            }))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func exampleFiles(audience: [AudienceRole] = [.incentivesAdmin]) throws -> [String: Data] {
        let result = SiteCheck.run(SiteOptions(site: Paths.repository), environment: [:])
        let settings = try #require(result.model.settings)
        let model = result.model
        let paths = PagePaths(
            claims: model.claims.map(\.id), engagements: model.engagements.map(\.id),
            customers: model.customers.map(\.id), pages: model.pages.map(\.slug))
        return EmailExports.files(
            evaluation: result.evaluation, model: model, settings: settings, paths: paths, audience: Audience(audience))
    }

    @Test func theExampleSummaryIsARealMessage() throws {
        let files = try exampleFiles()
        let parsed = try parse(try #require(files["email/summary.eml"]))
        #expect(parsed["from"] as? String == "MCI portal <mci-portal@contoso-consulting.example>")
        #expect(
            parsed["to"] as? String == "incentives@contoso-consulting.example, anna.berg@contoso-consulting.example")
        #expect(
            parsed["subject"] as? String
                == "Contoso Consulting MCI claims portal: 6 actions due within 7 days, as of 2026-11-29")
        #expect(parsed["date"] as? String == "Sun, 29 Nov 2026 00:00:00 +0000")
        #expect((parsed["messageId"] as? String)?.hasSuffix("@contoso-consulting.example>") == true)
        #expect(parsed["mime"] as? String == "1.0")
        #expect(parsed["type"] as? String == "multipart/alternative")
        #expect(parsed["parts"] as? [String] == ["text/plain", "text/html"])
        #expect(parsed["charsets"] as? [String] == ["utf-8", "utf-8"])
        #expect(parsed["encodings"] as? [String] == ["quoted-printable", "quoted-printable"])
        #expect(parsed["text"] as? String == String(decoding: try #require(files["email/summary.txt"]), as: UTF8.self))
        #expect(parsed["html"] as? String == String(decoding: try #require(files["email/summary.html"]), as: UTF8.self))
        #expect((parsed["maxLine"] as? Int ?? 999) <= 78)
        #expect(parsed["bareLF"] as? Bool == false)
        #expect(parsed["defects"] as? [String] == [])
    }

    @Test func theExampleTextPartMatchesTheGolden() throws {
        let files = try exampleFiles()
        try Golden.assertMatches(
            String(decoding: try #require(files["email/summary.txt"]), as: UTF8.self), named: "example-summary.txt")
    }

    @Test func nonASCIINamesAreEncodedWordsThatDecodeBack() throws {
        let message = MIMEMessage(
            from: "Zeta Énergie SAS <contact@zeta.example>",
            to: ["Müller, Anna <anna@mueller.example>", "plain@x.example"],
            subject:
                "Zeta Énergie SAS — dispute due today (Müller Maschinenbau GmbH, really quite a long subject line)",
            date: Date(timeIntervalSince1970: 1_795_910_400),
            text:
                """
                Grüße\n\
                =equals= and a line that is long enough to need a soft break somewhere past seventy-six characters for \
                sure\nFrom here\n.dot\ntrailing space \n
                """,
            html: "<p>Énergie</p>\n")
        let parsed = try parse(message.rendered())
        #expect(parsed["from"] as? String == "Zeta Énergie SAS <contact@zeta.example>")
        #expect(parsed["to"] as? String == "\"Müller, Anna\" <anna@mueller.example>, plain@x.example")
        #expect(
            parsed["subject"] as? String
                == "Zeta Énergie SAS — dispute due today (Müller Maschinenbau GmbH, really quite a long subject line)")
        #expect(
            parsed["text"] as? String
                == """
                Grüße\n\
                =equals= and a line that is long enough to need a soft break somewhere past seventy-six characters for \
                sure\nFrom here\n.dot\ntrailing space \n
                """
        )
        #expect(parsed["html"] as? String == "<p>Énergie</p>\n")
        #expect((parsed["maxLine"] as? Int ?? 999) <= 78)
        #expect(parsed["defects"] as? [String] == [])
        let raw = String(decoding: message.rendered(), as: UTF8.self)
        #expect(raw.contains("Subject: =?UTF-8?Q?"))
        #expect(!raw.contains("\nFrom here"))
    }

    @Test func eachUserGetsOnlyTheirOwnClaims() throws {
        let files = try exampleFiles()
        let result = SiteCheck.run(SiteOptions(site: Paths.repository), environment: [:])
        let users = try #require(result.model.users)
        let creators = Set(result.model.claims.compactMap { $0.createdBy?.lowercased() })
        let userFiles = files.keys.filter { $0.hasPrefix("email/users/") }.sorted()
        #expect(
            userFiles
                == users.map(\.email).filter { creators.contains($0.lowercased()) }.map {
                    "email/users/\($0.lowercased()).eml"
                }.sorted())
        let anna = try parse(try #require(files["email/users/anna.berg@contoso-consulting.example.eml"]))
        let text = try #require(anna["text"] as? String)
        #expect(anna["to"] as? String == "Anna Berg <anna.berg@contoso-consulting.example>")
        let mine = Set(result.model.claims.filter { $0.createdBy == "anna.berg@contoso-consulting.example" }.map(\.id))
        for claim in result.model.claims {
            let mentioned = text.contains("* \(claim.id) ")
            if mentioned { #expect(mine.contains(claim.id), "\(claim.id) is not Anna's") }
        }
        #expect(mine.contains { text.contains($0) })
    }

    @Test func aViewerAudienceGetsNoPerUserEmail() throws {
        let files = try exampleFiles(audience: [.viewer])
        #expect(files.keys.filter { $0.hasPrefix("email/users/") }.isEmpty)
        #expect(files["email/summary.eml"] != nil)
        let result = SiteCheck.run(SiteOptions(site: Paths.repository), environment: [:])
        let contacts = result.model.claims.flatMap {
            [$0.customerContact.email, $0.customerContact.phone].compactMap { $0 }
        }
        #expect(!contacts.isEmpty)
        for (path, data) in files {
            let text = String(decoding: data, as: UTF8.self)
            for contact in contacts { #expect(!text.contains(contact), "\(contact) in \(path)") }
        }
    }

    @Test func withoutBaseURLThereAreNoLinks() throws {
        let site = FixtureSite().with(
            "Content/site.yaml", FixtureSite().files["Content/site.yaml"]! + "email: { to: [team@partner.example] }\n")
        let result = site.check()
        let settings = try #require(result.model.settings)
        let paths = PagePaths(
            claims: ["C-1", "C-2"], engagements: ["ws", "hours"], customers: ["fabrikam", "northwind"])
        let files = EmailExports.files(
            evaluation: result.evaluation, model: result.model, settings: settings, paths: paths, audience: Audience([])
        )
        let text = String(decoding: try #require(files["email/summary.txt"]), as: UTF8.self)
        let html = String(decoding: try #require(files["email/summary.html"]), as: UTF8.self)
        #expect(!text.contains("http"))
        #expect(!html.contains("href"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("src="))
        #expect(text.contains("* C-1  Resend consent email by 2026-12-01 (2 days left)"))
        let withBase = FixtureSite().with(
            "Content/site.yaml", FixtureSite().files["Content/site.yaml"]! + "baseURL: \"https://portal.example/mci\"\n"
        ).check()
        let linked = EmailExports.files(
            evaluation: withBase.evaluation, model: withBase.model, settings: try #require(withBase.model.settings),
            paths: paths, audience: Audience([]))
        #expect(
            String(decoding: try #require(linked["email/summary.txt"]), as: UTF8.self).contains(
                "https://portal.example/mci/claims/C-1.html"))
        #expect(linked["email/summary.eml"] == nil)
    }

    @Test func sendmailReceivesEveryMessage() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = FixtureSite()
            .with(
                "Content/site.yaml",
                FixtureSite().files["Content/site.yaml"]!
                    + "email: { from: \"Portal <portal@partner.example>\", to: [team@partner.example] }\n")
        try Paths.write(site.files, to: root)
        let log = root.appendingPathComponent("sent")
        try FileManager.default.createDirectory(at: log, withIntermediateDirectories: true)
        let fake = root.appendingPathComponent("fake-sendmail")
        try Data(
            "#!/bin/sh\nn=$(ls \(log.path) | wc -l)\necho \"$@\" > \(log.path)/$n.args\ncat > \(log.path)/$n.eml\n".utf8
        ).write(to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        let result = try Paths.run([
            "email", "--site", root.path, "--sendmail", fake.path, "--to", "boss@partner.example",
        ])
        #expect(result.status == 0)
        #expect(
            result.stdout
                == """
                handed over summary.eml to \(fake.path)\n\
                handed over users/anna@partner.example.eml to \(fake.path)\n
                """
        )
        #expect(try String(contentsOf: log.appendingPathComponent("0.args"), encoding: .utf8) == "-t -oi\n")
        let first = try String(contentsOf: log.appendingPathComponent("0.eml"), encoding: .utf8)
        #expect(first.contains("To: boss@partner.example\r\n"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("Output/email/summary.eml").path))
        let failing = try Paths.run(["email", "--site", root.path, "--sendmail", "/bin/false"])
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("claimsite: error: /bin/false refused summary.eml (exit status 1)"))
    }
}
