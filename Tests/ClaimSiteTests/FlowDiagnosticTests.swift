import ClaimModel
import ClaimRules
import ClaimSite
import Foundation
import Testing

/// The rules half of docs/rules.md#validation: every claim is checked as the add and claim flows would.
/// One fixture per diagnostic, each with the exact file, line, column and message as printed.
/// Messages name the claim, the rule and the fix.
///
/// The claims under test are in `Content/data/claims/t.yaml`, written out in full so that every
/// position can be read off the text: in a block claim `- id: T-1` the mapping starts at column 3;
/// `engagement:` values are at column 15, `customer:` 13, `origin:` 11, `location:` 13,
/// `createdOn:` 14, `hours:` 10, `flow:` 9, `createdBy:` 14, `referral:` 13; in
/// `  nominatedBy: { type: T, value: V }` the mapping is at 16, the type at 24 and the value at
/// 24 + len(T) + 9; in `    - { on: D, ... }` the event is at 7 and its date at 13.
@Suite struct FlowDiagnosticTests {
    static let file = "Content/data/claims/t.yaml"

    /// The shared fixture, with eligibility lists under which its own two claims are clean.
    let base = FixtureSite().with("Content/data/eligibility.yaml", """
        ws:
          tenantIds: ["0f8fad5b-d9cb-469f-a165-70867728950e"]
          subscriptionIds: ["sub-northwind"]
          activeClaimsElsewhere: { "tpid:0012345": 1 }
        hours:
          msxOpportunityIds: ["7-ABC"]

        """)

    /// The base site with `claims` as `t.yaml` and, when given, a claim `K-1` in `k.yaml` that
    /// makes a customer known (consent requested on `createdOn`, accepted on `acceptedOn`).
    func site(_ claims: String, known: String? = nil) -> FixtureSite {
        var site = base.with(Self.file, claims)
        if let known { site = site.with("Content/data/claims/k.yaml", known) }
        return site
    }

    /// A claim `K-1` that makes `customer` known from `acceptedOn`.
    func known(customer: String = "fabrikam", engagement: String = "ws",
               nominatedBy: String = "{ type: domain, value: fabrikam.example }",
               createdOn: String = "2026-10-01", acceptedOn: String = "2026-10-05") -> String {
        """
        - id: K-1
          displayName: Known customer
          engagement: \(engagement)
          customer: \(customer)
          origin: added
          nominatedBy: \(nominatedBy)
          location: "4400001"
          createdOn: \(createdOn)
          customerContact: { email: jonas@fabrikam.example }
          partnerContact: { email: anna@partner.example }
          events:
            - { on: \(createdOn), type: consentRequested, dealSizeUSD: 1000 }
            - { on: \(acceptedOn), type: consentAccepted }

        """
    }

    @Test func theBaseFixtureIsClean() {
        #expect(base.diagnostics() == [])
        #expect(site("", known: known()).diagnostics() == [])
    }

    // MARK: origin

