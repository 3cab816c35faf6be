import ClaimModel
import ClaimRules
import Testing

/// The Customers page of docs/rules.md#tabs (and the tab orders of docs/output.md#reportjson), evaluated on
/// models built in code. Every expected row is written out literally.
@Suite struct TabTests {
    typealias F = TabFixture

    // MARK: claim rows

    /// "Eligible holds every non-terminal claim of E"; "claim rows by deadline, then claim id"
    /// (7.1), IDs by UTF-8 bytes ("C10" before "C9"). A claim created after the as-of date is left out.
    @Test func openClaimsAreOnEligibleByDeadlineThenClaimIDInUTF8Order() throws {
        let ws = Build.engagement("ws")
        let model = F.model(
            engagements: [ws],
            claims: [
                Build.claim("C1", customer: "k1", createdOn: "2026-11-05"),  // consent deadline 2026-12-05
                Build.claim("C9", customer: "k9", createdOn: "2026-11-01"),  // 2026-12-01
                Build.claim(
                    "C3", customer: "k3", createdOn: "2026-09-01",  // submit deadline 2026-12-04
                    events: [("2026-09-02", .consentRequested), ("2026-09-05", .consentAccepted)]),
                Build.claim(
                    "C0", customer: "k0", createdOn: "2026-11-01",  // canceled: terminal
                    events: [("2026-11-02", .canceled)]),
                Build.claim("C2", customer: "k2", createdOn: "2026-10-20"),  // 2026-11-19
                Build.claim("C10", customer: "k10", createdOn: "2026-11-01"),  // 2026-12-01
                Build.claim("C7", customer: "k7", createdOn: "2026-11-11"),  // after the as-of date
            ], customers: ["k0", "k1", "k2", "k3", "k7", "k9", "k10"])
        let tabs = try #require(F.tabs(model, "ws", asOf: Build.day("2026-11-10")))
        #expect(tabs.rows == [.claim("C2"), .claim("C10"), .claim("C9"), .claim("C3"), .claim("C1")])
        #expect(tabs.completedIDs == ["C0"])
        // k3 is known (consent on 2026-09-05) but has a non-terminal claim in ws: no customer row.
        #expect(tabs.ineligible.isEmpty)
    }

    /// "Completed holds every terminal claim of E" — "by claim id" (7.1), UTF-8 order.
    @Test func terminalClaimsAreOnCompletedByClaimID() throws {
        let ws = Build.engagement("ws")
        let model = F.model(
            engagements: [ws],
            claims: [
                Build.claim(
                    "C9", customer: "k9", createdOn: "2026-09-01",
                    events: [
                        ("2026-09-01", .consentRequested), ("2026-09-02", .consentAccepted),
                        ("2026-09-10", .submitted), ("2026-10-01", .approved),
                    ]),
                Build.claim("C10", customer: "k10", createdOn: "2026-11-01", events: [("2026-11-02", .canceled)]),
                Build.claim("C5", customer: "k5", createdOn: "2026-11-20"),
                Build.claim("C1", customer: "k1", createdOn: "2026-09-01"),  // consent expired on 2026-10-02
                Build.claim(
                    "C2", customer: "k2", createdOn: "2026-11-01",
                    events: [
                        ("2026-11-01", .consentRequested), ("2026-11-03", .consentDeclined),
                    ]),
            ], customers: ["k1", "k2", "k5", "k9", "k10"])
        let tabs = try #require(F.tabs(model, "ws"))
        #expect(tabs.completedIDs == ["C1", "C10", "C2", "C9"])
        #expect(tabs.rows.first == .claim("C5"))
        #expect(!tabs.rows.contains(.claim("C9")))
    }

    // MARK: known customers

