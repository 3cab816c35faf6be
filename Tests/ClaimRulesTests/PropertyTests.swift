import ClaimModel
import ClaimRules
import PropertyBased
import Testing

/// A randomly generated site: three engagements (random activity, random partial timeline
/// overrides), one to six claims with random histories, and a random as-of date.
struct RandomSite: Sendable, CustomStringConvertible {
    struct RandomClaim: Sendable {
        var engagement: Int
        var customer: Int
        var createdOffset: Int
        var template: Int
        var prefix: Int
        var noise: [(position: Int, type: EventType)]
        /// Days between events: mostly short, with one long pause somewhere.
        var gaps: [Int]
        var pause: (position: Int, days: Int)
    }

    var engagements: [(activity: Activity, overrides: TimelineOverrides)]
    var claims: [RandomClaim]
    var asOfOffset: Int

    static let base = Day("2026-01-01")!

    /// Plausible histories (by docs/rules.md's table); each claim takes a random prefix of one,
    /// with random events slipped in, so histories reach every status and also break the rules.
    static let templates: [[EventType]] = [
        [.consentRequested, .consentReminderSent, .consentAccepted, .submitted, .reviewStarted, .approved],
        [
            .consentRequested, .consentAccepted, .submitted, .reviewStarted, .actionRequired, .submitted, .rejected,
            .disputed, .reviewStarted, .actionRequired, .submitted, .approved,
        ],
        [.consentRequested, .consentAccepted, .submitted, .rejected, .disputed, .rejected],
        [.consentRequested, .consentReminderSent, .consentReminderSent, .consentDeclined],
        [.consentRequested, .consentAccepted, .canceled],
        [.canceled],
        [.consentRequested, .consentAccepted, .submitted, .reviewStarted, .rejected, .disputed, .approved],
        [
            .consentRequested, .consentAccepted, .submitted, .actionRequired, .submitted, .actionRequired, .submitted,
            .rejected, .disputed, .actionRequired, .submitted, .rejected,
        ],
        [.consentRequested, .consentAccepted, .submitted, .rejected, .disputed, .actionRequired, .submitted],
    ]

    static let generator = zip(
        zip(Gen<Activity>.case, overridesGenerator).array(of: 3),
        claimGenerator.array(of: 1...6),
        Gen.int(in: 0...400)
    ).map { engagements, claims, asOf in
        RandomSite(engagements: engagements.map { (activity: $0.0, overrides: $0.1) }, claims: claims, asOfOffset: asOf)
    }

    static let overridesGenerator = zip(
        Gen.int(in: 1...60).optional(valueRate: 0.3), Gen.int(in: 1...300).optional(valueRate: 0.3),
        Gen.int(in: 1...300).optional(valueRate: 0.3), Gen.int(in: 1...60).optional(valueRate: 0.3)
    ).map { t in TimelineOverrides(consent: t.0, submit: t.1, review: t.2, dispute: t.3) }

    static let claimGenerator = zip(
        Gen.int(in: 0...2), Gen.int(in: 0...2), Gen.int(in: 0...150), Gen.int(in: 0...(templates.count - 1)),
        Gen.int(in: 0...12), zip(Gen.int(in: 0...12), Gen<EventType>.case).array(of: 0...2),
        Gen.int(in: 0...12).array(of: 16), zip(Gen.int(in: 0...15), Gen.int(in: 0...150))
    ).map { t in
        RandomClaim(
            engagement: t.0, customer: t.1, createdOffset: t.2, template: t.3, prefix: t.4,
            noise: t.5.map { (position: $0.0, type: $0.1) }, gaps: t.6, pause: (position: t.7.0, days: t.7.1))
    }

    var asOf: Day { RandomSite.base.adding(days: asOfOffset) }

    /// The site as a model: engagements `e0`…`e2`, customers `cust0`…`cust2`, claims `C-0`….
    var model: SiteModel {
        var model = SiteModel()
        model.settings = SiteSettings(
            title: "Portal", partnerName: "Contoso",
            referralURL: "https://partner.example/r/{id}", source: Build.at())
        model.engagements = engagements.enumerated().map { i, e in
            Build.engagement("e\(i)", activity: e.activity, timeline: e.overrides, referrals: true)
        }
        model.locations = [Location(id: "L1", name: "Berlin", mciRegistered: true, source: Build.at())]
        model.customers = (0..<3).map {
            Customer(
                id: "cust\($0)", name: "Customer \($0)", emailDomain: "c\($0).example", tpid: "10\($0)",
                coSellQualified: $0 != 0, source: Build.at())
        }
        model.claims = claims.enumerated().map { i, c in
            var types = Array(RandomSite.templates[c.template].prefix(c.prefix))
            for n in c.noise { types.insert(n.type, at: min(n.position, types.count)) }
            var day = RandomSite.base.adding(days: c.createdOffset)
            var events: [(String, EventType)] = []
            for (k, type) in types.enumerated() {
                day = day.adding(days: c.gaps[k % c.gaps.count] + (k == c.pause.position ? c.pause.days : 0))
                events.append((day.description, type))
            }
            var claim = Build.claim(
                "C-\(i)", engagement: "e\(c.engagement)", customer: "cust\(c.customer)",
                nominatedBy: TypedID(type: .tpid, value: "10\(c.customer)"),
                createdOn: RandomSite.base.adding(days: c.createdOffset).description, events: events)
            claim.referral = i % 2 == 0 ? Referral(id: "REF-\(i)") : nil
            return claim
        }
        return model
    }

