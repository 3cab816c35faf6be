import ClaimModel
import Testing

/// IDs as keys compare, hash and sort by their UTF-8 bytes; domains and tenant IDs are lower-cased
/// in ASCII letters only (docs/input-format.md, "Comparing IDs").
@Suite struct ByteKeyTests {
    static let nfc = "K-\u{00E9}", nfd = "K-e\u{0301}"

    @Test func canonicallyEquivalentIDsAreTwoKeys() {
        #expect(Self.nfc == Self.nfd)  // Swift's String equality
        #expect(ByteKey(Self.nfc) != ByteKey(Self.nfd))
        #expect(!Self.nfc.sameUTF8(Self.nfd))
        #expect(Self.nfc.sameUTF8("K-\u{00E9}") && "".sameUTF8(""))
        #expect(Set([ByteKey(Self.nfc), ByteKey(Self.nfd), ByteKey("K-\u{00E9}")]).count == 2)
        var map: [ByteKey: Int] = [:]
        map[ByteKey(Self.nfc)] = 1
        map[ByteKey(Self.nfd)] = 2
        #expect(map[ByteKey(Self.nfc)] == 1 && map[ByteKey(Self.nfd)] == 2)
        #expect(map["K-e"] == nil)
    }

    @Test func equalKeysHashAlike() {
        var copy = "K-"
        copy += "\u{00E9}"  // the same bytes, built another way
        #expect(ByteKey(copy) == ByteKey(Self.nfc))
        #expect(ByteKey(copy).hashValue == ByteKey(Self.nfc).hashValue)
        // A bridged or substring-made string with the same bytes is the same key.
        let sub = String("xK-\u{00E9}".dropFirst())
        #expect(ByteKey(sub) == ByteKey(Self.nfc) && ByteKey(sub).hashValue == ByteKey(Self.nfc).hashValue)
    }

    @Test func keysSortByBytes() {
        #expect([ByteKey(Self.nfc), ByteKey("K-f"), ByteKey(Self.nfd)].sorted().map(\.string.utf8.count) == [5, 3, 4])
        #expect(ByteKey("C10") < ByteKey("C9"))
    }

    @Test func typedIDsCompareByBytes() {
        let a = TypedID(type: .tpid, value: Self.nfc), b = TypedID(type: .tpid, value: Self.nfd)
        #expect(a != b)
        #expect(Set([a, b, TypedID(type: .tpid, value: Self.nfc)]).count == 2)
        #expect(TypedID(type: .msxOpportunityId, value: "7-ABC") != TypedID(type: .msxOpportunityId, value: "7-abc"))
    }

    @Test func domainsAndTenantsAreLowerCasedInASCIIOnly() {
        #expect(TypedID(type: .domain, value: "Fabrikam.EXAMPLE").value == "fabrikam.example")
        #expect(TypedID(type: .tenantId, value: "0F8FAD5B-D9CB").value == "0f8fad5b-d9cb")
        #expect(TypedID(type: .domain, value: "fabrikam.example") == TypedID(type: .domain, value: "FABRIKAM.example"))
        // Non-ASCII letters are kept as they are (an international domain is written xn--…).
        #expect(
            Array(TypedID(type: .domain, value: "\u{00C4}BC.Example").value.utf8) == Array("\u{00C4}bc.example".utf8))
        // The Kelvin sign lower-cases to an ASCII k in Unicode; here it stays.
        #expect(Array("\u{212A}".asciiLowercased().utf8) == Array("\u{212A}".utf8))
        #expect("already lower".asciiLowercased() == "already lower")
        // Other types are kept as written.
        #expect(TypedID(type: .tpid, value: "AbC").value == "AbC")
    }

    @Test func lookAlikeForms() {
        #expect(Self.nfc.lookAlikeForm.sameUTF8(Self.nfd.lookAlikeForm))
        #expect("C-1".lookAlikeForm == "c-1")
        #expect("L-\u{00C9}".lookAlikeForm.sameUTF8("l-e\u{0301}".lookAlikeForm))
        #expect(!"K-e".lookAlikeForm.sameUTF8(Self.nfc.lookAlikeForm))
        #expect(!"K-\u{00E8}".lookAlikeForm.sameUTF8(Self.nfc.lookAlikeForm))
        #expect(
            Self.nfd.lookAlikeDifference(from: Self.nfc)
                == """
                only in Unicode normalisation, how accented letters are encoded ('K-e<U+0301>' here, 'K-<U+00E9>' \
                there)
                """
        )
        #expect("c-1".lookAlikeDifference(from: "C-1") == "only in letter case")
        #expect(
            "l-e\u{0301}".lookAlikeDifference(from: "L-\u{00C9}").hasPrefix(
                "only in Unicode normalisation or letter case ("))
    }
}