    /// "`origin: claimed` for a customer that was not known on `createdOn`" — known means a
    /// consent on or before that day.
    @Test func claimedNeedsACustomerKnownOnCreatedOn() {
        let claims = """
            - id: T-1
              displayName: Claimed a day early
              engagement: ws
              customer: fabrikam
              origin: claimed
              location: "4400001"
              createdOn: 2026-11-09
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }
            - id: T-2
              displayName: Claimed on the consent day
              engagement: ws
              customer: fabrikam
              origin: claimed
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }

            """
        let site = site(claims, known: known(createdOn: "2026-11-01", acceptedOn: "2026-11-10"))
        #expect(site.diagnostics() == [
            "Content/data/claims/t.yaml:5:11: error: claim T-1: origin 'claimed' needs a known customer, but fabrikam had not accepted consent on any claim by 2026-11-09 (first consent on 2026-11-10); use origin 'added' with an ID",
        ])
    }

    @Test func claimedForACustomerThatNeverAcceptedConsent() {
        let claims = """
            - id: T-1
              displayName: Northwind claimed
              engagement: ws
              customer: northwind
              origin: claimed
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: kim@northwind.example }
              partnerContact: { email: anna@partner.example }

            """
        #expect(site(claims).diagnostics() == [
            "Content/data/claims/t.yaml:5:11: error: claim T-1: origin 'claimed' needs a known customer, but northwind had not accepted consent on any claim by 2026-11-10 (no consent on any claim); use origin 'added' with an ID",
        ])
    }

    /// "`origin: claimed` with a `nominatedBy` (the claim flow takes no ID)".
    @Test func claimedTakesNoNominatedBy() {
        let claims = """
            - id: T-1
              displayName: Claimed with an ID
              engagement: ws
              customer: fabrikam
              origin: claimed
              nominatedBy: { type: tpid, value: "0012345" }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }

            """
        #expect(site(claims, known: known()).diagnostics() == [
            "Content/data/claims/t.yaml:6:16: error: claim T-1: origin 'claimed' takes no 'nominatedBy' (the claim flow picks a known customer, not an ID); remove nominatedBy or use origin 'added'",
        ])
    }

    // MARK: flows

    /// "Claims of one `flow` with different customers".
    @Test func aFlowWithDifferentCustomers() {
        let claims = """
            - id: T-1
              displayName: Fabrikam in a flow
              engagement: ws
              customer: fabrikam
              origin: added
              nominatedBy: { type: domain, value: fabrikam.example }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }
              flow: F-1
            - id: T-2
              displayName: Northwind in the same flow
              engagement: ws
              customer: northwind
              origin: added
              nominatedBy: { type: subscriptionId, value: sub-northwind }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: kim@northwind.example }
              partnerContact: { email: anna@partner.example }
              flow: F-1

            """
        #expect(site(claims).diagnostics() == [
            "Content/data/claims/t.yaml:22:9: error: claim T-2: flow F-1 mixes customers (northwind here, fabrikam on claim T-1); a flow adds or claims one customer — give this claim its own flow",
        ])
    }

    /// "Claims of one `flow` with ... different origins (the seed: a flow adds a customer or
    /// claims one, never both)".
    @Test func aFlowWithDifferentOrigins() {
        let claims = """
            - id: T-1
              displayName: Fabrikam added
              engagement: ws
              customer: fabrikam
              origin: added
              nominatedBy: { type: domain, value: fabrikam.example }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }
              flow: F-2
            - id: T-2
              displayName: Fabrikam claimed in the same flow
              engagement: ws
              customer: fabrikam
              origin: claimed
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }
              flow: F-2

            """
        #expect(site(claims, known: known()).diagnostics() == [
            "Content/data/claims/t.yaml:21:9: error: claim T-2: flow F-2 mixes origins ('claimed' here, 'added' on claim T-1); a flow either adds a customer or claims one, never both",
        ])
    }

    /// "a `flow` that holds more than one claim when any of them is variable pay"; a
    /// variable-pay claim alone in its flow is fine.
    @Test func aVariablePayClaimMustBeAloneInItsFlow() {
        let claims = """
            - id: T-1
              displayName: Northwind hours
              engagement: hours
              customer: northwind
              origin: added
              nominatedBy: { type: msxOpportunityId, value: 7-ABC }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: kim@northwind.example }
              partnerContact: { email: anna@partner.example }
              hours: 40
              flow: F-3
            - id: T-2
              displayName: Northwind workshop in the same flow
              engagement: ws
              customer: northwind
              origin: added
              nominatedBy: { type: subscriptionId, value: sub-northwind }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: kim@northwind.example }
              partnerContact: { email: anna@partner.example }
              flow: F-3
            - id: T-3
              displayName: Northwind hours alone in a flow
              engagement: hours
              customer: northwind
              origin: added
              nominatedBy: { type: msxOpportunityId, value: 7-ABC }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: kim@northwind.example }
              partnerContact: { email: anna@partner.example }
              hours: 40
              flow: F-4

            """
        #expect(site(claims).diagnostics() == [
            "Content/data/claims/t.yaml:12:9: error: claim T-1: flow F-3 holds 2 claims, but a variable-pay claim must be alone in its flow; give it its own flow",
        ])
    }

    // MARK: nominations

    /// "`nominatedBy.type` not among the engagement's `customerIdTypes`".
    @Test func aNominationTypeTheEngagementDoesNotAccept() {
        let engagement = """
            ---
            name: TPID workshop
            activity: workshop
            pay: fixed
            customerIdTypes: [tpid, subscriptionId]
            fixedPayoutUSD: 1000
            ---

            """
        let claims = """
            - id: T-1
              displayName: Fabrikam by domain
              engagement: tp
              customer: fabrikam
              origin: added
              nominatedBy: { type: domain, value: fabrikam.example }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }

            """
        #expect(site(claims).with("Content/engagements/tp.md", engagement).diagnostics() == [
            "Content/data/claims/t.yaml:6:24: error: claim T-1: engagement tp does not accept domain nominations; nominate by one of tpid, subscriptionId",
        ])
    }

    /// "for variable pay anything but `msxOpportunityId`".
    @Test func variablePayNominatesByOpportunityOnly() {
        let claims = """
            - id: T-1
              displayName: Fabrikam hours by TPID
              engagement: hours
              customer: fabrikam
              origin: added
              nominatedBy: { type: tpid, value: "0012345" }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }
              hours: 40

            """
        #expect(site(claims).diagnostics() == [
            "Content/data/claims/t.yaml:6:24: error: claim T-1: variable-pay engagement hours nominates by msxOpportunityId only, not tpid; nominate by one of the customer's MSX opportunities",
        ])
    }

    /// "an opportunity that belongs to another customer".
    @Test func anOpportunityOfAnotherCustomer() {
        let claims = """
            - id: T-1
              displayName: Fabrikam hours on Northwind's opportunity
              engagement: hours
              customer: fabrikam
              origin: added
              nominatedBy: { type: msxOpportunityId, value: 7-ABC }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }
              hours: 40

            """
        #expect(site(claims).diagnostics() == [
            "Content/data/claims/t.yaml:6:49: error: claim T-1: opportunity 7-ABC belongs to customer northwind, not fabrikam; nominate by one of fabrikam's opportunities",
        ])
    }

    /// "A `domain` nomination whose domain is not in `directory.yaml`" (the domain is the
    /// customer's, so only the directory rule is broken).
    @Test func aDomainNotInTheDirectory() {
        let customers = """
            - id: fabrikam
              name: Fabrikam GmbH
              emailDomain: Fabrikam.example
              domains: [fabrikam.de]
              tenantIds: ["0F8FAD5B-D9CB-469F-A165-70867728950E"]
              tpid: 0012345
            - { id: northwind, name: Northwind Traders, emailDomain: northwind.example, country: NO }

            """
        let claims = """
            - id: T-1
              displayName: Fabrikam by its German domain
              engagement: ws
              customer: fabrikam
              origin: added
              nominatedBy: { type: domain, value: fabrikam.de }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }

            """
        #expect(site(claims).with("Content/data/customers.yaml", customers).diagnostics() == [
            "Content/data/claims/t.yaml:6:39: error: claim T-1: domain fabrikam.de is not in directory.yaml, so its tenant cannot be derived; add it to the directory or nominate by tenantId",
        ])
    }

    /// "A `domain` nomination whose domain is ... not among the customer's domains".
    @Test func aDomainNotAmongTheCustomersDomains() {
        let directory = """
            fabrikam.example: 0f8fad5b-d9cb-469f-a165-70867728950e
            northwind.example: 11111111-2222-3333-4444-555555555555

            """
        let claims = """
            - id: T-1
              displayName: Fabrikam by Northwind's domain
              engagement: ws
              customer: fabrikam
              origin: added
              nominatedBy: { type: domain, value: northwind.example }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }

            """
        #expect(site(claims).with("Content/data/directory.yaml", directory).diagnostics() == [
            "Content/data/claims/t.yaml:6:39: error: claim T-1: domain northwind.example is not one of fabrikam's domains (fabrikam.example); fix the value or add the domain to the customer",
        ])
    }

    /// "domains and tenant IDs ... compare case-insensitively": upper-case nominations of the
    /// customer's own domain and tenant are fine.
    @Test func domainsAndTenantsCompareCaseInsensitively() {
        let claims = """
            - id: T-1
              displayName: Fabrikam by domain, upper case
              engagement: ws
              customer: fabrikam
              origin: added
              nominatedBy: { type: domain, value: FABRIKAM.EXAMPLE }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }
            - id: T-2
              displayName: Fabrikam by tenant, upper case
              engagement: ws
              customer: fabrikam
              origin: added
              nominatedBy: { type: tenantId, value: 0F8FAD5B-D9CB-469F-A165-70867728950E }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }

            """
        #expect(site(claims).diagnostics() == [])
    }

    /// "A `tenantId` nomination whose tenant is not the tenant of the customer's `emailDomain`
    /// in the directory, without `tenantMismatchReason`" — and with one it is accepted.
    @Test func aTenantThatIsNotTheEmailDomainsNeedsAReason() {
        let claims = """
            - id: T-1
              displayName: Fabrikam by a subsidiary's tenant
              engagement: ws
              customer: fabrikam
              origin: added
              nominatedBy: { type: tenantId, value: 11111111-2222-3333-4444-555555555555 }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }

            """
        #expect(site(claims).diagnostics() == [
            "Content/data/claims/t.yaml:6:41: error: claim T-1: tenant 11111111-2222-3333-4444-555555555555 is not the tenant of fabrikam's email domain fabrikam.example (its tenant is 0f8fad5b-d9cb-469f-a165-70867728950e); add 'tenantMismatchReason' saying why, or nominate by the right tenant",
        ])

        let withReason = claims.replacingOccurrences(
            of: "  location: \"4400001\"\n",
            with: "  tenantMismatchReason: The workshop is for the subsidiary's tenant\n  location: \"4400001\"\n")
        let eligibility = """
            ws:
              tenantIds: ["0f8fad5b-d9cb-469f-a165-70867728950e", "11111111-2222-3333-4444-555555555555"]
            hours:
              msxOpportunityIds: ["7-ABC"]

            """
        #expect(site(withReason).with("Content/data/eligibility.yaml", eligibility).diagnostics() == [])
    }

    // MARK: hours

    /// "Variable pay: `hours` missing" — a missing field points at the start of its mapping.
    @Test func variablePayNeedsHours() {
        let claims = """
            - id: T-1
              displayName: Northwind hours, none given
              engagement: hours
              customer: northwind
              origin: added
              nominatedBy: { type: msxOpportunityId, value: 7-ABC }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: kim@northwind.example }
              partnerContact: { email: anna@partner.example }

            """
        #expect(site(claims).diagnostics() == [
            "Content/data/claims/t.yaml:1:3: error: claim T-1: variable-pay engagement hours needs 'hours' (8–120); add it",
        ])
    }

    /// "Variable pay: `hours` ... outside `minHours`..`maxHours`" (both bounds included).
    @Test func variablePayHoursOutsideTheRange() {
        func claim(_ id: String, hours: Int) -> String {
            """
            - id: \(id)
              displayName: Northwind \(hours) hours
              engagement: hours
              customer: northwind
              origin: added
              nominatedBy: { type: msxOpportunityId, value: 7-ABC }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: kim@northwind.example }
              partnerContact: { email: anna@partner.example }
              hours: \(hours)

            """
        }
        let claims = claim("T-1", hours: 7) + claim("T-2", hours: 121) + claim("T-3", hours: 8) + claim("T-4", hours: 120)
        #expect(site(claims).diagnostics() == [
            "Content/data/claims/t.yaml:11:10: error: claim T-1: 7 hours is outside the 8–120 hours that engagement hours allows; use a number in that range",
            "Content/data/claims/t.yaml:22:10: error: claim T-2: 121 hours is outside the 8–120 hours that engagement hours allows; use a number in that range",
        ])
    }

    /// "`hours` on a fixed-pay claim is an error."
    @Test func hoursOnAFixedPayClaim() {
        let claims = """
            - id: T-1
              displayName: Fabrikam workshop with hours
              engagement: ws
              customer: fabrikam
              origin: added
              nominatedBy: { type: domain, value: fabrikam.example }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }
              hours: 10

            """
        #expect(site(claims).diagnostics() == [
            "Content/data/claims/t.yaml:11:10: error: claim T-1: 'hours' applies to variable pay only, and ws is fixed pay; remove it",
        ])
    }

    // MARK: locations, users, contacts

    /// "A location that is not `mciRegistered`".
    @Test func aLocationNotRegisteredForMCI() {
        let claims = """
            - id: T-1
              displayName: Fabrikam from Vienna
              engagement: ws
              customer: fabrikam
              origin: added
              nominatedBy: { type: domain, value: fabrikam.example }
              location: "4400002"
              createdOn: 2026-11-10
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }

            """
        #expect(site(claims).diagnostics() == [
            "Content/data/claims/t.yaml:7:13: error: claim T-1: location 4400002 (Vienna) is not registered for MCI; only MCI-registered locations may claim — use another location",
        ])
    }

    /// "for `origin: claimed`, a location not eligible for the engagement" (an added claim from
    /// the same location is not checked against the engagement's `locations`).
    @Test func aClaimedClaimFromALocationNotEligibleForTheEngagement() {
        let engagement = """
            ---
            name: Migration workshop
            activity: workshop
            pay: fixed
            fixedPayoutUSD: 5000
            locations: ["4400003"]
            ---
            A **workshop**.

            """
        let locations = """
            - { id: "4400001", name: Berlin, country: DE, mciRegistered: true }
            - { id: "4400002", name: Vienna, country: AT, mciRegistered: false }
            - { id: "4400003", name: Hamburg, country: DE, mciRegistered: true }

            """
        let claims = """
            - id: T-1
              displayName: Fabrikam claimed from Berlin
              engagement: ws
              customer: fabrikam
              origin: claimed
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }
            - id: T-2
              displayName: Fabrikam claimed from Hamburg
              engagement: ws
              customer: fabrikam
              origin: claimed
              location: "4400003"
              createdOn: 2026-11-10
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }

            """
        let site = site(claims, known: known())
            .with("Content/engagements/ws.md", engagement)
            .with("Content/data/locations.yaml", locations)
        #expect(site.diagnostics() == [
            "Content/data/claims/t.yaml:6:13: error: claim T-1: location 4400001 (Berlin) is not eligible for ws, which is limited to 4400003; use one of those",
        ])
    }

    /// "`createdBy` a user without `incentivesAdmin` or `incentivesUser`".
    @Test func createdByAUserWithoutAnIncentivesRole() {
        let users = """
            - { email: anna@partner.example, name: Anna Berg, roles: [incentivesAdmin] }
            - { email: bob@partner.example, name: Bob Kern, roles: [referralsAdmin] }
            - { email: carl@partner.example, name: Carl Roth, roles: [incentivesUser] }

            """
        func claim(_ id: String, by user: String) -> String {
            """
            - id: \(id)
              displayName: Fabrikam workshop by \(user)
              engagement: ws
              customer: fabrikam
              origin: added
              nominatedBy: { type: domain, value: fabrikam.example }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }
              createdBy: \(user)@partner.example

            """
        }
        let site = site(claim("T-1", by: "bob") + claim("T-2", by: "carl")).with("Content/data/users.yaml", users)
        #expect(site.diagnostics() == [
            "Content/data/claims/t.yaml:11:14: error: claim T-1: bob@partner.example has the roles [referralsAdmin]; creating a claim needs incentivesAdmin or incentivesUser — give the user one of them or name another creator",
        ])
    }

    /// "A customer or partner contact email that is not an address."
    @Test func contactEmailsThatAreNotAddresses() {
        let claims = """
            - id: T-1
              displayName: Fabrikam with bad contacts
              engagement: ws
              customer: fabrikam
              origin: added
              nominatedBy: { type: domain, value: fabrikam.example }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: jonas at fabrikam.example }
              partnerContact: { email: anna.partner.example }

            """
        #expect(site(claims).diagnostics() == [
            "Content/data/claims/t.yaml:9:29: error: claim T-1: customerContact email 'jonas at fabrikam.example' is not an email address; write it as name@domain",
            "Content/data/claims/t.yaml:10:28: error: claim T-1: partnerContact email 'anna.partner.example' is not an email address; write it as name@domain",
        ])
    }

    // MARK: events

    /// A Fabrikam workshop claim created on `createdOn` with `events` (lines 12 on).
    func eventClaim(createdOn: String = "2026-11-01", _ events: String) -> String {
        """
        - id: T-1
          displayName: Fabrikam workshop
          engagement: ws
          customer: fabrikam
          origin: added
          nominatedBy: { type: domain, value: fabrikam.example }
          location: "4400001"
          createdOn: \(createdOn)
          customerContact: { email: jonas@fabrikam.example }
          partnerContact: { email: anna@partner.example }
          events:
        \(events)
        """
    }

    /// "an event not allowed in the claim's status at that time (name both)".
    @Test func anEventNotAllowedInTheStatus() {
        let claims = eventClaim("""
                - { on: 2026-11-02, type: consentRequested, dealSizeUSD: 1000 }
                - { on: 2026-11-05, type: submitted }

            """)
        #expect(site(claims).diagnostics() == [
            "Content/data/claims/t.yaml:13:7: error: claim T-1: 'submitted' on 2026-11-05 is not allowed in status 'awaitingConsent'; it is allowed only in consentReceived, partnerActionRequired — fix the event or add the missing ones before it",
        ])
    }

    /// "dates out of order".
    @Test func eventsOutOfOrder() {
        let claims = eventClaim("""
                - { on: 2026-11-05, type: consentRequested, dealSizeUSD: 1000 }
                - { on: 2026-11-03, type: consentReminderSent }

            """)
        #expect(site(claims).diagnostics() == [
            "Content/data/claims/t.yaml:13:13: error: claim T-1: the 'consentReminderSent' event on 2026-11-03 is out of order: an earlier event is dated 2026-11-05; list events in date order",
        ])
    }

    /// "dates ... before `createdOn`".
    @Test func anEventBeforeTheClaimWasCreated() {
        let claims = eventClaim(createdOn: "2026-11-10", """
                - { on: 2026-11-09, type: consentRequested, dealSizeUSD: 1000 }

            """)
        #expect(site(claims).diagnostics() == [
            "Content/data/claims/t.yaml:12:13: error: claim T-1: the 'consentRequested' event on 2026-11-09 is before the claim was created (2026-11-10); fix the date",
        ])
    }

    /// "A second `consentRequested` is an error: the deal size cannot be changed once consent was asked for."
    @Test func aSecondConsentRequested() {
        let claims = eventClaim("""
                - { on: 2026-11-02, type: consentRequested, dealSizeUSD: 1000 }
                - { on: 2026-11-04, type: consentRequested, dealSizeUSD: 2000 }

            """)
        #expect(site(claims).diagnostics() == [
            "Content/data/claims/t.yaml:13:7: error: claim T-1: a second 'consentRequested' on 2026-11-04; the deal size cannot be changed once consent was asked for — remove it (a reminder is 'consentReminderSent')",
        ])
    }

    /// "An event that comes after its claim turned terminal (by an event ...) is an error."
    @Test func anEventAfterTheClaimEndedByAnEvent() {
        let claims = eventClaim("""
                - { on: 2026-11-02, type: consentRequested, dealSizeUSD: 1000 }
                - { on: 2026-11-03, type: consentDeclined }
                - { on: 2026-11-04, type: consentAccepted }

            """)
        #expect(site(claims).diagnostics() == [
            "Content/data/claims/t.yaml:14:7: error: claim T-1: 'consentAccepted' is not allowed after 'consentDeclined' (the claim ended on 2026-11-03); nothing can happen to a claim after it ended — remove the event or correct the history",
        ])
    }

    /// "... (by an event or by a deadline)": consent deadline 2026-09-01 + 30 = 2026-10-01 is
    /// still in time; the claim expires on 2026-10-02, before that day's event.
    @Test func anEventAfterTheClaimEndedByADeadline() {
        let claims = eventClaim(createdOn: "2026-09-01", """
                - { on: 2026-10-01, type: consentRequested, dealSizeUSD: 1000 }
                - { on: 2026-10-02, type: consentAccepted }

            """)
        #expect(site(claims).diagnostics() == [
            "Content/data/claims/t.yaml:13:7: error: claim T-1: 'consentAccepted' is not allowed after 'consentExpired' (the consent deadline 2026-10-01 passed; the claim ended on 2026-10-02); nothing can happen to a claim after it ended — remove the event or correct the history",
        ])
    }

    // MARK: warnings

    /// "The nominated ID ... is not eligible on the engagement's current list".
    @Test func aNominatedIDNotOnTheCurrentList() {
        let claims = """
            - id: T-1
              displayName: Fabrikam by TPID
              engagement: ws
              customer: fabrikam
              origin: added
              nominatedBy: { type: tpid, value: "0012345" }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }

            """
        #expect(site(claims).diagnostics() == [
            "Content/data/claims/t.yaml:6:37: warning: claim T-1: the nominated ID is not eligible for ws on the current list (0012345: not on this engagement's eligibility list); lists change over time, so check the claim in Partner Center",
        ])
    }

    /// A domain is checked through its tenant (docs/rules.md#eligibility): the fixture's C-1 warns once
    /// the tenant leaves the list.
    @Test func aNominatedDomainWhoseTenantIsNotOnTheCurrentList() {
        let eligibility = """
            ws:
              tenantIds: []
            hours:
              msxOpportunityIds: ["7-ABC"]

            """
        #expect(base.with("Content/data/eligibility.yaml", eligibility).diagnostics() == [
            "Content/data/claims/a.yaml:6:39: warning: claim C-1: the nominated ID is not eligible for ws on the current list (fabrikam.example: its tenant 0f8fad5b-d9cb-469f-a165-70867728950e is not on this engagement's eligibility list); lists change over time, so check the claim in Partner Center",
        ])
    }

    /// "(for a claimed claim: the customer, by the rules of docs/rules.md#known-customers)": Fabrikam is known only
    /// by its TPID, eligible for `audit` but not for `ws`; its tenant being on ws's list does
    /// not carry over.
    @Test func aClaimedCustomerNotEligibleOnTheCurrentList() {
        let audit = """
            ---
            name: Security assessment
            activity: assessment
            pay: fixed
            fixedPayoutUSD: 2000
            ---

            """
        let eligibility = """
            ws:
              tenantIds: ["0f8fad5b-d9cb-469f-a165-70867728950e"]
            hours:
              msxOpportunityIds: ["7-ABC"]
            audit:
              tpids: ["0012345"]

            """
        let claims = """
            - id: T-1
              displayName: Fabrikam claimed for the workshop
              engagement: ws
              customer: fabrikam
              origin: claimed
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }

            """
        let site = site(claims, known: known(engagement: "audit", nominatedBy: "{ type: tpid, value: \"0012345\" }"))
            .with("Content/engagements/audit.md", audit)
            .with("Content/data/eligibility.yaml", eligibility)
        #expect(site.diagnostics() == [
            "Content/data/claims/t.yaml:4:13: warning: claim T-1: customer fabrikam is not eligible for ws on the current list (0012345: not on this engagement's eligibility list); lists change over time, so check the claim in Partner Center",
        ])
    }

    /// The workshop with `maxActiveClaimsPerCustomer: 1`.
    var limitedWorkshop: String {
        """
        ---
        name: Migration workshop
        activity: workshop
        pay: fixed
        fixedPayoutUSD: 5000
        maxActiveClaimsPerCustomer: 1
        ---

        """
    }

    /// "At the as-of date a customer's non-terminal claims in an engagement plus
    /// `activeClaimsElsewhere` for the nominated ID are more than the limit": C-1 is nominated by
    /// fabrikam.example, i.e. its tenant, which holds one claim elsewhere.
    @Test func claimLimitExceededWithActiveClaimsElsewhere() {
        let eligibility = """
            ws:
              tenantIds: ["0f8fad5b-d9cb-469f-a165-70867728950e"]
              activeClaimsElsewhere: { "tenantId:0f8fad5b-d9cb-469f-a165-70867728950e": 1 }
            hours:
              msxOpportunityIds: ["7-ABC"]

            """
        let site = base.with("Content/engagements/ws.md", limitedWorkshop).with("Content/data/eligibility.yaml", eligibility)
        #expect(site.diagnostics() == [
            "Content/data/claims/a.yaml:4:13: warning: claim C-1: customer fabrikam has 2 active claims for ws (1 here + 1 elsewhere for tenantId:0f8fad5b-d9cb-469f-a165-70867728950e), more than its limit of 1; Partner Center would refuse one of them",
        ])
    }

    /// At the limit is not more than it; claims elsewhere on another of the customer's IDs
    /// (the fixture's `tpid:0012345`) do not count for a domain nomination.
    @Test func claimLimitReachedButNotExceeded() {
        #expect(base.with("Content/engagements/ws.md", limitedWorkshop).diagnostics() == [])
    }

    /// Two non-terminal claims here, limit 1: the warning is on the last one.
    @Test func claimLimitExceededByClaimsHere() {
        let claims = """
            - id: T-1
              displayName: Fabrikam second workshop
              engagement: ws
              customer: fabrikam
              origin: added
              nominatedBy: { type: domain, value: fabrikam.example }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }

            """
        let site = site(claims).with("Content/engagements/ws.md", limitedWorkshop)
        #expect(site.diagnostics() == [
            "Content/data/claims/t.yaml:4:13: warning: claim T-1: customer fabrikam has 2 active claims for ws (2 here), more than its limit of 1; Partner Center would refuse one of them",
        ])
    }

    /// "A referral on a claim whose engagement has `referrals: false` (the referral is still shown)."
    @Test func aReferralOnAnEngagementWithoutReferrals() {
        let claims = """
            - id: T-1
              displayName: Fabrikam workshop with a referral
              engagement: ws
              customer: fabrikam
              origin: added
              nominatedBy: { type: domain, value: fabrikam.example }
              location: "4400001"
              createdOn: 2026-11-10
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }
              referral: { id: REF-1, createdOn: 2026-11-11 }

            """
        #expect(site(claims).diagnostics() == [
            "Content/data/claims/t.yaml:11:13: warning: claim T-1: has a referral, but engagement ws has 'referrals: false' (the referral is still shown)",
        ])
        let withReferrals = """
            ---
            name: Migration workshop
            activity: workshop
            pay: fixed
            fixedPayoutUSD: 5000
            referrals: true
            ---

            """
        #expect(site(claims).with("Content/engagements/ws.md", withReferrals).diagnostics() == [])
    }

    /// "A claim whose `createdOn` is after the as-of date is left out, with a warning"; it
    /// "still take[s] part in duplicate and reference checks".
    @Test func aClaimCreatedAfterTheAsOfDateIsLeftOut() {
        let claims = """
            - id: T-1
              displayName: Fabrikam next month
              engagement: ws
              customer: fabrikam
              origin: added
              nominatedBy: { type: domain, value: fabrikam.example }
              location: "4400001"
              createdOn: 2026-12-01
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }

            """
        let result = site(claims).check()
        #expect(result.diagnostics.map(\.description) == [
            "Content/data/claims/t.yaml:8:14: warning: claim T-1: created on 2026-12-01, after the as-of date 2026-11-29; it is left out until then",
        ])
        #expect(result.evaluation.leftOut == ["T-1"])
        #expect(result.evaluation.claim("T-1") == nil)
        #expect(result.evaluation.claims.map(\.claim.id) == ["C-1", "C-2"])

        let broken = claims.replacingOccurrences(of: "id: T-1", with: "id: C-1")
            .replacingOccurrences(of: "customer: fabrikam", with: "customer: fabrikan")
        #expect(site(broken).diagnostics() == [
            "Content/data/claims/t.yaml:1:7: error: duplicate claim ID 'C-1' (first at Content/data/claims/a.yaml:1:7); give every claim its own ID",
            "Content/data/claims/t.yaml:4:13: error: claim C-1: unknown customer 'fabrikan' — did you mean 'fabrikam'?",
            "Content/data/claims/t.yaml:8:14: warning: claim C-1: created on 2026-12-01, after the as-of date 2026-11-29; it is left out until then",
        ])
    }

    /// "Events after the as-of date are ignored, with a warning"; one on the as-of date counts.
    @Test func anEventAfterTheAsOfDateIsIgnored() {
        let claims = eventClaim("""
                - { on: 2026-11-29, type: consentRequested, dealSizeUSD: 1000 }
                - { on: 2026-11-30, type: consentAccepted }

            """)
        let result = site(claims).check()
        #expect(result.diagnostics.map(\.description) == [
            "Content/data/claims/t.yaml:13:13: warning: claim T-1: the 'consentAccepted' event on 2026-11-30 is after the as-of date 2026-11-29; it is left out until then",
        ])
        #expect(result.evaluation.claim("T-1")?.state.status == .awaitingConsent)
    }
}
