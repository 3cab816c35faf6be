import ClaimModel
import ClaimRules
import ClaimSite
import ClaimSiteTesting
import Foundation
import Testing

@testable import ClaimRender

/// The work list, the status lists, the overview's links and recent changes, and what claim
/// pages take from Microsoft (docs/output.md, The work list, Status lists, Claim pages).
@Suite struct WorkListPageTests {
    /// The fixture (C-1 and C-2 due soon, as of 2026-11-29) with four more claims: C-3 asked to
    /// resubmit (due later), C-4 rejected (due within 30 days), C-5 and C-6 waiting on Microsoft
    /// (C-6 past its review deadline); and a `claimURL`.
    static let site = FixtureSite()
        .with(
            "Content/site.yaml",
            """
            title: Test portal
            partner: { name: Test Partner GmbH, id: "1000001" }
            asOf: 2026-11-29
            claimURL: "https://pc.example/claims/{id}?tab=1"

            """
        )
        .with(
            "Content/data/claims/c.yaml",
            """
            - id: C-3
              displayName: Asked to resubmit
              engagement: ws
              customer: northwind
              origin: added
              nominatedBy: { type: domain, value: northwind.example }
              location: "4400001"
              createdBy: anna@partner.example
              createdOn: 2026-10-01
              customerContact: { email: kim@northwind.example }
              partnerContact: { name: Jonas Keller, email: jonas@partner.example }
              events:
                - { on: 2026-10-02, type: consentRequested, dealSizeUSD: 1000 }
                - { on: 2026-10-05, type: consentAccepted }
                - { on: 2026-10-10, type: submitted }
                - { on: 2026-11-20, type: actionRequired, comment: "Attach the attendee list" }
            - id: C-4
              displayName: Rejected
              engagement: ws
              customer: northwind
              origin: added
              nominatedBy: { type: domain, value: northwind.example }
              location: "4400001"
              createdOn: 2026-10-01
              customerContact: { email: kim@northwind.example }
              partnerContact: { email: jonas@partner.example }
              events:
                - { on: 2026-10-02, type: consentRequested, dealSizeUSD: 1000 }
                - { on: 2026-10-05, type: consentAccepted }
                - { on: 2026-10-10, type: submitted }
                - { on: 2026-11-25, type: rejected, reason: "No proof of delivery" }
            - id: C 5
              displayName: Submitted
              engagement: ws
              customer: northwind
              origin: added
              nominatedBy: { type: domain, value: northwind.example }
              location: "4400001"
              createdOn: 2026-10-01
              customerContact: { email: kim@northwind.example }
              partnerContact: { email: jonas@partner.example }
              events:
                - { on: 2026-10-02, type: consentRequested, dealSizeUSD: 1000 }
                - { on: 2026-10-05, type: consentAccepted }
                - { on: 2026-10-10, type: submitted }
            - id: C-6
              displayName: Long in review
              engagement: ws
              customer: northwind
              origin: added
              nominatedBy: { type: domain, value: northwind.example }
              location: "4400001"
              createdOn: 2026-06-28
              customerContact: { email: kim@northwind.example }
              partnerContact: { email: jonas@partner.example }
              events:
                - { on: 2026-06-30, type: consentRequested, dealSizeUSD: 1000 }
                - { on: 2026-07-01, type: consentAccepted }
                - { on: 2026-07-02, type: submitted }

            """)

    func render(_ site: FixtureSite = site, audience: [AudienceRole] = [.incentivesAdmin])
        throws -> PortalRenderer.Output
    {
        let result = site.check()
        let settings = try #require(result.model.settings)
        return Commands.render(result, settings: settings, audience: Audience(audience), files: .memory(site.files))
    }