    var description: String {
        "asOf \(asOf); engagements \(engagements.map { "\($0.activity.rawValue) \($0.overrides)" }); claims "
            + model.claims.map {
                "\($0.id)@\($0.engagement) created \($0.createdOn): \($0.events.map { "\($0.on) \($0.type.rawValue)" })"
            }
            .joined(separator: " | ")
    }
}

/// docs/rules.md and docs/rules.md#tabs as properties over random claim histories, random timelines and
/// random as-of dates.
@Suite struct LifecyclePropertyTests {
    /// docs/rules.md#tabs: "Eligible … every non-terminal claim of E"; "Completed holds every terminal
    /// claim of E" — so every claim is on exactly one tab of its own engagement.
    @Test func everyClaimIsOnExactlyOneTabOfItsEngagement() async {
        await propertyCheck(count: 300, input: RandomSite.generator) { site in
            let model = site.model
            let evaluation = Evaluator.evaluate(model, asOf: site.asOf)
            for claim in model.claims {
                var places: [(engagement: String, completed: Bool)] = []
                for e in evaluation.engagements {
                    for row in e.tabs.eligible {
                        if case .claim(let facts) = row, facts.claim.id == claim.id {
                            places.append((e.engagement.id, false))
                        }
                    }
                    for facts in e.tabs.completed where facts.claim.id == claim.id {
                        places.append((e.engagement.id, true))
                    }
                }
                guard let facts = evaluation.claim(claim.id) else {
                    #expect(claim.createdOn > site.asOf, "\(claim.id) is missing; \(site)")
                    #expect(evaluation.leftOut.contains(claim.id))
                    #expect(places.isEmpty, "\(claim.id) was left out but is on a tab; \(site)")
                    continue
                }
                #expect(claim.createdOn <= site.asOf)
                #expect(places.count == 1, "\(claim.id) is on \(places.count) tabs; \(site)")
                #expect(places.first?.engagement == claim.engagement, "\(site)")
                #expect(
                    places.first?.completed == LifecycleSpec.terminal.contains(facts.state.status),
                    "\(claim.id) \(facts.state.status); \(site)")
            }
        }
    }

    /// docs/rules.md#actions and docs/output.md#reportjson: "For a terminal claim action is none and deadline is
    /// null"; a non-terminal claim always has the deadline of its action table row, and it has not passed.
    @Test func terminalClaimsHaveNoActionAndNoDeadline() async {
        await propertyCheck(count: 300, input: RandomSite.generator) { site in
            let evaluation = Evaluator.evaluate(site.model, asOf: site.asOf)
            for facts in evaluation.claims {
                let state = facts.state
                let terminal = LifecycleSpec.terminal.contains(state.status)
                #expect(state.status.isTerminal == terminal)
                if terminal {
                    #expect(state.action == .none, "\(facts.claim.id) \(state.status); \(site)")
                    #expect(state.deadline == nil, "\(facts.claim.id) \(state.status); \(site)")
                    #expect(state.endedOn != nil)
                } else {
                    let row = LifecycleSpec.actions[state.status]
                    let deadline = state.deadline
                    #expect(deadline != nil, "\(facts.claim.id) \(state.status); \(site)")
                    #expect(state.action == row?.action, "\(facts.claim.id) \(state.status)")
                    #expect(state.deadlineKind == row?.deadline)
                    if let kind = row?.deadline { #expect(deadline == state.deadlines[kind]) }
                    if LifecycleSpec.timed[state.status] != nil, let deadline {
                        #expect(deadline >= site.asOf, "\(facts.claim.id) should have expired; \(site)")
                    }
                    #expect(state.endedOn == nil)
                }
            }
        }
    }

    /// The evaluation is a pure function of the model and the as-of date.
    @Test func evaluatingTwiceGivesEqualResults() async {
        await propertyCheck(count: 200, input: RandomSite.generator) { site in
            let model = site.model
            let first = Evaluator.evaluate(model, asOf: site.asOf)
            let second = Evaluator.evaluate(model, asOf: site.asOf)
            #expect(first.claims == second.claims)
            #expect(first.engagements == second.engagements)
            #expect(first.diagnostics == second.diagnostics)
            #expect(first.leftOut == second.leftOut)
            #expect(first.knownSince == second.knownSince)
            #expect(first.resolver.consented == second.resolver.consented)
        }
    }

    /// docs/rules.md: every status a claim reaches comes from the previous one by the
    /// transition table (an event) or a timed change (a deadline that passed).
    @Test func everyStepFollowsTheTableOrATimedChange() async {
        await propertyCheck(count: 300, input: RandomSite.generator) { site in
            let evaluation = Evaluator.evaluate(site.model, asOf: site.asOf)
            for facts in evaluation.claims {
                let steps = facts.state.steps
                let id = facts.claim.id
                guard let first = steps.first else {
                    Issue.record("\(id) has no steps")
                    continue
                }
                #expect(first.cause == .created)
                #expect(first.from == nil)
                #expect(first.to == .customerClaimed)
                #expect(first.day == facts.claim.createdOn)
                #expect(steps.last?.to == facts.state.status, "\(id); \(site)")
                for i in steps.indices.dropFirst() {
                    let step = steps[i], previous = steps[i - 1]
                    #expect(step.from == previous.to, "\(id) step \(i); \(site)")
                    // Events are replayed in date order. (A timed change is dated the day after its
                    // deadline, which can be earlier than the event that led into the expiring
                    // status: see `TimedChangeDayTests`.)
                    if case .event = step.cause {
                        #expect(step.day >= previous.day, "\(id) step \(i); \(site)")
                    }
                    #expect(step.day <= site.asOf, "\(id) step \(i); \(site)")
                    #expect(!LifecycleSpec.terminal.contains(previous.to), "\(id) moved after it ended; \(site)")
                    guard let from = step.from else {
                        Issue.record("\(id) step \(i) has no previous status")
                        continue
                    }
                    switch step.cause {
                    case .created:
                        Issue.record("\(id) was created twice")
                    case .event(let index, let type):
                        let disputedBefore = steps[..<i].contains { $0.to == .disputed }
                        #expect(facts.claim.events[index].type == type)
                        #expect(facts.claim.events[index].on == step.day)
                        #expect(
                            Lifecycle.next(from, on: type, disputedBefore: disputedBefore) == step.to,
                            "\(id) step \(i): \(from) + \(type); \(site)")
                        #expect(
                            LifecycleSpec.next(from, type, disputedBefore: disputedBefore) == step.to,
                            "\(id) step \(i): \(from) + \(type) against the transition table; \(site)")
                    case .deadlinePassed(let kind, let deadline):
                        let expected = LifecycleSpec.timed[from]
                        #expect(expected?.kind == kind, "\(id) step \(i); \(site)")
                        #expect(expected?.to == step.to, "\(id) step \(i); \(site)")
                        // The day after the deadline, or the day the claim entered the status if later.
                        #expect(step.day == max(deadline.adding(days: 1), previous.day))
                        #expect(facts.state.deadlines[kind] == deadline)
                        let change = Lifecycle.timedChange(from, facts.state.deadlines)
                        #expect(change?.kind == kind)
                        #expect(change?.deadline == deadline)
                        #expect(change?.to == step.to)
                        #expect(i == steps.count - 1, "a timed change ends the claim")
                    }
                }
            }
        }
    }

    /// docs/input-format.md and docs/rules.md#deadlines: the deadlines follow their formulas for every activity and
    /// override.
    @Test func deadlinesFollowTheirFormulas() async {
        await propertyCheck(count: 300, input: RandomSite.generator) { site in
            let evaluation = Evaluator.evaluate(site.model, asOf: site.asOf)
            for facts in evaluation.claims {
                let index = Int(facts.claim.engagement.dropFirst())!
                let e = site.engagements[index]
                guard let row = TimelineDefaultsTests.table.first(where: { $0.0 == e.activity }) else {
                    Issue.record("no timeline row for \(e.activity)")
                    continue
                }
                let consentDays = e.overrides.consent ?? row.1, submitDays = e.overrides.submit ?? row.2
                let reviewDays = e.overrides.review ?? row.3, disputeDays = e.overrides.dispute ?? row.4
                let applied = facts.state.steps.compactMap { step -> (EventType, Day)? in
                    if case .event(_, let type) = step.cause { return (type, step.day) }
                    return nil
                }
                let consentDay = applied.first { $0.0 == .consentAccepted }?.1
                let disputeDay = applied.first { $0.0 == .disputed }?.1
                let rejectionDay = applied.first { $0.0 == .rejected }?.1
                let deadlines = facts.state.deadlines
                let id = facts.claim.id
                #expect(facts.state.consentDay == consentDay)
                #expect(deadlines.consent == facts.claim.createdOn.adding(days: consentDays), "\(id); \(site)")
                #expect(deadlines.submit == consentDay?.adding(days: submitDays), "\(id); \(site)")
                #expect(
                    deadlines.review == (disputeDay?.adding(days: disputeDays) ?? consentDay?.adding(days: reviewDays)),
                    "\(id); \(site)")
                #expect(deadlines.dispute == rejectionDay?.adding(days: disputeDays), "\(id); \(site)")
            }
        }
    }
}
