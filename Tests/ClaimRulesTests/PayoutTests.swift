import ClaimModel
import ClaimRules
import Foundation
import Testing

// Money is decimal: every amount here is built from text with `Decimal(string:)`, never from a
// binary floating-point literal.

private func dec(_ text: String) -> Decimal { Decimal(string: text)! }

private func day(_ text: String) -> Day { Day(text)! }

private let opportunityID = "7-3F2A1B9C"

/// A variable-pay engagement with the given rate and optional caps.
private func variableEngagement(rate: String, cap: String? = nil, share: String? = nil) -> Engagement {
    Engagement(
        id: "vp", name: "Variable", activity: .projectS, pay: .variable, customerIdTypes: [.msxOpportunityId],
        variablePay: VariablePay(
            hourlyRateUSD: dec(rate), minHours: 1, maxHours: 200,
            maxPayoutUSD: cap.map(dec), maxShareOfOpportunity: share.map(dec)),
        source: Build.at())
}

private func fixedEngagement(_ amount: String) -> Engagement {
    Engagement(
        id: "fx", name: "Fixed", activity: .workshop, pay: .fixed, customerIdTypes: CustomerIDType.fixedPayTypes,
        fixedPayoutUSD: dec(amount), source: Build.at())
}

private func opportunity(revenue: String) -> Opportunity {
    Opportunity(id: opportunityID, customer: "fabrikam", estimatedRevenueUSD: dec(revenue), source: Build.at())
}

private func variableClaim(hours: Int) -> Claim {
    Build.claim(engagement: "vp", nominatedBy: TypedID(type: .msxOpportunityId, value: opportunityID), hours: hours)
}

/// A claim approved on 2026-03-01, with `amountUSD` on its `approved` event when given.
private func approvedClaim(engagement: String = "fx", hours: Int? = nil, amount: String?) -> Claim {
    var claim = Build.claim(
        engagement: engagement, hours: hours,
        events: [
            ("2026-01-02", .consentRequested), ("2026-01-11", .consentAccepted), ("2026-01-20", .submitted),
        ])
    claim.events.append(
        ClaimEvent(
            on: day("2026-03-01"), type: .approved, amountUSD: amount.map(dec),
            location: SourceLocation(file: "t.yaml")))
    return claim
}

/// docs/rules.md#payouts, payout of fixed pay: "fixed pay `fixedPayoutUSD`".
@Suite struct FixedPayoutTests {
    @Test func fixedPayIsTheEngagementsAmount() {
        let result = Payout.amount(
            claim: Build.claim(), engagement: fixedEngagement("5000"),
            status: .consentReceived, opportunity: nil)
        #expect(result.amount == dec("5000"))
        #expect(result.approved == false)
    }

    @Test func fixedPayIsRoundedHalfUpToCents() {
        let result = Payout.amount(
            claim: Build.claim(), engagement: fixedEngagement("1234.565"),
            status: .submitted, opportunity: nil)
        #expect(result.amount == dec("1234.57"))
    }
}

/// docs/rules.md#payouts, variable pay: "min(hours × hourlyRateUSD, maxPayoutUSD,
/// maxShareOfOpportunity × estimatedRevenueUSD) (caps that are absent are skipped)".
@Suite struct VariablePayoutTests {
    @Test func noCapIsHoursTimesRate() {
        let result = Payout.amount(
            claim: variableClaim(hours: 40), engagement: variableEngagement(rate: "150"),
            status: .consentReceived, opportunity: opportunity(revenue: "45000"))
        #expect(result.amount == dec("6000"))
        #expect(result.approved == false)
    }

    @Test func maxPayoutCapsTheAmount() {
        let capped = Payout.amount(
            claim: variableClaim(hours: 40), engagement: variableEngagement(rate: "150", cap: "5000"),
            status: .submitted, opportunity: nil)
        #expect(capped.amount == dec("5000"))
        let notReached = Payout.amount(
            claim: variableClaim(hours: 40), engagement: variableEngagement(rate: "150", cap: "7000"),
            status: .submitted, opportunity: nil)
        #expect(notReached.amount == dec("6000"))
    }

