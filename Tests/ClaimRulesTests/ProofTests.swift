import ClaimModel
import ClaimRules
import Testing

// The proof-of-execution rules (docs/rules.md#proof-of-execution), one table row per rule and
// boundary. Every claim is of a workshop that asks for all four items, created 2026-01-01,
// consent requested 2026-01-02 and accepted 2026-01-05; some are submitted on 2026-01-20.

private func d(_ text: String) -> Day { Day(text)! }
private let all = ProofItem.allCases
private let consentOn = "2026-01-05", submittedOn = "2026-01-20"

private func proofEngagement(_ proof: [ProofItem] = all) -> Engagement {
    var e = Build.engagement(activity: .workshop)
    e.proof = proof
    return e
}

private func claim(
    consent: Bool = true, submitted: [String] = [], _ records: [ProofItem: ProofRecord] = [:]
) -> Claim {
    var events: [(String, EventType)] = [("2026-01-02", .consentRequested)]
    if consent { events.append((consentOn, .consentAccepted)) }
    for (i, day) in submitted.enumerated() {
        if i > 0 { events.append((day, .actionRequired)) }
        events.append((day, .submitted))
    }
    var c = Build.claim(createdOn: "2026-01-01", events: events)
    c.proof = ClaimProof(records)
    return c
}

private func done(_ day: String) -> ProofRecord { ProofRecord(done: d(day)) }
private func survey(sent: String? = nil, done: String? = nil) -> ProofRecord {
    ProofRecord(sent: sent.map(d), done: done.map(d))
}

/// Every listed item done on `day`.
private func everything(_ day: String) -> [ProofItem: ProofRecord] {
    [
        .invoice: done(day), .findingsReport: done(day), .customerSurvey: survey(sent: day, done: day),
        .partnerSurvey: survey(sent: day, done: day),
    ]
}

struct ProofCase: Sendable, CustomTestStringConvertible {
    let rule: String
    var engagement: Engagement = proofEngagement()
    let claim: Claim
    var asOf = "2026-02-01"
    /// The listed items done by the as-of date, and what is missing.
    var done: [ProofItem] = []
    var missing: [ProofItem] = all
    /// `ready`, or nil when the claim's action is not to submit or resubmit it.
    var ready: Bool?
    var codes: [DiagnosticCode] = []
    var testDescription: String { rule }
}

