import ClaimModel
import ClaimRules
import Testing

// Microsoft's other Ineligible reasons (docs/rules.md#verdicts): a verdict of eligibility.yaml,
// the domain ↔ tenant rule, its place among the Ineligible tab's reasons and nominate's
// precedence, the other IDs nominate checks, and the type check. One row per rule.

private typealias F = TabFixture
private let consent = Verdict.consentGivenToAnotherPartner
private let participated = Verdict.participatedWithAnotherPartner

private func list(
    tenantIds: [String] = [], tpids: [String] = [], elsewhere: [TypedID: Int] = [:],
    verdicts: [TypedID: Verdict]
) -> EligibilityList {
    var l = F.list("ws", tenantIds: tenantIds, tpids: tpids, elsewhere: elsewhere)
    l.verdicts = verdicts
    return l
}

/// The directory of every test: two domains of tenant `aaaa`, one of `bbbb`.
private let directory = ["a.example": "aaaa", "a2.example": "aaaa", "b.example": "bbbb"]

private func index(_ verdicts: [TypedID: Verdict], types: [CustomerIDType] = CustomerIDType.fixedPayTypes)
    -> (EligibilityResolver, Engagement)
{
    let ws = Build.engagement("ws", types: types)
    let model = F.model(
        engagements: [ws], claims: [], directory: directory,
        eligibility: [list(tenantIds: ["aaaa", "bbbb"], tpids: ["T1"], verdicts: verdicts)])
    return (EligibilityResolver(index: SiteIndex(model), consented: [:]), ws)
}

struct VerdictCheckCase: Sendable, CustomTestStringConvertible {
    let rule: String
    let verdicts: [TypedID: Verdict]
    var types: [CustomerIDType] = CustomerIDType.fixedPayTypes
    let id: TypedID
    let expected: IDCheck
    var testDescription: String { rule }
}

private let checkCases: [VerdictCheckCase] = [
    VerdictCheckCase(
        rule: "a verdict on the ID itself", verdicts: [TID.tpid("T1"): consent], id: TID.tpid("T1"),
        expected: .verdict(RecordedVerdict(verdict: consent, on: TID.tpid("T1")))),
    VerdictCheckCase(
        rule: "no verdict: the list decides", verdicts: [TID.tpid("T9"): consent], id: TID.tpid("T1"),
        expected: .eligible),
    VerdictCheckCase(
        rule: "a domain verdict applies to the domain's tenant", verdicts: [TID.domain("a.example"): participated],
        id: TID.tenant("aaaa"),
        expected: .verdict(RecordedVerdict(verdict: participated, on: TID.domain("a.example")))),
    VerdictCheckCase(
        rule: "a tenant verdict applies to every domain the directory maps to it",
        verdicts: [TID.tenant("aaaa"): consent], id: TID.domain("a2.example"),
        expected: .verdict(RecordedVerdict(verdict: consent, on: TID.tenant("aaaa")))),
    VerdictCheckCase(
        rule: "a domain verdict reaches another domain of the same tenant through it",
        verdicts: [TID.domain("a.example"): consent], id: TID.domain("a2.example"),
        expected: .verdict(RecordedVerdict(verdict: consent, on: TID.domain("a.example")))),
    VerdictCheckCase(
        rule: "a domain verdict does not reach another tenant", verdicts: [TID.domain("a.example"): consent],
        id: TID.domain("b.example"), expected: .eligible),
    VerdictCheckCase(
        rule: "the ID's own verdict comes before its tenant's",
        verdicts: [TID.domain("a.example"): participated, TID.tenant("aaaa"): consent], id: TID.domain("a.example"),
        expected: .verdict(RecordedVerdict(verdict: participated, on: TID.domain("a.example")))),
    VerdictCheckCase(
        rule: "a tenant's own verdict comes before its domains'",
        verdicts: [TID.domain("a.example"): participated, TID.tenant("aaaa"): consent], id: TID.tenant("aaaa"),
        expected: .verdict(RecordedVerdict(verdict: consent, on: TID.tenant("aaaa")))),
    VerdictCheckCase(
        rule: "of two domains of one tenant, the first by its bytes speaks for the tenant",
        verdicts: [TID.domain("a2.example"): participated, TID.domain("a.example"): consent], id: TID.tenant("aaaa"),
        expected: .verdict(RecordedVerdict(verdict: consent, on: TID.domain("a.example")))),
    VerdictCheckCase(
        rule: "a verdict on a domain missing from the directory still counts (before cannotCheck)",
        verdicts: [TID.domain("z.example"): consent], id: TID.domain("z.example"),
        expected: .verdict(RecordedVerdict(verdict: consent, on: TID.domain("z.example")))),
    VerdictCheckCase(
        rule: "a type the engagement does not accept comes first", verdicts: [TID.tpid("T1"): consent],
        types: [.tenantId], id: TID.tpid("T1"), expected: .typeNotAccepted),
]

