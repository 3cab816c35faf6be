import ClaimModel
import ClaimRules
import ClaimSite
import ClaimSiteTesting
import Foundation
import Mustache
import Testing

@testable import ClaimRender
@testable import TypedMustache

/// The rendered portal: escaping, redaction per audience, safe file names, checked templates
/// and links, determinism and atomic output.
@Suite struct PortalTests {
    /// Renders `site` (in memory) with `audience`; template overrides come from `templates`.
    func render(
        _ site: FixtureSite, audience: [AudienceRole] = [.incentivesAdmin],
        templates: [String: String] = [:]
    ) throws -> PortalRenderer.Output {
        let result = site.check()
        #expect(!result.failed, "\(result.diagnostics)")
        let settings = try #require(result.model.settings)
        let overrides = templates.reduce(into: [String: String]()) { $0["Templates/\($1.key)"] = $1.value }
        return Commands.render(
            result, settings: settings, audience: Audience(audience),
            files: .memory(site.files.merging(overrides) { $1 }))
    }

    func text(_ output: PortalRenderer.Output, _ path: String) throws -> String {
        String(decoding: try #require(output.files[path], "no \(path)"), as: UTF8.self)
    }

    @Test func rendersEveryPageOfTheFixture() throws {
        let output = try render(FixtureSite())
        #expect(output.diagnostics.map(\.description) == [])
        let pages = output.files.keys.filter { !$0.hasPrefix("search/") }.sorted()
        #expect(
            pages == [
                "actions.csv", "actions.html",
                "assets/claimsite.css", "assets/search.js", "assets/snapshot.js", "assets/tables.js",
                "assets/words.js", "claims.csv",
                "claims/C-1.html",
                "claims/C-2.html", "customers/fabrikam.html", "customers/northwind.html",
                "deadlines.ics", "email/summary.html", "email/summary.txt",
                "engagements/hours/completed.csv", "engagements/hours/eligible.csv", "engagements/hours/index.html",
                "engagements/hours/ineligible.csv",
                "engagements/ws/completed.csv", "engagements/ws/eligible.csv", "engagements/ws/index.html",
                "engagements/ws/ineligible.csv",
                "index.html", "locations/4400001.html", "locations/4400002.html", "pages/about.html", "payments.csv",
                "payouts.html", "report.json",
            ] + ClaimStatus.allCases.map { "statuses/\($0.rawValue).html" }.sorted())
        #expect(output.files.keys.filter { $0.hasPrefix("search/") }.contains("search/manifest.js"))
        let engagement = try text(output, "engagements/ws/index.html")
        #expect(engagement.contains("<section id=\"eligible\""))
        #expect(engagement.contains("<section id=\"ineligible\""))
        #expect(engagement.contains("<section id=\"completed\""))
        #expect(engagement.contains("<p>A <strong>workshop</strong>.</p>"))
        #expect(engagement.contains("href=\"../../claims/C-1.html\">C-1</a>"))
        let page = try text(output, "pages/about.html")
        #expect(page.contains("<p>Hello.</p>"))
        #expect(page.contains("<html lang=\"en\">"))
    }

