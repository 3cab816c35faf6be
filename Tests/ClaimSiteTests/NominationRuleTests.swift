import ClaimModel
import ClaimRender
import ClaimRules
import ClaimSite
import Foundation
import Testing

/// `claimsite nominate`'s rules, one row per rule the add and claim flows apply
/// (docs/nominate.md): the reasons in their order of precedence, the ID actually checked, the
/// flow, the locations, the payout with each cap, the tenant mismatch and the deadlines.
@Suite struct NominationRuleTests {
    static let tenant = "0f8fad5b-d9cb-469f-a165-70867728950e"

    /// The shared fixture plus engagements for each rule:
    /// - `ws`: fixed pay, every fixed-pay ID type, list = fabrikam's tenant and tpid 0012345
    ///   (which has 1 active claim elsewhere), no limit;
    /// - `limited`: like `ws` with a limit of 1 and tpid 0012345 on its list;
    /// - `tpid-only`: accepts only TPIDs;
    /// - `vienna`: limited to location 4400002, which is not MCI-registered;
    /// - `munich`: limited to location 4400003 (registered);
    /// - `hours`: variable pay, 150/h, 8–120 h, no caps; `capped`: 100/h, 8–400 h, at most
    ///   30000, at most 10% of the opportunity.
    static let site = FixtureSite()
        .with(
            "Content/data/directory.yaml",
            """
            fabrikam.example: \(tenant)
            fabrikam-old.example: \(tenant)

            """
        )
        .with(
            "Content/data/locations.yaml",
            """
            - { id: "4400001", name: Berlin, country: DE, mciRegistered: true }
            - { id: "4400002", name: Vienna, country: AT, mciRegistered: false }
            - { id: "4400003", name: Munich, country: DE, mciRegistered: true }

            """
        )
        .with("Content/engagements/limited.md", engagement("Limited workshop", extra: "maxActiveClaimsPerCustomer: 1"))
        .with("Content/engagements/tpid-only.md", engagement("TPID workshop", extra: "customerIdTypes: [tpid]"))
        .with("Content/engagements/vienna.md", engagement("Vienna workshop", extra: #"locations: ["4400002"]"#))
        .with("Content/engagements/munich.md", engagement("Munich workshop", extra: #"locations: ["4400003"]"#))
        .with("Content/engagements/judged.md", engagement("Judged workshop", extra: "maxActiveClaimsPerCustomer: 1"))
        .with(
            "Content/engagements/capped.md",
            """
            ---
            name: Capped project
            activity: projectL
            pay: variable
            variablePay: { hourlyRateUSD: 100, minHours: 8, maxHours: 400, maxPayoutUSD: 30000, maxShareOfOpportunity: \
            0.10 }
            ---
            Capped.

            """
        )
        .with(
            "Content/data/opportunities.yaml",
            """
            - { id: "7-ABC", customer: northwind, estimatedRevenueUSD: 250000 }
            - { id: "7-BIG", customer: northwind, estimatedRevenueUSD: 1000000 }

            """
        )
        .with(
            "Content/data/eligibility.yaml",
            """
            ws:
              tenantIds: ["\(tenant)"]
              tpids: ["0012345"]
              activeClaimsElsewhere: { "tpid:0012345": 1 }
            limited:
              tenantIds: ["\(tenant)"]
              tpids: ["0012345", "0099999"]
              activeClaimsElsewhere: { "tpid:0012345": 1, "tenantId:11111111-2222-3333-4444-555555555555": 3 }
            tpid-only:
              tpids: ["0012345"]
            vienna:
              tenantIds: ["\(tenant)"]
            munich:
              tenantIds: ["\(tenant)"]
            hours:
              msxOpportunityIds: ["7-ABC"]
            capped:
              msxOpportunityIds: ["7-ABC", "7-BIG"]
            judged:
              tenantIds: ["\(tenant)"]
              tpids: ["0012345"]
              activeClaimsElsewhere: { "tpid:0012345": 1 }
              verdicts:
                "tenantId:\(tenant)": consentGivenToAnotherPartner
                "tpid:0012345": participatedWithAnotherPartner
                "domain:nowhere.example": consentGivenToAnotherPartner
                "subscriptionId:sub-1": participatedWithAnotherPartner

            """)

    static func engagement(_ name: String, extra: String) -> String {
        """
        ---
        name: \(name)
        activity: workshop
        pay: fixed
        fixedPayoutUSD: 5000
        \(extra)
        ---
        A workshop.

        """
    }

    static let evaluation = site.check().evaluation

    static func ask(
        _ id: String, _ engagement: String, hours: Int? = nil, emailDomain: String? = nil,
        location: String? = nil, in evaluation: Evaluation = evaluation
    ) throws -> (NominationResult, NominationAnswer) {
        let typed = try TypedID.parse(id).get()
        let result = try Nomination.answer(
            NominationRequest(
                id: typed, emailDomain: emailDomain, hours: hours,
                engagements: [engagement], location: location), in: evaluation)
        return (result, try #require(result.answers.first))
    }

    /// The answer's detail as `nominate` says it (the English catalogue).
    static func said(_ id: String, _ answer: NominationAnswer) throws -> String {
        Speech.english.nominationDetail(answer, for: try TypedID.parse(id).get())
    }

    struct Row: CustomStringConvertible {
        var id: String
        var engagement: String
        var reason: NominationReason?
        var detail: String
        var location: String? = nil
        var description: String { "\(id) for \(engagement)" }
    }

    /// Each reason, and the order in which they win when several apply.
    static let rows: [Row] = [
        Row(
            id: "domain:fabrikam.example", engagement: "ws", reason: nil,
            detail:
                """
                Domain fabrikam.example belongs to tenant \(tenant), which is on this engagement's eligibility list; \
                no claim limit
                """
        ),
        Row(
            id: "tenantId:\(tenant.uppercased())", engagement: "ws", reason: nil,
            detail: "Tenant ID \(tenant) is on this engagement's eligibility list; no claim limit"),
        Row(
            id: "tpid:0012345", engagement: "ws", reason: nil,
            detail: "TPID 0012345 is on this engagement's eligibility list; no claim limit"),
        // A domain of the customer's tenant that the customer does not list must be added first.
        Row(
            id: "domain:fabrikam-old.example", engagement: "ws", reason: nil,
            detail:
                """
                Domain fabrikam-old.example belongs to tenant \(tenant), which is on this engagement's eligibility \
                list; no claim limit; domain fabrikam-old.example is not among fabrikam's domains in customers.yaml: \
                add it there before making the claim
                """
        ),
        // idTypeNotAccepted: a fixed-pay engagement and an MSX opportunity; variable pay and a domain.
        Row(
            id: "msxOpportunityId:7-ABC", engagement: "ws", reason: .idTypeNotAccepted,
            detail:
                "Migration workshop accepts Domain, Tenant ID, TPID and Azure subscription ID, not MSX opportunity ID"),
        Row(
            id: "domain:fabrikam.example", engagement: "hours", reason: .idTypeNotAccepted,
            detail: "Migration project accepts MSX opportunity ID, not Domain"),
        // A domain is not accepted by a TPID-only engagement even though its tenant might be.
        Row(
            id: "domain:fabrikam.example", engagement: "tpid-only", reason: .idTypeNotAccepted,
            detail: "TPID workshop accepts TPID, not Domain"),
        // idTypeNotAccepted wins over cannotCheck.
        Row(
            id: "domain:nowhere.example", engagement: "tpid-only", reason: .idTypeNotAccepted,
            detail: "TPID workshop accepts TPID, not Domain"),
        // cannotCheck: a domain missing from the directory.
        Row(
            id: "domain:nowhere.example", engagement: "ws", reason: .cannotCheck,
            detail: "Domain nowhere.example is not in directory.yaml, so its tenant cannot be checked"),
        // criteriaNotMet: not on the list, as given and as a domain's tenant.
        Row(
            id: "tenantId:11111111-2222-3333-4444-555555555555", engagement: "ws", reason: .criteriaNotMet,
            detail: "Tenant ID 11111111-2222-3333-4444-555555555555 is not on this engagement's eligibility list"),
        Row(
            id: "subscriptionId:sub-1", engagement: "ws", reason: .criteriaNotMet,
            detail: "Azure subscription ID sub-1 is not on this engagement's eligibility list"),
        Row(
            id: "msxOpportunityId:7-XYZ", engagement: "hours", reason: .criteriaNotMet,
            detail:
                """
                MSX opportunity ID 7-XYZ is not on this engagement's eligibility list; opportunity 7-XYZ is not in \
                opportunities.yaml: add it with its customer and estimated revenue before making the claim; variable \
                pay: give --hours (8–120 hours) for the proposed payout; it must be the only engagement in its flow
                """
        ),
        // Eligibility is not carried over: fabrikam's tenant is listed, its TPID is not.
        Row(
            id: "tpid:0012345", engagement: "munich", reason: .criteriaNotMet,
            detail: "TPID 0012345 is not on this engagement's eligibility list"),
        // claimLimitReached: 1 active claim elsewhere for the TPID, limit 1.
        Row(
            id: "tpid:0012345", engagement: "limited", reason: .claimLimitReached,
            detail:
                """
                TPID 0012345 is on this engagement's eligibility list, but it has 1 of 1 active claims (0 here, 1 \
                elsewhere)
                """
        ),
        Row(
            id: "tpid:0099999", engagement: "limited", reason: nil,
            detail: """
                TPID 0099999 is on this engagement's eligibility list; 0 of 1 active claims (0 here, 0 elsewhere)
                """),
        // criteriaNotMet wins over claimLimitReached: 3 active claims elsewhere, but not on the list.
        Row(
            id: "tenantId:11111111-2222-3333-4444-555555555555", engagement: "limited", reason: .criteriaNotMet,
            detail: "Tenant ID 11111111-2222-3333-4444-555555555555 is not on this engagement's eligibility list"),
        Row(
            id: "tpid:0012345", engagement: "tpid-only", reason: nil,
            detail: "TPID 0012345 is on this engagement's eligibility list; no claim limit"),
        // The verdicts of eligibility.yaml (docs/rules.md#verdicts): a tenant's verdict applies to
        // its domains; a verdict wins over cannotCheck, criteriaNotMet and claimLimitReached.
        Row(
            id: "tenantId:\(tenant)", engagement: "judged", reason: .consentGivenToAnotherPartner,
            detail: "Tenant ID \(tenant) is not eligible: Consent given to another partner (Partner Center)"),
        Row(
            id: "domain:fabrikam.example", engagement: "judged", reason: .consentGivenToAnotherPartner,
            detail:
                """
                Domain fabrikam.example is not eligible: Consent given to another partner (Partner Center, recorded \
                on Tenant ID \(tenant))
                """
        ),
        Row(
            id: "tpid:0012345", engagement: "judged", reason: .participatedWithAnotherPartner,
            detail: "TPID 0012345 is not eligible: Already participated with another partner (Partner Center)"),
        Row(
            id: "domain:nowhere.example", engagement: "judged", reason: .consentGivenToAnotherPartner,
            detail: "Domain nowhere.example is not eligible: Consent given to another partner (Partner Center)"),
        Row(
            id: "subscriptionId:sub-1", engagement: "judged", reason: .participatedWithAnotherPartner,
            detail:
                """
                Azure subscription ID sub-1 is not eligible: Already participated with another partner (Partner \
                Center)
                """
        ),
        // noEligibleLocation wins over everything.
        Row(
            id: "msxOpportunityId:7-ABC", engagement: "vienna", reason: .noEligibleLocation,
            detail: "no MCI-registered partner location is eligible for this engagement"),
        Row(
            id: "domain:fabrikam.example", engagement: "vienna", reason: .noEligibleLocation,
            detail: "no MCI-registered partner location is eligible for this engagement"),
        // --location: one that may not claim this engagement, or is not registered.
        Row(
            id: "domain:fabrikam.example", engagement: "munich", reason: .noEligibleLocation,
            detail: "location 4400001 (Berlin) may not claim for this engagement, which is limited to 4400003",
            location: "4400001"),
        Row(
            id: "domain:fabrikam.example", engagement: "ws", reason: .noEligibleLocation,
            detail: "location 4400002 (Vienna) is not registered for MCI", location: "4400002"),
        Row(
            id: "domain:fabrikam.example", engagement: "munich", reason: nil,
            detail:
                """
                Domain fabrikam.example belongs to tenant \(tenant), which is on this engagement's eligibility list; \
                no claim limit
                """,
            location: "4400003"),
    ]

    @Test(arguments: rows) func reasonsAndTheirPrecedence(_ row: Row) throws {
        let (_, answer) = try Self.ask(row.id, row.engagement, location: row.location)
        #expect(answer.reason == row.reason)
        #expect(answer.eligible == (row.reason == nil))
        #expect(try Self.said(row.id, answer) == row.detail)
    }

    @Test func everyReasonIsCoveredByTheTable() {
        let covered = Set(Self.rows.compactMap(\.reason))
        #expect(covered == Set(NominationReason.allCases))
    }

    /// The ID actually checked: a domain becomes its tenant; `nil` when the directory lacks it;
    /// any other ID as given (tenants lower-cased).
    @Test func theCheckedID() throws {
        let (domain, _) = try Self.ask("domain:Fabrikam.example", "ws")
        #expect(domain.id == TypedID(type: .domain, value: "fabrikam.example"))
        #expect(domain.checked == TypedID(type: .tenantId, value: Self.tenant))
        let (missing, _) = try Self.ask("domain:nowhere.example", "ws")
        #expect(missing.checked == nil)
        let (tpid, _) = try Self.ask("tpid:0012345", "ws")
        #expect(tpid.checked == TypedID(type: .tpid, value: "0012345"))
    }

    /// The customer holding the ID, and the flow: Add customer unless the customer had
    /// accepted consent on a claim by the creation day.
    @Test func theCustomerAndTheFlow() throws {
        let (unknown, answer) = try Self.ask("domain:nowhere.example", "ws")
        #expect(unknown.customer == nil)
        #expect(answer.flow == .add)
        // Fabrikam's only claim still awaits consent: it is not known yet.
        let (fabrikam, added) = try Self.ask("tpid:0012345", "ws")
        #expect(fabrikam.customer == "fabrikam")
        #expect(added.flow == .add)
        let (northwind, _) = try Self.ask("msxOpportunityId:7-BIG", "capped")
        #expect(northwind.customer == "northwind")
        // Once consent is accepted, fabrikam is known and may be claimed.
        let known = Self.site.claimsWith(
            "    - { on: 2026-11-02, type: consentRequested, dealSizeUSD: 1000 }\n",
            """
                - { on: 2026-11-02, type: consentRequested, dealSizeUSD: 1000 }\n\
                - { on: 2026-11-05, type: consentAccepted }\n
            """
        )
        let evaluation = known.check().evaluation
        let (_, claimed) = try Self.ask("tpid:0012345", "ws", in: evaluation)
        #expect(claimed.flow == .claim)
        // Known on the creation day only: a claim created before the consent would be added.
        let early = try Nomination.answer(
            NominationRequest(
                id: TypedID(type: .tpid, value: "0012345"), on: Day("2026-11-04")!,
                engagements: ["ws"]), in: evaluation)
        #expect(early.answers.first?.flow == .add)
        // The customer's own open claims count toward the limit: C-1 is open in ws.
        let limitedWS = known.with(
            "Content/engagements/ws.md", Self.engagement("Migration workshop", extra: "maxActiveClaimsPerCustomer: 1"))
        let (_, full) = try Self.ask("tenantId:\(Self.tenant)", "ws", in: limitedWS.check().evaluation)
        #expect(full.reason == .claimLimitReached)
        #expect(
            try Self.said("tenantId:\(Self.tenant)", full)
                == """
                Tenant ID \(Self.tenant) is on this engagement's eligibility list, but it has 1 of 1 active claims \
                (1 here, 0 elsewhere)
                """
        )
    }

    /// The locations that may claim: MCI-registered and, when the engagement lists some, among them.
    @Test func theLocations() throws {
        #expect(try Self.ask("tpid:0012345", "ws").1.locations == ["4400001", "4400003"])
        #expect(try Self.ask("tpid:0012345", "munich").1.locations == ["4400003"])
        #expect(try Self.ask("tpid:0012345", "vienna").1.locations == [])
        #expect(try Self.ask("tpid:0012345", "ws", location: "4400003").1.locations == ["4400003"])
        #expect(try Self.ask("tpid:0012345", "munich", location: "4400001").1.locations == [])
    }

    /// Fixed pay; variable pay for the hours given, each cap applied, nothing without hours or
    /// outside the range.
    @Test func thePayout() throws {
        #expect(try Self.ask("tpid:0012345", "ws").1.payoutUSD == 5000)
        #expect(try Self.ask("msxOpportunityId:7-ABC", "hours").1.payoutUSD == nil)
        #expect(try Self.ask("msxOpportunityId:7-ABC", "hours", hours: 40).1.payoutUSD == 6000)
        let outside = try Self.ask("msxOpportunityId:7-ABC", "hours", hours: 121).1
        #expect(outside.payoutUSD == nil)
        #expect(
            try Self.said("msxOpportunityId:7-ABC", outside).hasSuffix(
                """
                variable pay: 121 hours is outside 8–120 hours, so there is no payout; it must be the only engagement \
                in its flow
                """
            ))
        #expect(try Self.ask("msxOpportunityId:7-ABC", "hours", hours: 7).1.payoutUSD == nil)
        #expect(try Self.ask("msxOpportunityId:7-ABC", "hours", hours: 8).1.payoutUSD == 1200)
        // capped: 100/h, at most 30000, at most 10% of the opportunity.
        let uncapped = try Self.ask("msxOpportunityId:7-BIG", "capped", hours: 100).1
        #expect(uncapped.payoutUSD == 10000)
        let byMaximum = try Self.ask("msxOpportunityId:7-BIG", "capped", hours: 400).1
        #expect(byMaximum.payoutUSD == 30000)
        #expect(
            try Self.said("msxOpportunityId:7-BIG", byMaximum).contains(
                "400 hours at USD\u{A0}100.00 an hour make USD\u{A0}40,000.00, capped at the maximum payout of "
                    + "USD\u{A0}30,000.00"
            ))
        let byShare = try Self.ask("msxOpportunityId:7-ABC", "capped", hours: 300).1
        #expect(byShare.payoutUSD == 25000)
        #expect(
            try Self.said("msxOpportunityId:7-ABC", byShare).contains(
                "capped at 10% of opportunity 7-ABC's estimated revenue of USD\u{A0}250,000.00 (USD\u{A0}25,000.00)"))
        let noOpportunity = try Self.ask("msxOpportunityId:7-NONE", "capped", hours: 100).1
        #expect(noOpportunity.payoutUSD == 10000)
        #expect(
            try Self.said("msxOpportunityId:7-NONE", noOpportunity).contains(
                "the share cap is skipped: the opportunity is not in opportunities.yaml"))
    }