@Test(arguments: checkCases)
func aVerdictMakesAnIDNotEligible(_ c: VerdictCheckCase) {
    let (resolver, ws) = index(c.verdicts, types: c.types)
    #expect(resolver.check(c.id, for: ws) == c.expected)
}

@Suite struct VerdictTabTests {
    /// A known customer whose candidates are `candidates` (consented claims in another engagement).
    private func model(
        verdicts: [TypedID: Verdict], locations: [Location] = [F.location()], limit: Int? = nil,
        elsewhere: [TypedID: Int] = [:]
    ) -> SiteModel {
        F.model(
            engagements: [Build.engagement("ws", limit: limit), Build.engagement("other")],
            claims: [
                F.consented("K1", customer: "k", by: TID.tpid("T9"), on: "2026-05-01"),  // not listed
                F.consented("K2", customer: "k", by: TID.tpid("T1"), on: "2026-05-02"),  // listed
                F.consented("K3", customer: "k", by: TID.domain("a.example"), on: "2026-05-03"),  // listed tenant
            ], customers: ["k"], locations: locations, directory: directory,
            eligibility: [list(tenantIds: ["aaaa"], tpids: ["T1"], elsewhere: elsewhere, verdicts: verdicts)])
    }

    @Test func aVerdictOnEveryListedCandidateGivesTheFirstVerdictAsTheReason() throws {
        let tabs = try #require(
            F.tabs(model(verdicts: [TID.tpid("T1"): participated, TID.tenant("aaaa"): consent]), "ws"))
        #expect(tabs.rows == [])
        // T9 (first) is not on the list; T1 (second) has the first verdict: the reason is its verdict.
        #expect(
            F.rows(tabs) == [
                IRow(
                    "k", .participatedWithAnotherPartner,
                    .candidate(TID.tpid("T1"), .verdict(RecordedVerdict(verdict: participated, on: TID.tpid("T1")))))
            ])
    }

    @Test func theFirstCandidateWithAVerdictGivesTheReason() throws {
        // T1 (second candidate) and a.example (third, through its tenant) both have verdicts: T1's wins.
        let tabs = try #require(
            F.tabs(model(verdicts: [TID.tpid("T1"): consent, TID.domain("a.example"): participated]), "ws"))
        #expect(F.rows(tabs).map(\.reason) == [.consentGivenToAnotherPartner])
    }

    @Test func aVerdictNamesTheIDItIsRecordedOnThroughTheDirectory() throws {
        // d was nominated by a.example, so its candidate is the domain's tenant aaaa; the verdict
        // is recorded on a2.example, the tenant's other domain, and the row names both.
        let m = F.model(
            engagements: [Build.engagement("ws"), Build.engagement("other")],
            claims: [F.consented("K1", customer: "d", by: TID.domain("a.example"), on: "2026-05-01")],
            customers: ["d"], directory: directory,
            eligibility: [list(tenantIds: ["aaaa"], verdicts: [TID.domain("a2.example"): participated])])
        let tabs = try #require(F.tabs(m, "ws"))
        #expect(tabs.rows == [])
        #expect(
            F.rows(tabs) == [
                IRow(
                    "d", .participatedWithAnotherPartner,
                    .candidate(
                        TID.tenant("aaaa"),
                        .verdict(RecordedVerdict(verdict: participated, on: TID.domain("a2.example")))))
            ])
    }

    @Test func anEligibleCandidateWinsOverAnotherCandidatesVerdict() throws {
        let tabs = try #require(F.tabs(model(verdicts: [TID.tpid("T1"): consent]), "ws"))
        #expect(tabs.rows == [.customer("k", qualifyingID: TID.tenant("aaaa"))])
        #expect(tabs.ineligible.isEmpty)
    }

    @Test func noEligibleLocationComesBeforeAVerdict() throws {
        let tabs = try #require(
            F.tabs(
                model(
                    verdicts: [TID.tpid("T1"): consent, TID.tenant("aaaa"): consent],
                    locations: [F.location("L1", registered: false)]), "ws"))
        #expect(F.rows(tabs) == [IRow("k", .noEligibleLocation, .noEligibleLocation)])
    }

    @Test func aVerdictComesBeforeCriteriaNotMetAndTheClaimLimit() throws {
        // Without verdicts the customer qualifies by T1 and is at the limit through activeClaimsElsewhere.
        let limited = try #require(
            F.tabs(model(verdicts: [:], limit: 1, elsewhere: [TID.tpid("T1"): 1]), "ws"))
        #expect(F.rows(limited).map(\.reason) == [.claimLimitReached])
        let judged = try #require(
            F.tabs(
                model(
                    verdicts: [TID.tpid("T1"): consent, TID.tenant("aaaa"): consent], limit: 1,
                    elsewhere: [TID.tpid("T1"): 1]), "ws"))
        #expect(F.rows(judged).map(\.reason) == [.consentGivenToAnotherPartner])
    }

    @Test func aClaimNominatedByAnIDWithAVerdictDrawsTheEligibilityWarning() {
        var m = model(verdicts: [TID.tpid("T1"): consent])
        m.claims.append(Build.claim("W1", engagement: "ws", customer: "k", nominatedBy: TID.tpid("T1")))
        let evaluation = Evaluator.evaluate(m, asOf: F.asOf)
        let warnings = evaluation.diagnostics.filter {
            $0.code == .nominatedIDNotEligible && $0.record == RecordRef.claim("W1")
        }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("the customer gave consent to another partner") == true)
    }

    @Test func aVerdictOnATypeTheEngagementDoesNotAcceptIsAnError() {
        var m = model(verdicts: [TID.sub("S1"): consent, TID.tpid("T1"): participated])
        m.engagements[0] = Build.engagement("ws", types: [.tenantId, .tpid])
        let errors = ReferenceChecks.run(m).filter { $0.code == .verdictIDTypeNotAccepted }
        #expect(errors.map(\.severity) == [.error])
        #expect(errors.first?.message.contains("'subscriptionId:S1'") == true)
    }
}

