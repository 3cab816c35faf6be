import ClaimModel
import ClaimRules
import ClaimSample
import ClaimSite
import ClaimSiteTesting
import Foundation
import Mustache
import Testing

@testable import ClaimRender
@testable import MIME
@testable import TypedMustache

/// The emails are written as they are rendered (`EmailExports.write`): the same bytes as the
/// whole documents (the parts rendered whole, the messages made by `MIMEMessage.rendered()`), in
/// pieces of about 64 KB; each message named by a hash of what it is rendered from.
@Suite struct EmailStreamTests {
    typealias RecordingSink = StreamedOutputTests.RecordingSink

    /// A site checked, with what its emails are rendered from.
    struct Site {
        let result: CheckResult
        let settings: SiteSettings
        let paths: PagePaths

        init(_ result: CheckResult) throws {
            #expect(!result.failed, "\(result.diagnostics.prefix(5))")
            self.result = result
            settings = try #require(result.model.settings)
            let model = result.model
            paths = PagePaths(
                claims: model.claims.map(\.id), engagements: model.engagements.map(\.id),
                customers: model.customers.map(\.id), pages: model.pages.map(\.slug))
        }

        /// The emails streamed into a recording sink, and the paths `write` returned.
        func streamed(_ audience: Audience, templates: TemplateSet = TemplateSet.load(overrides: [:])) -> (
            RecordingSink, [String]
        ) {
            let sink = RecordingSink()
            let written = EmailExports.write(
                evaluation: result.evaluation, model: result.model, settings: settings, paths: paths,
                audience: audience, templates: templates, to: sink)
            return (sink, written)
        }

        /// The emails made whole: each part rendered into one buffer, each message one value.
        func whole(_ audience: Audience, templates: TemplateSet = TemplateSet.load(overrides: [:])) throws -> [String:
            Data]
        {
            let renderer = templates.compiled().renderer
            let naming = EmailExports.MessageNaming(templates)
            let email = try #require(settings.email)
            let from = email.from ?? "\(settings.partnerName) <noreply@claimsite.invalid>"
            let date = Date(timeIntervalSince1970: TimeInterval(result.evaluation.asOf.ordinal) * 86_400)
            func message(_ model: EmailSummaryModel, to: [String]) -> Data {
                let parts = EmailSummary.build(model, renderer: renderer)
                return MIMEMessage(
                    from: from, to: to, subject: parts.subject, date: date, text: parts.text, html: parts.html,
                    id: naming.id(
                        from: from, to: to, date: date, subject: model.subject,
                        fields: EmailExports.fieldBytes(of: model))
                ).rendered()
            }
            let summary = EmailSummary.viewModel(
                claims: result.evaluation.claims, evaluation: result.evaluation, settings: settings,
                paths: paths, audienceTitle: "summary of all claims")
            let parts = EmailSummary.build(summary, renderer: renderer)
            var files = ["email/summary.txt": Data(parts.text.utf8), "email/summary.html": Data(parts.html.utf8)]
            if !email.to.isEmpty { files["email/summary.eml"] = message(summary, to: email.to) }
            guard audience.showsContacts else { return files }
            for user in result.model.users ?? [] {
                let mine = result.evaluation.claims.filter {
                    $0.claim.createdBy?.lowercased() == user.email.lowercased()
                }
                guard !mine.isEmpty else { continue }
                let model = EmailSummary.viewModel(
                    claims: mine, evaluation: result.evaluation, settings: settings, paths: paths,
                    audienceTitle: "claims created by \(user.name ?? user.email)")
                files["email/users/\(EmailExports.fileName(for: user.email)).eml"] =
                    message(model, to: [user.name.map { "\($0) <\(user.email)>" } ?? user.email])
            }
            return files
        }
    }

    static let example = { try! Site(SiteCheck.run(SiteOptions(site: Paths.repository), environment: [:])) }()

    /// A synthetic site of 3,000 claims: its summary lists well over a thousand of them.
    static let large = { () -> Site in
        var sample = SampleSite(SampleSite.Options(claims: 4_000, engagements: 20, customers: 200, json: true, seed: 7))
        let files = sample.files().mapValues { String(decoding: $0, as: UTF8.self) }
        return try! Site(SiteCheck.run(files: .memory(files), environment: [:]))
    }()