    @Test func shareOfOpportunityCapsTheAmount() {
        // 0.10 × 45000 = 4500 < 40 × 150 = 6000.
        let capped = Payout.amount(
            claim: variableClaim(hours: 40), engagement: variableEngagement(rate: "150", share: "0.10"),
            status: .submitted, opportunity: opportunity(revenue: "45000"))
        #expect(capped.amount == dec("4500"))
        // 0.5 × 45000 = 22500 > 6000.
        let notReached = Payout.amount(
            claim: variableClaim(hours: 40), engagement: variableEngagement(rate: "150", share: "0.5"),
            status: .submitted, opportunity: opportunity(revenue: "45000"))
        #expect(notReached.amount == dec("6000"))
    }

    @Test func withBothCapsTheSmallestWins() {
        // hours × rate 6000, share 4500, cap 5000 → 4500.
        let shareWins = Payout.amount(
            claim: variableClaim(hours: 40),
            engagement: variableEngagement(rate: "150", cap: "5000", share: "0.10"),
            status: .submitted, opportunity: opportunity(revenue: "45000"))
        #expect(shareWins.amount == dec("4500"))
        // hours × rate 6000, share 4500, cap 4000 → 4000.
        let capWins = Payout.amount(
            claim: variableClaim(hours: 40),
            engagement: variableEngagement(rate: "150", cap: "4000", share: "0.10"),
            status: .submitted, opportunity: opportunity(revenue: "45000"))
        #expect(capWins.amount == dec("4000"))
        // hours × rate 1500 under both caps.
        let hoursWin = Payout.amount(
            claim: variableClaim(hours: 10),
            engagement: variableEngagement(rate: "150", cap: "4000", share: "0.10"),
            status: .submitted, opportunity: opportunity(revenue: "45000"))
        #expect(hoursWin.amount == dec("1500"))
    }

    @Test func aShareCapIsRoundedHalfUp() {
        // 0.0333 × 10000.5 = 333.01665 → 333.02.
        let result = Payout.amount(
            claim: variableClaim(hours: 40), engagement: variableEngagement(rate: "150", share: "0.0333"),
            status: .submitted, opportunity: opportunity(revenue: "10000.5"))
        #expect(result.amount == dec("333.02"))
    }
}

/// docs/rules.md#payouts: "for an approved claim with `amountUSD` on its `approved` event, that amount;
/// otherwise the engagement's payout". Pages say "approved" or "proposed".
@Suite struct ApprovedPayoutTests {
    @Test func approvedAmountOverridesFixedPay() {
        let result = Payout.amount(
            claim: approvedClaim(amount: "4321.5"), engagement: fixedEngagement("5000"),
            status: .approved, opportunity: nil)
        #expect(result.amount == dec("4321.50"))
        #expect(result.approved)
    }

    @Test func approvedAmountOverridesVariablePay() {
        let result = Payout.amount(
            claim: approvedClaim(engagement: "vp", hours: 40, amount: "1000"),
            engagement: variableEngagement(rate: "150", cap: "5000"),
            status: .approved, opportunity: nil)
        #expect(result.amount == dec("1000"))
        #expect(result.approved)
    }

    @Test func approvedWithoutAmountIsTheEngagementsPayout() {
        let fixed = Payout.amount(
            claim: approvedClaim(amount: nil), engagement: fixedEngagement("5000"),
            status: .approved, opportunity: nil)
        #expect(fixed.amount == dec("5000"))
        #expect(fixed.approved)
        let variable = Payout.amount(
            claim: approvedClaim(engagement: "vp", hours: 40, amount: nil),
            engagement: variableEngagement(rate: "150", share: "0.10"),
            status: .approved, opportunity: opportunity(revenue: "45000"))
        #expect(variable.amount == dec("4500"))
        #expect(variable.approved)
    }

    @Test func anApprovedAmountIsRoundedHalfUp() {
        let result = Payout.amount(
            claim: approvedClaim(amount: "2.675"), engagement: fixedEngagement("5000"),
            status: .approved, opportunity: nil)
        #expect(result.amount == dec("2.68"))
    }

