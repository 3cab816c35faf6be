import ClaimModel
import Testing

@testable import ClaimRender
@testable import TypedMustache

/// The claim page, the page a build renders once per claim, runs as flat instructions
/// (`FlatTemplate`) in both languages; pages whose templates indent a partial keep their tokens.
@Suite struct FlatPageTemplateTests {
    @Test func theClaimPageIsFlatInBothLanguages() {
        for language in [Language.en, .de] {
            let renderer = TemplateSet.load(overrides: [:], language: language).compiled().renderer
            #expect(renderer.flat["claim"] != nil, "\(language)")
            #expect(renderer.flat["engagement"] == nil, "its claim list indents a partial")
        }
    }
}