    /// Checks that `site`'s streamed emails are its whole ones, each arrived through `open`.
    func expectStreamedEqualsWhole(
        _ site: Site, _ audience: Audience, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> RecordingSink {
        let (sink, written) = site.streamed(audience)
        let whole = try site.whole(audience)
        #expect(Set(written) == Set(whole.keys), sourceLocation: sourceLocation)
        #expect(written.count == whole.count, "a path written twice", sourceLocation: sourceLocation)
        #expect(Set(sink.contents.keys) == Set(whole.keys), sourceLocation: sourceLocation)
        for (path, data) in whole.sorted(by: { $0.key < $1.key }) {
            #expect(sink.contents[path] == data, "\(path) streamed differs from whole", sourceLocation: sourceLocation)
            // Streamed files arrive in pieces (`open`), never whole through `put`; none over 64 KiB.
            let pieces = sink.pieces[path] ?? []
            #expect(
                !pieces.isEmpty && pieces.allSatisfy { $0 <= 1 << 16 }, "\(path): \(pieces)",
                sourceLocation: sourceLocation)
        }
        // And `files`, the whole form for tests and `claimsite email`, holds the same bytes.
        let files = EmailExports.files(
            evaluation: site.result.evaluation, model: site.result.model, settings: site.settings,
            paths: site.paths, audience: audience)
        #expect(files == whole, sourceLocation: sourceLocation)
        // The build writes the summary and the users' messages as two exports: each holds only
        // its own files, and together they are the whole.
        var halves: [EmailExports.Parts: RecordingSink] = [:]
        for part in [EmailExports.Parts.summary, .users] {
            let half = RecordingSink()
            let paths = EmailExports.write(
                evaluation: site.result.evaluation, model: site.result.model, settings: site.settings,
                paths: site.paths, audience: audience, parts: part, to: half)
            #expect(Set(paths) == Set(half.contents.keys), sourceLocation: sourceLocation)
            halves[part] = half
        }
        let summary = halves[.summary]!.contents, users = halves[.users]!.contents
        #expect(summary.keys.allSatisfy { $0.hasPrefix("email/summary.") }, sourceLocation: sourceLocation)
        #expect(users.keys.allSatisfy { $0.hasPrefix("email/users/") }, sourceLocation: sourceLocation)
        #expect(summary.merging(users) { a, _ in a } == whole, sourceLocation: sourceLocation)
        return sink
    }

    @Test func theExamplesStreamedEmailsAreTheWholeOnes() throws {
        let sink = try expectStreamedEqualsWhole(Self.example, Audience([.incentivesAdmin]))
        #expect(sink.contents.keys.filter { $0.hasPrefix("email/users/") }.count == 5)
        _ = try expectStreamedEqualsWhole(Self.example, Audience([.viewer]))
    }

