import ClaimRules
import Testing

/// The contact address check of the flow checks (docs/rules.md#validation): on ASCII text it
/// reads bytes, and says what the character-by-character check says for every text.
@Suite struct EmailAddressTests {
    @Test func theByteCheckAgreesWithTheCharacterCheck() {
        // Every text of up to 6 characters from an alphabet of what matters, and some others.
        let alphabet: [Character] = ["a", "@", ".", " ", ",", "<", "\t", "é"]
        var texts = [""]
        var checked = 0
        for _ in 1...6 {
            texts = texts.flatMap { text in alphabet.map { text + String($0) } }
            for text in texts {
                #expect(
                    FlowChecks.isEmailAddress(text) == FlowChecks.isEmailAddressByCharacters(text),
                    "\(text.debugDescription)")
                checked += 1
            }
        }
        #expect(checked == 299_592)
        for text in ["anna@partner.example", "a@b.c", "a@b", "@b.c", "a@.c", "a@b.", "a@@b.c", "a b@c.d", "a\r\n@b.c"] {
            #expect(FlowChecks.isEmailAddress(text) == FlowChecks.isEmailAddressByCharacters(text), "\(text)")
        }
        #expect(FlowChecks.isEmailAddress("anna@partner.example"))
        #expect(!FlowChecks.isEmailAddress("anna@partner"))
        #expect(FlowChecks.isASCIIEmailAddress("é@b.c".utf8) == nil)
    }
}
