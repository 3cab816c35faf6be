import ClaimRender
import Foundation
import Testing

/// `report.json`'s writer: quoting, key order and layout.
@Suite struct JSONValueTests {
    @Test func stringsAreQuotedAndEscaped() {
        #expect(JSONValue.string("plain").rendered() == "\"plain\"\n")
        #expect(JSONValue.string("a\"b\\c\nd\re\tf").rendered() == "\"a\\\"b\\\\c\\nd\\re\\tf\"\n")
        #expect(JSONValue.string("\u{01}\u{1F}").rendered() == "\"\\u0001\\u001f\"\n")
        #expect(JSONValue.string("\u{7F}/").rendered() == "\"\u{7F}/\"\n")
        #expect(JSONValue.string("").rendered() == "\"\"\n")
    }

    @Test func lineAndParagraphSeparatorsAreEscapedOtherTextIsKept() {
        #expect(JSONValue.string("a\u{2028}b\u{2029}c").rendered() == "\"a\\u2028b\\u2029c\"\n")
        #expect(JSONValue.string("\u{2028}\u{2028}").rendered() == "\"\\u2028\\u2028\"\n")
        // Other scalars whose UTF-8 starts with E2 stay as they are.
        #expect(JSONValue.string("€ → ‘x’ …").rendered() == "\"€ → ‘x’ …\"\n")
        #expect(JSONValue.string("Zeta Énergie 😀").rendered() == "\"Zeta Énergie 😀\"\n")
    }

    @Test func theOutputIsValidJSONThatReadsBack() throws {
        let hostile = "q\"\\\n\r\t\u{00}\u{1B}\u{2028}\u{2029}€é😀"
        let data = Data(JSONValue.object(["k": .string(hostile)]).bytes())
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
        #expect(object["k"] == hostile)
    }

    @Test func keysAreSortedByUTF8AndTheLayoutIsFixed() {
        let value = JSONValue.object([
            "b": .int(1), "B": .bool(false), "a10": .null, "a9": .number("5000.00"), "é": .optional(nil),
            "list": .array([.int(1), .null, .bool(true), .object(["x": .string("y")])]), "empty": .array([]),
            "obj": .object([:]),
        ])
        #expect(
            value.rendered() == """
                {
                  "B": false,
                  "a10": null,
                  "a9": 5000.00,
                  "b": 1,
                  "empty": [],
                  "list": [
                    1,
                    null,
                    true,
                    {
                      "x": "y"
                    }
                  ],
                  "obj": {},
                  "é": null
                }

                """)
        #expect(value.bytes() == Array(value.rendered().utf8))
    }
}
