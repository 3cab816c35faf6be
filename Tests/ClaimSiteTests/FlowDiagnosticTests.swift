import ClaimModel
import ClaimRules
import ClaimSite
import Foundation
import Testing

/// The rules half of docs/rules.md#validation: every claim is checked as the add and claim flows would.
/// One table, `rows`: each row is a change to the fixture and the exact diagnostics it must give —
/// code, and file, line, column, severity and message as printed — in order; some rows also
/// check what the evaluation left out or made of a claim. Messages name the claim, the rule and
/// the fix.
///
/// The claims under test are in `Content/data/claims/t.yaml`, written out in full so that every
/// position can be read off the text: in a block claim `- id: T-1` the mapping starts at column 3;
/// `engagement:` values are at column 15, `customer:` 13, `origin:` 11, `location:` 13,
/// `createdOn:` 14, `hours:` 10, `flow:` 9, `createdBy:` 14, `referral:` 13; in
/// `  nominatedBy: { type: T, value: V }` the mapping is at 16, the type at 24 and the value at
/// 24 + len(T) + 9; in `    - { on: D, ... }` the event is at 7 and its date at 13.
@Suite struct FlowDiagnosticTests {
    /// One diagnostic a row must give: its code, severity, position (in `Content/data/claims/`)
    /// and message.
    struct Expected: Sendable {
        var code: DiagnosticCode
        var severity: Severity
        /// `FILE:LINE:COLUMN`, the file in `Content/data/claims/`.
        var at: String
        var message: String

        static func error(_ code: DiagnosticCode, _ at: String, _ message: String) -> Expected {
            Expected(code: code, severity: .error, at: at, message: message)
        }

        static func warning(_ code: DiagnosticCode, _ at: String, _ message: String) -> Expected {
            Expected(code: code, severity: .warning, at: at, message: message)
        }

        /// As `check` prints it.
        var printed: String { "Content/data/claims/\(at): \(severity.rawValue): \(message)" }
    }

    /// One case: the fixture with `claims` as `t.yaml` (none when `nil`), a claim `K-1` in
    /// `k.yaml` that makes a customer known (`known`), and `files` replaced or added; it gives
    /// exactly `expected`. `leftOut`, `evaluated` and `statuses`, when given, are what the
    /// evaluation must have left out (and then holds no claim of that ID), the IDs of the claims
    /// it evaluated, and claims' statuses.
    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var claims: String? = nil
        var known: String? = nil
        var files: [String: String] = [:]
        var expected: [Expected]
        var leftOut: [String]? = nil
        var evaluated: [String]? = nil
        var statuses: [String: ClaimStatus] = [:]

