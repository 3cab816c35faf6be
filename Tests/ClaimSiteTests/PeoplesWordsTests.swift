import ClaimLoad
import ClaimModel
import ClaimRender
import ClaimRules
import ClaimSite
import ClaimSiteTesting
import Foundation
import Testing

/// No page, email, calendar event or explain text shows a code: people read words
/// (docs/output.md, "Words for people"). Codes stay where machines read them: report.json
/// values, `--json`, CSV code columns and HTML attributes, which this scan leaves out.
@Suite struct PeoplesWordsTests {
    /// Every code that is not also a plain English word ("approved", "domain" and "workshop"
    /// read as words; `awaitingConsent`, `tenantId` and `tpid` do not).
    static let codes: Set<String> = {
        var all: [String] = []
        all += ClaimStatus.allCases.map(\.rawValue) + ClaimAction.allCases.map(\.rawValue)
        all += CustomerIDType.allCases.map(\.rawValue) + Activity.allCases.map(\.rawValue)
        all +=
            EventType.allCases.map(\.rawValue) + AudienceRole.allCases.map(\.rawValue)
            + UserRole.allCases.map(\.rawValue)
        all += NominationReason.allCases.map(\.rawValue)
        all += [IneligibleReason.criteriaNotMet, .claimLimitReached, .noEligibleLocation].map(\.rawValue)
        all += [ReferralFacts.Kind.coSell, .partnerLed].map(\.rawValue)
        all += [CandidateSource.consentedNominations, .opportunities].map(\.rawValue)
        return Set(all.filter { $0.contains(where: \.isUppercase) || $0 == "tpid" })
    }()

    /// The codes among the words of `text`, each with a little of its context.
    static func codesIn(_ text: String) -> [String] {
        var found: [String] = []
        var word = "", start = text.startIndex
        for index in text.indices {
            let c = text[index]
            if c.isLetter || c.isNumber {
                if word.isEmpty { start = index }
                word.append(c)
                continue
            }
            if codes.contains(word) {
                let from = text.index(start, offsetBy: -40, limitedBy: text.startIndex) ?? text.startIndex
                let to = text.index(index, offsetBy: 40, limitedBy: text.endIndex) ?? text.endIndex
                found.append("\(word) in “\(text[from..<to])”")
            }
            word = ""
        }
        if codes.contains(word) { found.append(word) }
        return found
    }

    /// The text of an HTML page a person sees: no tags (so no attributes), no scripts or styles.
    static func visibleText(_ html: String) -> String {
        var out = ""
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            out += rest[..<open]
            out += " "
            rest = rest[open...]
            for element in ["<script", "<style"] where rest.hasPrefix(element) {
                let close = "</" + element.dropFirst() + ">"
                if let end = rest.range(of: close) { rest = rest[end.upperBound...] } else { rest = "" }
            }
            guard let end = rest.firstIndex(of: ">") else { rest = ""; break }
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }

    /// The text a person reads in each output file: pages, the email's text and HTML parts and
    /// the calendar's events.
    static func readable(_ files: [String: Data]) -> [(path: String, text: String)] {
        files.keys.sorted().compactMap { path in
            let text = String(decoding: files[path]!, as: UTF8.self)
            if path.hasSuffix(".html") { return (path, visibleText(text)) }
            if path.hasSuffix(".txt") { return (path, text) }
            if path.hasSuffix(".ics") {
                // Unfold the lines; keep the event text people read.
                let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
                let lines = unfolded.components(separatedBy: "\r\n").filter {
                    $0.hasPrefix("SUMMARY") || $0.hasPrefix("DESCRIPTION")
                }
                return (path, lines.joined(separator: "\n"))
            }
            return nil
        }
    }

    static func build(
        _ site: SiteFiles, options: SiteOptions? = nil, memory: [String: String]? = nil,
        audience: [AudienceRole]
    ) throws -> (CheckResult, [String: Data]) {
        let result =
            memory.map {
                SiteCheck.run(files: .memory($0), environment: [:], now: Date(timeIntervalSince1970: 1_795_996_799))
            }
            ?? SiteCheck.run(options!, environment: [:])
        let settings = try #require(result.model.settings)
        let output = Commands.render(result, settings: settings, audience: Audience(audience), files: site)
        #expect(!output.diagnostics.hasErrors)
        return (result, output.files)
    }

    /// The example site, for every audience that changes what is shown.
    @Test(arguments: [[AudienceRole.incentivesAdmin, .referralsAdmin], [.viewer], [.incentivesUser]])
    func noCodeOnAnyPageEmailOrEventOfTheExample(audience: [AudienceRole]) throws {
        let (_, files) = try Self.build(
            .disk(root: Paths.repository), options: SiteOptions(site: Paths.repository, cache: .off),
            audience: audience)
        let readable = Self.readable(files)
        #expect(readable.filter { $0.path.hasSuffix(".html") }.count > 100)
        #expect(readable.contains { $0.path == "email/summary.txt" })
        #expect(readable.contains { $0.path.hasSuffix(".ics") })
        for (path, text) in readable {
            #expect(Self.codesIn(text) == [], "\(path)")
        }
    }

