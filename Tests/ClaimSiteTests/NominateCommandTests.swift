import ClaimModel
import ClaimRules
import ClaimSite
import Foundation
import Testing

/// `claimsite nominate` end to end: what it predicts is what a claim made that way gets when the
/// site is built, and a refused ID draws the matching diagnostic (docs/nominate.md).
@Suite struct NominateCommandTests {
    static let tenant = "0f8fad5b-d9cb-469f-a165-70867728950e"

    /// The fixture with a limit on `ws` and lists for every case below.
    static let site = FixtureSite()
        .with(
            "Content/engagements/limited.md",
            """
            ---
            name: Limited workshop
            activity: assessment
            pay: fixed
            fixedPayoutUSD: 2500
            maxActiveClaimsPerCustomer: 1
            ---
            One at a time.

            """
        )
        .with(
            "Content/data/opportunities.yaml",
            """
            - { id: "7-ABC", customer: northwind, estimatedRevenueUSD: 250000 }
            - { id: "7-XYZ", customer: northwind, estimatedRevenueUSD: 90000 }

            """
        )
        .with(
            "Content/data/eligibility.yaml",
            """
            ws:
              tenantIds: ["\(tenant)"]
              activeClaimsElsewhere: { "tpid:0012345": 1 }
            limited:
              tpids: ["0012345", "0077777"]
              activeClaimsElsewhere: { "tpid:0012345": 1 }
            hours:
              msxOpportunityIds: ["7-ABC"]

            """)

