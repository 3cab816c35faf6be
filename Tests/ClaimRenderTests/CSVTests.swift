import ClaimRender
import Foundation
import Testing

/// The CSV writer on its own (the exports built from it are tested in ClaimSiteTests).
@Suite struct CSVTests {
    @Test func everyFormulaStartIsNeutralised() {
        for start in ["=", "+", "-", "@", "\t", "\r"] {
            #expect(CSV.neutralised(start + "1+1") == "'" + start + "1+1", "\(start.debugDescription)")
        }
        #expect(CSV.formulaStarts == ["=", "+", "-", "@", "\t", "\r"])
    }

    @Test func onlyTheFirstScalarCounts() {
        for value in ["", " =1", "1-2", "a@b.example", "'=1", "\n=1", "Ünïcödé", "MCI-000154"] {
            #expect(CSV.neutralised(value) == value, "\(value.debugDescription)")
        }
    }

    @Test func aNeutralisedValueIsQuotedWhenItMustBe() {
        #expect(CSV.field("=SUM(A1,A2)") == "\"'=SUM(A1,A2)\"")
        #expect(CSV.field("-\"x\"") == "\"'-\"\"x\"\"\"")
        #expect(CSV.field("@x") == "'@x")
        #expect(CSV.field("\n") == "\"\n\"")
        #expect(CSV.field("\"") == "\"\"\"\"")
    }

    @Test func recordsEndWithCRLF() {
        #expect(CSV.record([]) == "\r\n")
        #expect(CSV.record(["a"]) == "a\r\n")
        #expect(CSV.record(["a", "", "b,c", "+1"]) == "a,,\"b,c\",'+1\r\n")
        #expect(CSV.document(header: ["id"], rows: []) == Data("id\r\n".utf8))
    }
}
