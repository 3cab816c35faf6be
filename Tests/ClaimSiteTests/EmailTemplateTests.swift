import ClaimModel
import ClaimRules
import ClaimSite
import ClaimSiteTesting
import Foundation
import Testing

@testable import ClaimRender
@testable import TypedMustache

/// The emails' templates (`Templates/email/`): checked against the shape of their view model,
/// overridable by a site's own files like the page templates, HTML-escaped only in the HTML part.
@Suite struct EmailTemplateTests {
    /// The fixture with recipients, so that `summary.eml` is written too, and a claim whose
    /// name holds every character HTML escapes.
    static let site = FixtureSite()
        .with(
            "Content/site.yaml", FixtureSite().files["Content/site.yaml"]! + "email: { to: [team@partner.example] }\n"
        )
        .claimsWith("displayName: Fabrikam workshop", #"displayName: "Fabrikam & <Sons> \"work'shop\"""#)

    /// Renders `site` in memory as `build` does, with `templates` (path under `Templates/` → text)
    /// overriding the built-in ones.
    func render(_ site: FixtureSite = site, templates: [String: String] = [:]) throws -> PortalRenderer.Output {
        let result = site.check()
        #expect(!result.failed, "\(result.diagnostics)")
        let settings = try #require(result.model.settings)
        let overrides = templates.reduce(into: [String: String]()) { $0["Templates/\($1.key)"] = $1.value }
        return Commands.render(
            result, settings: settings, audience: Audience([.incentivesAdmin]),
            files: .memory(site.files.merging(overrides) { $1 }))
    }

    func text(_ output: PortalRenderer.Output, _ path: String) throws -> String {
        String(decoding: try #require(output.files[path], "no \(path)"), as: UTF8.self)
    }

    /// The line (from 1) of `template` that holds `needle`.
    func line(of needle: String, in template: String) -> Int {
        template.components(separatedBy: "\n").firstIndex { $0.contains(needle) }! + 1
    }

    @Test func theBuiltInEmailTemplatesPassTheirCheckAndCompile() {
        let templates = TemplateSet.load(overrides: [:])
        #expect(EmailExports.checkTemplates(templates).map(\.description) == [])
        #expect(
            EmailExports.reachable(from: EmailSummary.textTemplate, in: templates) == [
                "email/summary-text", "email/claim-text",
            ])
        #expect(
            EmailExports.reachable(from: EmailSummary.htmlTemplate, in: templates) == [
                "email/summary-html", "email/claim-row-html",
            ])
        for name in ["email/summary-text", "email/claim-text", "email/summary-html", "email/claim-row-html"] {
            #expect(templates.files[name] == "Templates/\(name).mustache")
            #expect((try? CompiledTemplate.compile(templates.templates[name]!)) != nil, "\(name)")
        }
    }

