import ClaimModel
import Foundation
import Testing

@testable import ClaimRender

/// How values are written on pages.
@Suite struct FormatsTests {
    func money(_ text: String) -> String { Speech.english.money(Decimal(string: text)!) }

    @Test func moneyHasCentsAndThousandsSeparators() {
        #expect(money("0") == "USD\u{A0}0.00")
        #expect(money("7") == "USD\u{A0}7.00")
        #expect(money("999.5") == "USD\u{A0}999.50")
        #expect(money("1000") == "USD\u{A0}1,000.00")
        #expect(money("5000") == "USD\u{A0}5,000.00")
        #expect(money("12345") == "USD\u{A0}12,345.00")
        #expect(money("100000") == "USD\u{A0}100,000.00")
        #expect(money("1000000") == "USD\u{A0}1,000,000.00")
        #expect(money("60000.1") == "USD\u{A0}60,000.10")
    }

    @Test func moneyIsRoundedToCents() {
        #expect(money("1234567.891") == "USD\u{A0}1,234,567.89")
        #expect(money("0.005") == "USD\u{A0}0.01")
        #expect(money("0.004") == "USD\u{A0}0.00")
        #expect(money("2499.999") == "USD\u{A0}2,500.00")
    }

    @Test func negativeMoneyKeepsItsSignBeforeTheDigits() {
        #expect(money("-1234.5") == "USD\u{A0}-1,234.50")
        #expect(money("-100") == "USD\u{A0}-100.00")
    }

    @Test func daysLeftInWords() {
        let asOf = Day("2026-11-29")!
        #expect(Speech.english.daysLeft(asOf, asOf: asOf) == "due today")
        #expect(Speech.english.daysLeft(asOf.adding(days: 1), asOf: asOf) == "1 day left")
        #expect(Speech.english.daysLeft(asOf.adding(days: 12), asOf: asOf) == "12 days left")
        #expect(Speech.english.daysLeft(asOf.adding(days: -1), asOf: asOf) == "passed yesterday")
        #expect(Speech.english.daysLeft(asOf.adding(days: -3), asOf: asOf) == "passed 3 days ago")
    }

    @Test func linksClimbOneLevelPerFolder() {
        #expect(Links(page: "index.html").to("claims/C-1.html") == "claims/C-1.html")
        #expect(Links(page: "claims/C-1.html").to("index.html") == "../index.html")
        #expect(Links(page: "engagements/ws/index.html").to("assets/claimsite.css") == "../../assets/claimsite.css")
    }
}
