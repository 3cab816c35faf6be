import ClaimSiteTesting
import Foundation
import Testing

@testable import ClaimRender

/// The minimized inputs of the markdown and template harnesses (`Fuzz/harnesses/`), fed to the
/// code they run: each must finish without a crash, a trap or a hang. The inputs are the files
/// of `FuzzRegressions/`, each named after its harness (`markdown-…`, `template-…`).
@Suite struct RenderFuzzRegressionTests {
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
        switch name.split(separator: "-").first {
        case "markdown": _ = Markdown.html(text)
        case "template": TemplateFuzzTarget.run(text)
        default: Issue.record("\(name) names no harness of ClaimRender (markdown-, template-)")
        }
        #expect(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < 10)
    }
}