    @Test func hostileValuesAreEscapedAndMarkdownIsSafe() throws {
        let claims =
            FixtureSite().files["Content/data/claims/a.yaml"]!
            .replacingOccurrences(
                of: "displayName: Fabrikam workshop", with: "displayName: \"<script>alert(1)</script>\"")
                + """
                  notes: |\n\
                    <img src=x onerror=alert(1)> and [click](javascript:alert(1)) and <b onmouseover=alert(2)>x</b>\n
                """
        let customers = FixtureSite().files["Content/data/customers.yaml"]!
            .replacingOccurrences(of: "name: Fabrikam GmbH", with: "name: \"Fabrikam \\\" onerror=\\\"alert(3)\"")
        let output = try render(
            FixtureSite().with("Content/data/claims/a.yaml", claims).with("Content/data/customers.yaml", customers))
        for (path, data) in output.files where path.hasSuffix(".html") {
            // The only scripts are the layout's own four (the snapshot notice, the search, its
            // manifest and the tables), the search's and the tables' with their words in
            // data-word-* attributes (docs/languages.md).
            let words = "(\\s+data-word-[a-z-]+=\"[^\"<>]*\")*"
            let ours = try! NSRegularExpression(
                pattern:
                    """
                    <script src=\"(\\.\\./)*(assets/search\\.js\" data-root=\"(\\.\\./)*\" \
                    defer\(words)|search/manifest\\.js\" defer|assets/tables\\.js\" defer\(words)|\
                    assets/snapshot\\.js\" defer|assets/words\\.js\" defer)></script>
                    """
            )
            let whole = String(decoding: data, as: UTF8.self)
            #expect(
                ours.numberOfMatches(in: whole, range: NSRange(whole.startIndex..., in: whole))
                    == (path.hasPrefix("email/") ? 0 : 5), "\(path)")
            let html = ours.stringByReplacingMatches(
                in: whole, range: NSRange(whole.startIndex..., in: whole), withTemplate: "")
            #expect(!html.contains("<script"), "\(path)")
            #expect(!html.contains("<img"), "\(path)")
            // No event-handler attribute inside any tag (as text, escaped, it is harmless).
            let handler = try! NSRegularExpression(pattern: "<[^>]*\\son[a-z]+\\s*=")
            #expect(handler.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)) == nil, "\(path)")
            #expect(!html.contains("javascript:"), "\(path)")
        }
        let claim = try text(output, "claims/C-1.html")
        #expect(claim.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(claim.contains("Fabrikam &quot; onerror=&quot;alert(3)"))
    }

    @Test func aViewerAudienceSeesNoContactDetailInAnyFile() throws {
        let claims = FixtureSite().files["Content/data/claims/a.yaml"]!
            .replacingOccurrences(
                of: "{ name: Jonas Weber, email: jonas@fabrikam.example }",
                with: "{ name: Jonas Weber, email: jonas@fabrikam.example, phone: \"+49 30 1234567\" }")
        let site = FixtureSite().with("Content/data/claims/a.yaml", claims)
        let secrets = [
            "jonas@fabrikam.example", "Jonas Weber", "+49 30 1234567", "anna@partner.example", "kim@northwind.example",
        ]
        let viewer = try render(site, audience: [.viewer, .referralsAdmin])
        for (path, data) in viewer.files {
            let text = String(decoding: data, as: UTF8.self)
            for secret in secrets { #expect(!text.contains(secret), "\(secret) in \(path)") }
        }
        #expect(try text(viewer, "claims/C-1.html").contains("by Anna Berg"))
        // The same site for an incentives audience does show them, so the check above can fail.
        let admin = try render(site, audience: [.incentivesUser])
        let claim = try text(admin, "claims/C-1.html")
        for secret in ["jonas@fabrikam.example", "Jonas Weber", "+49 30 1234567", "anna@partner.example"] {
            #expect(claim.contains(secret), "\(secret)")
        }
    }

    @Test func referralLinksAreLiveOnlyForReferralsAdmin() throws {
        let site = FixtureSite()
            .with(
                "Content/site.yaml",
                FixtureSite().files["Content/site.yaml"]! + "referralURL: \"https://partner.example/ref/{id}\"\n"
            )
            .with(
                "Content/engagements/ws.md",
                FixtureSite().files["Content/engagements/ws.md"]!.replacingOccurrences(
                    of: "pay: fixed\n", with: "pay: fixed\nreferrals: true\n")
            )
            .with(
                "Content/data/claims/a.yaml",
                FixtureSite().files["Content/data/claims/a.yaml"]! + "  referral: { id: \"REF 1/2\" }\n")
        let admin = try text(try render(site, audience: [.referralsAdmin]), "claims/C-1.html")
        #expect(
            admin.contains(
                """
                <a href=\"https://partner.example/ref/REF%201%2F2\" rel=\"noopener noreferrer\">REF 1/2</a> \
                (Partner-led)
                """
            ))
        let user = try text(try render(site, audience: [.incentivesUser]), "claims/C-1.html")
        #expect(user.contains("<dd>REF 1/2 (Partner-led)</dd>"))
        #expect(!user.contains("partner.example/ref"))
    }

    @Test func unsafeAndClashingIDsGetSafeDistinctFileNames() throws {
        let claims = """
            - { id: "../etc/passwd", displayName: a, engagement: ws, customer: fabrikam, origin: added,
                location: "4400001", createdOn: 2026-11-01, nominatedBy: { type: domain, value: fabrikam.example },
                customerContact: { email: a@fabrikam.example }, partnerContact: { email: anna@partner.example } }
            - { id: "C-1", displayName: b, engagement: ws, customer: fabrikam, origin: added,
                location: "4400001", createdOn: 2026-11-01, nominatedBy: { type: domain, value: fabrikam.example },
                customerContact: { email: a@fabrikam.example }, partnerContact: { email: anna@partner.example } }
            - { id: "c-1", displayName: c, engagement: ws, customer: fabrikam, origin: added,
                location: "4400001", createdOn: 2026-11-01, nominatedBy: { type: domain, value: fabrikam.example },
                customerContact: { email: a@fabrikam.example }, partnerContact: { email: anna@partner.example } }
            - { id: ".hidden", displayName: d, engagement: ws, customer: fabrikam, origin: added,
                location: "4400001", createdOn: 2026-11-01, nominatedBy: { type: domain, value: fabrikam.example },
                customerContact: { email: a@fabrikam.example }, partnerContact: { email: anna@partner.example } }

            """
        let site = FixtureSite().with("Content/data/claims/a.yaml", claims)
        let output = try render(site)
        #expect(output.diagnostics.map(\.description) == [])
        let claimPages = output.files.keys.filter { $0.hasPrefix("claims/") }.sorted()
        #expect(claimPages.count == 5)
        for page in claimPages {
            let name = String(page.dropFirst("claims/".count))
            #expect(!name.hasPrefix("."), "\(page)")
            #expect(!name.contains("/"), "\(page)")
            #expect(
                name.unicodeScalars.allSatisfy {
                    CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
                        .contains($0)
                })
        }
        #expect(Set(claimPages.map { $0.lowercased() }).count == claimPages.count)
        #expect(!claimPages.contains("claims/C-1.html"))
        #expect(claimPages.contains("claims/C-2.html"))
        let report = try text(output, "report.json")
        for page in claimPages { #expect(report.contains("\"page\": \"\(page)\"")) }
    }

    @Test func aTemplateUsingAKeyItsViewModelLacksFailsWithItsFileAndLine() throws {
        let broken = BuiltInTemplates.files["claim.mustache"]!.replacingOccurrences(
            of: "<h1>{{t.page.claim.title}} {{id}}", with: "<h1>{{t.page.claim.title}} {{idd}}")
        let output = try render(FixtureSite(), templates: ["claim.mustache": broken])
        let line = broken.components(separatedBy: "\n").firstIndex { $0.contains("{{idd}}") }! + 1
        #expect(
            output.diagnostics.map(\.description) == [
                """
                Templates/claim.mustache:\(line):11: error: template 'claim' uses 'idd', which the claim page's view \
                model does not have — did you mean 'id'?
                """
            ])
        #expect(output.files.isEmpty)
    }

    @Test func aSectionOnTextAndAMissingPartialAreErrors() throws {
        let home = BuiltInTemplates.files["home.mustache"]!
            .replacingOccurrences(of: "{{#hasDueSoon}}", with: "{{#dueSoonDays}}").replacingOccurrences(
                of: "{{/hasDueSoon}}", with: "{{/dueSoonDays}}"
            )
            .replacingOccurrences(of: "{{> partials/claim-head}}", with: "{{> partials/claim-hed}}")
        let output = try render(FixtureSite(), templates: ["home.mustache": home])
        let messages = output.diagnostics.map(\.message)
        #expect(
            messages.contains(
                """
                template 'home' opens a section on 'dueSoonDays', which is text (always shown, even when empty); use a \
                flag such as 'has…'
                """
            ))
        #expect(
            messages.contains(
                """
                template 'home' includes the partial 'partials/claim-hed', which does not exist — did you mean \
                'partials/claim-head'?
                """
            ))
    }

    @Test func aSiteTemplateOverridesTheBuiltInOneByName() throws {
        let page = "{{<layout}}{{$content}}<p class=\"custom\">{{page.title}}</p>{{/content}}{{/layout}}"
        let output = try render(FixtureSite(), templates: ["page.mustache": page])
        #expect(output.diagnostics.isEmpty)
        #expect(try text(output, "pages/about.html").contains("<p class=\"custom\">About</p>"))
    }

    @Test func aBrokenInternalLinkIsAnError() throws {
        let page =
            """
            {{<layout}}{{$content}}<a href=\"{{root}}nowhere.html\">x</a><a \
            href=\"#missing\">y</a>{{/content}}{{/layout}}
            """
        let output = try render(FixtureSite(), templates: ["page.mustache": page])
        #expect(
            output.diagnostics.map(\.description) == [
                "claimsite: error: broken link in pages/about.html: '#missing' names no id on pages/about.html",
                "claimsite: error: broken link in pages/about.html: '../nowhere.html' leads to no file of the output",
            ])
    }

    @Test func everyPageShapeMatchesItsViewModel() throws {
        // The example's view models carry exactly the keys their shapes declare.
        let result = SiteCheck.run(SiteOptions(site: Paths.repository), environment: [:])
        let settings = try #require(result.model.settings)
        for audience in [[AudienceRole.incentivesAdmin, .referralsAdmin], [.viewer]] {
            let problems = PortalRenderer.shapeProblems(
                evaluation: result.evaluation, model: result.model, settings: settings,
                audience: Audience(audience), diagnostics: result.diagnostics)
            #expect(problems == [])
        }
    }

    /// Renders `result` for `audience` with ClaimSite's engine (the build's only one), renders
    /// every page's view model again with swift-mustache (the test oracle), and compares them
    /// byte for byte. Fails unless the build succeeded and every one of the `expectedPages`
    /// HTML pages was made by both, non-empty, and compared; returns the number compared.
    @discardableResult
    func compareEngines(
        _ result: CheckResult, audience: [AudienceRole], expectedPages: Int,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Int {
        #expect(!result.failed, "\(result.diagnostics)", sourceLocation: sourceLocation)
        let settings = try #require(result.model.settings, sourceLocation: sourceLocation)
        let templates = TemplateSet.load(overrides: [:])
        let built = PortalBuild.render(
            PortalRenderer(templates: templates), evaluation: result.evaluation, model: result.model,
            settings: settings, audience: Audience(audience),
            diagnostics: result.diagnostics)
        // The build must have worked: an empty build would agree with anything.
        #expect(built.diagnostics.map(\.description) == [], "ClaimSite's engine", sourceLocation: sourceLocation)
        var library = MustacheLibrary()
        for (name, text) in templates.templates.sorted(by: { $0.key < $1.key }) {
            try library.register(text, named: name)
        }
        let plan = PagePlan(
            evaluation: result.evaluation, model: result.model, settings: settings,
            audience: Audience(audience), diagnostics: result.diagnostics)
        var compared = 0
        for (i, page) in plan.pages.enumerated() {
            let reference = try #require(
                library.render(plan.context(i), withTemplate: page.template),
                "swift-mustache rendered nothing for \(page.path)", sourceLocation: sourceLocation)
            guard let ours = built.files[page.path] else {
                Issue.record("\(page.path) was not built", sourceLocation: sourceLocation)
                continue
            }
            if Data(reference.utf8) != ours {
                Issue.record(
                    "\(page.path) differs between ClaimSite's engine and swift-mustache", sourceLocation: sourceLocation
                )
            }
            #expect(
                !ours.isEmpty && reference.hasSuffix("</html>\n"), "\(page.path) is not a whole page",
                sourceLocation: sourceLocation)
            compared += 1
        }
        #expect(
            compared == expectedPages, "compared \(compared) pages, the site has \(expectedPages)",
            sourceLocation: sourceLocation)
        return compared
    }

    /// The portal's pages for `result`: the overview, the work list, the payouts, one per status, one per
    /// engagement, claim, customer, location and Markdown page.
    func pageCount(_ result: CheckResult) -> Int {
        3 + ClaimStatus.allCases.count + result.evaluation.engagements.count + result.evaluation.claims.count
            + Set(result.model.customers.map(\.id)).count + Set(result.model.locations.map(\.id)).count
            + result.model.pages.count
    }

    @Test func theCompiledTemplatesRenderExactlyAsSwiftMustache() throws {
        // Every page of the example, for two audiences, and of the fixture with hostile values.
        let example = SiteCheck.run(SiteOptions(site: Paths.repository), environment: [:])
        let pages = pageCount(example)
        // The example's size (ExampleSiteTests): at least 8 engagements, 80 claims, 25 customers, 2 pages.
        #expect(pages >= 3 + 16 + 8 + 80 + 25 + 2)
        #expect(example.evaluation.claims.count == example.model.claims.count)
        for audience in [[AudienceRole.incentivesAdmin, .referralsAdmin], [.viewer]] {
            try compareEngines(example, audience: audience, expectedPages: pages)
        }
        let claims =
            FixtureSite().files["Content/data/claims/a.yaml"]!
            .replacingOccurrences(
                of: "displayName: Fabrikam workshop", with: "displayName: \"<script>alert(1)</script> & {{x}}\"")
            + "  notes: |\n    <img src=x onerror=alert(1)> and [click](javascript:alert(1)) and {{{y}}} <b>x</b>\n"
        let customers = FixtureSite().files["Content/data/customers.yaml"]!
            .replacingOccurrences(of: "name: Fabrikam GmbH", with: "name: \"Fabrikam \\\" onerror=\\\"alert(3) 'x' é\"")
        let hostile = FixtureSite().with("Content/data/claims/a.yaml", claims).with(
            "Content/data/customers.yaml", customers
        ).check()
        #expect(pageCount(hostile) == 28)
        try compareEngines(hostile, audience: [.incentivesAdmin, .referralsAdmin], expectedPages: 28)
    }

    @Test func mustacheWhitespaceRulesMatchSwiftMustache() throws {
        let cases = [
            "a\n  {{#f}}\n  x\n  {{/f}}\nb\n", "  {{> p}}\nz", "{{#l}}{{.}},{{/l}}", "{{^e}}none{{/e}}\n",
            "x {{! c }} y\n  {{! c }}\n",
            "{{<parent}}\n  {{$b}}\n    over\n      ride\n  {{/b}}\n{{/parent}}\n", "<{{{h}}}>{{&h}}{{h}}",
            "{{o.k}} {{#o}}{{k}}{{/o}}",
            "\t{{#f}}  \r\nin\r\n{{/f}}\r\n",
        ]
        let partials = ["p": "line1\n  line2\n{{h}}\n", "parent": "<{{$b}}default{{/b}}>\n  {{> p}}\n"]
        let context: [String: Any] = [
            "f": true, "l": ["1", "2"], "e": [[String: Any]](), "h": "<&\"'>", "o": ["k": "v"] as [String: Any],
        ]
        for text in cases {
            var library = MustacheLibrary()
            try library.register(text, named: "t")
            for (name, partial) in partials { try library.register(partial, named: name) }
            let expected = library.render(context, withTemplate: "t")
            var compiled = ["t": try CompiledTemplate.compile(text)]
            for (name, partial) in partials { compiled[name] = try CompiledTemplate.compile(partial) }
            let actual = MRenderer(templates: compiled).render("t", MValue(context)).map {
                String(decoding: $0, as: UTF8.self)
            }
            #expect(actual == expected, "\(text.debugDescription)")
        }
    }

    @Test func renderingTwiceGivesTheSameBytes() throws {
        let a = try render(FixtureSite()), b = try render(FixtureSite())
        #expect(a.files == b.files)
    }
}

