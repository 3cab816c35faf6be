import ClaimModel
import Foundation
import Testing

@Suite struct SuggestionTests {
    @Test func suggestsCloseNames() {
        #expect(Suggestion.closest(to: "custmer", in: ["customer", "customerContact", "createdOn"]) == "customer")
        #expect(
            Suggestion.closest(to: "azure-migrte", in: ["azure-migrate-workshop", "copilot-readiness"])
                == "azure-migrate-workshop")
        #expect(Suggestion.closest(to: "wrkshop", in: ["assessment", "workshop"]) == "workshop")
        #expect(Suggestion.closest(to: "Fabrikam", in: ["fabrikam", "northwind"]) == "fabrikam")
    }

    @Test func staysQuietWhenNothingIsClose() {
        #expect(Suggestion.closest(to: "zebra", in: ["customer", "engagement"]) == nil)
        #expect(Suggestion.closest(to: "x", in: [String]()) == nil)
        #expect(Suggestion.didYouMean("zebra", in: ["customer"]) == "")
    }

    @Test func breaksTiesByUTF8Order() {
        #expect(Suggestion.closest(to: "C1", in: ["C2", "C0"]) == "C0")
    }

    /// A million-character value is compared with nothing: the edit distance would cost the
    /// product of the lengths for each candidate (docs/input-format.md, Limits).
    @Test func longNamesTakeNoPartAndCostNothing() {
        let million = String(repeating: "fabrikam", count: 125_000)
        let candidates = (0..<2_000).map { "customer-\($0)" } + [million + "x"]
        let start = DispatchTime.now().uptimeNanoseconds
        #expect(Suggestion.closest(to: million, in: candidates) == nil)
        #expect(Suggestion.closest(to: "customer-1x", in: candidates) == "customer-1")
        #expect(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < 2)
        let longest = String(repeating: "a", count: Suggestion.maxLength)
        #expect(Suggestion.closest(to: longest, in: [longest + "b"]) == nil)
        #expect(Suggestion.closest(to: String(longest.dropLast()), in: [longest]) == longest)
    }
}