    func text(_ output: PortalRenderer.Output, _ path: String) throws -> String {
        String(decoding: try #require(output.files[path], "no \(path)"), as: UTF8.self)
    }

    /// `report.json` of `output`, parsed.
    func reportObject(_ output: PortalRenderer.Output) throws -> [String: Any] {
        let data = try #require(output.files["report.json"])
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The claim IDs of the rows of the element with `id` on `html`, in order.
    func rows(_ html: String, group id: String) throws -> [String] {
        let start = try #require(html.range(of: "<section id=\"\(id)\""), "no \(id)")
        let end = try #require(html.range(of: "</section>", range: start.upperBound..<html.endIndex))
        let part = String(html[start.lowerBound..<end.lowerBound])
        let regex = try NSRegularExpression(
            pattern: "<th scope=\"row\"[^>]*><a class=\"id\" href=\"claims/[^\"]*\">([^<]*)</a>")
        return regex.matches(in: part, range: NSRange(part.startIndex..., in: part)).map {
            String(part[Range($0.range(at: 1), in: part)!])
        }
    }

    @Test func eachGroupHoldsItsClaimsInOrderWithItsTotal() throws {
        let output = try render()
        #expect(output.diagnostics.map(\.description) == [])
        let html = try text(output, "actions.html")
        let expected = [
            "today": [], "soon": ["C-1", "C-2"], "month": ["C-4"], "later": ["C-3"], "microsoft": ["C-6", "C 5"],
        ]
        for (group, ids) in expected {
            #expect(try rows(html, group: group) == ids, "\(group)")
            #expect(html.contains("\(group)-heading\">") && html.contains("<span class=\"count\">\(ids.count)</span>"))
        }
        #expect(html.contains("<p class=\"empty\">Nothing is due today.</p>"))
        #expect(html.contains("Partner actions <span class=\"count\">4</span>"))
        #expect(html.contains("Due within 7 days <span class=\"count\">2</span>"))
        let report = try reportObject(output)
        #expect(report["actions"] as? [String: [String]] == expected)
    }

    @Test func theOwnerIsTheContactsNameElseTheCreatorsNeverAnAddress() throws {
        let admin = try text(try render(), "actions.html")
        #expect(admin.contains("data-owner=\"Jonas Keller\""))  // C-3's partner contact
        #expect(admin.contains("data-owner=\"Anna Berg\""))  // C-1: no contact name, created by Anna
        #expect(admin.contains("<th scope=\"col\" data-col=\"owner\">Owner</th>"))
        // An audience without contact details sees only the creator's name.
        let viewer = try text(try render(audience: [.viewer]), "actions.html")
        #expect(!viewer.contains("Jonas Keller"))
        #expect(viewer.contains("data-owner=\"Anna Berg\""))
        #expect(!viewer.contains("@partner.example"))
    }

    @Test func claimRowsAndPagesLinkPartnerCenterEncoded() throws {
        let output = try render(audience: [.viewer])
        let html = try text(output, "actions.html")
        #expect(html.contains("href=\"https://pc.example/claims/C%205?tab=1\" rel=\"noopener noreferrer\""))
        #expect(html.components(separatedBy: "Open in Partner Center").count - 1 == 6)
        let page = try text(output, "claims/C-1.html")
        #expect(page.contains("<a class=\"external\" href=\"https://pc.example/claims/C-1?tab=1\""))
        let report = try reportObject(output)
        let claims = try #require(report["claims"] as? [[String: Any]])
        #expect(claims.map { $0["partnerCenterUrl"] as? String }.contains("https://pc.example/claims/C%205?tab=1"))
        // Without claimURL: no link, and null in the report.
        let plain = try render(FixtureSite())
        #expect(!(try text(plain, "claims/C-1.html")).contains("Open in Partner Center"))
        #expect(try text(plain, "report.json").contains("\"partnerCenterUrl\": null"))
    }

    @Test func theCallOutQuotesWhatMicrosoftWrote() throws {
        let output = try render()
        let resubmit = try text(output, "claims/C-3.html")
        #expect(resubmit.contains("<figcaption>Microsoft asked on 2026-11-20:</figcaption>"))
        #expect(resubmit.contains("<blockquote><p>Attach the attendee list</p></blockquote>"))
        let dispute = try text(output, "claims/C-4.html")
        #expect(dispute.contains("<figcaption>Microsoft&#39;s reason for the rejection on 2026-11-25:</figcaption>"))
        #expect(dispute.contains("<blockquote><p>No proof of delivery</p></blockquote>"))
        for page in ["claims/C-1.html", "claims/C-6.html"] { #expect(!(try text(output, page)).contains("<figure")) }
        let german = try text(try render(FixtureSite(files: Self.site.files).germanSite()), "claims/C-3.html")
        #expect(german.contains("<figcaption>Anfrage von Microsoft vom 20.11.2026:</figcaption>"))
    }

    @Test func actionsCSVHoldsEveryRowWithDaysLeftAsNumbers() throws {
        let csv = try text(try render(), "actions.csv")
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(
            lines.first == """
                group,claimId,customer,customerName,engagement,status,statusLabel,action,actionLabel,\
                deadline,daysLeft
                """)
        #expect(lines.dropFirst().map { $0.split(separator: ",")[1] } == ["C-1", "C-2", "C-4", "C-3", "C-6", "C 5"])
        // C-6: review deadline 2026-10-29 (consent 2026-07-01 + 120 days), 31 days before the as-of date.
        #expect(
            lines.contains("microsoft,C-6,northwind,Northwind Traders,ws,submitted,Submitted,none,—,2026-10-29,-31"))
    }

    @Test func theEligibleTabPutsPartnerActionsBeforeClaimsWaitingOnMicrosoft() throws {
        let output = try render()
        let page = try text(output, "engagements/ws/index.html")
        let order = ["C-1", "C-4", "C-3", "C-6", "C 5"].map { id in
            page.range(of: ">\(id)</a></th>")?.lowerBound
        }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        // report.json keeps the tab's own order: by deadline (C-6's review deadline first).
        let report = try text(output, "report.json")
        let c6 = try #require(report.range(of: "\"claimId\": \"C-6\""))
        let c1 = try #require(report.range(of: "\"claimId\": \"C-1\""))
        #expect(c6.lowerBound < c1.lowerBound)
        // The tabs come before the description.
        let tabs = try #require(page.range(of: "<nav class=\"tabs\""))
        let about = try #require(page.range(of: "A <strong>workshop</strong>."))
        #expect(tabs.lowerBound < about.lowerBound)
    }

    @Test func theOverviewLinksEveryCardAndChipToTheListItCounts() throws {
        let output = try render()
        let home = try text(output, "index.html")
        for link in [
            "<a href=\"actions.html\"><span class=\"number\">6</span> open claims</a>",
            "<a href=\"actions.html#partner\"><span class=\"number\">4</span> need partner action</a>",
            "<a href=\"actions.html#due\"><span class=\"number\">2</span> due within 7 days</a>",
            "<a href=\"payouts.html\"><span class=\"number\">USD\u{A0}0.00</span>",
            "<a href=\"statuses/submitted.html\"><span class=\"badge status-waiting\">Submitted</span> 2</a>",
        ] {
            #expect(home.contains(link), "\(link)")
        }
        let submitted = try text(output, "statuses/submitted.html")
        #expect(submitted.contains("<strong class=\"total\">2</strong>"))
        #expect(submitted.contains(">C 5</a>") && submitted.contains(">C-6</a>"))
        #expect(try text(output, "statuses/approved.html").contains("No claim has this status."))
        #expect(home.contains("<a href=\"engagements/ws/index.html#eligible\">Migration workshop</a>"))
    }

    @Test func recentChangesAreTheSameOnTheOverviewInTheReportAndInTheEmail() throws {
        let output = try render()
        let report = try reportObject(output)
        let recent = try #require(report["recentlyChanged"] as? [[String: Any]])
        // C-4 rejected on 2026-11-25 and C-3 asked on 2026-11-20 (outside the 7 days).
        #expect(recent.map { $0["claimId"] as? String } == ["C-4"])
        #expect(recent.first?["from"] as? String == "submitted")
        #expect(recent.first?["to"] as? String == "rejected")
        let home = try text(output, "index.html")
        #expect(home.contains("Changed in the last 7 days <span class=\"count\">1</span>"))
        #expect(home.contains("<a href=\"claims/C-4.html\">C-4</a>"))
        let email = try text(output, "email/summary.txt")
        let changed = try #require(email.range(of: "Changed in the last 7 days (1)"))
        #expect(email[changed.upperBound...].contains("C-4"))
    }

    @Test func aGroupShowsItsFirstThousandRowsAndCountsTheRest() throws {
        var claims = ""
        for i in 0..<1_003 {
            claims += """
                - id: X-\(String(format: "%04d", i))
                  displayName: Bulk \(i)
                  engagement: ws
                  customer: fabrikam
                  origin: added
                  nominatedBy: { type: domain, value: fabrikam.example }
                  location: "4400001"
                  createdOn: 2026-11-10
                  customerContact: { email: jonas@fabrikam.example }
                  partnerContact: { email: anna@partner.example }

                """
        }
        let output = try render(Self.site.with("Content/data/claims/bulk.yaml", claims))
        let html = try text(output, "actions.html")
        // Created 2026-11-10: consent deadline 2026-12-10, within 30 days.
        let month = try rows(html, group: "month")
        #expect(month.count == 1_000)
        #expect(html.contains("Due within 30 days <span class=\"count\">1004</span>"))
        #expect(html.contains("<p class=\"more\">4 more are not shown here; every row is in"))
        #expect(try text(output, "actions.csv").components(separatedBy: "\r\nmonth,").count - 1 == 1_004)
        let status = try text(output, "statuses/customerClaimed.html")
        #expect(status.contains("<strong class=\"total\">1004</strong>"))
        #expect(status.contains("<p class=\"more\">4 more are not shown here; every row is in"))
    }
}

extension FixtureSite {
    /// The site with `language: de`.
    func germanSite() -> FixtureSite {
        with("Content/site.yaml", files["Content/site.yaml"]! + "language: de\n")
    }
}
