import ClaimModel
import ClaimSite
import Foundation
import Testing

/// The example site in `Content/` is valid and covers what docs/ describes.
@Suite struct ExampleSiteTests {
    let result = SiteCheck.run(SiteOptions(site: Paths.repository), environment: [:])

    @Test func loadsWithNoDiagnostics() {
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.asOf == Day("2026-11-29"))
    }

    @Test func coversEveryActivityAndBothPayKinds() {
        let engagements = result.model.engagements
        #expect(engagements.count >= 8)
        #expect(Set(engagements.map(\.activity)) == Set(Activity.allCases))
        #expect(Set(engagements.map(\.pay)) == Set(PayKind.allCases))
        #expect(engagements.contains { $0.referrals })
        #expect(engagements.contains { !$0.referrals })
        #expect(engagements.contains { $0.locations != nil })
    }

    @Test func hasEnoughLocationsCustomersAndClaims() {
        let model = result.model
        #expect(model.locations.count >= 3)
        #expect(model.locations.contains { !$0.mciRegistered })
        #expect(model.customers.count >= 25)
        #expect(model.claims.count >= 80)
        #expect(Set(model.claims.map { $0.source.start.file }).count >= 3)
        #expect(model.pages.count >= 2)
    }
}
