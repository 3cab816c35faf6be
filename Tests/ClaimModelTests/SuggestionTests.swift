import ClaimModel
import Testing

@Suite struct SuggestionTests {
    @Test func suggestsCloseNames() {
        #expect(Suggestion.closest(to: "custmer", in: ["customer", "customerContact", "createdOn"]) == "customer")
        #expect(Suggestion.closest(to: "azure-migrte", in: ["azure-migrate-workshop", "copilot-readiness"]) == "azure-migrate-workshop")
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
}