    /// "known customer: a customer with a consentAccepted event on any of this partner's claims
    /// (any engagement) on or before the as-of date, whatever became of that claim later".
    @Test func aCustomerIsKnownThroughAConsentOnAnyEngagementEvenIfThatClaimEnded() throws {
        let model = F.model(
            engagements: [Build.engagement("ws"), Build.engagement("other")],
            claims: [
                Build.claim(
                    "K1", engagement: "other", customer: "fab", nominatedBy: TID.tpid("T1"), createdOn: "2026-03-01",
                    events: [
                        ("2026-03-01", .consentRequested), ("2026-03-02", .consentAccepted), ("2026-03-05", .canceled),
                    ]),
                // Consent on 2026-03-10, never submitted: not submitted expired on 2026-06-09.
                F.consented("K2", customer: "gone", by: TID.tpid("T2"), on: "2026-03-10"),
            ], customers: ["fab", "gone"], eligibility: [F.list("ws", tpids: ["T1", "T2"])])
        let ws = try #require(F.tabs(model, "ws"))
        #expect(
            ws.rows == [
                .customer("fab", qualifyingID: TID.tpid("T1")), .customer("gone", qualifyingID: TID.tpid("T2")),
            ])
        #expect(ws.ineligible.isEmpty)
        #expect(ws.completedIDs == [])
        let other = try #require(F.tabs(model, "other"))
        #expect(other.completedIDs == ["K1", "K2"])
    }

    /// "on or before the as-of date": a consent on the as-of date counts, one the day after does not.
    @Test func aConsentCountsFromItsDayOn() throws {
        let model = F.model(
            engagements: [Build.engagement("ws"), Build.engagement("other")],
            claims: [
                Build.claim(
                    "K1", engagement: "other", customer: "fab", nominatedBy: TID.tpid("A"), createdOn: "2026-11-20",
                    events: [("2026-11-20", .consentRequested), ("2026-11-29", .consentAccepted)]),
                Build.claim(
                    "K2", engagement: "other", customer: "nw", nominatedBy: TID.tpid("B"), createdOn: "2026-11-20",
                    events: [("2026-11-20", .consentRequested), ("2026-11-30", .consentAccepted)]),
                F.consented("K3", customer: "late", by: TID.tpid("C"), on: "2026-12-01"),
            ], customers: ["fab", "late", "nw"], eligibility: [F.list("ws", tpids: ["A", "B", "C"])])
        let onAsOf = try #require(F.tabs(model, "ws", asOf: Build.day("2026-11-29")))
        #expect(onAsOf.rows == [.customer("fab", qualifyingID: TID.tpid("A"))])
        #expect(onAsOf.ineligible.isEmpty)
        let later = try #require(F.tabs(model, "ws", asOf: Build.day("2026-12-01")))
        #expect(
            later.rows == [
                .customer("fab", qualifyingID: TID.tpid("A")),
                .customer("late", qualifyingID: TID.tpid("C")),
                .customer("nw", qualifyingID: TID.tpid("B")),
            ])
    }

    /// "A customer that never accepted consent ... appears on no Eligible or Ineligible tab as a
    /// customer row; its claims still appear as claim rows (Eligible while open, Completed once ended)."
    @Test func aCustomerThatNeverAcceptedConsentHasNoCustomerRow() throws {
        let model = F.model(
            engagements: [Build.engagement("ws"), Build.engagement("other")],
            claims: [
                Build.claim(
                    "D1", customer: "declined", nominatedBy: TID.tpid("D"), createdOn: "2026-11-01",
                    events: [("2026-11-01", .consentRequested), ("2026-11-02", .consentDeclined)]),
                Build.claim("E1", customer: "expired", nominatedBy: TID.tpid("E"), createdOn: "2026-09-01"),
                Build.claim(
                    "X1", engagement: "other", customer: "canceled", nominatedBy: TID.tpid("X"),
                    createdOn: "2026-11-01",
                    events: [("2026-11-01", .consentRequested), ("2026-11-03", .canceled)]),
                Build.claim(
                    "W1", customer: "waiting", nominatedBy: TID.tpid("W"), createdOn: "2026-11-10",
                    events: [("2026-11-11", .consentRequested)]),
            ], customers: ["canceled", "declined", "expired", "waiting"],
            eligibility: [F.list("ws", tpids: ["D", "E", "X", "W"]), F.list("other", tpids: ["D", "E", "X", "W"])])
        let ws = try #require(F.tabs(model, "ws"))
        #expect(ws.rows == [.claim("W1")])
        #expect(ws.ineligible.isEmpty)
        #expect(ws.completedIDs == ["D1", "E1"])
        let other = try #require(F.tabs(model, "other"))
        #expect(other.rows == [])
        #expect(other.ineligible.isEmpty)
        #expect(other.completedIDs == ["X1"])
    }

    // MARK: candidate IDs

    /// "Order: first consent first, same-day consents in file order; duplicates dropped"; a domain
    /// becomes a tenantId candidate through the directory; claimed claims add no candidate; a
    /// claim that never got consent adds none either.
    @Test func candidatesFollowFirstConsentThenFileOrderWithDomainsAsTenants() throws {
        let eDomain = Build.engagement("eDomain", types: [.domain])
        let engagements = [
            Build.engagement("other"), Build.engagement("eAll"), Build.engagement("eSame"), Build.engagement("eSub"),
            Build.engagement("eTenant", types: [.tenantId]), eDomain,
        ]
        let model = F.model(
            engagements: engagements,
            claims: [
                F.consented("K1", customer: "fab", by: TID.tpid("T1"), on: "2026-05-10"),
                F.consented("K2", customer: "fab", by: TID.domain("Fab.Example"), on: "2026-05-01"),
                F.consented("K3", customer: "fab", by: TID.sub("S1"), on: "2026-05-10"),
                F.consented("K4", customer: "fab", by: TID.tenant("AAAA-TENANT"), on: "2026-06-01"),
                F.consented("K5", customer: "fab", by: nil, on: "2026-04-01", origin: .claimed),
                F.consented("K6", customer: "fab", by: TID.domain("fab.example"), on: "2026-07-01"),
                Build.claim(
                    "K7", engagement: "other", customer: "fab", nominatedBy: TID.tpid("T9"), createdOn: "2026-11-01",
                    events: [("2026-11-02", .consentRequested)]),
            ], customers: ["fab"], directory: ["fab.example": "aaaa-tenant"],
            eligibility: [
                F.list("eAll", tenantIds: ["aaaa-tenant"], tpids: ["T1"], subscriptionIds: ["S1"]),
                F.list("eSame", tpids: ["T1"], subscriptionIds: ["S1"]),
                F.list("eSub", tpids: ["T9"], subscriptionIds: ["S1"]),
                F.list("eTenant", tenantIds: ["aaaa-tenant"]),
                F.list("eDomain", tenantIds: ["aaaa-tenant"]),
            ])
        let evaluation = Evaluator.evaluate(model, asOf: F.asOf)
        #expect(evaluation.resolver.consented["fab"] == [TID.tenant("aaaa-tenant"), TID.tpid("T1"), TID.sub("S1")])

        // The first consent (K2, 2026-05-01) beats file order.
        #expect(try #require(F.tabs(model, "eAll")).rows == [.customer("fab", qualifyingID: TID.tenant("aaaa-tenant"))])
        // Same-day consents (K1, K3 on 2026-05-10) keep file order.
        #expect(try #require(F.tabs(model, "eSame")).rows == [.customer("fab", qualifyingID: TID.tpid("T1"))])
        // The first eligible candidate qualifies; T9 was never consented, so it is no candidate.
        #expect(try #require(F.tabs(model, "eSub")).rows == [.customer("fab", qualifyingID: TID.sub("S1"))])
        // The type check uses the tenant a domain became.
        #expect(
            try #require(F.tabs(model, "eTenant")).rows == [.customer("fab", qualifyingID: TID.tenant("aaaa-tenant"))])
        let domainOnly = try #require(F.tabs(model, "eDomain"))
        #expect(domainOnly.rows == [])
        #expect(F.rows(domainOnly) == [IRow("fab", .criteriaNotMet, .typeNotAccepted(TID.tenant("aaaa-tenant")))])
    }

    /// "a domain missing from the directory cannot be checked".
    @Test func aDomainMissingFromTheDirectoryCannotBeChecked() throws {
        let model = F.model(
            engagements: [Build.engagement("ws"), Build.engagement("other")],
            claims: [
                F.consented("K1", customer: "nodir", by: TID.domain("nodir.example"), on: "2026-05-01")
            ], customers: ["nodir"], directory: ["other.example": "bbbb"],
            eligibility: [F.list("ws", tenantIds: ["bbbb"])])
        let ws = try #require(F.tabs(model, "ws"))
        #expect(ws.rows == [])
        #expect(
            F.rows(ws) == [
                IRow("nodir", .criteriaNotMet, .candidate(TID.domain("nodir.example"), .domainNotInDirectory))
            ])
    }

    /// "Claims made by the claim flow (origin: claimed) have no nominatedBy and add no candidate":
    /// a customer known only through claimed claims has no ID on record.
    @Test func aCustomerKnownOnlyThroughClaimedClaimsHasNoCandidate() throws {
        let model = F.model(
            engagements: [Build.engagement("ws"), Build.engagement("other")],
            claims: [
                F.consented("K1", customer: "solo", by: TID.tpid("T1"), on: "2026-05-01"),
                F.consented("K2", customer: "solo", by: nil, on: "2026-05-02", origin: .claimed),
                F.consented("K3", customer: "onlyClaimed", by: nil, on: "2026-05-03", origin: .claimed),
            ], customers: ["onlyClaimed", "solo"], eligibility: [F.list("ws", tpids: ["T2"])])
        let evaluation = Evaluator.evaluate(model, asOf: F.asOf)
        #expect(evaluation.resolver.consented["solo"] == [TID.tpid("T1")])
        #expect((evaluation.resolver.consented["onlyClaimed"] ?? []) == [])
        let ws = try #require(F.tabs(model, "ws"))
        #expect(ws.rows == [])
        #expect(
            F.rows(ws) == [
                IRow("onlyClaimed", .criteriaNotMet, .noCandidate),
                IRow("solo", .criteriaNotMet, .notListed(TID.tpid("T1"))),
            ])
    }

    /// The same rule when a claimed claim carries a stray `nominatedBy` (an error of docs/rules.md#validation,
    /// but the loader reads it): it still adds no candidate.
    @Test func aClaimedClaimWithAStrayNominationAddsNoCandidate() throws {
        var stray = F.consented("K2", customer: "solo", by: nil, on: "2026-05-02", origin: .claimed)
        stray.nominatedBy = TID.tpid("T2")
        let model = F.model(
            engagements: [Build.engagement("ws"), Build.engagement("other")],
            claims: [
                F.consented("K1", customer: "solo", by: TID.tpid("T1"), on: "2026-05-01"),
                stray,
            ], customers: ["solo"], eligibility: [F.list("ws", tpids: ["T2"])])
        let evaluation = Evaluator.evaluate(model, asOf: F.asOf)
        #expect(evaluation.resolver.consented["solo"] == [TID.tpid("T1")])
        let ws = try #require(F.tabs(model, "ws"))
        #expect(ws.rows == [])
        #expect(
            F.rows(ws) == [
                IRow("solo", .criteriaNotMet, .notListed(TID.tpid("T1")))
            ])
    }

    /// "the check runs on the given value only and is never carried over to the customer's other IDs":
    /// a customer whose tpid and email-domain tenant are eligible, but who was only ever
    /// nominated by another tenant, is not eligible.
    @Test func eligibilityIsNotCarriedOverToTheCustomersOtherIDs() throws {
        let fab = F.customer("fab", tenantIds: ["aaaa", "bbbb"], tpid: "0012345")
        let model = F.model(
            engagements: [Build.engagement("ws"), Build.engagement("other")],
            claims: [
                F.consented("K1", customer: "fab", by: TID.tenant("bbbb"), on: "2026-05-01")
            ], records: [fab], directory: ["fab.example": "aaaa"],
            eligibility: [F.list("ws", tenantIds: ["aaaa"], tpids: ["0012345"])])
        let ws = try #require(F.tabs(model, "ws"))
        #expect(ws.rows == [])
        #expect(F.rows(ws) == [IRow("fab", .criteriaNotMet, .notListed(TID.tenant("bbbb")))])
    }

    // MARK: customer rows

    /// Eligible: "claim rows by deadline, then claim id; then customer rows by customer id" (7.1),
    /// each customer row with "the ID that qualifies".
    @Test func claimCustomerRowsFollowClaimRowsByCustomerIDWithTheQualifyingID() throws {
        let model = F.model(
            engagements: [Build.engagement("ws"), Build.engagement("other")],
            claims: [
                F.consented("K1", customer: "c9", by: TID.tpid("P9"), on: "2026-05-01"),
                F.consented("K2", customer: "B", by: TID.sub("SB"), on: "2026-05-02"),
                F.consented("K3", customer: "c10", by: TID.tpid("P10"), on: "2026-05-03"),
                Build.claim("W1", customer: "open1", nominatedBy: TID.tpid("PO"), createdOn: "2026-11-20"),
            ], customers: ["B", "c10", "c9", "open1"],
            eligibility: [F.list("ws", tpids: ["P9", "P10", "PO"], subscriptionIds: ["SB"])])
        let ws = try #require(F.tabs(model, "ws"))
        #expect(
            ws.rows == [
                .claim("W1"),
                .customer("B", qualifyingID: TID.sub("SB")),
                .customer("c10", qualifyingID: TID.tpid("P10")),
                .customer("c9", qualifyingID: TID.tpid("P9")),
            ])
        #expect(ws.ineligible.isEmpty)
    }

    /// Ineligible: "rows ... by customer id" (7.1), by UTF-8 bytes, not by first consent.
    @Test func ineligibleRowsAreByCustomerIDInUTF8Order() throws {
        let model = F.model(
            engagements: [Build.engagement("ws"), Build.engagement("other")],
            claims: [
                F.consented("K1", customer: "c9", by: TID.tpid("P9"), on: "2026-05-01"),
                F.consented("K2", customer: "c10", by: TID.tpid("P10"), on: "2026-05-02"),
                F.consented("K3", customer: "B", by: TID.tpid("PB"), on: "2026-05-03"),
            ], customers: ["B", "c10", "c9"], eligibility: [F.list("ws", tpids: ["Q"])])
        let ws = try #require(F.tabs(model, "ws"))
        #expect(ws.rows == [])
        #expect(
            F.rows(ws) == [
                IRow("B", .criteriaNotMet, .notListed(TID.tpid("PB"))),
                IRow("c10", .criteriaNotMet, .notListed(TID.tpid("P10"))),
                IRow("c9", .criteriaNotMet, .notListed(TID.tpid("P9"))),
            ])
    }

    /// "every known customer with no non-terminal claim in E": an open claim in E keeps its
    /// customer off both customer tabs; claims that ended in E do not.
    @Test func aCustomerWithAnOpenClaimInTheEngagementGetsNoCustomerRow() throws {
        let model = F.model(
            engagements: [Build.engagement("ws"), Build.engagement("other")],
            claims: [
                F.consented("K1", customer: "fab", by: TID.tpid("F"), on: "2026-05-01"),
                Build.claim("W1", customer: "fab", nominatedBy: TID.tpid("F"), createdOn: "2026-11-20"),
                F.consented("K2", customer: "nw", by: TID.tpid("N"), on: "2026-05-02"),
                Build.claim("W2", customer: "nw", nominatedBy: TID.tpid("N"), createdOn: "2026-11-21"),
                Build.claim(
                    "P1", customer: "past", nominatedBy: TID.tpid("P"), createdOn: "2026-05-01",
                    events: [
                        ("2026-05-01", .consentRequested), ("2026-05-01", .consentAccepted),
                        ("2026-05-10", .submitted), ("2026-06-01", .approved),
                    ]),
            ], customers: ["fab", "nw", "past"], eligibility: [F.list("ws", tpids: ["F", "P"])])
        let ws = try #require(F.tabs(model, "ws"))
        #expect(ws.rows == [.claim("W1"), .claim("W2"), .customer("past", qualifyingID: TID.tpid("P"))])
        #expect(ws.ineligible.isEmpty)
        #expect(ws.completedIDs == ["P1"])
    }

    // MARK: Ineligible reasons

    /// A model with three known customers — good (eligible), bad (not eligible), full (at the
    /// limit) — and an open claim of an unknown customer, for the location rules.
    func locationModel(locations: [Location], engagementLocations: [String]?) -> SiteModel {
        let ws = Build.engagement("ws", limit: 1, locations: engagementLocations)
        return F.model(
            engagements: [ws, Build.engagement("other")],
            claims: [
                F.consented("K1", customer: "good", by: TID.tpid("G"), on: "2026-05-01"),
                F.consented("K2", customer: "bad", by: TID.tpid("X"), on: "2026-05-02"),
                F.consented("K3", customer: "full", by: TID.tpid("FU"), on: "2026-05-03"),
                Build.claim("W1", customer: "open1", nominatedBy: TID.tpid("G"), createdOn: "2026-11-20"),
            ], customers: ["bad", "full", "good", "open1"], locations: locations,
            eligibility: [F.list("ws", tpids: ["G", "FU"], elsewhere: [TID.tpid("FU"): 1])])
    }

    /// "noEligibleLocation when the partner has no location eligible for E (it applies to every row)";
    /// "a location is eligible for E when it is mciRegistered and, if E lists locations, is among them".
    @Test func noEligibleLocationAppliesToEveryCustomerRow() throws {
        let everyRow = [
            ["bad", "noEligibleLocation"], ["full", "noEligibleLocation"], ["good", "noEligibleLocation"],
        ]

        // The only location is not registered for MCI.
        let unregistered = try #require(
            F.tabs(
                locationModel(
                    locations: [F.location("L1", registered: false)],
                    engagementLocations: nil), "ws"))
        #expect(unregistered.rows == [.claim("W1")])
        #expect(unregistered.ineligible.map { [$0.customer, $0.reason.rawValue] } == everyRow)

        // A registered location exists, but E lists only an unregistered one.
        let listedUnregistered = try #require(
            F.tabs(
                locationModel(
                    locations: [F.location("L1"), F.location("L2", registered: false)], engagementLocations: ["L2"]),
                "ws"))
        #expect(listedUnregistered.rows == [.claim("W1")])
        #expect(listedUnregistered.ineligible.map { [$0.customer, $0.reason.rawValue] } == everyRow)

        // A registered location that E does not list does not help.
        let notListed = try #require(
            F.tabs(locationModel(locations: [F.location("L1")], engagementLocations: ["L2"]), "ws"))
        #expect(notListed.rows == [.claim("W1")])
        #expect(notListed.ineligible.map { [$0.customer, $0.reason.rawValue] } == everyRow)

        // Registered and listed: the other reasons apply.
        let expectedRows = [
            IRow("bad", .criteriaNotMet, .notListed(TID.tpid("X"))),
            IRow("full", .claimLimitReached, .claimLimit(active: 1, limit: 1)),
        ]
        let listed = try #require(
            F.tabs(
                locationModel(
                    locations: [F.location("L1"), F.location("L2")],
                    engagementLocations: ["L2"]), "ws"))
        #expect(listed.rows == [.claim("W1"), .customer("good", qualifyingID: TID.tpid("G"))])
        #expect(F.rows(listed) == expectedRows)
        // No `locations` on E: every MCI-registered location is eligible.
        let anyRegistered = try #require(
            F.tabs(
                locationModel(
                    locations: [F.location("L2", registered: false), F.location("L1")],
                    engagementLocations: nil), "ws"))
        #expect(anyRegistered.rows == [.claim("W1"), .customer("good", qualifyingID: TID.tpid("G"))])
        #expect(F.rows(anyRegistered) == expectedRows)
    }

    /// "criteriaNotMet (detail: the first candidate and why it failed, ...)".
    @Test func criteriaNotMetNamesTheFirstCandidateAndWhyItFailed() throws {
        let ws = Build.engagement("ws", types: [.tenantId, .tpid])
        let model = F.model(
            engagements: [ws, Build.engagement("other")],
            claims: [
                F.consented("K1", customer: "a", by: TID.tpid("T1"), on: "2026-05-01"),
                F.consented("K2", customer: "a", by: TID.sub("S1"), on: "2026-05-02"),
                F.consented("K3", customer: "b", by: TID.sub("S2"), on: "2026-05-01"),
                F.consented("K4", customer: "b", by: TID.tpid("T2"), on: "2026-05-02"),
                F.consented("K5", customer: "c", by: TID.domain("c.example"), on: "2026-05-01"),
            ], customers: ["a", "b", "c"], directory: ["c.example": "cccc"],
            eligibility: [F.list("ws", tenantIds: ["dddd"], tpids: ["T9"])])
        let tabs = try #require(F.tabs(model, "ws"))
        #expect(tabs.rows == [])
        #expect(
            F.rows(tabs) == [
                IRow("a", .criteriaNotMet, .notListed(TID.tpid("T1"))),
                IRow("b", .criteriaNotMet, .typeNotAccepted(TID.sub("S2"))),
                IRow("c", .criteriaNotMet, .notListed(TID.tenant("cccc"))),
            ])
    }

    /// "active claims = non-terminal claims of E for the customer, plus activeClaimsElsewhere for
    /// the qualifying ID. At or over maxActiveClaimsPerCustomer → claimLimitReached" with
    /// "N of M active claims".
    @Test func claimLimitCountsActiveClaimsElsewhereForTheQualifyingID() throws {
        func model(limit: Int?) -> SiteModel {
            F.model(
                engagements: [Build.engagement("ws", limit: limit), Build.engagement("other")],
                claims: [
                    F.consented("K1", customer: "at", by: TID.tpid("A"), on: "2026-05-01"),
                    F.consented("K2", customer: "over", by: TID.tpid("O"), on: "2026-05-02"),
                    F.consented("K3", customer: "under", by: TID.tpid("U"), on: "2026-05-03"),
                    F.consented("K4", customer: "via", by: TID.tpid("X"), on: "2026-05-04"),
                    F.consented("K5", customer: "via", by: TID.tpid("Y"), on: "2026-05-05"),
                    // An approved (terminal) claim in E does not count as active.
                    Build.claim(
                        "P1", customer: "done", nominatedBy: TID.tpid("D"), createdOn: "2026-05-01",
                        events: [
                            ("2026-05-01", .consentRequested), ("2026-05-01", .consentAccepted),
                            ("2026-05-10", .submitted), ("2026-06-01", .approved),
                        ]),
                ], customers: ["at", "done", "over", "under", "via"],
                eligibility: [
                    F.list(
                        "ws", tpids: ["A", "O", "U", "Y", "D"],
                        elsewhere: [
                            TID.tpid("A"): 2, TID.tpid("O"): 3, TID.tpid("U"): 1, TID.tpid("X"): 5, TID.tpid("D"): 1,
                        ])
                ])
        }
        let limited = try #require(F.tabs(model(limit: 2), "ws"))
        #expect(
            limited.rows == [
                .customer("done", qualifyingID: TID.tpid("D")),
                .customer("under", qualifyingID: TID.tpid("U")),
                .customer("via", qualifyingID: TID.tpid("Y")),
            ])
        #expect(
            F.rows(limited) == [
                IRow("at", .claimLimitReached, .claimLimit(active: 2, limit: 2)),
                IRow("over", .claimLimitReached, .claimLimit(active: 3, limit: 2)),
            ])
        #expect(limited.completedIDs == ["P1"])

        // Without maxActiveClaimsPerCustomer there is no limit.
        let unlimited = try #require(F.tabs(model(limit: nil), "ws"))
        #expect(
            unlimited.rows == [
                .customer("at", qualifyingID: TID.tpid("A")),
                .customer("done", qualifyingID: TID.tpid("D")),
                .customer("over", qualifyingID: TID.tpid("O")),
                .customer("under", qualifyingID: TID.tpid("U")),
                .customer("via", qualifyingID: TID.tpid("Y")),
            ])
        #expect(unlimited.ineligible.isEmpty)
    }

    /// "Which reason: noEligibleLocation ...; else criteriaNotMet ...; else claimLimitReached".
    @Test func reasonPrecedenceIsLocationThenCriteriaThenLimit() throws {
        func model(locations: [Location]) -> SiteModel {
            F.model(
                engagements: [Build.engagement("ws", limit: 1), Build.engagement("other")],
                claims: [
                    // Not eligible, and its (only) candidate is over the limit elsewhere.
                    F.consented("K1", customer: "unfit", by: TID.tpid("T1"), on: "2026-05-01"),
                    // Eligible, at the limit.
                    F.consented("K2", customer: "full", by: TID.tpid("FU"), on: "2026-05-02"),
                ], customers: ["full", "unfit"], locations: locations,
                eligibility: [F.list("ws", tpids: ["FU"], elsewhere: [TID.tpid("T1"): 5, TID.tpid("FU"): 1])])
        }
        let noLocation = try #require(F.tabs(model(locations: [F.location("L1", registered: false)]), "ws"))
        #expect(
            noLocation.ineligible.map { [$0.customer, $0.reason.rawValue] } == [
                ["full", "noEligibleLocation"], ["unfit", "noEligibleLocation"],
            ])
        let withLocation = try #require(F.tabs(model(locations: [F.location("L1")]), "ws"))
        #expect(withLocation.rows == [])
        #expect(
            F.rows(withLocation) == [
                IRow("full", .claimLimitReached, .claimLimit(active: 1, limit: 1)),
                IRow("unfit", .criteriaNotMet, .notListed(TID.tpid("T1"))),
            ])
    }

    // MARK: MSX-only engagements

    /// "For msxOpportunityId engagements the candidates are instead the customer's opportunities
    /// in opportunities.yaml, in file order"; the Ineligible tab "shows no rows, only a note
    /// that details are not shown for such engagements (detailsHidden: true)".
    @Test func msxOnlyEngagementsUseOpportunitiesInFileOrderAndHideIneligibleRows() throws {
        let model = F.model(
            engagements: [
                Build.engagement("ws"), Build.engagement("hours", activity: .projectM, pay: .variable),
                Build.engagement("other"),
            ],
            claims: [
                F.consented("K1", customer: "fab", by: TID.tpid("T1"), on: "2026-05-01"),
                F.consented("K2", customer: "nw", by: TID.tpid("T2"), on: "2026-05-02"),
                F.consented("K3", customer: "none", by: TID.tpid("T3"), on: "2026-05-03"),
                Build.claim(
                    "G1", engagement: "other", customer: "ghost", nominatedBy: TID.tpid("T4"), createdOn: "2026-11-01",
                    events: [("2026-11-02", .consentRequested)]),
            ], customers: ["fab", "ghost", "none", "nw"],
            eligibility: [
                F.list("hours", msx: ["O10", "O9", "O1"]),
                F.list("ws", tpids: ["T1"]),
            ],
            opportunities: [
                F.opportunity("O9", customer: "fab"), F.opportunity("O5", customer: "nw"),
                F.opportunity("O10", customer: "fab"), F.opportunity("O1", customer: "ghost"),
            ])
        let hours = try #require(F.tabs(model, "hours"))
        // O9 comes before O10 in the file (by UTF-8 bytes it would be after).
        #expect(hours.rows == [.customer("fab", qualifyingID: TID.msx("O9"))])
        #expect(hours.detailsHidden == true)
        // The evaluation keeps every Ineligible row; only the output hides them.
        #expect(
            F.rows(hours) == [
                IRow("none", .criteriaNotMet, .noCandidate),
                IRow("nw", .criteriaNotMet, .notListed(TID.msx("O5"))),
            ])

        // A fixed-pay engagement shows its Ineligible rows.
        let ws = try #require(F.tabs(model, "ws"))
        #expect(ws.detailsHidden == false)
        #expect(ws.rows == [.customer("fab", qualifyingID: TID.tpid("T1"))])
        #expect(
            F.rows(ws) == [
                IRow("none", .criteriaNotMet, .notListed(TID.tpid("T3"))),
                IRow("nw", .criteriaNotMet, .notListed(TID.tpid("T2"))),
            ])
    }
}