    @Test func aZeroApprovedAmountIsStillTheApprovedAmount() {
        let result = Payout.amount(
            claim: approvedClaim(amount: "0"), engagement: fixedEngagement("5000"),
            status: .approved, opportunity: nil)
        #expect(result.amount == dec("0"))
        #expect(result.approved)
    }
}

/// docs/input-format.md and docs/rules.md#payouts: "rounded half-up to cents"; money "printed with two decimals".
@Suite struct MoneyRoundingTests {
    static let halfUp: [(String, String)] = [
        ("0.125", "0.13"), ("2.675", "2.68"), ("1.115", "1.12"), ("0.005", "0.01"), ("0.0049", "0"),
        ("0.994", "0.99"), ("99.995", "100"), ("1234.5", "1234.5"), ("7", "7"),
    ]

    @Test("half-up to cents", arguments: halfUp.map(\.0))
    func roundedToCents(_ input: String) throws {
        let expected = try #require(Self.halfUp.first { $0.0 == input }).1
        #expect(Payout.roundedToCents(dec(input)) == dec(expected))
    }

    @Test func variablePayIsRoundedHalfUp() {
        let cases: [(rate: String, hours: Int, expected: String)] = [
            ("0.125", 1, "0.13"), ("2.675", 1, "2.68"), ("10.333", 3, "31.00"), ("0.0025", 3, "0.01"),
        ]
        for c in cases {
            let result = Payout.amount(
                claim: variableClaim(hours: c.hours), engagement: variableEngagement(rate: c.rate),
                status: .submitted, opportunity: nil)
            #expect(result.amount == dec(c.expected), "\(c.hours) × \(c.rate)")
        }
    }

    static let printed: [(String, String)] = [
        ("5000", "5000.00"), ("0.5", "0.50"), ("0", "0.00"), ("1234.5", "1234.50"), ("12.34", "12.34"),
        ("2.675", "2.68"), ("0.125", "0.13"), ("99.999", "100.00"), ("1000000", "1000000.00"),
        ("5000.000", "5000.00"), ("0.005", "0.01"),
    ]

    @Test("moneyText has two decimals", arguments: printed.map(\.0))
    func moneyText(_ input: String) throws {
        let expected = try #require(Self.printed.first { $0.0 == input }).1
        #expect(dec(input).moneyText == expected)
    }
}

/// docs/rules.md#referrals: "Its link is `referralURL` with `{id}` replaced, percent-encoded except RFC
/// 3986 unreserved characters."
@Suite struct ReferralURLTests {
    static let pattern = "https://partner.example/referrals/{id}"

    @Test func aPlainIDIsInsertedAsIs() {
        #expect(
            Payout.referralURL(pattern: Self.pattern, id: "REF-889210")
                == "https://partner.example/referrals/REF-889210")
    }

    @Test func unreservedCharactersAreKept() {
        let unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
        #expect(
            Payout.referralURL(pattern: Self.pattern, id: unreserved) == "https://partner.example/referrals/"
                + unreserved)
    }

    static let encoded: [(String, String)] = [
        ("a b", "a%20b"), ("a/b", "a%2Fb"), ("a?b", "a%3Fb"), ("a&b", "a%26b"), ("a=b", "a%3Db"),
        ("a#b", "a%23b"), ("a+b", "a%2Bb"), ("100%", "100%25"), ("{id}", "%7Bid%7D"), (":@!", "%3A%40%21"),
        ("Müller", "M%C3%BCller"), ("é", "%C3%A9"), ("€", "%E2%82%AC"), ("😀", "%F0%9F%98%80"),
    ]

    @Test("reserved and non-ASCII characters are UTF-8 %XX, uppercase", arguments: encoded.map(\.0))
    func encodedCharacters(_ id: String) throws {
        let expected = try #require(Self.encoded.first { $0.0 == id }).1
        #expect(Payout.referralURL(pattern: Self.pattern, id: id) == "https://partner.example/referrals/" + expected)
    }

    @Test func onlyTheIDIsEncodedNotThePattern() {
        #expect(
            Payout.referralURL(pattern: "https://x.example/r?id={id}&v=1", id: "R 1/2")
                == "https://x.example/r?id=R%201%2F2&v=1")
    }
}

