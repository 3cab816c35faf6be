import ClaimSiteTesting
import Foundation
import Testing

@testable import ClaimLoad

/// The minimized inputs of what `make fuzz` found, and of the attacks found beside it, fed to
/// the code the harnesses run (`FuzzTargets`): each must finish without a crash, a trap or a
/// hang. The inputs are the files of `FuzzRegressions/`, each named after its harness
/// (`yaml-…`, `json-…`, `frontmatter-…`); a new finding is one more file.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "FuzzRegressions")

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }
            .sorted()
    }

    @Test(arguments: inputs)
    func replays(_ name: String) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        let text = String(decoding: data, as: UTF8.self)
        let start = DispatchTime.now().uptimeNanoseconds
        switch name.split(separator: "-").first {
        case "yaml": FuzzTargets.yaml(text)
        case "json": FuzzTargets.json(text)
        case "frontmatter": FuzzTargets.frontMatter(text)
        default: Issue.record("\(name) names no harness of ClaimLoad (yaml-, json-, frontmatter-)")
        }
        #expect(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < 10)
    }
}