    /// A claim `N-1` as `nominate` described it.
    static func claim(
        engagement: String, customer: String, nominatedBy: TypedID?, location: String, on: String,
        hours: Int? = nil, events: [String] = []
    ) -> String {
        var text = """
            - id: N-1
              displayName: Nominated as predicted
              engagement: \(engagement)
              customer: \(customer)
              origin: \(nominatedBy == nil ? "claimed" : "added")

            """
        if let nominatedBy {
            text += "  nominatedBy: { type: \(nominatedBy.type.rawValue), value: \"\(nominatedBy.value)\" }\n"
        }
        text += """
              location: "\(location)"
              createdOn: \(on)
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }

            """
        if let hours { text += "  hours: \(hours)\n" }
        if !events.isEmpty { text += "  events:\n" + events.map { "    - \($0)\n" }.joined() }
        return text
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Runs `nominate --json` on the site in `root` and returns the one engagement's answer and the top level.
    static func nominate(_ root: URL, _ arguments: [String]) throws -> (top: [String: Any], answer: [String: Any]) {
        let run = try Paths.run(["nominate", "--site", root.path, "--json"] + arguments)
        #expect(run.status == 0, "\(run.stderr)")
        let top = try json(run.stdout)
        let answers = try #require(top["engagements"] as? [[String: Any]])
        #expect(answers.count == 1)
        return (top, try #require(answers.first))
    }

    /// Builds the site in `root` (as of `asOf`) and returns the claim N-1 of report.json and the
    /// diagnostics about it.
    static func build(_ root: URL, asOf: String) throws -> (claim: [String: Any], diagnostics: [[String: Any]]) {
        let out = root.appendingPathComponent("Output")
        let run = try Paths.run([
            "build", "--site", root.path, "--output", out.path, "--as-of", asOf, "--force", "--quiet",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try json(
            String(decoding: try Data(contentsOf: out.appendingPathComponent("report.json")), as: UTF8.self))
        let claims = try #require(report["claims"] as? [[String: Any]])
        let claim = try #require(claims.first { $0["id"] as? String == "N-1" })
        let diagnostics = (report["diagnostics"] as? [[String: Any]] ?? []).filter {
            ($0["record"] as? [String: Any])?["id"] as? String == "N-1"
        }
        return (claim, diagnostics)
    }

    /// Makes the claims `nominate` said could be made (fixed pay by a domain, variable pay by an
    /// opportunity with hours), builds, and finds each valid with the predicted payout and
    /// deadlines: consent at creation, submit and review once consent comes on its deadline.
    @Test(arguments: [
        (["--id", "domain:fabrikam.example", "--engagement", "ws"], "fabrikam", nil as Int?),
        (["--id", "msxOpportunityId:7-ABC", "--engagement", "hours", "--hours", "40"], "northwind", 40),
    ])
    func aClaimMadeAsPredictedBuildsAsPredicted(arguments: [String], customer: String, hours: Int?) throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Paths.write(Self.site.files, to: root)
        let (top, answer) = try Self.nominate(root, arguments)
        #expect(answer["eligible"] as? Bool == true)
        #expect(answer["reason"] is NSNull)
        #expect(answer["flow"] as? String == "add")
        #expect(top["customer"] as? String == customer)
        let id = try #require(top["id"] as? [String: Any])
        let nominated = try TypedID.make(type: id["type"] as! String, value: id["value"] as! String).get()
        let location = try #require((answer["locations"] as? [String])?.first)
        let on = try #require(top["on"] as? String)
        let deadlines = try #require(answer["deadlines"] as? [String: String])
        let payout = try #require(answer["payoutUSD"] as? String)

        // Created as predicted: valid, the consent deadline and the payout as predicted.
        try Paths.write(
            [
                "Content/data/claims/n.yaml": Self.claim(
                    engagement: answer["engagement"] as! String, customer: customer,
                    nominatedBy: nominated, location: location, on: on, hours: hours)
            ],
            to: root)
        let created = try Self.build(root, asOf: on)
        #expect(created.diagnostics.isEmpty, "\(created.diagnostics)")
        #expect(created.claim["status"] as? String == "customerClaimed")
        #expect(created.claim["payoutUSD"] as? String == payout)
        #expect((created.claim["deadlines"] as? [String: Any])?["consent"] as? String == deadlines["consent"])

        // Consent on its deadline: submit and review as predicted.
        let consent = deadlines["consent"]!
        try Paths.write(
            [
                "Content/data/claims/n.yaml": Self.claim(
                    engagement: answer["engagement"] as! String, customer: customer, nominatedBy: nominated,
                    location: location, on: on,
                    hours: hours,
                    events: [
                        "{ on: \(on), type: consentRequested, dealSizeUSD: 1000 }",
                        "{ on: \(consent), type: consentAccepted }",
                    ])
            ],
            to: root)
        let consented = try Self.build(root, asOf: consent)
        #expect(consented.diagnostics.isEmpty, "\(consented.diagnostics)")
        #expect(consented.claim["status"] as? String == "consentReceived")
        let got = try #require(consented.claim["deadlines"] as? [String: Any])
        #expect(got["consent"] as? String == deadlines["consent"])
        #expect(got["submit"] as? String == deadlines["submit"])
        #expect(got["review"] as? String == deadlines["review"])
        #expect(consented.claim["payoutUSD"] as? String == payout)
    }

    /// A known customer: `nominate` says Claim customer, and a claimed claim made that way is valid.
    @Test func theClaimFlowAsPredicted() throws {
        let known = Self.site.claimsWith(
            "    - { on: 2026-11-02, type: consentRequested, dealSizeUSD: 1000 }\n",
            """
                - { on: 2026-11-02, type: consentRequested, dealSizeUSD: 1000 }\n\
                - { on: 2026-11-05, type: consentAccepted }\n
            """
        )
        let result = try Nomination.answer(
            NominationRequest(id: TypedID(type: .tenantId, value: Self.tenant), engagements: ["ws"]),
            in: known.check().evaluation)
        let answer = try #require(result.answers.first)
        #expect(answer.eligible && answer.flow == .claim && result.customer == "fabrikam")
        let claimed = known.with(
            "Content/data/claims/n.yaml",
            Self.claim(
                engagement: "ws", customer: "fabrikam", nominatedBy: nil,
                location: answer.locations[0], on: result.on.description))
        let check = claimed.check()
        #expect(check.diagnostics.filter { $0.record == .claim("N-1") }.map(\.description) == [])
        let facts = try #require(check.evaluation.claim("N-1"))
        #expect(facts.state.deadlines.consent == answer.deadlines.consent)
        #expect(facts.payoutUSD == answer.payoutUSD)
    }

    /// Refused IDs: a claim made anyway draws the diagnostic that matches the reason.
    @Test(arguments: [
        (
            "msxOpportunityId:7-ABC", "ws", "northwind", NominationReason.idTypeNotAccepted,
            DiagnosticCode.idTypeNotAccepted, Severity.error
        ),
        ("domain:fabrikam.example", "hours", "fabrikam", .idTypeNotAccepted, .idTypeNotAccepted, .error),
        ("domain:fabrikam.test", "ws", "fabrikam", .cannotCheck, .domainNotInDirectory, .error),
        ("tpid:0012345", "ws", "fabrikam", .criteriaNotMet, .nominatedIDNotEligible, .warning),
        ("msxOpportunityId:7-XYZ", "hours", "northwind", .criteriaNotMet, .nominatedIDNotEligible, .warning),
        ("tpid:0012345", "limited", "fabrikam", .claimLimitReached, .claimLimitExceeded, .warning),
    ])
    func aRefusedIDDrawsTheMatchingDiagnostic(
        id: String, engagement: String, customer: String, reason: NominationReason,
        code: DiagnosticCode, severity: Severity
    ) throws {
        let nominated = try TypedID.parse(id).get()
        let result = try Nomination.answer(
            NominationRequest(id: nominated, hours: 40, engagements: [engagement]),
            in: Self.site.check().evaluation)
        let answer = try #require(result.answers.first)
        #expect(!answer.eligible)
        #expect(answer.reason == reason)
        let made = Self.site.with(
            "Content/data/claims/n.yaml",
            Self.claim(
                engagement: engagement, customer: customer, nominatedBy: nominated, location: "4400001",
                on: result.on.description,
                hours: engagement == "hours" ? 40 : nil))
        let about = made.check().diagnostics.filter { $0.record == .claim("N-1") }
        #expect(about.map(\.code) == [code], "\(about.map(\.description))")
        #expect(about.first?.severity == severity)
    }

    /// The same ID that is refused for the limit is fine where the limit is not reached.
    @Test func underTheLimitIsClean() throws {
        let result = try Nomination.answer(
            NominationRequest(id: TypedID(type: .tpid, value: "0077777"), engagements: ["limited"]),
            in: Self.site.check().evaluation)
        #expect(result.answers.first?.eligible == true)
        let made = Self.site.with(
            "Content/data/claims/n.yaml",
            Self.claim(
                engagement: "limited", customer: "fabrikam", nominatedBy: TypedID(type: .tpid, value: "0077777"),
                location: "4400001",
                on: result.on.description))
        #expect(made.check().diagnostics.filter { $0.record == .claim("N-1") }.map(\.description) == [])
    }

    // MARK: the command line

    @Test func aBadIDIsAUsageErrorThatListsTheTypes() throws {
        for id in ["fabrikam.example", "tenant:x", "tpid:"] {
            let run = try Paths.run(["nominate", "--site", Paths.repository.path, "--id", id])
            #expect(run.status == 64, "\(id)")
            #expect(
                run.stderr.contains("domain, tenantId, tpid, subscriptionId, msxOpportunityId"), "\(id): \(run.stderr)")
            #expect(run.stdout == "")
        }
        #expect(try Paths.run(["nominate", "--site", Paths.repository.path]).status == 64)
        #expect(
            try Paths.run(["nominate", "--site", Paths.repository.path, "--id", "tpid:1", "--ids", "x.csv"]).status
                == 64)
    }

    @Test func anIneligibleIDIsAnAnswerNotAnError() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Paths.write(Self.site.files, to: root)
        let run = try Paths.run(["nominate", "--site", root.path, "--id", "tpid:9", "--engagement", "ws"])
        #expect(run.status == 0)
        #expect(
            run.stdout.contains(
                """
                Migration workshop (ws): not eligible — Eligibility criteria not met\n\
                  TPID 9 is not on this engagement's eligibility list\n
                """
            ))
        let unknown = try Paths.run(["nominate", "--site", root.path, "--id", "tpid:9", "--engagement", "wz"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "claimsite: error: no engagement 'wz' — did you mean 'ws'?\n")
    }

