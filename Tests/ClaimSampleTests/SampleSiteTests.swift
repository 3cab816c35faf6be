import ClaimLoad
import ClaimModel
import ClaimRules
import ClaimSample
import ClaimSite
import Foundation
import Testing

/// `claimsite sample`: valid, varied and deterministic synthetic sites.
@Suite struct SampleSiteTests {
    /// A small site: 300 claims over 10 engagements and 60 customers.
    static func options(json: Bool, seed: UInt64 = 1) -> SampleSite.Options {
        SampleSite.Options(claims: 300, engagements: 10, customers: 60, json: json, seed: seed)
    }

    static func files(_ options: SampleSite.Options) -> [String: Data] {
        var site = SampleSite(options)
        return site.files()
    }

    /// Loads and checks generated files in memory.
    static func check(_ files: [String: Data]) -> CheckResult {
        SiteCheck.run(files: .memory(files.mapValues { String(decoding: $0, as: UTF8.self) }), environment: [:])
    }

    @Test(arguments: [true, false])
    func aGeneratedSiteLoadsAndChecksWithoutErrors(json: Bool) throws {
        let files = Self.files(Self.options(json: json))
        let ext = json ? ".json" : ".yaml"
        #expect(files.keys.contains("Content/site" + ext))
        #expect(files.keys.contains("Content/data/claims/claims-0001" + ext))
        let result = Self.check(files)
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        #expect(result.asOf == SampleSite.asOf)
        #expect(result.model.engagements.count == 10)
        #expect(result.model.customers.count == 60)
        #expect(result.model.claims.count == 300)
        #expect(result.evaluation.claims.count == 300)
    }

    @Test(arguments: [true, false])
    func aSiteWrittenToDiskChecksWithoutErrors(json: Bool) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "claimsite-sample-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var site = SampleSite(Self.options(json: json, seed: 3))
        try site.write(to: folder)
        let result = SiteCheck.run(SiteOptions(site: folder), environment: [:])
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        #expect(result.model.claims.count == 300)
        // A second write into the now non-empty folder is refused, and changes nothing.
        var again = SampleSite(Self.options(json: json, seed: 4))
        #expect(throws: SampleSite.Failure.self) { try again.write(to: folder) }
        #expect(
            SiteCheck.run(SiteOptions(site: folder), environment: [:]).model.claims.map(\.id)
                == result.model.claims.map(\.id))
    }

    /// Seeds 2, 3 and 5 reach every status only because the generator steers its last claims
    /// towards the statuses still missing; seed 1 (the default) reaches them by itself.
    @Test(arguments: [UInt64(1), 2, 3, 5, 6])
    func everyStatusIsReachedOnTheAsOfDate(seed: UInt64) throws {
        let result = Self.check(Self.files(Self.options(json: true, seed: seed)))
        #expect(!result.failed)
        #expect(result.evaluation.asOf == SampleSite.asOf)
        let statuses = Set(result.evaluation.claims.map(\.state.status))
        let missing = ClaimStatus.allCases.filter { !statuses.contains($0) }.map(\.rawValue)
        #expect(missing == [], "seed \(seed)")
        #expect(ClaimStatus.allCases.count == 16)
    }

    @Test func jsonAndYAMLDescribeTheSameClaims() throws {
        let json = Self.check(Self.files(Self.options(json: true)))
        let yaml = Self.check(Self.files(Self.options(json: false)))
        let summary = { (result: CheckResult) in
            result.evaluation.claims.map {
                "\($0.claim.id) \($0.state.status.rawValue) \($0.state.deadline?.description ?? "-")"
            }
        }
        #expect(summary(json).count == 300)
        #expect(summary(json) == summary(yaml))
    }

    @Test func theSameSeedGivesTheSameBytesAndAnotherSeedOtherBytes() throws {
        for json in [true, false] {
            let first = Self.files(Self.options(json: json, seed: 7))
            let second = Self.files(Self.options(json: json, seed: 7))
            #expect(first == second)
            #expect(!first.isEmpty && first.values.allSatisfy { !$0.isEmpty })
            let other = Self.files(Self.options(json: json, seed: 8))
            #expect(other.keys.sorted() == first.keys.sorted())
            #expect(other != first)
            #expect(
                other["Content/data/claims/claims-0001" + (json ? ".json" : ".yaml")]
                    != first["Content/data/claims/claims-0001" + (json ? ".json" : ".yaml")])
        }
    }
}
