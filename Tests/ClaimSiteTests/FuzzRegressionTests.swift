import ClaimModel
import ClaimSite
import ClaimSiteTesting
import Foundation
import Testing

@testable import ClaimLoad

/// The minimized inputs of the site harness (`Fuzz/harnesses/site.swift`): a small site whose
/// engagement, claims, eligibility, customers and settings come from the input
/// (`FuzzTargets.site`), checked as `claimsite check` does. Each must finish without a crash, a
/// trap or a hang; the files of `FuzzRegressions/` are the inputs.
@Suite struct SiteFuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "FuzzRegressions")

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }
            .sorted()
    }

    @Test(arguments: inputs)
    func replays(_ name: String) throws {
        let text = String(decoding: try Data(contentsOf: Self.folder.appendingPathComponent(name)), as: UTF8.self)
        let start = DispatchTime.now().uptimeNanoseconds
        _ = SiteCheck.run(files: .memory(FuzzTargets.site(text)), environment: [:])
        #expect(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < 10)
    }

    /// The harness's seed (`Fuzz/seeds/site/fixture.txt`) is a valid site, so that the fuzzer
    /// starts from a site the rules evaluate all the way.
    @Test func theSeedIsAValidSite() throws {
        let seed = Paths.repository.appendingPathComponent("Fuzz/seeds/site/fixture.txt")
        let text = String(decoding: try Data(contentsOf: seed), as: UTF8.self)
        let result = SiteCheck.run(files: .memory(FuzzTargets.site(text)), environment: [:])
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        #expect(result.model.claims.count == 3)
    }
}