@Suite struct VerdictNominationTests {
    /// Customer `k` holds domain a.example (tenant aaaa), tenant aaaa, TPID T1 and subscription S1.
    private func evaluation(
        verdicts: [TypedID: Verdict], types: [CustomerIDType] = CustomerIDType.fixedPayTypes,
        tenantIds: [String] = ["aaaa"], tpids: [String] = ["T1"], limit: Int? = nil,
        elsewhere: [TypedID: Int] = [:], locations: [Location] = [F.location()]
    ) -> Evaluation {
        let m = F.model(
            engagements: [Build.engagement("ws", types: types, limit: limit)], claims: [],
            records: [
                Customer(
                    id: "k", name: "K", emailDomain: "a.example", tenantIds: ["aaaa"], tpid: "T1",
                    subscriptionIds: ["S1"], source: Build.at("customers.yaml"))
            ], locations: locations, directory: directory,
            eligibility: [list(tenantIds: tenantIds, tpids: tpids, elsewhere: elsewhere, verdicts: verdicts)])
        return Evaluator.evaluate(m, asOf: F.asOf)
    }

    private func answer(_ e: Evaluation, _ id: TypedID) throws -> NominationAnswer {
        try #require(try Nomination.answer(NominationRequest(id: id), in: e).answers.first)
    }