private let cases: [ProofCase] = [
    ProofCase(rule: "nothing done: everything missing, not ready", claim: claim(), ready: false),
    ProofCase(
        rule: "every item done on the consent day itself: ready", claim: claim(everything(consentOn)),
        done: all, missing: [], ready: true),
    ProofCase(
        rule: "done on the as-of date itself counts", claim: claim(everything("2026-02-01")),
        done: all, missing: [], ready: true),
    ProofCase(
        rule: "a date after the as-of date is left out, with one warning",
        claim: claim([.invoice: done("2026-02-02")]), ready: false, codes: [.proofAfterAsOf]),
    ProofCase(
        rule: "after the as-of date on a claim without consent: only that warning",
        claim: claim(consent: false, [.invoice: done("2026-02-02")]), codes: [.proofAfterAsOf]),
    ProofCase(
        rule: "a date the day before consent is an error",
        claim: claim([.invoice: done("2026-01-04")]), done: [.invoice],
        missing: [.findingsReport, .customerSurvey, .partnerSurvey], ready: false, codes: [.proofBeforeConsent]),
    ProofCase(
        rule: "any date on a claim without consent is an error",
        claim: claim(consent: false, [.findingsReport: done("2026-01-10")]), done: [.findingsReport],
        missing: [.invoice, .customerSurvey, .partnerSurvey], codes: [.proofBeforeConsent]),
    ProofCase(
        rule: "a survey sent before consent is an error",
        claim: claim([.customerSurvey: survey(sent: "2026-01-03", done: "2026-01-10")]), done: [.customerSurvey],
        missing: [.invoice, .findingsReport, .partnerSurvey], ready: false, codes: [.proofBeforeConsent]),
    ProofCase(
        rule: "a survey done before it was sent is an error",
        claim: claim([.partnerSurvey: survey(sent: "2026-01-12", done: "2026-01-11")]), done: [.partnerSurvey],
        missing: [.invoice, .findingsReport, .customerSurvey], ready: false, codes: [.proofDoneBeforeSent]),
    ProofCase(
        rule: "a survey done on the day it was sent is fine",
        claim: claim([.partnerSurvey: survey(sent: "2026-01-12", done: "2026-01-12")]), done: [.partnerSurvey],
        missing: [.invoice, .findingsReport, .customerSurvey], ready: false),
    ProofCase(
        rule: "a survey sent and not done is missing",
        claim: claim([.customerSurvey: survey(sent: "2026-01-12")]), ready: false),
    ProofCase(
        rule: "a survey done without a sent day is done",
        claim: claim([.customerSurvey: survey(done: "2026-01-12")]), done: [.customerSurvey],
        missing: [.invoice, .findingsReport, .partnerSurvey], ready: false),
    ProofCase(
        rule: "an item the engagement does not ask for is a warning and does not count",
        engagement: proofEngagement([.invoice, .findingsReport]),
        claim: claim([.invoice: done("2026-01-10"), .partnerSurvey: survey(done: "2026-01-10")]),
        done: [.invoice], missing: [.findingsReport], ready: false, codes: [.proofItemNotListed]),
    ProofCase(
        rule: "an engagement that asks for nothing: no proof facts, recorded items are warnings",
        engagement: proofEngagement([]), claim: claim([.invoice: done("2026-01-10")]), done: [], missing: [],
        codes: [.proofItemNotListed]),
    ProofCase(
        rule: "the listed items keep the one order, whatever the engagement lists",
        engagement: proofEngagement([.invoice, .partnerSurvey]),
        claim: claim([.partnerSurvey: survey(done: "2026-01-10")]),
        done: [.partnerSurvey], missing: [.invoice], ready: false),
    ProofCase(
        rule: "submitted with every item done on the submission day: no warning",
        claim: claim(submitted: [submittedOn], everything(submittedOn)), done: all, missing: []),
    ProofCase(
        rule: "submitted with an item done the day after: one warning",
        claim: claim(
            submitted: [submittedOn],
            everything(submittedOn).merging([.invoice: done("2026-01-21")]) { $1 }), done: all, missing: [],
        codes: [.submittedWithoutProof]),
    ProofCase(
        rule: "submitted, asked for more, resubmitted still without it: one warning per submission",
        claim: claim(submitted: [submittedOn, "2026-01-25"]), asOf: "2026-01-26", ready: nil,
        codes: [.submittedWithoutProof, .submittedWithoutProof]),
    ProofCase(
        rule: "asked for more after a submission without proof: resubmit is ready once all is done",
        claim: claim(
            submitted: [submittedOn], everything("2026-01-25")
        ).withEvent("2026-01-22", .actionRequired),
        done: all, missing: [], ready: true, codes: [.submittedWithoutProof]),
    ProofCase(
        rule: "a submitted claim waits on Microsoft: not asked whether it is ready",
        claim: claim(submitted: [submittedOn], everything(consentOn)), done: all, missing: []),
    ProofCase(
        rule: "a claim awaiting consent is not asked whether it is ready", claim: claim(consent: false)),
]

extension Claim {
    /// The claim with one more event, kept in date order.
    fileprivate func withEvent(_ day: String, _ type: EventType) -> Claim {
        var c = self
        c.events.append(ClaimEvent(on: Day(day)!, type: type, location: SourceLocation(file: "t.yaml")))
        c.events.sort { $0.on < $1.on }
        return c
    }
}

@Test(arguments: cases)
func aClaimsProofFollowsTheRules(_ c: ProofCase) {
    let asOf = d(c.asOf)
    let state = ClaimReplay.run(c.claim, timeline: Timeline(for: c.engagement), asOf: asOf).state
    let result = ProofRules.facts(c.claim, engagement: c.engagement, state: state, asOf: asOf)
    #expect(result.diagnostics.map(\.code) == c.codes)
    if c.engagement.proof.isEmpty {
        #expect(result.proof == nil)
        return
    }
    #expect(result.proof?.listed == c.engagement.proof.sorted())
    #expect(result.proof?.done == c.done)
    #expect(result.proof?.missing == c.missing.filter { c.engagement.proof.contains($0) })
    #expect(result.proof?.ready == c.ready)
}

@Test func theSubmissionWarningNamesTheMissingItemsInOrder() {
    let c = claim(submitted: [submittedOn], [.findingsReport: done("2026-01-10")])
    let state = ClaimReplay.run(c, timeline: Timeline(for: proofEngagement()), asOf: d("2026-02-01")).state
    let result = ProofRules.facts(c, engagement: proofEngagement(), state: state, asOf: d("2026-02-01"))
    #expect(result.diagnostics.count == 1)
    #expect(
        result.diagnostics.first?.message
            == """
            claim C-1: submitted on 2026-01-20 without invoice, customerSurvey, partnerSurvey done by then; record \
            the day each was done, or check the submission in Partner Center
            """)
}
