import ClaimModel
import ClaimSite
import ClaimSiteTesting
import Foundation
import Testing

@testable import ClaimRender

/// The location pages (docs/output.md, Layout): one per location of `locations.yaml`, with the
/// engagements it may claim or has claims in and its open claims, linked from claim pages and
/// from the home page.
@Suite struct LocationPageTests {
    func render(_ site: FixtureSite) throws -> PortalRenderer.Output {
        let result = site.check()
        let settings = try #require(result.model.settings)
        return Commands.render(
            result, settings: settings, audience: Audience([.incentivesAdmin]),
            files: .memory(site.files))
    }

    func text(_ output: PortalRenderer.Output, _ path: String) throws -> String {
        String(decoding: try #require(output.files[path], "no \(path)"), as: UTF8.self)
    }

    @Test func aLocationShowsItsEngagementsCountsAndOpenClaims() throws {
        let output = try render(FixtureSite())
        #expect(output.diagnostics.map(\.description) == [])
        let berlin = try text(output, "locations/4400001.html")
        #expect(berlin.contains("<h1>Berlin</h1>"))
        // Both claims are at Berlin and open; it is registered, so it may claim both engagements
        // (by name: Migration project, then Migration workshop).
        #expect(
            berlin.contains(
                """
                <tr><th scope="row" data-label="Engagement"><a href="../engagements/hours/index.html#eligible">\
                Migration project</a></th><td data-label="May claim">Yes</td>\
                <td class="num" data-label="Open claims">1</td><td class="num" data-label="Completed">0</td></tr>
                """))
        #expect(
            berlin.contains(
                """
                <tr><th scope="row" data-label="Engagement"><a href="../engagements/ws/index.html#eligible">\
                Migration workshop</a></th><td data-label="May claim">Yes</td>\
                <td class="num" data-label="Open claims">1</td><td class="num" data-label="Completed">0</td></tr>
                """))
        #expect(berlin.contains("<div><dt>Claims</dt><dd>2</dd></div>"))
        #expect(berlin.contains("<div><dt>Open claims</dt><dd>2</dd></div>"))
        #expect(berlin.contains("href=\"../claims/C-1.html\">C-1</a>"))
        #expect(berlin.contains("href=\"../claims/C-2.html\">C-2</a>"))
        // Vienna is not registered for MCI and has no claims: no engagement, no open claim.
        let vienna = try text(output, "locations/4400002.html")
        #expect(vienna.contains("<dd>No</dd>"))
        #expect(vienna.contains("This location has no claims and may claim no engagement."))
        #expect(vienna.contains("No open claims at this location."))
        #expect(!vienna.contains("claims/C-1.html"))
    }

    @Test func claimPagesAndTheHomePageLinkToLocations() throws {
        let output = try render(FixtureSite())
        let claim = try text(output, "claims/C-1.html")
        #expect(claim.contains("<a href=\"../locations/4400001.html\">Berlin (4400001)</a>"))
        let home = try text(output, "index.html")
        #expect(home.contains("<a href=\"locations/4400001.html\">Berlin</a> (4400001): 2 open claims"))
        #expect(home.contains("<a href=\"locations/4400002.html\">Vienna</a> (4400002): 0 open claims"))
    }

    @Test func aClaimAtAnUnknownLocationIsAnInputError() throws {
        let site = FixtureSite().claimsWith("location: \"4400001\"", "location: \"4499999\"")
        let result = site.check()
        // An unknown location is an error of the input: nothing is rendered for it.
        #expect(result.failed)
    }
}
