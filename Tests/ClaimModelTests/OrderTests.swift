import ClaimModel
import Testing

/// The UTF-8 byte order of IDs and file names (docs/input-format.md), and source positions.
@Suite struct UTF8OrderTests {
    @Test func sortsByBytesNotByNumberOrLocale() {
        #expect("C10".precedesByUTF8("C9"))
        #expect(!"C9".precedesByUTF8("C10"))
        #expect("C1".precedesByUTF8("C10"))
        #expect(!"C10".precedesByUTF8("C1"))
        // Upper case (0x41...) before lower case (0x61...), ASCII before any other scalar.
        #expect("Z".precedesByUTF8("a"))
        #expect("z".precedesByUTF8("é"))
        #expect("-".precedesByUTF8("0") && "0".precedesByUTF8("_"))
        #expect("".precedesByUTF8("a"))
        #expect(
            ["C9", "c1", "C10", "C1", "B", "Ä", "a"].sorted { $0.precedesByUTF8($1) } == [
                "B", "C1", "C10", "C9", "a", "c1", "Ä",
            ])
    }

    @Test func isAStrictOrder() {
        for text in ["", "C10", "é", "e\u{301}"] { #expect(!text.precedesByUTF8(text), "\(text)") }
        // Canonically equivalent strings are equal for Swift's == but differ in bytes: the
        // decomposed form (65 CC 81) precedes the composed one (C3 A9).
        #expect("e\u{301}" == "é")
        #expect("e\u{301}".precedesByUTF8("é"))
        #expect(!"é".precedesByUTF8("e\u{301}"))
    }
}

@Suite struct SourceLocationTests {
    @Test func printsAsCompilersDo() {
        #expect(SourceLocation(file: "Content/site.yaml").description == "Content/site.yaml")
        #expect(SourceLocation(file: "Content/site.yaml", line: 3).description == "Content/site.yaml:3")
        #expect(
            SourceLocation(file: "Content/data/claims/a.yaml", line: 12, column: 7).description
                == "Content/data/claims/a.yaml:12:7")
        #expect(SourceLocation(file: "a.yaml", line: 0, column: 5).description == "a.yaml")
    }

    @Test func ordersByFileBytesThenLineThenColumn() {
        let locations = [
            SourceLocation(file: "b.yaml", line: 1, column: 1),
            SourceLocation(file: "a10.yaml", line: 2, column: 1),
            SourceLocation(file: "a9.yaml", line: 1, column: 1),
            SourceLocation(file: "a10.yaml", line: 1, column: 9),
            SourceLocation(file: "a10.yaml", line: 1, column: 2),
            SourceLocation(file: "a10.yaml"),
        ]
        #expect(
            locations.sorted().map(\.description) == [
                "a10.yaml", "a10.yaml:1:2", "a10.yaml:1:9", "a10.yaml:2:1", "a9.yaml:1:1", "b.yaml:1:1",
            ])
    }

    @Test func aSourceMapPointsAtAFieldElseAtTheRecord() {
        var map = SourceMap(start: SourceLocation(file: "c.yaml", line: 4, column: 3))
        map.record("events.1.on", line: 9, column: 11)
        #expect(map["events.1.on"].description == "c.yaml:9:11")
        #expect(map["missing"].description == "c.yaml:4:3")
        #expect(map.fields == ["events.1.on": SourceLocation(file: "c.yaml", line: 9, column: 11)])
    }
}

/// The order in which problems are printed (README: sorted by file and position).
@Suite struct DiagnosticOrderTests {
    /// A diagnostic as (place, severity, message), independent of any other field it may carry.
    func summary(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { "\($0.location?.description ?? "-") \($0.severity.rawValue) \($0.message)" }
    }

    @Test func sortsByFileLineColumnThenErrorsFirstThenMessage() {
        let b = SourceLocation(file: "Content/b.yaml", line: 2, column: 1)
        let a10 = SourceLocation(file: "Content/a10.yaml", line: 5, column: 3)
        let a9 = SourceLocation(file: "Content/a9.yaml", line: 1, column: 1)
        let diagnostics: [Diagnostic] = [
            .warning(.missingField, at: b, "w on b"),
            .error(.missingField, at: b, "e on b"),
            .warning(.missingField, at: a9, "w on a9"),
            .error(.missingField, at: nil, "no file: second"),
            .error(.missingField, at: SourceLocation(file: "Content/a10.yaml", line: 5, column: 2), "column 2"),
            .error(.missingField, at: a10, "Zeta"),
            .error(.missingField, at: a10, "alpha"),
            .warning(.missingField, at: nil, "no file: a warning"),
            .error(.missingField, at: nil, "no file: first"),
            .error(.missingField, at: SourceLocation(file: "Content/a10.yaml", line: 1), "line 1"),
        ]
        #expect(
            summary(diagnostics.sortedForOutput()) == [
                "- error no file: first",
                "- error no file: second",
                "- warning no file: a warning",
                "Content/a10.yaml:1 error line 1",
                "Content/a10.yaml:5:2 error column 2",
                "Content/a10.yaml:5:3 error Zeta",
                "Content/a10.yaml:5:3 error alpha",
                "Content/a9.yaml:1:1 warning w on a9",
                "Content/b.yaml:2:1 error e on b",
                "Content/b.yaml:2:1 warning w on b",
            ])
    }

    @Test func dropsExactRepeatsAndIsStableUnderShuffling() {
        let here = SourceLocation(file: "x.yaml", line: 1, column: 1)
        let diagnostics: [Diagnostic] = [
            .error(.missingField, at: here, "same"), .warning(.missingField, at: here, "same"),
            .error(.missingField, at: here, "same"), .error(.missingField, at: nil, "other"),
            .error(.unknownField, at: here, "same"),  // another code: not a repeat
        ]
        let sorted = diagnostics.sortedForOutput()
        #expect(
            summary(sorted) == [
                "- error other", "x.yaml:1:1 error same", "x.yaml:1:1 error same", "x.yaml:1:1 warning same",
            ])
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 { #expect(diagnostics.shuffled(using: &generator).sortedForOutput() == sorted) }
    }

    @Test func errorsDecideFailure() {
        #expect([Diagnostic.warning(.missingField, at: nil, "w")].hasErrors == false)
        #expect([Diagnostic.warning(.missingField, at: nil, "w"), .error(.missingField, at: nil, "e")].hasErrors)
        #expect([Diagnostic]().hasErrors == false)
        #expect(Severity.error < Severity.warning)
    }
}
