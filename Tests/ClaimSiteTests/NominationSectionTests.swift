import ClaimModel
import ClaimRender
import ClaimSite
import ClaimSiteTesting
import Foundation
import Testing

/// The engagement page's "Who can be nominated" section (docs/output.md, Layout): ID types,
/// locations that may claim, payout and claim limit, in words, from the engagement's data.
@Suite struct NominationSectionTests {
    /// The fixture with a third, registered location (Hamburg); the workshop limited to Berlin and
    /// (unregistered) Vienna with a claim limit; the project with both caps; and an engagement
    /// only Vienna may claim, so no location qualifies.
    var site: FixtureSite {
        FixtureSite()
            .with(
                "Content/data/locations.yaml",
                """
                - { id: "4400001", name: Berlin, country: DE, mciRegistered: true }
                - { id: "4400002", name: Vienna, country: AT, mciRegistered: false }
                - { id: "4400003", name: Hamburg, country: DE, mciRegistered: true }

                """
            )
            .with(
                "Content/engagements/ws.md",
                """
                ---
                name: Migration workshop
                activity: workshop
                pay: fixed
                fixedPayoutUSD: 5000
                maxActiveClaimsPerCustomer: 1
                locations: ["4400001", "4400002"]
                ---
                A **workshop**.

                """
            )
            .with(
                "Content/engagements/hours.md",
                """
                ---
                name: Migration project
                activity: projectM
                pay: variable
                variablePay: { hourlyRateUSD: 150, minHours: 8, maxHours: 120, maxPayoutUSD: 15000, \
                maxShareOfOpportunity: 0.10 }
                ---
                Paid by the hour.

                """
            )
            .with(
                "Content/engagements/vienna-only.md",
                """
                ---
                name: Vienna-only assessment
                activity: assessment
                pay: fixed
                fixedPayoutUSD: 2500
                customerIdTypes: [tpid, subscriptionId]
                locations: ["4400002"]
                ---
                Only Vienna may claim it.

                """)
    }

    /// The section's text of the engagement page at `path`: tags removed, entities decoded,
    /// white space collapsed.
    func section(_ output: PortalRenderer.Output, _ path: String) throws -> String {
        let html = String(decoding: try #require(output.files[path], "no \(path)"), as: UTF8.self)
        let start = try #require(
            html.range(of: "<section class=\"nominate\" aria-labelledby=\"nominate-heading\">"), "no section in \(path)"
        )
        let end = try #require(html.range(of: "</section>", range: start.upperBound..<html.endIndex))
        // It comes after the tabs and the engagement's description (the tabs come first).
        let tabs = try #require(html.range(of: "<h2 id=\"customers-heading\">"))
        let about = try #require(html.range(of: "<section class=\"about\""))
        #expect(tabs.upperBound < about.lowerBound)
        #expect(about.upperBound < start.lowerBound)
        var text = String(html[start.lowerBound..<end.upperBound])
        text = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        for (entity, character) in [("&#39;", "'"), ("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        // Whitespace, the no-break space of amounts included, counts as one space.
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    func render() throws -> PortalRenderer.Output {
        let result = site.check()
        #expect(!result.failed, "\(result.diagnostics)")
        let settings = try #require(result.model.settings)
        let output = Commands.render(
            result, settings: settings, audience: Audience([.incentivesAdmin]), files: .memory(site.files))
        #expect(output.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        return output
    }

    /// Published pages are read, not run: no page shows a command line (docs/output.md, Layout).
    @Test func noPageShowsACommandLine() throws {
        let output = try render()
        let pages = output.files.filter { $0.key.hasSuffix(".html") }
        #expect(pages.count > 5)
        for (path, data) in pages {
            let html = String(decoding: data, as: UTF8.self)
            #expect(!html.contains("claimsite ") && !html.contains("--id"), "\(path)")
        }
    }

    @Test func aFixedPayEngagementStatesTypesLocationsPayoutAndLimit() throws {
        let text = try section(try render(), "engagements/ws/index.html")
        #expect(
            text == "Who can be nominated"
                + """
                 ID types accepted Domain, Tenant ID, TPID and Azure subscription ID A domain is checked by its \
                tenant, looked up in the directory.
                """
                // Vienna is listed by the engagement but not MCI-registered; Hamburg is registered but not listed.
                + " Locations that may claim Berlin (4400001)"
                + " Payout Fixed pay: USD 5,000.00 a claim"
                + " Claim limit At most 1 active claim per customer")
        #expect(!text.contains("Vienna"))
        #expect(!text.contains("Hamburg"))
    }

    @Test func aVariablePayEngagementStatesRateHoursCapsAndItsOwnFlow() throws {
        let text = try section(try render(), "engagements/hours/index.html")
        #expect(
            text == "Who can be nominated"
                + " ID types accepted MSX opportunity ID"
                // Without `locations`, every MCI-registered location, in file order.
                + " Locations that may claim Berlin (4400001) and Hamburg (4400003)"
                    + """
                     Payout Variable pay: USD 150.00 an hour for 8–120 hours, at most USD 15,000.00 and at most 10% of \
                    the opportunity's estimated revenue
                    """
                + " A variable-pay engagement is nominated alone, in a flow of its own.")
    }

    @Test func anEngagementNoLocationMayClaimSaysSo() throws {
        let text = try section(try render(), "engagements/vienna-only/index.html")
        #expect(
            text == "Who can be nominated"
                + " ID types accepted TPID and Azure subscription ID"
                + " Locations that may claim No partner location may claim this engagement."
                + " Payout Fixed pay: USD 2,500.00 a claim")
    }

    @Test func aVariablePayEngagementWithoutCapsNamesOnlyRateAndHours() throws {
        let output = try {
            let result = FixtureSite().check()
            let settings = try #require(result.model.settings)
            return Commands.render(
                result, settings: settings, audience: Audience([.incentivesAdmin]), files: .memory(FixtureSite().files))
        }()
        let text = try section(output, "engagements/hours/index.html")
        #expect(text.contains("Payout Variable pay: USD 150.00 an hour for 8–120 hours A variable-pay engagement"))
        #expect(text.contains("Locations that may claim Berlin (4400001) Payout"))
        #expect(!text.contains("Claim limit"))
    }
}
