import Testing

@testable import ClaimRender

/// Safe, stable page names (docs/output.md#file-names). The hashed names are pinned: they are part of the
/// output (links, report.json), so the hash that makes them must never change.
@Suite struct PagePathsTests {
    let paths = PagePaths(
        claims: ["C-1", "C 1", "../etc/passwd", ".hidden", "X", "x", "MCI-000154", "a.b_c-d"],
        engagements: ["azure-migrate-workshop", "Work shop"],
        customers: ["trey-research", "Zeta Énergie"],
        pages: ["about"])

    @Test func plainIDsKeepTheirNames() {
        #expect(paths.claim("C-1") == "claims/C-1.html")
        #expect(paths.claim("MCI-000154") == "claims/MCI-000154.html")
        #expect(paths.claim("a.b_c-d") == "claims/a.b_c-d.html")
        #expect(paths.engagement("azure-migrate-workshop") == "engagements/azure-migrate-workshop/index.html")
        #expect(paths.customer("trey-research") == "customers/trey-research.html")
        #expect(paths.page("about") == "pages/about.html")
    }

    @Test func unsafeIDsGetASanitisedStemAndAnFNVHash() {
        #expect(paths.claim("C 1") == "claims/c_1-0cc1de19ab52ee65.html")
        #expect(paths.claim("../etc/passwd") == "claims/___etc_passwd-50b77b6a8af564ef.html")
        #expect(paths.claim(".hidden") == "claims/_hidden-28280da0cdcb6865.html")
        #expect(paths.customer("Zeta Énergie") == "customers/zeta__nergie-65809e38b7333591.html")
        #expect(paths.engagement("Work shop").hasPrefix("engagements/work_shop-"))
    }

    @Test func idsThatClashIgnoringCaseAreBothHashed() {
        #expect(paths.claim("X") == "claims/x-af64154c86024d67.html")
        #expect(paths.claim("x") == "claims/x-af63f54c86021707.html")
        #expect(paths.claim("X").lowercased() != paths.claim("x").lowercased())
    }

    @Test func idsThatDifferOnlyInNormalisationGetTwoNames() {
        let nfc = "K-\u{00E9}", nfd = "K-e\u{0301}"
        let paths = PagePaths(claims: [nfc, nfd], engagements: [nfd, nfc], customers: [nfc], pages: [])
        #expect(nfc == nfd)  // for Swift's String they are one
        #expect(paths.claim(nfc) == "claims/k-_-\(PagePaths.hashed(nfc).suffix(16)).html")
        #expect(paths.claim(nfd) == "claims/k-e_-\(PagePaths.hashed(nfd).suffix(16)).html")
        #expect(paths.claim(nfc) != paths.claim(nfd))
        #expect(paths.engagement(nfc) != paths.engagement(nfd))
        // Not case-insensitive clashes: the names differ in more than case.
        #expect(paths.claim(nfc).lowercased() != paths.claim(nfd).lowercased())
        // The case-insensitive clash of plain IDs still hashes both, whatever else is there.
        let mixed = PagePaths(claims: ["X", "x", nfc, nfd, "Y"], engagements: [], customers: [])
        #expect(mixed.claim("X") == "claims/x-af64154c86024d67.html")
        #expect(mixed.claim("x") == "claims/x-af63f54c86021707.html")
        #expect(mixed.claim("Y") == "claims/Y.html")
    }

    @Test func emailFileNamesLowerCaseASCIILettersOnly() {
        #expect(EmailExports.fileName(for: "Anna.Berg@Partner.example") == "anna.berg@partner.example")
        // The Kelvin sign's Unicode lower case is an ASCII k: it must not take k@x.example's name.
        #expect(EmailExports.fileName(for: "\u{212A}@x.example") == PagePaths.hashed("\u{212A}@x.example"))
        #expect(EmailExports.fileName(for: "\u{212A}@x.example") != EmailExports.fileName(for: "k@x.example"))
    }

    @Test func edgeCasesOfTheHashedName() {
        #expect(PagePaths.hashed("") == "id-cbf29ce484222325")
        #expect(PagePaths.hashed("nope") == "nope-3beb1bbad14c75e1")
        // Stems stop at 40 scalars; an ID longer than 200 bytes is never used as it is.
        #expect(
            PagePaths.hashed("Ünïcödé-ID/with spaces and a very long tail that goes on")
                == "_n_c_d_-id_with_spaces_and_a_very_long_t-677cfc55087446b4")
        let long = String(repeating: "A", count: 201)
        #expect(!PagePaths.isPlain(long))
        #expect(PagePaths.isPlain(String(repeating: "A", count: 200)))
        #expect(PagePaths.hashed(long) == String(repeating: "a", count: 40) + "-325376671f6d4f24")
        // An ID the paths were not made for is hashed even when plain.
        #expect(paths.claim("nope") == "claims/nope-3beb1bbad14c75e1.html")
    }

    @Test func whatCountsAsPlain() {
        for id in ["C-1", "a.b", "under_score", "0", "A.B-C_D"] { #expect(PagePaths.isPlain(id), "\(id)") }
        for id in ["", ".x", "a b", "a/b", "é", "a:b", "a%20", "a\\b"] { #expect(!PagePaths.isPlain(id), "\(id)") }
    }
}
