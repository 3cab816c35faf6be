import ClaimModel
import Testing

@testable import ClaimRender
@testable import TypedMustache

/// Every page template runs as flat instructions (`FlatTemplate`) in both languages: none
/// includes a partial or block on an indented line of its own (which would keep the token
/// renderer, at about a quarter more time per page).
@Suite struct FlatPageTemplateTests {
    @Test func everyPageTemplateIsFlatInBothLanguages() {
        for language in [Language.en, .de] {
            let renderer = TemplateSet.load(overrides: [:], language: language).compiled().renderer
            for kind in PageKind.all {
                #expect(renderer.flat[kind.template] != nil, "\(kind.template) in \(language)")
            }
        }
    }
}