/// The output folder is replaced whole, or not at all.
@Suite struct OutputWriterTests {
    @Test func aFailureInTheMiddleLeavesTheOldOutputByteForByte() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        try OutputWriter.write(["index.html": Data("old".utf8), "a/b.html": Data("old b".utf8)], to: output)
        // "x" is written as a file first, then "x/y.html" needs it to be a folder: the write fails midway.
        #expect(throws: OutputWriter.Failure.self) {
            try OutputWriter.write(
                ["index.html": Data("new".utf8), "x": Data("file".utf8), "x/y.html": Data("boom".utf8)], to: output)
        }
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "old")
        #expect(try String(contentsOf: output.appendingPathComponent("a/b.html"), encoding: .utf8) == "old b")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["Output"])
    }

    @Test func itRefusesAFolderItDidNotMakeAndAFile() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Paths.write(["home/notes.txt": "mine"], to: root)
        #expect(throws: OutputWriter.Failure.self) {
            try OutputWriter.write(["index.html": Data()], to: root.appendingPathComponent("home"))
        }
        #expect(throws: OutputWriter.Failure.self) {
            try OutputWriter.write(["index.html": Data()], to: root.appendingPathComponent("home/notes.txt"))
        }
        #expect(try String(contentsOf: root.appendingPathComponent("home/notes.txt"), encoding: .utf8) == "mine")
    }

    @Test func anEmptyFolderMayBeUsed() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try OutputWriter.write(["index.html": Data("x".utf8)], to: root.appendingPathComponent("empty"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("empty/.claimsite-output").path))
    }
}