    @Test func aLargeSummaryIsStreamedInManyPiecesWithTheWholeBytes() throws {
        let sink = try expectStreamedEqualsWhole(Self.large, Audience([.incentivesAdmin]))
        let text = String(decoding: try #require(sink.contents["email/summary.txt"]), as: UTF8.self)
        let listed = text.components(separatedBy: "\n").filter { $0.hasPrefix("* ") }.count
        #expect(listed >= 1_000, "\(listed) claims listed")
        for path in ["email/summary.txt", "email/summary.html", "email/summary.eml"] {
            let pieces = try #require(sink.pieces[path])
            #expect(pieces.count >= 3, "\(path): \(pieces)")
            // Every piece but the last is 64 KiB.
            #expect(pieces.dropLast().allSatisfy { $0 == 1 << 16 } && pieces.last! <= 1 << 16, "\(path): \(pieces)")
        }
        let users = sink.pieces.keys.filter { $0.hasPrefix("email/users/") }
        #expect(
            !users.isEmpty && users.allSatisfy { (sink.pieces[$0]?.count ?? 0) >= 2 },
            "\(users.map { sink.pieces[$0]! })")
        // The large message is a real one: Python's email package reads it back to the parts.
        let parsed = try EmailTests().parse(try #require(sink.contents["email/summary.eml"]))
        #expect(
            parsed["text"] as? String
                == String(decoding: try #require(sink.contents["email/summary.txt"]), as: UTF8.self))
        #expect(
            parsed["html"] as? String
                == String(decoding: try #require(sink.contents["email/summary.html"]), as: UTF8.self))
        #expect((parsed["maxLine"] as? Int ?? 999) <= 78)
        #expect(parsed["bareLF"] as? Bool == false)
        #expect(parsed["defects"] as? [String] == [])
    }

    /// The Message-ID of a message (its hash).
    func messageID(_ data: Data?) throws -> String {
        let text = String(decoding: try #require(data), as: UTF8.self)
        let line = try #require(text.components(separatedBy: "\r\n").first { $0.hasPrefix("Message-ID: <summary.") })
        let id = String(line.dropFirst("Message-ID: <summary.".count).prefix(16))
        #expect(text.contains("boundary=\"=_claimsite_\(id)\"\r\n"))
        return id
    }

    @Test func aMessageIsNamedByWhatItIsRenderedFrom() throws {
        let site = FixtureSite()
            .with(
                "Content/site.yaml",
                FixtureSite().files["Content/site.yaml"]! + "email: { to: [team@partner.example] }\n")
        func files(_ site: FixtureSite, templates: [String: String] = [:]) throws -> [String: Data] {
            let checked = try Site(site.check())
            let overrides = templates.reduce(into: [String: Data]()) { $0[$1.key] = Data($1.value.utf8) }
            return checked.streamed(Audience([.incentivesAdmin]), templates: TemplateSet.load(overrides: overrides)).0
                .contents
        }
        let first = try files(site), again = try files(site)
        #expect(first == again)
        let summary = try messageID(first["email/summary.eml"]),
            anna = try messageID(first["email/users/anna@partner.example.eml"])
        #expect(summary != anna)

        // A value of the view model: C-2 (not Anna's) renamed changes the summary's name only.
        let renamed = try files(
            site.with(
                "Content/data/claims/b.yaml",
                site.files["Content/data/claims/b.yaml"]!.replacingOccurrences(
                    of: "Northwind project", with: "Northwind projekt")))
        #expect(try messageID(renamed["email/summary.eml"]) != summary)
        #expect(try messageID(renamed["email/users/anna@partner.example.eml"]) == anna)
        #expect(renamed["email/users/anna@partner.example.eml"] == first["email/users/anna@partner.example.eml"])

        // A template the parts are rendered from (here a partial), and the recipients.
        let row = BuiltInTemplates.files["email/claim-text.mustache"]! + "  --\n"
        let otherTemplate = try files(site, templates: ["email/claim-text.mustache": row])
        #expect(try messageID(otherTemplate["email/summary.eml"]) != summary)
        #expect(try messageID(otherTemplate["email/users/anna@partner.example.eml"]) != anna)
        let otherRecipients = try files(
            site.with(
                "Content/site.yaml",
                FixtureSite().files["Content/site.yaml"]! + "email: { to: [boss@partner.example] }\n"))
        #expect(try messageID(otherRecipients["email/summary.eml"]) != summary)
        #expect(try messageID(otherRecipients["email/users/anna@partner.example.eml"]) == anna)
    }

    @Test func theEmailPartsRenderAsSwiftMustacheRendersTheirViewModels() throws {
        // swift-mustache, the test oracle, renders the view model's `[String: Any]` form
        // (`FieldTable.dictionary`) with the built-in email templates.
        let templates = TemplateSet.load(overrides: [:])
        var library = MustacheLibrary()
        for (name, text) in templates.templates.sorted(by: { $0.key < $1.key }) {
            try library.register(text, named: name)
        }
        let hostile = FixtureSite()
            .with(
                "Content/site.yaml",
                FixtureSite().files["Content/site.yaml"]! + "baseURL: \"https://portal.example/mci?a=1&b=<2>\"\n"
            )
            .claimsWith("displayName: Fabrikam workshop", #"displayName: "<script>alert(1)</script> & {{x}} 'é'""#)
        var compared = 0
        for site in [Self.example, try Site(hostile.check())] {
            let ours = site.streamed(Audience([.incentivesAdmin])).0.contents
            let model = EmailSummary.viewModel(
                claims: site.result.evaluation.claims, evaluation: site.result.evaluation,
                settings: site.settings, paths: site.paths, audienceTitle: "summary of all claims")
            let context = EmailSummaryModel.fields.dictionary(model)
            for (template, path) in [
                (EmailSummary.textTemplate, "email/summary.txt"), (EmailSummary.htmlTemplate, "email/summary.html"),
            ] {
                let reference = try #require(library.render(context, withTemplate: template))
                #expect(ours[path] == Data(reference.utf8), "\(path) differs from swift-mustache's")
                #expect(reference.count > 500)
                compared += 1
            }
        }
        #expect(compared == 4)
    }
}
