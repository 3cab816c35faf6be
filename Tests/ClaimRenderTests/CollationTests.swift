import ClaimModel
import Testing

@testable import ClaimRender

/// Names people read sort in the language's collation (docs/languages.md), not by their bytes.
@Suite struct CollationTests {
    @Test(arguments: [Language.en, .de])
    func namesSortAsTheLanguageSortsThem(_ language: Language) {
        #expect(Formats.collates("Müller GmbH", before: "Zeta AG", in: language) == true)
        #expect(Formats.collates("Zeta AG", before: "Müller GmbH", in: language) == false)
        // By bytes "Muster" and "Zeta" come before "Müller"/"Ökonomie"; by collation they do not.
        #expect(Formats.collates("Müller GmbH", before: "Muster AG", in: language) == true)
        #expect(Formats.collates("Ökonomie", before: "Zeta AG", in: language) == true)
        #expect(Formats.collates("about", before: "Beta", in: language) == true)
        #expect(Formats.collates("Same", before: "Same", in: language) == nil)
    }
}