/// docs/rules.md#referrals, referral type and link through `Evaluator.evaluate`: "coSell when the claim
/// has ever received consent and the customer is coSellQualified; otherwise partnerLed".
@Suite struct ReferralTypeTests {
    static let consented: [(String, EventType)] = [("2026-01-02", .consentRequested), ("2026-01-11", .consentAccepted)]

    static func model(
        coSellQualified: Bool, events: [(String, EventType)],
        referralURL: String? = "https://partner.example/referrals/{id}", referralID: String? = "REF-889210",
        settings: Bool = true
    ) -> SiteModel {
        var model = SiteModel()
        if settings {
            model.settings = SiteSettings(
                title: "Portal", partnerName: "Contoso", referralURL: referralURL, source: Build.at())
        }
        model.engagements = [Build.engagement(referrals: true)]
        model.locations = [Location(id: "L1", name: "Berlin", mciRegistered: true, source: Build.at())]
        model.customers = [
            Customer(
                id: "fabrikam", name: "Fabrikam", emailDomain: "fabrikam.example",
                tpid: "100", coSellQualified: coSellQualified, source: Build.at())
        ]
        var claim = Build.claim(events: events)
        claim.referral = referralID.map { Referral(id: $0) }
        model.claims = [claim]
        return model
    }

    static func referral(_ model: SiteModel, asOf: String = "2026-03-01") throws -> ReferralFacts? {
        try #require(Evaluator.evaluate(model, asOf: day(asOf)).claim("C-1")).referral
    }

    @Test func consentedAndQualifiedIsCoSell() throws {
        let referral = try #require(try Self.referral(Self.model(coSellQualified: true, events: Self.consented)))
        #expect(referral.kind == .coSell)
        #expect(referral.id == "REF-889210")
        #expect(referral.url == "https://partner.example/referrals/REF-889210")
    }

    @Test func consentedButNotQualifiedIsPartnerLed() throws {
        let referral = try Self.referral(Self.model(coSellQualified: false, events: Self.consented))
        #expect(referral?.kind == .partnerLed)
    }

    @Test func qualifiedWithoutConsentIsPartnerLed() throws {
        let awaiting = try Self.referral(
            Self.model(coSellQualified: true, events: [("2026-01-02", .consentRequested)]),
            asOf: "2026-01-20")
        #expect(awaiting?.kind == .partnerLed)
        let declined = try Self.referral(
            Self.model(
                coSellQualified: true,
                events: [
                    ("2026-01-02", .consentRequested), ("2026-01-05", .consentDeclined),
                ]))
        #expect(declined?.kind == .partnerLed)
    }

    @Test func consentOnceReceivedStaysCoSellAfterTheClaimEnds() throws {
        let canceled = try Self.referral(
            Self.model(coSellQualified: true, events: Self.consented + [("2026-01-15", .canceled)]))
        #expect(canceled?.kind == .coSell)
        // Workshop submit deadline 2026-04-11 passes: notSubmittedExpired.
        let expired = try Self.referral(Self.model(coSellQualified: true, events: Self.consented), asOf: "2026-06-01")
        #expect(expired?.kind == .coSell)
    }

    @Test func consentAfterTheAsOfDateDoesNotCount() throws {
        let referral = try Self.referral(Self.model(coSellQualified: true, events: Self.consented), asOf: "2026-01-10")
        #expect(referral?.kind == .partnerLed)
    }

    @Test func noReferralURLMeansNoURL() throws {
        let withoutPattern = try Self.referral(
            Self.model(coSellQualified: true, events: Self.consented, referralURL: nil))
        #expect(withoutPattern != nil)
        #expect(withoutPattern?.url == nil)
        let withoutSettings = try Self.referral(
            Self.model(coSellQualified: true, events: Self.consented, settings: false))
        #expect(withoutSettings != nil)
        #expect(withoutSettings?.url == nil)
    }