        var testDescription: String { name }
    }

    static let file = "Content/data/claims/t.yaml"

    /// The shared fixture, with eligibility lists under which its own two claims are clean.
    static let base = FixtureSite().with(
        "Content/data/eligibility.yaml",
        """
        ws:
          tenantIds: ["0f8fad5b-d9cb-469f-a165-70867728950e"]
          subscriptionIds: ["sub-northwind"]
          activeClaimsElsewhere: { "tpid:0012345": 1 }
        hours:
          msxOpportunityIds: ["7-ABC"]

        """)

    /// The site of `row`.
    static func site(_ row: Row) -> FixtureSite {
        var site = base
        if let claims = row.claims { site = site.with(file, claims) }
        if let known = row.known { site = site.with("Content/data/claims/k.yaml", known) }
        for (path, text) in row.files { site = site.with(path, text) }
        return site
    }

    @Test(arguments: FlowDiagnosticTests.rows)
    func eachRowGivesExactlyItsDiagnostics(_ row: Row) {
        let result = Self.site(row).check()
        #expect(result.diagnostics.map(\.description) == row.expected.map(\.printed))
        #expect(result.diagnostics.map(\.code) == row.expected.map(\.code))
        if let leftOut = row.leftOut {
            #expect(result.evaluation.leftOut == leftOut)
            for id in leftOut { #expect(result.evaluation.claim(id) == nil, "\(id) is left out") }
        }
        if let evaluated = row.evaluated {
            #expect(result.evaluation.claims.map(\.claim.id) == evaluated)
        }
        for (id, status) in row.statuses.sorted(by: { $0.key < $1.key }) {
            #expect(result.evaluation.claim(id)?.state.status == status, "\(id)")
        }
    }

    /// Row names are unique, so a failure names one row.
    @Test func rowNamesAreUnique() {
        #expect(Set(Self.rows.map(\.name)).count == Self.rows.count)
    }

    // MARK: fixtures

    /// A claim `K-1` that makes `customer` known from `acceptedOn`.
    static func known(
        customer: String = "fabrikam", engagement: String = "ws",
        nominatedBy: String = "{ type: domain, value: fabrikam.example }",
        createdOn: String = "2026-10-01", acceptedOn: String = "2026-10-05"
    ) -> String {
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

    /// A Fabrikam workshop claim created on `createdOn` with `events` (lines 12 on).
    static func eventClaim(createdOn: String = "2026-11-01", _ events: String) -> String {
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

    /// A Northwind variable-pay claim `id` of `hours` hours.
    static func hoursClaim(_ id: String, hours: Int) -> String {
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

    /// A Fabrikam workshop claim `id` created by `user`@partner.example.
    static func claimCreated(_ id: String, by user: String) -> String {
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

    /// The workshop with `maxActiveClaimsPerCustomer: 1`.
    static let limitedWorkshop = """
        ---
        name: Migration workshop
        activity: workshop
        pay: fixed
        fixedPayoutUSD: 5000
        maxActiveClaimsPerCustomer: 1
        ---

        """

    /// The claim of the left-out rows: created after the as-of date.
    static let nextMonth = """
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

    /// The claim of the tenant-mismatch rows: nominated by a subsidiary's tenant.
    static let subsidiaryTenant = """
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

    /// The claim of the referral rows.
    static let withReferral = """
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

    // MARK: the table

    static let rows: [Row] = [
        Row(name: "the base fixture is clean", expected: []),
        Row(name: "the base fixture with a known customer is clean", claims: "", known: known(), expected: []),

        // MARK: origin

        // "`origin: claimed` for a customer that was not known on `createdOn`" — known means a
        // consent on or before that day.
        Row(
            name: "claimed needs a customer known on createdOn",
            claims: """
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

                """,
            known: known(createdOn: "2026-11-01", acceptedOn: "2026-11-10"),
            expected: [
                .error(
                    .claimedCustomerNotKnown, "t.yaml:5:11",
                    """
                    claim T-1: origin 'claimed' needs a known customer, but fabrikam had not accepted consent on any \
                    claim by 2026-11-09 (first consent on 2026-11-10); use origin 'added' with an ID
                    """
                )
            ]),

        Row(
            name: "claimed for a customer that never accepted consent",
            claims: """
                - id: T-1
                  displayName: Northwind claimed
                  engagement: ws
                  customer: northwind
                  origin: claimed
                  location: "4400001"
                  createdOn: 2026-11-10
                  customerContact: { email: kim@northwind.example }
                  partnerContact: { email: anna@partner.example }

                """,
            expected: [
                .error(
                    .claimedCustomerNotKnown, "t.yaml:5:11",
                    """
                    claim T-1: origin 'claimed' needs a known customer, but northwind had not accepted consent on any \
                    claim by 2026-11-10 (no consent on any claim); use origin 'added' with an ID
                    """
                )
            ]),

        // "`origin: claimed` with a `nominatedBy` (the claim flow takes no ID)".
        Row(
            name: "claimed takes no nominatedBy",
            claims: """
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

                """,
            known: known(),
            expected: [
                .error(
                    .claimedWithNomination, "t.yaml:6:16",
                    """
                    claim T-1: origin 'claimed' takes no 'nominatedBy' (the claim flow picks a known customer, not an \
                    ID); remove nominatedBy or use origin 'added'
                    """
                )
            ]),

        // MARK: flows

        // "Claims of one `flow` with different customers".
        Row(
            name: "a flow with different customers",
            claims: """
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

                """,
            expected: [
                .error(
                    .flowMixesCustomers, "t.yaml:22:9",
                    """
                    claim T-2: flow F-1 mixes customers (northwind here, fabrikam on claim T-1); a flow adds or claims \
                    one customer — give this claim its own flow
                    """
                )
            ]),

        // "Claims of one `flow` with ... different origins (the seed: a flow adds a customer or
        // claims one, never both)".
        Row(
            name: "a flow with different origins",
            claims: """
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

                """,
            known: known(),
            expected: [
                .error(
                    .flowMixesOrigins, "t.yaml:21:9",
                    """
                    claim T-2: flow F-2 mixes origins ('claimed' here, 'added' on claim T-1); a flow either adds a \
                    customer or claims one, never both
                    """
                )
            ]),

        // "a `flow` that holds more than one claim when any of them is variable pay"; a
        // variable-pay claim alone in its flow is fine.
        Row(
            name: "a variable-pay claim must be alone in its flow",
            claims: """
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

                """,
            expected: [
                .error(
                    .variablePayFlowNotAlone, "t.yaml:12:9",
                    """
                    claim T-1: flow F-3 holds 2 claims, but a variable-pay claim must be alone in its flow; give it \
                    its own flow
                    """
                )
            ]),

        // MARK: nominations

        // "`nominatedBy.type` not among the engagement's `customerIdTypes`".
        Row(
            name: "a nomination type the engagement does not accept",
            claims: """
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

                """,
            files: [
                "Content/engagements/tp.md": """
                ---
                name: TPID workshop
                activity: workshop
                pay: fixed
                customerIdTypes: [tpid, subscriptionId]
                fixedPayoutUSD: 1000
                ---

                """
            ],
            expected: [
                .error(
                    .idTypeNotAccepted, "t.yaml:6:24",
                    """
                    claim T-1: engagement tp does not accept domain nominations; nominate by one of tpid, subscriptionId
                    """
                )
            ]),

        // "for variable pay anything but `msxOpportunityId`".
        Row(
            name: "variable pay nominates by opportunity only",
            claims: """
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

                """,
            expected: [
                .error(
                    .idTypeNotAccepted, "t.yaml:6:24",
                    """
                    claim T-1: variable-pay engagement hours nominates by msxOpportunityId only, not tpid; nominate by \
                    one of the customer's MSX opportunities
                    """
                )
            ]),

        // "an opportunity that belongs to another customer".
        Row(
            name: "an opportunity of another customer",
            claims: """
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

                """,
            expected: [
                .error(
                    .opportunityOfOtherCustomer, "t.yaml:6:49",
                    """
                    claim T-1: opportunity 7-ABC belongs to customer northwind, not fabrikam; nominate by one of \
                    fabrikam's opportunities
                    """
                )
            ]),

        // "A `domain` nomination whose domain is not in `directory.yaml`" (the domain is the
        // customer's, so only the directory rule is broken).
        Row(
            name: "a domain not in the directory",
            claims: """
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

                """,
            files: [
                "Content/data/customers.yaml": """
                - id: fabrikam
                  name: Fabrikam GmbH
                  emailDomain: Fabrikam.example
                  domains: [fabrikam.de]
                  tenantIds: ["0F8FAD5B-D9CB-469F-A165-70867728950E"]
                  tpid: 0012345
                - { id: northwind, name: Northwind Traders, emailDomain: northwind.example, country: NO }

                """
            ],
            expected: [
                .error(
                    .domainNotInDirectory, "t.yaml:6:39",
                    """
                    claim T-1: domain fabrikam.de is not in directory.yaml, so its tenant cannot be derived; add it to \
                    the directory or nominate by tenantId
                    """
                )
            ]),

        // "A `domain` nomination whose domain is ... not among the customer's domains".
        Row(
            name: "a domain not among the customer's domains",
            claims: """
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

                """,
            files: [
                "Content/data/directory.yaml": """
                fabrikam.example: 0f8fad5b-d9cb-469f-a165-70867728950e
                northwind.example: 11111111-2222-3333-4444-555555555555

                """
            ],
            expected: [
                .error(
                    .domainNotOfCustomer, "t.yaml:6:39",
                    """
                    claim T-1: domain northwind.example is not one of fabrikam's domains (fabrikam.example); fix the \
                    value or add the domain to the customer
                    """
                )
            ]),

        // "domains and tenant IDs ... compare case-insensitively": upper-case nominations of the
        // customer's own domain and tenant are fine.
        Row(
            name: "domains and tenants compare case-insensitively",
            claims: """
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

                """,
            expected: []),

        // "A `tenantId` nomination whose tenant is not the tenant of the customer's `emailDomain`
        // in the directory, without `tenantMismatchReason`" — and with one it is accepted.
        Row(
            name: "a tenant that is not the email domain's needs a reason",
            claims: subsidiaryTenant,
            expected: [
                .error(
                    .tenantMismatchWithoutReason, "t.yaml:6:41",
                    """
                    claim T-1: tenant 11111111-2222-3333-4444-555555555555 is not the tenant of fabrikam's email \
                    domain fabrikam.example (its tenant is 0f8fad5b-d9cb-469f-a165-70867728950e); add \
                    'tenantMismatchReason' saying why, or nominate by the right tenant
                    """
                )
            ]),
        Row(
            name: "a tenant that is not the email domain's, with a reason",
            claims: subsidiaryTenant.replacingOccurrences(
                of: "  location: \"4400001\"\n",
                with: "  tenantMismatchReason: The workshop is for the subsidiary's tenant\n  location: \"4400001\"\n"),
            files: [
                "Content/data/eligibility.yaml": """
                ws:
                  tenantIds: ["0f8fad5b-d9cb-469f-a165-70867728950e", "11111111-2222-3333-4444-555555555555"]
                hours:
                  msxOpportunityIds: ["7-ABC"]

                """
            ],
            expected: []),

        // MARK: hours

        // "Variable pay: `hours` missing" — a missing field points at the start of its mapping.
        Row(
            name: "variable pay needs hours",
            claims: """
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

                """,
            expected: [
                .error(
                    .missingHours, "t.yaml:1:3",
                    "claim T-1: variable-pay engagement hours needs 'hours' (8–120); add it")
            ]),

        // "Variable pay: `hours` ... outside `minHours`..`maxHours`" (both bounds included).
        Row(
            name: "variable-pay hours outside the range",
            claims: hoursClaim("T-1", hours: 7) + hoursClaim("T-2", hours: 121) + hoursClaim("T-3", hours: 8)
                + hoursClaim("T-4", hours: 120),
            expected: [
                .error(
                    .hoursOutOfRange, "t.yaml:11:10",
                    """
                    claim T-1: 7 hours is outside the 8–120 hours that engagement hours allows; use a number in that \
                    range
                    """
                ),
                .error(
                    .hoursOutOfRange, "t.yaml:22:10",
                    """
                    claim T-2: 121 hours is outside the 8–120 hours that engagement hours allows; use a number in that \
                    range
                    """
                ),
            ]),

        // "`hours` on a fixed-pay claim is an error."
        Row(
            name: "hours on a fixed-pay claim",
            claims: """
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

                """,
            expected: [
                .error(
                    .hoursOnFixedPay, "t.yaml:11:10",
                    "claim T-1: 'hours' applies to variable pay only, and ws is fixed pay; remove it")
            ]),

        // MARK: locations, users, contacts

        // "A location that is not `mciRegistered`".
        Row(
            name: "a location not registered for MCI",
            claims: """
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

                """,
            expected: [
                .error(
                    .locationNotRegistered, "t.yaml:7:13",
                    """
                    claim T-1: location 4400002 (Vienna) is not registered for MCI; only MCI-registered locations may \
                    claim — use another location
                    """
                )
            ]),

        // "for `origin: claimed`, a location not eligible for the engagement" (an added claim from
        // the same location is not checked against the engagement's `locations`).
        Row(
            name: "a claimed claim from a location not eligible for the engagement",
            claims: """
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

                """,
            known: known(),
            files: [
                "Content/engagements/ws.md": """
                ---
                name: Migration workshop
                activity: workshop
                pay: fixed
                fixedPayoutUSD: 5000
                locations: ["4400003"]
                ---
                A **workshop**.

                """,
                "Content/data/locations.yaml": """
                - { id: "4400001", name: Berlin, country: DE, mciRegistered: true }
                - { id: "4400002", name: Vienna, country: AT, mciRegistered: false }
                - { id: "4400003", name: Hamburg, country: DE, mciRegistered: true }

                """,
            ],
            expected: [
                .error(
                    .locationNotEligible, "t.yaml:6:13",
                    """
                    claim T-1: location 4400001 (Berlin) is not eligible for ws, which is limited to 4400003; use one \
                    of those
                    """
                )
            ]),

        // "`createdBy` a user without `incentivesAdmin` or `incentivesUser`".
        Row(
            name: "createdBy a user without an incentives role",
            claims: claimCreated("T-1", by: "bob") + claimCreated("T-2", by: "carl"),
            files: [
                "Content/data/users.yaml": """
                - { email: anna@partner.example, name: Anna Berg, roles: [incentivesAdmin] }
                - { email: bob@partner.example, name: Bob Kern, roles: [referralsAdmin] }
                - { email: carl@partner.example, name: Carl Roth, roles: [incentivesUser] }

                """
            ],
            expected: [
                .error(
                    .creatorWithoutRole, "t.yaml:11:14",
                    """
                    claim T-1: bob@partner.example has the roles [referralsAdmin]; creating a claim needs \
                    incentivesAdmin or incentivesUser — give the user one of them or name another creator
                    """
                )
            ]),

        // "A customer or partner contact email that is not an address."
        Row(
            name: "contact emails that are not addresses",
            claims: """
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

                """,
            expected: [
                .error(
                    .invalidEmail, "t.yaml:9:29",
                    """
                    claim T-1: customerContact email 'jonas at fabrikam.example' is not an email address; write it as \
                    name@domain
                    """
                ),
                .error(
                    .invalidEmail, "t.yaml:10:28",
                    """
                    claim T-1: partnerContact email 'anna.partner.example' is not an email address; write it as \
                    name@domain
                    """
                ),
            ]),

        // MARK: events

        // "an event not allowed in the claim's status at that time (name both)".
        Row(
            name: "an event not allowed in the status",
            claims: eventClaim(
                """
                    - { on: 2026-11-02, type: consentRequested, dealSizeUSD: 1000 }
                    - { on: 2026-11-05, type: submitted }

                """),
            expected: [
                .error(
                    .eventNotAllowed, "t.yaml:13:7",
                    """
                    claim T-1: 'submitted' on 2026-11-05 is not allowed in status 'awaitingConsent'; it is allowed \
                    only in consentReceived, partnerActionRequired — fix the event or add the missing ones before it
                    """
                )
            ]),

        // "dates out of order".
        Row(
            name: "events out of order",
            claims: eventClaim(
                """
                    - { on: 2026-11-05, type: consentRequested, dealSizeUSD: 1000 }
                    - { on: 2026-11-03, type: consentReminderSent }

                """),
            expected: [
                .error(
                    .eventsOutOfOrder, "t.yaml:13:13",
                    """
                    claim T-1: the 'consentReminderSent' event on 2026-11-03 is out of order: an earlier event is \
                    dated 2026-11-05; list events in date order
                    """
                )
            ]),

        // "dates ... before `createdOn`".
        Row(
            name: "an event before the claim was created",
            claims: eventClaim(
                createdOn: "2026-11-10",
                """
                    - { on: 2026-11-09, type: consentRequested, dealSizeUSD: 1000 }

                """),
            expected: [
                .error(
                    .eventBeforeCreation, "t.yaml:12:13",
                    """
                    claim T-1: the 'consentRequested' event on 2026-11-09 is before the claim was created \
                    (2026-11-10); fix the date
                    """
                )
            ]),

        // "A second `consentRequested` is an error: the deal size cannot be changed once consent was asked for."
        Row(
            name: "a second consentRequested",
            claims: eventClaim(
                """
                    - { on: 2026-11-02, type: consentRequested, dealSizeUSD: 1000 }
                    - { on: 2026-11-04, type: consentRequested, dealSizeUSD: 2000 }

                """),
            expected: [
                .error(
                    .secondConsentRequest, "t.yaml:13:7",
                    """
                    claim T-1: a second 'consentRequested' on 2026-11-04; the deal size cannot be changed once consent \
                    was asked for — remove it (a reminder is 'consentReminderSent')
                    """
                )
            ]),

        // "An event that comes after its claim turned terminal (by an event ...) is an error."
        Row(
            name: "an event after the claim ended by an event",
            claims: eventClaim(
                """
                    - { on: 2026-11-02, type: consentRequested, dealSizeUSD: 1000 }
                    - { on: 2026-11-03, type: consentDeclined }
                    - { on: 2026-11-04, type: consentAccepted }

                """),
            expected: [
                .error(
                    .eventAfterTerminal, "t.yaml:14:7",
                    """
                    claim T-1: 'consentAccepted' is not allowed after 'consentDeclined' (the claim ended on \
                    2026-11-03); nothing can happen to a claim after it ended — remove the event or correct the history
                    """
                )
            ]),

        // "... (by an event or by a deadline)": consent deadline 2026-09-01 + 30 = 2026-10-01 is
        // still in time; the claim expires on 2026-10-02, before that day's event.
        Row(
            name: "an event after the claim ended by a deadline",
            claims: eventClaim(
                createdOn: "2026-09-01",
                """
                    - { on: 2026-10-01, type: consentRequested, dealSizeUSD: 1000 }
                    - { on: 2026-10-02, type: consentAccepted }

                """),
            expected: [
                .error(
                    .eventAfterTerminal, "t.yaml:13:7",
                    """
                    claim T-1: 'consentAccepted' is not allowed after 'consentExpired' (the consent deadline \
                    2026-10-01 passed; the claim ended on 2026-10-02); nothing can happen to a claim after it ended — \
                    remove the event or correct the history
                    """
                )
            ]),

        // MARK: warnings

        // "The nominated ID ... is not eligible on the engagement's current list".
        Row(
            name: "a nominated ID not on the current list",
            claims: """
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

                """,
            expected: [
                .warning(
                    .nominatedIDNotEligible, "t.yaml:6:37",
                    """
                    claim T-1: the nominated ID is not eligible for ws on the current list (0012345: not on this \
                    engagement's eligibility list); lists change over time, so check the claim in Partner Center
                    """
                )
            ]),

        // A domain is checked through its tenant (docs/rules.md#eligibility): the fixture's C-1 warns once
        // the tenant leaves the list.
        Row(
            name: "a nominated domain whose tenant is not on the current list",
            files: [
                "Content/data/eligibility.yaml": """
                ws:
                  tenantIds: []
                hours:
                  msxOpportunityIds: ["7-ABC"]

                """
            ],
            expected: [
                .warning(
                    .nominatedIDNotEligible, "a.yaml:6:39",
                    """
                    claim C-1: the nominated ID is not eligible for ws on the current list (fabrikam.example: its \
                    tenant 0f8fad5b-d9cb-469f-a165-70867728950e is not on this engagement's eligibility list); lists \
                    change over time, so check the claim in Partner Center
                    """
                )
            ]),

        // "(for a claimed claim: the customer, by the rules of docs/rules.md#known-customers)": Fabrikam is known only
        // by its TPID, eligible for `audit` but not for `ws`; its tenant being on ws's list does
        // not carry over.
        Row(
            name: "a claimed customer not eligible on the current list",
            claims: """
                - id: T-1
                  displayName: Fabrikam claimed for the workshop
                  engagement: ws
                  customer: fabrikam
                  origin: claimed
                  location: "4400001"
                  createdOn: 2026-11-10
                  customerContact: { email: jonas@fabrikam.example }
                  partnerContact: { email: anna@partner.example }

                """,
            known: known(engagement: "audit", nominatedBy: "{ type: tpid, value: \"0012345\" }"),
            files: [
                "Content/engagements/audit.md": """
                ---
                name: Security assessment
                activity: assessment
                pay: fixed
                fixedPayoutUSD: 2000
                ---

                """,
                "Content/data/eligibility.yaml": """
                ws:
                  tenantIds: ["0f8fad5b-d9cb-469f-a165-70867728950e"]
                hours:
                  msxOpportunityIds: ["7-ABC"]
                audit:
                  tpids: ["0012345"]

                """,
            ],
            expected: [
                .warning(
                    .customerNotEligible, "t.yaml:4:13",
                    """
                    claim T-1: customer fabrikam is not eligible for ws on the current list (0012345: not on this \
                    engagement's eligibility list); lists change over time, so check the claim in Partner Center
                    """
                )
            ]),

        // "At the as-of date a customer's non-terminal claims in an engagement plus
        // `activeClaimsElsewhere` for the nominated ID are more than the limit": C-1 is nominated by
        // fabrikam.example, i.e. its tenant, which holds one claim elsewhere.
        Row(
            name: "claim limit exceeded with active claims elsewhere",
            files: [
                "Content/engagements/ws.md": limitedWorkshop,
                "Content/data/eligibility.yaml": """
                ws:
                  tenantIds: ["0f8fad5b-d9cb-469f-a165-70867728950e"]
                  activeClaimsElsewhere: { "tenantId:0f8fad5b-d9cb-469f-a165-70867728950e": 1 }
                hours:
                  msxOpportunityIds: ["7-ABC"]

                """,
            ],
            expected: [
                .warning(
                    .claimLimitExceeded, "a.yaml:4:13",
                    """
                    claim C-1: customer fabrikam has 2 active claims for ws (1 here + 1 elsewhere for \
                    tenantId:0f8fad5b-d9cb-469f-a165-70867728950e), more than its limit of 1; Partner Center would \
                    refuse one of them
                    """
                )
            ]),

        // At the limit is not more than it; claims elsewhere on another of the customer's IDs
        // (the fixture's `tpid:0012345`) do not count for a domain nomination.
        Row(
            name: "claim limit reached but not exceeded",
            files: ["Content/engagements/ws.md": limitedWorkshop],
            expected: []),

        // Two non-terminal claims here, limit 1: the warning is on the last one.
        Row(
            name: "claim limit exceeded by claims here",
            claims: """
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

                """,
            files: ["Content/engagements/ws.md": limitedWorkshop],
            expected: [
                .warning(
                    .claimLimitExceeded, "t.yaml:4:13",
                    """
                    claim T-1: customer fabrikam has 2 active claims for ws (2 here), more than its limit of 1; \
                    Partner Center would refuse one of them
                    """
                )
            ]),

        // "A referral on a claim whose engagement has `referrals: false` (the referral is still shown)."
        Row(
            name: "a referral on an engagement without referrals",
            claims: withReferral,
            expected: [
                .warning(
                    .referralNotEnabled, "t.yaml:11:13",
                    "claim T-1: has a referral, but engagement ws has 'referrals: false' (the referral is still shown)")
            ]),
        Row(
            name: "a referral on an engagement with referrals",
            claims: withReferral,
            files: [
                "Content/engagements/ws.md": """
                ---
                name: Migration workshop
                activity: workshop
                pay: fixed
                fixedPayoutUSD: 5000
                referrals: true
                ---

                """
            ],
            expected: []),

        // "A claim whose `createdOn` is after the as-of date is left out, with a warning"; it
        // "still take[s] part in duplicate and reference checks".
        Row(
            name: "a claim created after the as-of date is left out",
            claims: nextMonth,
            expected: [
                .warning(
                    .claimAfterAsOf, "t.yaml:8:14",
                    "claim T-1: created on 2026-12-01, after the as-of date 2026-11-29; it is left out until then")
            ],
            leftOut: ["T-1"],
            evaluated: ["C-1", "C-2"]),
        Row(
            name: "a claim created after the as-of date still takes part in duplicate and reference checks",
            claims: nextMonth.replacingOccurrences(of: "id: T-1", with: "id: C-1")
                .replacingOccurrences(of: "customer: fabrikam", with: "customer: fabrikan"),
            expected: [
                .error(
                    .duplicateID, "t.yaml:1:7",
                    "duplicate claim ID 'C-1' (first at Content/data/claims/a.yaml:1:7); give every claim its own ID"),
                .error(
                    .unknownReference, "t.yaml:4:13",
                    "claim C-1: unknown customer 'fabrikan' — did you mean 'fabrikam'?"),
                .warning(
                    .claimAfterAsOf, "t.yaml:8:14",
                    "claim C-1: created on 2026-12-01, after the as-of date 2026-11-29; it is left out until then"),
            ]),

        // "Events after the as-of date are ignored, with a warning"; one on the as-of date counts.
        Row(
            name: "an event after the as-of date is ignored",
            claims: eventClaim(
                """
                    - { on: 2026-11-29, type: consentRequested, dealSizeUSD: 1000 }
                    - { on: 2026-11-30, type: consentAccepted }

                """),
            expected: [
                .warning(
                    .eventAfterAsOf, "t.yaml:13:13",
                    """
                    claim T-1: the 'consentAccepted' event on 2026-11-30 is after the as-of date 2026-11-29; it is \
                    left out until then
                    """
                )
            ],
            statuses: ["T-1": .awaitingConsent]),
    ]
}
