import ClaimLoad
import ClaimModel
import ClaimRules

/// What the libFuzzer harnesses (`Fuzz/harnesses/`, `scripts/fuzz.sh`) do with one input, kept
/// here so that the regression tests of their findings call exactly the same code
/// (`Tests/ClaimLoadTests/FuzzRegressionTests.swift`). Each reads the text as the site loader
/// would, decodes it as every kind of file that form can be, and checks that the parse cache's
/// binary form of each result reads back equal. Never used by a build.
package enum FuzzTargets {
    /// A YAML data file.
    package static func yaml(_ text: String) {
        let root: Node?
        do { root = try YAMLReader.read(text) } catch { return }
        decodeAll(root)
    }

    /// A JSON data file.
    package static func json(_ text: String) {
        let root: Node?
        do { root = try JSONReader.read(text) } catch { return }
        decodeAll(root)
    }

    /// An engagement's or a page's Markdown file: front matter split off and read as YAML.
    package static func frontMatter(_ text: String) {
        guard let split = FrontMatter.split(text) else { return }
        let front: Node?
        do { front = try YAMLReader.read(split.yaml, lineOffset: split.lineOffset) } catch { return }
        let mark = Mark(line: 1, column: 1)
        let engagementSink = DiagnosticSink(file: "Content/engagements/fuzz.md")
        let engagement = EngagementDecoder.decode(
            front, body: split.body, fileStem: "fuzz", sink: engagementSink, frontMatterMark: mark)
        roundTrip(.engagement(engagement), engagementSink)
        let pageSink = DiagnosticSink(file: "Content/pages/fuzz.md")
        let page = PageDecoder.decode(front, body: split.body, slug: "fuzz", sink: pageSink, frontMatterMark: mark)
        roundTrip(.page(page), pageSink)
    }

    /// The files of a small site made from one fuzz input: its parts, split at lines `%%`, are
    /// in turn an engagement's Markdown file, a claims file, `eligibility.yaml`,
    /// `customers.yaml` and `site.yaml`; the parts the input lacks, and every other file, are
    /// those of a small valid site. The site harness loads it and runs the rules on it.
    package static func site(_ text: String) -> [String: String] {
        var files = siteFixture
        let paths = [
            "Content/engagements/ws.md", "Content/data/claims/a.yaml", "Content/data/eligibility.yaml",
            "Content/data/customers.yaml", "Content/site.yaml",
        ]
        let parts = text.components(separatedBy: "\n%%\n")
        for (path, part) in zip(paths, parts) { files[path] = part }
        return files
    }

    /// The small valid site of `site(_:)`; its parts joined with `%%` lines are the seed.
    static let siteFixture: [String: String] = [
        "Content/engagements/ws.md":
            """
        ---\nname: Workshop\nactivity: workshop\npay: fixed\nfixedPayoutUSD: \
        5000\nmaxActiveClaimsPerCustomer: 2\ntimeline: { consent: 20 }\n---\nA **workshop**.\n
        """,
        "Content/engagements/hours.md":
            """
        ---\nname: Project\nactivity: projectM\npay: variable\nvariablePay: { hourlyRateUSD: 150, minHours: \
        8, maxHours: 120, maxPayoutUSD: 9000, maxShareOfOpportunity: 0.1 }\ncustomerIdTypes: \
        [msxOpportunityId]\n---\nBy the hour.\n
        """,
        "Content/data/claims/a.yaml": """
        - id: C-1
          displayName: Fabrikam workshop
          engagement: ws
          customer: fabrikam
          origin: added
          flow: F-1
          nominatedBy: { type: domain, value: fabrikam.example }
          location: "4400001"
          createdBy: anna@partner.example
          createdOn: 2026-11-01
          customerContact: { name: Jonas, email: jonas@fabrikam.example }
          partnerContact: { email: anna@partner.example }
          referral: { id: R-1, createdOn: 2026-11-02 }
          events:
            - { on: 2026-11-02, type: consentRequested, dealSizeUSD: 1000 }
            - { on: 2026-11-03, type: consentAccepted }
            - { on: 2026-11-04, type: submitted }
            - { on: 2026-11-05, type: rejected, reason: no }
            - { on: 2026-11-06, type: disputed }
            - { on: 2026-11-07, type: approved, amountUSD: 5000 }
        - id: C-2
          displayName: Northwind project
          engagement: hours
          customer: northwind
          origin: added
          nominatedBy: { type: msxOpportunityId, value: 7-ABC }
          location: "4400001"
          createdOn: 2026-11-03
          hours: 40
          customerContact: { email: kim@northwind.example }
          partnerContact: { email: anna@partner.example }
          events:
            - { on: 2026-11-04, type: consentRequested, dealSizeUSD: 1000 }
        - id: C-3
          displayName: Fabrikam again
          engagement: ws
          customer: fabrikam
          origin: claimed
          location: "4400001"
          createdOn: 2026-11-10
          customerContact: { email: jonas@fabrikam.example }
          partnerContact: { email: anna@partner.example }

        """,
        "Content/data/eligibility.yaml":
            """
        ws:\n  tenantIds: [\"0f8fad5b-d9cb-469f-a165-70867728950e\"]\n  activeClaimsElsewhere: { \
        \"tpid:0012345\": 1 }\nhours:\n  msxOpportunityIds: [\"7-ABC\"]\n
        """,
        "Content/data/customers.yaml":
            """
        - { id: fabrikam, name: Fabrikam, emailDomain: fabrikam.example, tenantIds: \
        [\"0f8fad5b-d9cb-469f-a165-70867728950e\"], tpid: 0012345, domains: [fabrikam.example] }\n- { id: \
        northwind, name: Northwind, emailDomain: northwind.example }\n
        """,
        "Content/site.yaml":
            """
        title: T\npartner: { name: P, id: \"1\" }\nasOf: 2026-11-29\nreferralURL: \
        https://r.example/{id}\nemail: { dueSoonDays: 30 }\n
        """,
        "Content/data/locations.yaml": "- { id: \"4400001\", name: Berlin, country: DE, mciRegistered: true }\n",
        "Content/data/directory.yaml": "fabrikam.example: 0f8fad5b-d9cb-469f-a165-70867728950e\n",
        "Content/data/opportunities.yaml": "- { id: \"7-ABC\", customer: northwind, estimatedRevenueUSD: 250000 }\n",
        "Content/data/users.yaml": "- { email: anna@partner.example, name: Anna, roles: [incentivesAdmin] }\n",
        "Content/pages/about.md": "---\ntitle: About\norder: 1\n---\nHello.\n",
    ]

    static func decodeAll(_ root: Node?) {
        func each(_ decode: (Node?, DiagnosticSink) -> ParsedFile.Content) {
            let sink = DiagnosticSink(file: "Content/data/fuzz.yaml")
            roundTrip(decode(root, sink), sink)
        }
        each { .settings(SettingsDecoder.decode($0, sink: $1)) }
        each { .locations(DataDecoders.locations($0, sink: $1)) }
        each { .customers(DataDecoders.customers($0, sink: $1)) }
        each { .directory(DataDecoders.directory($0, sink: $1)) }
        each { .eligibility(DataDecoders.eligibility($0, sink: $1)) }
        each { .opportunities(DataDecoders.opportunities($0, sink: $1)) }
        each { .users(DataDecoders.users($0, sink: $1)) }
        each { .claims(ClaimDecoder.decode($0, sink: $1)) }
    }

    /// The parse cache must give back exactly what decoding gave.
    static func roundTrip(_ content: ParsedFile.Content, _ sink: DiagnosticSink) {
        let file = ParsedFile(content: content, diagnostics: sink.items, unreadable: sink.unreadable)
        guard let bytes = file.encoded() else { return }
        let back = bytes.withUnsafeBytes { ParsedFile(encoded: $0) }
        precondition(back == file, "the parse cache's binary form does not read back equal")
    }
}
