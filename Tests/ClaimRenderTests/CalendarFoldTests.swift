import Testing

@testable import ClaimRender

/// The calendar's fast ways of folding a content line give what the general one gives.
@Suite struct CalendarFoldTests {
    @Test func linesOfSingleScalarCharactersFoldAsTheGeneralPathDoes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcXYZ019 ;,:\\-=\"'\t<>–“”·éü€😀".unicodeScalars)
        for length in [0, 1, 74, 75, 76, 148, 149, 150, 223, 224, 225, 1_000]
            + (0..<200).map({ _ in Int.random(in: 0...600, using: &generator) })
        {
            var line = ""
            for _ in 0..<length { line.unicodeScalars.append(alphabet.randomElement(using: &generator)!) }
            #expect(CalendarExport.folded(line) == CalendarExport.foldedByCharacter(line), "length \(length)")
        }
    }

    @Test func shortAndNonASCIILinesToo() {
        for line in [
            "", "SUMMARY:Fabrikam", String(repeating: "é", count: 60), String(repeating: "a", count: 74) + "⚡️" + "b",
            String(repeating: "e\u{301}", count: 50), String(repeating: "ab\r\n", count: 40),
            String(repeating: "👍🏽x", count: 30),
            "DESCRIPTION:" + String(repeating: "Müller ", count: 30),
        ] {
            #expect(CalendarExport.folded(line) == CalendarExport.foldedByCharacter(line))
        }
        // A folded line: 75 octets, then a space and at most 74.
        let folded = CalendarExport.folded(String(repeating: "x", count: 200))
        #expect(folded.split(separator: "\r\n").map(\.utf8.count) == [75, 75, 52])
    }
}