/// A site's own template goes through the one engine: a feature it does not support is a build
/// error with the template's file, line and column, and nothing is made.
@Suite struct UnsupportedTemplateFeatureTests {
    @Test func aTransformInAnOverrideIsAnErrorWithItsPosition() throws {
        let site = FixtureSite()
        let result = site.check()
        let settings = try #require(result.model.settings)
        let page = "<!doctype html>\n<title>{{page.title}}</title>\n<h1>{{uppercase(page.title)}}</h1>\n"
        let output = Commands.render(
            result, settings: settings, audience: Audience([.incentivesUser]),
            files: .memory(site.files.merging(["Templates/page.mustache": page]) { $1 }))
        #expect(output.files.isEmpty)
        let errors = output.diagnostics.filter { $0.severity == .error }
        #expect(
            errors.contains {
                $0.code == .templateSyntax
                    && $0.location == SourceLocation(file: "Templates/page.mustache", line: 3, column: 5)
            },
            "\(output.diagnostics.map(\.description))")
        #expect(errors.contains { $0.message.contains("uppercase(page.title)") })
    }
}

/// A page's tables do not repeat the page's own subject in every row (docs/output.md, Layout):
/// an engagement's page has no Engagement column, a customer's page no Customer column in its
/// claims, and the home page keeps both.
@Suite struct SubjectColumnTests {
    /// A table as the page has it: the text of each header of its head (with whether it has
    /// `scope="col"`), and the HTML of each cell (`<th>` or `<td>`) of each row of its body.
    struct Table {
        var headers: [(text: String, scoped: Bool)]
        var rows: [[String]]
        var header: [String] { headers.map(\.text) }
    }