    /// The fixture site with a customer on the Ineligible tab for each reason and detail, so
    /// that every kind of ineligible detail is shown.
    @Test func noCodeInAnyIneligibleDetail() throws {
        let known = """
            - id: K-1
              displayName: Known Fabrikam
              engagement: ws
              customer: fabrikam
              origin: added
              nominatedBy: { type: tpid, value: "0012345" }
              location: "4400001"
              createdOn: 2026-10-01
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }
              events:
                - { on: 2026-10-01, type: consentRequested, dealSizeUSD: 1000 }
                - { on: 2026-10-02, type: consentAccepted }
                - { on: 2026-10-03, type: canceled }
            - id: K-2
              displayName: Known Northwind
              engagement: hours
              customer: northwind
              origin: added
              nominatedBy: { type: msxOpportunityId, value: 7-ABC }
              location: "4400001"
              createdOn: 2026-10-01
              hours: 10
              customerContact: { email: kim@northwind.example }
              partnerContact: { email: anna@partner.example }
              events:
                - { on: 2026-10-01, type: consentRequested, dealSizeUSD: 1000 }
                - { on: 2026-10-02, type: consentAccepted }
                - { on: 2026-10-03, type: canceled }

            """
        let site = FixtureSite()
            .with("Content/data/claims/k.yaml", known)
            .with(
                "Content/engagements/tp.md",
                """
                ---\nname: TPID only\nactivity: projectXS\npay: fixed\nfixedPayoutUSD: 1\ncustomerIdTypes: [tenantId]\n\
                ---\nx\n
                """
            )
            .with(
                "Content/engagements/far.md",
                """
                ---\nname: Far away\nactivity: projectXXL\npay: fixed\nfixedPayoutUSD: 1\nlocations: [\"4400002\"]\n\
                ---\nx\n
                """
            )
            .with(
                "Content/engagements/other.md",
                "---\nname: Other\nactivity: projectS\npay: fixed\nfixedPayoutUSD: 1\n---\nx\n"
            )
            .with(
                "Content/engagements/full.md",
                """
                ---\nname: Full\nactivity: assessment\npay: fixed\nfixedPayoutUSD: 1\nmaxActiveClaimsPerCustomer: 1\n\
                ---\nx\n
                """
            )
            .with(
                "Content/data/eligibility.yaml",
                """
                ws:
                  tenantIds: ["0f8fad5b-d9cb-469f-a165-70867728950e"]
                full:
                  tpids: ["0012345"]
                  activeClaimsElsewhere: { "tpid:0012345": 1 }
                hours:
                  msxOpportunityIds: ["7-ABC"]

                """)
        let (result, files) = try Self.build(.memory(site.files), memory: site.files, audience: [.incentivesAdmin])
        // Every reason is on some Ineligible tab: the test sees every kind of detail.
        let reasons = Set(result.evaluation.engagements.flatMap { $0.tabs.ineligible.map(\.reason) })
        #expect(reasons == [.criteriaNotMet, .claimLimitReached, .noEligibleLocation])
        let details = result.evaluation.engagements.flatMap { e in
            e.tabs.ineligible.map { Speech.english.detail($0.why, engagement: e.engagement) }
        }
        #expect(details.contains { $0.contains("this engagement accepts") })
        #expect(details.contains { $0.contains("not on this engagement's eligibility list") })
        for (path, text) in Self.readable(files) {
            #expect(Self.codesIn(text) == [], "\(path)")
        }
        for claim in result.evaluation.claims {
            let text = try #require(
                ExplainText.explain(
                    claim.claim.id, evaluation: result.evaluation,
                    settings: result.model.settings, diagnostics: []))
            #expect(Self.codesIn(text) == [], "explain \(claim.claim.id)")
        }
    }

    /// `explain` of every claim of the example: words, not codes.
    @Test func noCodeInTheExplainTextOfAnyClaim() throws {
        let result = SiteCheck.run(SiteOptions(site: Paths.repository, cache: .off), environment: [:])
        #expect(result.evaluation.claims.count > 80)
        for claim in result.evaluation.claims {
            let text = try #require(
                ExplainText.explain(
                    claim.claim.id, evaluation: result.evaluation,
                    settings: result.model.settings, diagnostics: result.diagnostics))
            #expect(Self.codesIn(text) == [], "explain \(claim.claim.id)")
        }
    }

    /// The scan itself finds codes in visible text and not in attributes or scripts.
    @Test func theScanFindsCodesOnlyInVisibleText() {
        #expect(Self.codesIn(Self.visibleText("<td>tenantId 1</td>")).count == 1)
        #expect(
            Self.codesIn(
                Self.visibleText("<td data-x=\"tenantId\">Tenant ID</td><script>var s = 'awaitingConsent'</script>"))
                == [])
        #expect(Self.codesIn("Status: awaitingConsent.").count == 1)
        #expect(Self.codesIn("Approved, Submitted, domain, workshop").isEmpty)
        #expect(
            Self.codes.contains("tpid") && Self.codes.contains("resendConsentEmail") && !Self.codes.contains("approved")
        )
    }

    /// Every code has a word, and no two codes of a kind share one.
    @Test func everyCodeHasItsOwnWord() {
        let english = Speech.english
        let statuses = ClaimStatus.allCases.map(english.status)
        #expect(Set(statuses).count == statuses.count)
        let actions = ClaimAction.allCases.map(english.action)
        #expect(Set(actions).count == actions.count)
        #expect(english.action(.none) == "—")
        #expect(
            Set(CustomerIDType.allCases.map(english.idType)) == [
                "Domain", "Tenant ID", "TPID", "Azure subscription ID", "MSX opportunity ID",
            ])
        for words in [
            statuses, actions, CustomerIDType.allCases.map(english.idType), Activity.allCases.map(english.activity),
            EventType.allCases.map(english.event), AudienceRole.allCases.map(english.role),
            NominationReason.allCases.map(english.reason),
        ] {
            for word in words { #expect(Self.codesIn(word) == [], "\(word)") }
        }
    }
}