    @Test func aJSONAnswerHasTheDocumentedShape() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Paths.write(Self.site.files, to: root)
        let run = try Paths.run(["nominate", "--site", root.path, "--id", "domain:Fabrikam.example", "--json"])
        #expect(run.status == 0)
        let top = try Self.json(run.stdout)
        #expect(Set(top.keys) == ["id", "checked", "customer", "engagements", "asOf", "on", "tenantMismatch"])
        #expect(top["id"] as? [String: String] == ["type": "domain", "value": "fabrikam.example"])
        #expect(top["checked"] as? [String: String] == ["type": "tenantId", "value": Self.tenant])
        let answers = try #require(top["engagements"] as? [[String: Any]])
        #expect(answers.map { $0["engagement"] as? String } == ["hours", "limited", "ws"])
        for answer in answers {
            #expect(
                Set(answer.keys) == [
                    "engagement", "pay", "eligible", "reason", "detail", "flow", "locations", "payoutUSD", "deadlines",
                    "otherIds",
                ])
        }
        // An eligible ID lists no other IDs; one of a type the engagement does not accept lists
        // the customer's IDs that it does accept, each checked on its own (docs/nominate.md).
        #expect((answers[2]["otherIds"] as? [Any])?.isEmpty == true)
        #expect(answers[0]["reason"] as? String == "idTypeNotAccepted")
        #expect((answers[0]["otherIds"] as? [Any])?.isEmpty == true)  // fabrikam has no opportunity
        // fabrikam's TPID is not on ws's list; its domain (through its tenant) and its tenant are.
        let tpid = try Paths.run(
            ["nominate", "--site", root.path, "--id", "tpid:0012345", "--engagement", "ws", "--json"])
        let answer = try #require((try Self.json(tpid.stdout)["engagements"] as? [[String: Any]])?.first)
        #expect(answer["reason"] as? String == "criteriaNotMet")
        let others = try #require(answer["otherIds"] as? [[String: Any]])
        #expect(others.map { Set($0.keys) } == Array(repeating: ["type", "value", "eligible", "reason"], count: 2))
        #expect(
            others.map { "\($0["type"]!):\($0["value"]!):\($0["eligible"]!):\($0["reason"]!)" } == [
                "domain:fabrikam.example:1:<null>", "tenantId:\(Self.tenant):1:<null>",
            ])
        #expect(answers[2]["payoutUSD"] as? String == "5000.00")
        #expect(answers[1]["payoutUSD"] as? String == "2500.00")
        #expect(answers[0]["payoutUSD"] is NSNull)
    }

    /// A prospect list: one CSV row per ID and engagement; a bad row is reported with its line
    /// and the others are still answered, with exit status 1.
    @Test func aProspectList() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Paths.write(Self.site.files, to: root)
        try Paths.write(
            [
                "prospects.csv": """
                type,value,emailDomain\r
                domain,fabrikam.example,\r
                tenantId,11111111-2222-3333-4444-555555555555,fabrikam.example\r
                tenant,x,\r
                "tpid","0012345"\r
                tpid,"00,1\r
                """
            ], to: root)
        let run = try Paths.run(
            ["nominate", "--site", root.path, "--ids", "prospects.csv", "--engagement", "ws"], in: root)
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                """
                prospects.csv:4: error: unknown ID type 'tenant' — did you mean 'tenantId'?; use one of domain, \
                tenantId, tpid, subscriptionId, msxOpportunityId\n
                """
            ))
        #expect(run.stderr.contains("prospects.csv:6: error: a quoted field is not closed; add the closing quote\n"))
        let lines = run.stdout.components(separatedBy: "\r\n")
        #expect(
            lines == [
                "type,value,engagement,eligible,reason,detail,flow,locations,payoutUSD,consent,submit,review",
                """
                domain,fabrikam.example,ws,true,,\
                Domain fabrikam.example belongs to tenant \(Self.tenant)\u{2C} which is on this engagement's \
                eligibility list; no claim limit,add,4400001,5000.00,2026-12-29,2027-03-29,2027-04-28
                """
                .replacingOccurrences(
                    of:
                        """
                        Domain fabrikam.example belongs to tenant \(Self.tenant)\u{2C} which is on this \
                        engagement's eligibility list; no claim limit
                        """,
                    with:
                        """
                        \"Domain fabrikam.example belongs to tenant \(Self.tenant), which is on this engagement's \
                        eligibility list; no claim limit\"
                        """
                ),
                """
                tenantId,11111111-2222-3333-4444-555555555555,ws,false,criteriaNotMet,\
                \"Tenant ID 11111111-2222-3333-4444-555555555555 is not on this engagement's eligibility list; \
                the email domain fabrikam.example maps to tenant \(Self.tenant), so the claim needs a \
                tenantMismatchReason\",add,4400001,5000.00,2026-12-29,2027-03-29,2027-04-28
                """,
                """
                tpid,0012345,ws,false,criteriaNotMet,\
                TPID 0012345 is not on this engagement's eligibility list,\
                add,4400001,5000.00,2026-12-29,2027-03-29,2027-04-28
                """,
                "",
            ])
        let json = try Paths.run(["nominate", "--site", root.path, "--ids", "prospects.csv", "--json"], in: root)
        #expect(json.status == 1)
        let rows = json.stdout.split(separator: "\n").map(String.init)
        #expect(rows.count == 3 * 3)  // three good rows, three engagements
        for row in rows {
            let object = try Self.json(row)
            #expect(
                Set(object.keys) == [
                    "type", "value", "engagement", "eligible", "reason", "detail", "flow", "locations",
                    "payoutUSD", "consent", "submit", "review",
                ])
        }
        let clean = try Paths.run(["nominate", "--site", root.path, "--ids", "missing.csv"], in: root)
        #expect(clean.status == 1)
        #expect(clean.stderr.hasPrefix("missing.csv: error: cannot read the prospect list"))
    }
}