    static func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators, .caseInsensitive])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { m in
            (0..<m.numberOfRanges).map {
                m.range(at: $0).location == NSNotFound ? "" : String(text[Range(m.range(at: $0), in: text)!])
            }
        }
    }

    static func plain(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every `<table>` of `html`, in order, read element by element (no table is nested).
    static func tables(_ html: String) -> [Table] {
        matches("<table\\b[^>]*>(.*?)</table>", in: html).map { table in
            let head = matches("<thead\\b[^>]*>(.*?)</thead>", in: table[1]).first?[1] ?? ""
            let headers = matches("<th\\b([^>]*)>(.*?)</th>", in: head).map {
                (text: plain($0[2]), scoped: $0[1].contains("scope=\"col\""))
            }
            let body = matches("<tbody\\b[^>]*>(.*?)</tbody>", in: table[1]).first?[1] ?? ""
            let rows = matches("<tr\\b[^>]*>(.*?)</tr>", in: body).map { row in
                matches("<t[hd]\\b[^>]*>(.*?)</t[hd]>", in: row[1]).map { $0[1] }
            }
            return Table(headers: headers, rows: rows)
        }
    }

    /// The fixture with a claim of the workshop that has ended (its consent expired), so that
    /// the workshop's Completed tab has a claim and a customer's page has two, and an ended
    /// claim whose customer accepted consent, so that the workshop's tabs have a customer row.
    static let site = FixtureSite().with(
        "Content/data/claims/c.yaml",
        """
        - id: C-3
          displayName: Fabrikam workshop of January
          engagement: ws
          customer: fabrikam
          origin: added
          nominatedBy: { type: domain, value: fabrikam.example }
          location: "4400001"
          createdOn: 2026-01-05
          customerContact: { email: jonas@fabrikam.example }
          partnerContact: { email: anna@partner.example }
        - id: C-4
          displayName: Northwind project of January
          engagement: hours
          customer: northwind
          origin: added
          nominatedBy: { type: msxOpportunityId, value: 7-ABC }
          location: "4400001"
          createdOn: 2026-01-05
          hours: 40
          customerContact: { email: kim@northwind.example }
          partnerContact: { email: anna@partner.example }
          events:
            - { on: 2026-01-06, type: consentRequested, dealSizeUSD: 1000 }
            - { on: 2026-01-07, type: consentAccepted }

        """)

    func output() throws -> PortalRenderer.Output {
        let result = Self.site.check()
        let failed = result.failed
        #expect(!failed, "\(result.diagnostics)")
        let settings = try #require(result.model.settings)
        let output = Commands.render(
            result, settings: settings, audience: Audience([.incentivesAdmin]), files: .memory(Self.site.files))
        #expect(output.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        return output
    }

    func tables(_ output: PortalRenderer.Output, _ path: String) throws -> [Table] {
        Self.tables(String(decoding: try #require(output.files[path], "no \(path)"), as: UTF8.self))
    }

    /// The tables of claims (those with a Claim ID column); every row has one cell per header
    /// and every header has `scope="col"`.
    func claimTables(_ tables: [Table], _ page: String) -> [Table] {
        for t in tables {
            #expect(t.headers.allSatisfy { $0.scoped }, "\(page): a header without scope=\"col\" in \(t.header)")
            for row in t.rows {
                #expect(row.count == t.headers.count, "\(page): a row of \(row.count) cells under \(t.header)")
            }
        }
        return tables.filter { $0.header.first == "Claim ID" }
    }

    @Test func anEngagementsPageHasNoEngagementColumn() throws {
        let output = try output()
        for (id, name, claims) in [
            ("ws", "Migration workshop", ["C-1", "C-3"]), ("hours", "Migration project", ["C-2", "C-4"]),
        ] {
            let page = "engagements/\(id)/index.html"
            let tables = claimTables(try tables(output, page), page)
            // In progress (C-1, C-2) and completed (C-3, C-4).
            #expect(tables.count == 2, "\(page): \(tables.map(\.header))")
            #expect(tables.flatMap(\.rows).map { Self.plain($0[0]) }.sorted() == claims)
            for t in tables {
                #expect(!t.header.contains("Engagement"), "\(page): \(t.header)")
                #expect(t.header.contains("Customer"), "\(page): \(t.header)")
                for cell in t.rows.joined() {
                    #expect(
                        !cell.contains("engagements/\(id)/index.html") && Self.plain(cell) != name, "\(page): \(cell)")
                }
            }
        }
        // The customer tables of the tabs keep their Customer column: it is the row's subject.
        let ws = try tables(output, "engagements/ws/index.html")
        #expect(
            ws.contains { $0.header == ["Customer", "Reason", "Detail"] && $0.rows.count == 1 }, "\(ws.map(\.header))")
        #expect(
            ws.filter { $0.header.first != "Claim ID" }.allSatisfy { $0.header.first == "Customer" },
            "\(ws.map(\.header))")
    }

    @Test func aCustomersPageHasNoCustomerColumnInItsClaims() throws {
        let output = try output()
        for (id, name, claims) in [
            ("fabrikam", "Fabrikam GmbH", ["C-1", "C-3"]), ("northwind", "Northwind Traders", ["C-2", "C-4"]),
        ] {
            let page = "customers/\(id).html"
            let all = try tables(output, page)
            let tables = claimTables(all, page)
            #expect(tables.count == 1, "\(page): \(all.map(\.header))")
            #expect(tables.flatMap(\.rows).map { Self.plain($0[0]) }.sorted() == claims)
            for t in tables {
                #expect(!t.header.contains("Customer"), "\(page): \(t.header)")
                #expect(t.header.contains("Engagement"), "\(page): \(t.header)")
                for cell in t.rows.joined() {
                    #expect(!cell.contains("customers/\(id).html") && Self.plain(cell) != name, "\(page): \(cell)")
                }
            }
            // The table of engagements keeps its Engagement column, one row per engagement.
            let engagements = all.filter { $0.header == ["Engagement", "Tab", "Detail"] }
            #expect(engagements.count == 1 && engagements[0].rows.count == 2, "\(page): \(all.map(\.header))")
        }
    }

    @Test func theHomePageKeepsBothColumns() throws {
        let output = try output()
        let tables = claimTables(try tables(output, "index.html"), "index.html")
        #expect(tables.count == 1)
        for t in tables {
            #expect(
                t.header == ["Claim ID", "Friendly name", "Customer", "Engagement", "Status", "Action", "Deadline"])
            #expect(!t.rows.isEmpty)
            for row in t.rows {
                #expect(row[2].contains("customers/") && row[3].contains("engagements/"), "\(row)")
            }
        }
    }
}