    @Test func everyEmailViewModelMatchesItsShape() throws {
        let example = SiteCheck.run(SiteOptions(site: Paths.repository), environment: [:])
        for result in [example, Self.site.check()] {
            let settings = try #require(result.model.settings)
            let model = result.model
            let paths = PagePaths(
                claims: model.claims.map(\.id), engagements: model.engagements.map(\.id),
                customers: model.customers.map(\.id), pages: model.pages.map(\.slug))
            #expect(
                EmailExports.shapeProblems(
                    evaluation: result.evaluation, model: model, settings: settings, paths: paths) == [])
        }
    }

    /// Every key of a shape as a path with its kind (`dueSoon[].id: value`), sorted.
    static func paths(_ shape: [String: Shape], prefix: String = "") -> [String] {
        shape.keys.sorted().flatMap { key -> [String] in
            switch shape[key]! {
            case .value: return ["\(prefix)\(key): value"]
            case .flag: return ["\(prefix)\(key): flag"]
            case .list(let inner): return ["\(prefix)\(key): list"] + paths(inner, prefix: "\(prefix)\(key)[].")
            case .object(let inner): return ["\(prefix)\(key): object"] + paths(inner, prefix: "\(prefix)\(key).")
            }
        }
    }

    @Test func theEmailViewModelHasEveryKeyASitesTemplateMayUse() {
        // What a site's own email templates may use: a key that goes away breaks them, so the
        // field tables must keep these (written out here, not derived from the tables).
        let claim: [String: Shape] = [
            "id": .value, "href": .value, "hasLink": .flag, "displayName": .value, "customer": .value,
            "engagement": .value, "status": .value,
            "hasAction": .flag, "action": .value, "deadline": .value, "daysLeft": .value, "urgent": .flag,
            "hasProof": .flag, "proof": .value, "isChange": .flag, "changedOn": .value, "change": .value,
            "changedTo": .value,
        ]
        let expected: [String: Shape] = [
            "subject": .value, "title": .value, "partnerName": .value, "audienceTitle": .value,
            "asOf": .value, "since": .value, "dueSoonDays": .value, "recentDays": .value,
            "baseURL": .value, "hasBaseURL": .flag,
            "dueSoonTitle": .value, "dueSoonRule": .value, "dueSoonCount": .value, "hasDueSoon": .flag,
            "dueSoon": .list(claim),
            "laterTitle": .value, "laterRule": .value, "laterCount": .value, "hasLater": .flag, "later": .list(claim),
            "changedTitle": .value, "changedRule": .value, "changedCount": .value, "hasChanged": .flag,
            "changed": .list(claim),
            "statuses": .list(["label": .value, "paddedLabel": .value, "count": .value]),
            "engagements": .list(["name": .value, "open": .value, "completed": .value]),
            "approvedTitle": .value, "approvedRule": .value, "approvedCount": .value, "approvedTotal": .value,
            "hasApproved": .flag,
            "approved": .list([
                "id": .value, "displayName": .value, "customer": .value,
                "amount": .value, "expectedBy": .value, "overdue": .value,
            ]),
            "overdueTitle": .value, "overdueRule": .value, "overdueCount": .value, "overdueTotal": .value,
            "hasOverdue": .flag,
            "overdue": .list([
                "id": .value, "displayName": .value, "customer": .value,
                "amount": .value, "expectedBy": .value, "overdue": .value,
            ]),
        ]
        #expect(Self.paths(EmailSummaryModel.fields.shape) == Self.paths(expected))
        #expect(EmailExports.templates.map(\.name) == [EmailSummary.textTemplate, EmailSummary.htmlTemplate])
        #expect(EmailExports.templates.allSatisfy { Self.paths($0.shape) == Self.paths(expected) })
    }

    @Test func aViewModelThatDisagreesWithItsShapeIsFound() throws {
        // What `shapeProblems` reports when the `[String: Any]` form and the shape disagree.
        let result = Self.site.check()
        let settings = try #require(result.model.settings)
        let paths = PagePaths(
            claims: ["C-1", "C-2"], engagements: ["ws", "hours"], customers: ["fabrikam", "northwind"])
        var context = EmailSummaryModel.fields.dictionary(
            EmailSummary.viewModel(
                claims: result.evaluation.claims, evaluation: result.evaluation, settings: settings,
                paths: paths, audienceTitle: "all"))
        #expect(ShapeConformance.problems(context, EmailSummaryModel.fields.shape) == [])
        context["title"] = nil
        context["extra"] = "x"
        context["hasLater"] = "yes"
        var rows = try #require(context["dueSoon"] as? [[String: Any]])
        rows[0]["urgent"] = nil
        context["dueSoon"] = rows
        #expect(
            ShapeConformance.problems(context, EmailSummaryModel.fields.shape) == [
                "title: missing from the view model", "dueSoon[0].urgent: missing from the view model",
                "extra: not declared in the shape", "hasLater: does not match its shape",
            ])
    }

    @Test func theTextPartIsNotEscapedAndTheHTMLPartEscapesAsBefore() throws {
        let output = try render()
        #expect(output.diagnostics.map(\.description) == [])
        let plain = try text(output, "email/summary.txt")
        let html = try text(output, "email/summary.html")
        #expect(plain.contains("\n  Fabrikam & <Sons> \"work'shop\"\n"))
        #expect(html.contains("<br>Fabrikam &amp; &lt;Sons&gt; &quot;work&#39;shop&quot;</td>"))
        #expect(!html.contains("<Sons>"))
    }

    @Test func aSiteTextTemplateReplacesSummaryTxtAndTheMessagesTextPart() throws {
        let builtIn = try render()
        let override = """
            {{! A shorter summary. }}
            {{{partnerName}}}: {{{dueSoonCount}}} due within {{{dueSoonDays}}} days
            {{#dueSoon}}
            - {{{id}}} {{{displayName}}}: {{{action}}} by {{{deadline}}}
            {{/dueSoon}}

            """
        let output = try render(templates: ["email/summary-text.mustache": override])
        #expect(output.diagnostics.map(\.description) == [])
        let expected = """
            Test Partner GmbH: 2 due within 7 days
            - C-1 Fabrikam & <Sons> "work'shop": Resend consent email by 2026-12-01
            - C-2 Northwind project: Send consent email by 2026-12-03

            """
        #expect(try text(output, "email/summary.txt") == expected)
        // The message's text part is the new text; its HTML part is still the built-in one.
        let message = try EmailTests().parse(try #require(output.files["email/summary.eml"]))
        #expect(message["text"] as? String == expected)
        #expect(message["html"] as? String == (try text(builtIn, "email/summary.html")))
        #expect(try text(output, "email/summary.html") == (try text(builtIn, "email/summary.html")))
        // Each user's message uses it too, with the user's claims only (Anna created C-1).
        let anna = try EmailTests().parse(try #require(output.files["email/users/anna@partner.example.eml"]))
        #expect(
            anna["text"] as? String == """
                Test Partner GmbH: 1 due within 7 days
                - C-1 Fabrikam & <Sons> "work'shop": Resend consent email by 2026-12-01

                """)
        #expect(try text(builtIn, "email/summary.txt") != expected)
    }

    @Test func aSitePartialReplacesTheBuiltInOneInTheHTMLPart() throws {
        let row = "<tr><td>{{id}}</td><td>{{status}}</td></tr>\n"
        let html = try text(try render(templates: ["email/claim-row-html.mustache": row]), "email/summary.html")
        #expect(html.contains("<tr><td>C-1</td><td>Awaiting customer consent response</td></tr>\n"))
        #expect(!html.contains("background:#ffe3e0"))
    }

    @Test func anOverrideUsingAKeyTheViewModelLacksFailsWithItsFileAndLineAndWritesNothing() throws {
        let summary = BuiltInTemplates.files["email/summary-text.mustache"]!
            .replacingOccurrences(
                of: "{{{partnerName}}}, {{{t.email.intro}}}", with: "{{{partnerNam}}}, {{{t.email.intro}}}")
        let row = BuiltInTemplates.files["email/claim-row-html.mustache"]!
            .replacingOccurrences(
                of:
                    """
                    <td style=\"padding:6px 8px;border-bottom:1px solid \
                    #d5dae1;text-align:left;vertical-align:top;overflow-wrap:anywhere\">{{status}}
                    """,
                with:
                    """
                    <td style=\"padding:6px 8px;border-bottom:1px solid \
                    #d5dae1;text-align:left;vertical-align:top;overflow-wrap:anywhere\">{{stauts}}
                    """
            )
        #expect(summary.contains("{{{partnerNam}}}") && row.contains("{{stauts}}"))
        let summaryLine = line(of: "{{{partnerNam}}}", in: summary), rowLine = line(of: "{{stauts}}", in: row)
        let rowColumn =
            row.components(separatedBy: "\n")[rowLine - 1].utf8.count
            - row.components(separatedBy: "\n")[rowLine - 1].components(separatedBy: "{{stauts}}")[1].utf8.count
            - "{{stauts}}".count + 1
        let expected = [
            """
            Templates/email/claim-row-html.mustache:\(rowLine):\(rowColumn): error: template 'email/claim-row-html' \
            uses 'stauts', which the email summary's view model does not have — did you mean 'status'?
            """,
            """
            Templates/email/summary-text.mustache:\(summaryLine):1: error: template 'email/summary-text' uses \
            'partnerNam', which the email summary's view model does not have — did you mean 'partnerName'?
            """,
        ]

        // The build: the problems, once each, and no file.
        let output = try render(templates: [
            "email/summary-text.mustache": summary, "email/claim-row-html.mustache": row,
        ])
        #expect(output.diagnostics.sortedForOutput().map(\.description) == expected)
        #expect(output.diagnostics.count == 2)
        #expect(output.files.isEmpty)

        // `claimsite email` with the site's own files on disk: the same problems, exit 1, nothing written.
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Paths.write(
            Self.site.files.merging([
                "Templates/email/summary-text.mustache": summary,
                "Templates/email/claim-row-html.mustache": row,
            ]) { $1 }, to: root)
        let result = try Paths.run(["email", "--site", root.path])
        #expect(result.status == 1)
        for diagnostic in expected { #expect(result.stderr.contains(diagnostic + "\n"), "\(result.stderr)") }
        #expect(result.stderr.contains("claimsite: nothing was written\n"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("Output").path))
    }

    @Test func claimsiteEmailUsesTheSitesOwnTemplates() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Paths.write(
            Self.site.files.merging(["Templates/email/summary-text.mustache": "{{{title}}}: {{{dueSoonCount}}} due\n"])
            { $1 }, to: root)
        let result = try Paths.run(["email", "--site", root.path])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOf: root.appendingPathComponent("Output/email/summary.txt"), encoding: .utf8)
        #expect(text == "Test portal: 2 due\n")
        let message = try EmailTests().parse(
            try Data(contentsOf: root.appendingPathComponent("Output/email/summary.eml")))
        #expect(message["text"] as? String == "Test portal: 2 due\n")
    }
}