    @Test func theURLEncodesTheID() throws {
        let referral = try Self.referral(
            Self.model(coSellQualified: false, events: [], referralID: "REF 1/ü"),
            asOf: "2026-01-05")
        #expect(referral?.url == "https://partner.example/referrals/REF%201%2F%C3%BC")
    }

    @Test func aClaimWithoutReferralIDHasNoReferral() throws {
        let referral = try Self.referral(Self.model(coSellQualified: true, events: Self.consented, referralID: nil))
        #expect(referral == nil)
    }
}

/// docs/rules.md#payouts payout as evaluated for a claim (`payoutUSD`): the nominated opportunity sets
/// the share cap; approved or proposed.
@Suite struct EvaluatedPayoutTests {
    static func model(events: [(String, EventType)], approvedAmount: String? = nil) -> SiteModel {
        var model = SiteModel()
        model.engagements = [variableEngagement(rate: "150", cap: "5000", share: "0.10")]
        model.locations = [Location(id: "L1", name: "Berlin", mciRegistered: true, source: Build.at())]
        model.customers = [
            Customer(id: "fabrikam", name: "Fabrikam", emailDomain: "fabrikam.example", source: Build.at())
        ]
        model.opportunities = [opportunity(revenue: "45000")]
        var claim = variableClaim(hours: 40)
        claim.events = events.map {
            ClaimEvent(
                on: day($0.0), type: $0.1, dealSizeUSD: $0.1 == .consentRequested ? 1000 : nil,
                location: SourceLocation(file: "t.yaml"))
        }
        if let approvedAmount {
            claim.events.append(
                ClaimEvent(
                    on: day("2026-03-01"), type: .approved, amountUSD: dec(approvedAmount),
                    location: SourceLocation(file: "t.yaml")))
        }
        model.claims = [claim]
        return model
    }

    @Test func proposedPayoutUsesTheNominatedOpportunity() throws {
        let facts = try #require(Evaluator.evaluate(Self.model(events: []), asOf: day("2026-01-05")).claim("C-1"))
        #expect(facts.payoutUSD == dec("4500"))
        #expect(facts.payoutIsApproved == false)
    }

    @Test func anApprovalAfterTheAsOfDateLeavesTheProposedPayout() throws {
        let events: [(String, EventType)] = [
            ("2026-01-02", .consentRequested), ("2026-01-11", .consentAccepted),
            ("2026-01-20", .submitted),
        ]
        let facts = try #require(
            Evaluator.evaluate(
                Self.model(events: events, approvedAmount: "1000"),
                asOf: day("2026-02-28")
            ).claim("C-1"))
        #expect(facts.state.status == .submitted)
        #expect(facts.payoutUSD == dec("4500"))
        #expect(facts.payoutIsApproved == false)
    }

    @Test func approvedPayoutIsTheApprovedAmount() throws {
        let events: [(String, EventType)] = [
            ("2026-01-02", .consentRequested), ("2026-01-11", .consentAccepted),
            ("2026-01-20", .submitted),
        ]
        let facts = try #require(
            Evaluator.evaluate(
                Self.model(events: events, approvedAmount: "3999.995"),
                asOf: day("2026-03-02")
            ).claim("C-1"))
        #expect(facts.state.status == .approved)
        #expect(facts.payoutUSD == dec("4000.00"))
        #expect(facts.payoutIsApproved)
    }
}

struct ReferralURLPlaceholderTests {
    @Test func everyPlaceholderIsReplacedByTheEncodedID() {
        #expect(
            Payout.referralURL(pattern: "https://r.example/{id}", id: "R 1/ü") == "https://r.example/R%201%2F%C3%BC")
        #expect(Payout.referralURL(pattern: "{id}{id}?x={id}", id: "a") == "aa?x=a")
        #expect(Payout.referralURL(pattern: "https://r.example/", id: "a") == "https://r.example/")
        #expect(Payout.referralURL(pattern: "{i{id}d}", id: "b") == "{ibd}")
        #expect(Payout.referralURL(pattern: "https://ré.example/{id}/ä", id: "c") == "https://ré.example/c/ä")
        #expect(Payout.referralURL(pattern: "{id", id: "c") == "{id")
    }
}