    @Test func precedenceIsLocationThenTypeThenVerdictThenTheRest() throws {
        let everything: [TypedID: Verdict] = [TID.domain("z.example"): consent, TID.tpid("T1"): consent]
        // noEligibleLocation before a verdict.
        #expect(
            try answer(
                evaluation(verdicts: everything, locations: [F.location("L1", registered: false)]), TID.tpid("T1")
            ).reason == .noEligibleLocation)
        // idTypeNotAccepted before a verdict.
        #expect(
            try answer(evaluation(verdicts: everything, types: [.tenantId]), TID.tpid("T1")).reason
                == .idTypeNotAccepted)
        // A verdict before cannotCheck (a domain missing from the directory).
        #expect(
            try answer(evaluation(verdicts: everything), TID.domain("z.example")).reason
                == .consentGivenToAnotherPartner)
        // A verdict before criteriaNotMet (T1 not on the list).
        #expect(
            try answer(evaluation(verdicts: [TID.tpid("T1"): participated], tpids: []), TID.tpid("T1")).reason
                == .participatedWithAnotherPartner)
        // A verdict before claimLimitReached.
        #expect(
            try answer(
                evaluation(verdicts: [TID.tpid("T1"): participated], limit: 1, elsewhere: [TID.tpid("T1"): 1]),
                TID.tpid("T1")
            ).reason == .participatedWithAnotherPartner)
        #expect(
            try answer(evaluation(verdicts: [:], limit: 1, elsewhere: [TID.tpid("T1"): 1]), TID.tpid("T1")).reason
                == .claimLimitReached)
    }

    @Test func aFailedIDListsTheCustomersOtherAcceptedIDsEachCheckedOnItsOwn() throws {
        // T1 has a verdict; the customer's domain (tenant aaaa) is listed; tenant aaaa itself is
        // listed; the subscription is not accepted by the engagement, so it is not listed.
        let e = evaluation(verdicts: [TID.tpid("T1"): consent], types: [.domain, .tenantId, .tpid])
        let failed = try answer(e, TID.tpid("T1"))
        #expect(failed.reason == .consentGivenToAnotherPartner)
        #expect(
            failed.otherIDs.map { [$0.id.type.rawValue, $0.id.value, $0.reason?.rawValue ?? "eligible"] } == [
                ["domain", "a.example", "eligible"], ["tenantId", "aaaa", "eligible"],
            ])
        // An eligible ID lists no other IDs.
        #expect(try answer(e, TID.tenant("aaaa")).otherIDs.isEmpty)
        // Nor does one that fails for the claim limit.
        let full = evaluation(verdicts: [:], limit: 1, elsewhere: [TID.tpid("T1"): 1])
        #expect(try answer(full, TID.tpid("T1")).otherIDs.isEmpty)
        // criteriaNotMet lists them; each is checked on its own (eligibility never carries over).
        let unlisted = evaluation(verdicts: [TID.domain("a.example"): participated], tenantIds: [], tpids: [])
        let other = try answer(unlisted, TID.tpid("T1"))
        #expect(other.reason == .criteriaNotMet)
        #expect(
            other.otherIDs.map { [$0.id.value, $0.reason?.rawValue ?? "eligible"] } == [
                ["a.example", "participatedWithAnotherPartner"], ["aaaa", "participatedWithAnotherPartner"],
                ["S1", "criteriaNotMet"],
            ])
    }
}