    /// A tenant ID that is not the tenant of the email domain needs a reason; the known
    /// customer's email domain is used when none is given.
    @Test func theTenantMismatch() throws {
        let other = "11111111-2222-3333-4444-555555555555"
        let (given, answer) = try Self.ask("tenantId:\(other)", "ws", emailDomain: "fabrikam.example")
        #expect(given.tenantMismatch == TenantMismatch(emailDomain: "fabrikam.example", emailTenant: Self.tenant))
        #expect(
            try Self.said("tenantId:\(other)", answer).hasSuffix(
                """
                ; the email domain fabrikam.example maps to tenant \(Self.tenant), so the claim needs a \
                tenantMismatchReason
                """
            ))
        #expect(try Self.ask("tenantId:\(Self.tenant)", "ws", emailDomain: "FABRIKAM.example").0.tenantMismatch == nil)
        // Fabrikam's own email domain, when the tenant is one of its tenants.
        #expect(try Self.ask("tenantId:\(Self.tenant)", "ws").0.tenantMismatch == nil)
        // Only tenant IDs are compared.
        #expect(try Self.ask("tpid:0012345", "ws", emailDomain: "northwind.example").0.tenantMismatch == nil)
        let (unlisted, _) = try Self.ask("tenantId:\(other)", "ws", emailDomain: "northwind.example")
        #expect(unlisted.tenantMismatch == TenantMismatch(emailDomain: "northwind.example", emailTenant: nil))
    }

    /// Consent from the creation day; submit and review from the consent deadline.
    @Test func theDeadlines() throws {
        let (_, workshop) = try Self.ask("tpid:0012345", "ws")
        #expect(workshop.deadlines.consent == Day("2026-12-29"))
        #expect(workshop.deadlines.submit == Day("2027-03-29"))
        #expect(workshop.deadlines.review == Day("2027-04-28"))
        let later = try Nomination.answer(
            NominationRequest(
                id: TypedID(type: .msxOpportunityId, value: "7-ABC"),
                on: Day("2027-01-10")!, engagements: ["capped"]), in: Self.evaluation)
        // projectL: 30, 260, 290.
        #expect(later.on == Day("2027-01-10"))
        #expect(
            later.answers.first?.deadlines
                == NominationDeadlines(
                    createdOn: Day("2027-01-10")!,
                    timeline: Timeline(consent: 30, submit: 260, review: 290, dispute: 30)))
        #expect(later.answers.first?.deadlines.consent == Day("2027-02-09"))
        #expect(later.answers.first?.deadlines.submit == Day("2027-10-27"))
    }

    /// Every engagement by default, sorted by ID; the ones named otherwise; an unknown one or
    /// an unknown location is refused with the closest name.
    @Test func whichEngagements() throws {
        let all = try Nomination.answer(NominationRequest(id: TypedID(type: .tpid, value: "1")), in: Self.evaluation)
        #expect(
            all.answers.map(\.engagement.id) == [
                "capped", "hours", "judged", "limited", "munich", "tpid-only", "vienna", "ws",
            ])
        let two = try Nomination.answer(
            NominationRequest(id: TypedID(type: .tpid, value: "1"), engagements: ["ws", "hours", "ws"]),
            in: Self.evaluation)
        #expect(two.answers.map(\.engagement.id) == ["hours", "ws"])
        #expect(throws: Nomination.UnknownName(message: "no engagement 'wz' — did you mean 'ws'?")) {
            try Nomination.answer(
                NominationRequest(id: TypedID(type: .tpid, value: "1"), engagements: ["wz"]), in: Self.evaluation)
        }
        #expect(
            throws: Nomination.UnknownName(message: "no location '4400004' in locations.yaml — did you mean '4400001'?")
        ) {
            try Nomination.answer(
                NominationRequest(id: TypedID(type: .tpid, value: "1"), location: "4400004"), in: Self.evaluation)
        }
    }

    /// `TYPE:VALUE` as the command line and prospect lists give it.
    @Test func readingAnID() throws {
        #expect(try TypedID.parse("domain:Fabrikam.example").get() == TypedID(type: .domain, value: "fabrikam.example"))
        #expect(try TypedID.parse(" tpid : 0012345 ").get() == TypedID(type: .tpid, value: "0012345"))
        #expect(throws: TypedIDProblem.self) { try TypedID.parse("fabrikam.example").get() }
        #expect(throws: TypedIDProblem.self) { try TypedID.parse("tpid:").get() }
        let unknown = TypedID.parse("tenant:x")
        guard case .failure(let problem) = unknown else { Issue.record("accepted"); return }
        #expect(
            problem.message
                == """
                unknown ID type 'tenant' — did you mean 'tenantId'?; use one of domain, tenantId, tpid, \
                subscriptionId, msxOpportunityId
                """
        )
    }
}
