import ClaimLoad
import ClaimModel
import Foundation
import Testing

/// Loading a valid site gives the model docs/input-format.md describes.
@Suite struct LoaderTests {
    let result = FixtureSite().check()

    @Test func theFixtureLoadsCleanly() {
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.model.engagements.map(\.id) == ["hours", "ws"])
        #expect(result.model.claims.map(\.id) == ["C-1", "C-2"])
        #expect(result.model.pages.map(\.slug) == ["about"])
        #expect(result.asOf == Day("2026-11-29"))
    }

    @Test func readsSettings() throws {
        let settings = try #require(result.model.settings)
        #expect(settings.title == "Test portal")
        #expect(settings.partnerName == "Test Partner GmbH")
        #expect(settings.partnerID == "1000001")
        #expect(settings.audience == nil)
    }

    @Test func idsKeepTheirLiteralTextAndDomainsCompareLowerCased() throws {
        let fabrikam = try #require(result.model.customers.first)
        #expect(fabrikam.tpid == "0012345")
        #expect(fabrikam.emailDomain == "fabrikam.example")
        #expect(fabrikam.domains == ["fabrikam.example"])
        #expect(fabrikam.tenantIds == ["0f8fad5b-d9cb-469f-a165-70867728950e"])
        #expect(result.model.customers[1].country == "NO")
        #expect(result.model.eligibility.first?.activeClaimsElsewhere == [TypedID(type: .tpid, value: "0012345"): 1])
    }

    @Test func readsEngagementsWithDefaults() throws {
        let ws = try #require(result.model.engagements.first { $0.id == "ws" })
        #expect(ws.customerIdTypes == CustomerIDType.fixedPayTypes)
        #expect(ws.fixedPayoutUSD == Decimal(5000))
        #expect(ws.referrals == false)
        #expect(ws.locations == nil)
        #expect(ws.description == "A **workshop**.\n")
        let hours = try #require(result.model.engagements.first { $0.id == "hours" })
        #expect(hours.customerIdTypes == [.msxOpportunityId])
        #expect(hours.variablePay == VariablePay(hourlyRateUSD: 150, minHours: 8, maxHours: 120))
    }

    @Test func readsClaimsWithEventsAndPositions() throws {
        let claim = try #require(result.model.claims.first)
        #expect(claim.nominatedBy == TypedID(type: .domain, value: "fabrikam.example"))
        #expect(claim.createdOn == Day("2026-11-01"))
        #expect(claim.customerContact == Contact(name: "Jonas Weber", email: "jonas@fabrikam.example"))
        #expect(claim.events.map(\.type) == [.consentRequested])
        #expect(claim.events.first?.dealSizeUSD == Decimal(1000))
        #expect(claim.source["engagement"] == SourceLocation(file: "Content/data/claims/a.yaml", line: 3, column: 15))
        #expect(claim.source["events.0.on"] == SourceLocation(file: "Content/data/claims/a.yaml", line: 13, column: 13))
        #expect(claim.source.start == SourceLocation(file: "Content/data/claims/a.yaml", line: 1, column: 3))
    }

    @Test func aMissingOptionalFileIsAnEmptyList() {
        let site = FixtureSite().without("Content/data/users.yaml").without("Content/data/opportunities.yaml")
            .without("Content/data/claims/b.yaml")
        let result = site.check()
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.model.users == nil)
        #expect(result.model.opportunities.isEmpty)
    }

    @Test func jsonDataGivesTheSameModelAsYAML() throws {
        let json = FixtureSite()
            .without("Content/data/claims/a.yaml")
            .with(
                "Content/data/claims/a.json",
                """
                [
                  {
                    "id": "C-1", "displayName": "Fabrikam workshop", "engagement": "ws", "customer": "fabrikam",
                    "origin": "added", "nominatedBy": { "type": "domain", "value": "fabrikam.example" },
                    "location": "4400001", "createdBy": "anna@partner.example", "createdOn": "2026-11-01",
                    "customerContact": { "name": "Jonas Weber", "email": "jonas@fabrikam.example" },
                    "partnerContact": { "email": "anna@partner.example" },
                    "events": [ { "on": "2026-11-02", "type": "consentRequested", "dealSizeUSD": 1000 } ]
                  }
                ]
                """
            )
            .without("Content/site.yaml")
            .with(
                "Content/site.json",
                """
                { "title": "Test portal", "partner": { "name": "Test Partner GmbH", "id": 1000001 }, "asOf": \
                "2026-11-29" }
                """)
        let result = json.check()
        #expect(result.diagnostics.map(\.description) == [])
        var fromJSON = try #require(result.model.claims.first)
        var fromYAML = try #require(FixtureSite().check().model.claims.first)
        fromJSON.source = SourceMap(start: SourceLocation(file: ""))
        fromYAML.source = fromJSON.source
        for i in fromJSON.events.indices { fromJSON.events[i].location = SourceLocation(file: "") }
        for i in fromYAML.events.indices { fromYAML.events[i].location = SourceLocation(file: "") }
        #expect(fromJSON == fromYAML)
        #expect(result.model.settings?.partnerID == "1000001")
    }

    @Test func claimFilesAreReadInFileNameOrder() {
        let site = FixtureSite()
            .with("Content/data/claims/b.yaml", "")
            .with(
                "Content/data/claims/C10.yaml",
                FixtureSite().files["Content/data/claims/b.yaml"]!.replacingOccurrences(of: "C-2", with: "C-10")
            )
            .with(
                "Content/data/claims/C9.yaml",
                FixtureSite().files["Content/data/claims/b.yaml"]!.replacingOccurrences(of: "C-2", with: "C-9"))
        #expect(site.check().model.claims.map(\.id) == ["C-10", "C-9", "C-1"])
    }
}
