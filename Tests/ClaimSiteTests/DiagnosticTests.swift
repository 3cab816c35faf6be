import ClaimModel
import ClaimSite
import Foundation
import Testing

/// One invalid fixture per diagnostic kind of docs/rules.md#validation (the loading half), each with
/// the exact file, line, column and message.
@Suite struct DiagnosticTests {
    let base = FixtureSite()
    let claims = "Content/data/claims/a.yaml"

    func claimsWith(_ old: String, _ new: String) -> FixtureSite { base.claimsWith(old, new) }

    @Test func yamlSyntaxError() {
        let site = claimsWith("  customer: fabrikam\n", "  customer: [fabrikam\n")
        #expect(
            site.diagnostics() == [
                """
                Content/data/claims/a.yaml:5:9: error: YAML syntax error: did not find expected ',' or ']' (while \
                parsing a flow sequence at line 4); the '[' on line 4 is not closed — add ']', or quote the value if \
                it is text
                """
            ])
    }

    @Test func jsonSyntaxError() {
        let site = base.with(
            "Content/data/opportunities.json",
            "[ { \"id\": \"7-X\", \"customer\": \"northwind\" \"estimatedRevenueUSD\": 1 } ]"
        )
        .without("Content/data/opportunities.yaml")
        #expect(
            site.diagnostics() == [
                "Content/data/opportunities.json:1:42: error: JSON syntax error: expected ',' or '}'"
            ])
    }

    @Test func missingRequiredField() {
        let site = claimsWith("  location: \"4400001\"\n", "")
        #expect(
            site.diagnostics() == [
                "Content/data/claims/a.yaml:1:3: error: claim C-1: missing required field 'location'; add it"
            ])
    }

    @Test func missingRequiredNestedFieldPointsAtItsMapping() {
        let site = claimsWith("{ name: Jonas Weber, email: jonas@fabrikam.example }", "{ name: Jonas Weber }")
        #expect(
            site.diagnostics() == [
                """
                Content/data/claims/a.yaml:10:20: error: claim C-1 customerContact: missing required field 'email'; \
                add it
                """
            ])
    }

    @Test func missingDealSizeOnConsentRequested() {
        let site = claimsWith(", dealSizeUSD: 1000", "")
        #expect(
            site.diagnostics() == [
                """
                Content/data/claims/a.yaml:13:7: error: claim C-1 event 1 (consentRequested): missing required field \
                'dealSizeUSD'; consent is requested for a deal size, add it
                """
            ])
    }

    @Test func wrongTypes() {
        let site =
            base
            .with(
                "Content/data/claims/b.yaml",
                base.files["Content/data/claims/b.yaml"]!.replacingOccurrences(of: "hours: 40", with: "hours: forty")
            )
            .with("Content/data/locations.yaml", "- { id: \"4400001\", name: Berlin, mciRegistered: yes }\n")
            .with(
                "Content/data/opportunities.yaml", "- { id: \"7-ABC\", customer: northwind, estimatedRevenueUSD: -5 }\n"
            )
        #expect(
            site.diagnostics() == [
                "Content/data/claims/b.yaml:9:10: error: claim C-2: 'hours' must be a whole number, not 'forty'",
                """
                Content/data/locations.yaml:1:49: error: location 4400001: 'mciRegistered' must be true or false, not \
                'yes'; use true or false
                """,
                """
                Content/data/opportunities.yaml:1:60: error: opportunity 7-ABC: 'estimatedRevenueUSD' must not be \
                negative (-5)
                """,
            ])
    }

    @Test func aListWhereTextIsExpectedAndTextWhereAListIsExpected() {
        let site = base.with(
            "Content/data/users.yaml", "- { email: anna@partner.example, name: [Anna], roles: incentivesAdmin }\n")
        #expect(
            site.diagnostics() == [
                "Content/data/users.yaml:1:40: error: user anna@partner.example: 'name' must be text, not a list",
                """
                Content/data/users.yaml:1:55: error: user anna@partner.example: 'roles' must be a list (for example \
                [a, b]), not 'incentivesAdmin'
                """,
            ])
    }

    @Test func unknownEnumValue() {
        let site = base.with(
            "Content/engagements/ws.md",
            base.files["Content/engagements/ws.md"]!.replacingOccurrences(
                of: "activity: workshop", with: "activity: wrkshop"))
        #expect(
            site.diagnostics() == [
                """
                Content/engagements/ws.md:3:11: error: engagement ws: unknown activity 'wrkshop' — did you mean \
                'workshop'? (one of assessment, workshop, projectXS, projectS, projectM, projectL, projectXL, \
                projectXXL)
                """
            ])
    }

    @Test func invalidDate() {
        let site = claimsWith("createdOn: 2026-11-01", "createdOn: 2026-02-30")
        #expect(
            site.diagnostics() == [
                """
                Content/data/claims/a.yaml:9:14: error: claim C-1: invalid date '2026-02-30': February 2026 has 28 days
                """
            ])
    }

    @Test func unknownFieldSuggestsTheClosestKnownName() {
        let site = claimsWith("  customer: fabrikam\n", "  custmer: fabrikam\n")
        #expect(
            site.diagnostics() == [
                "Content/data/claims/a.yaml:1:3: error: claim C-1: missing required field 'customer'; add it",
                "Content/data/claims/a.yaml:4:3: error: claim C-1: unknown field 'custmer' — did you mean 'customer'?",
            ])
    }

    @Test func yesAndNoAreTextInTextFields() {
        let result = base.check()
        #expect(result.model.customers.first { $0.id == "northwind" }?.country == "NO")
    }

    @Test func duplicateIDsAcrossFilesPointAtTheSecond() {
        let site = base.with(
            "Content/data/claims/b.yaml",
            base.files["Content/data/claims/b.yaml"]!.replacingOccurrences(of: "id: C-2", with: "id: C-1"))
        #expect(
            site.diagnostics() == [
                """
                Content/data/claims/b.yaml:1:7: error: duplicate claim ID 'C-1' (first at \
                Content/data/claims/a.yaml:1:7); give every claim its own ID
                """
            ])
    }

    @Test func duplicateCustomerAndEngagementIDs() {
        let site =
            base
            .with(
                "Content/data/customers.yaml",
                base.files["Content/data/customers.yaml"]!
                    + "- { id: fabrikam, name: Fabrikam AG, emailDomain: fabrikam.example }\n"
            )
            .with(
                "Content/engagements/ws2.md",
                "---\nid: ws\nname: Copy\nactivity: workshop\npay: fixed\nfixedPayoutUSD: 1\n---\n")
        #expect(
            site.diagnostics() == [
                """
                Content/data/customers.yaml:7:9: error: duplicate customer ID 'fabrikam' (first at \
                Content/data/customers.yaml:1:7); give every customer its own ID
                """,
                """
                Content/engagements/ws2.md:2:5: error: duplicate engagement ID 'ws' (first at \
                Content/engagements/ws.md:2:1); give every engagement its own ID
                """,
            ])
    }

    @Test func unknownReferencesSuggestTheClosest() {
        let site = claimsWith("engagement: ws", "engagement: wz")
            .with(
                "Content/data/claims/b.yaml",
                base.files["Content/data/claims/b.yaml"]!
                    .replacingOccurrences(of: "customer: northwind", with: "customer: northwnd")
                    .replacingOccurrences(of: "value: 7-ABC", with: "value: 7-ABD")
                    .replacingOccurrences(of: "location: \"4400001\"", with: "location: \"4400011\"")
                    + "  createdBy: ana@partner.example\n")
        #expect(
            site.diagnostics() == [
                "Content/data/claims/a.yaml:3:15: error: claim C-1: unknown engagement 'wz' — did you mean 'ws'?",
                """
                Content/data/claims/b.yaml:4:13: error: claim C-2: unknown customer 'northwnd' — did you mean \
                'northwind'?
                """,
                """
                Content/data/claims/b.yaml:6:49: error: claim C-2: unknown opportunity '7-ABD' — did you mean '7-ABC'?
                """,
                """
                Content/data/claims/b.yaml:7:13: error: claim C-2: unknown location '4400011' — did you mean '4400001'?
                """,
                """
                Content/data/claims/b.yaml:12:14: error: claim C-2: unknown user 'ana@partner.example' — did you mean \
                'anna@partner.example'?
                """,
            ])
    }

    @Test func unknownReferencesOutsideClaims() {
        let site =
            base
            .with(
                "Content/data/eligibility.yaml", base.files["Content/data/eligibility.yaml"]! + "wz:\n  tenantIds: []\n"
            )
            .with(
                "Content/data/opportunities.yaml", "- { id: \"7-ABC\", customer: northwnd, estimatedRevenueUSD: 1 }\n"
            )
            .with(
                "Content/engagements/ws.md",
                base.files["Content/engagements/ws.md"]!.replacingOccurrences(
                    of: "pay: fixed\n", with: "pay: fixed\nlocations: [\"4400003\"]\n"))
        #expect(
            site.diagnostics() == [
                "Content/data/eligibility.yaml:6:1: error: eligibility: unknown engagement 'wz' — did you mean 'ws'?",
                """
                Content/data/opportunities.yaml:1:28: error: opportunity 7-ABC: unknown customer 'northwnd' — did you \
                mean 'northwind'?
                """,
                """
                Content/engagements/ws.md:5:13: error: engagement ws: unknown location '4400003' — did you mean \
                '4400001'?
                """,
            ])
    }

    @Test func createdByIsCheckedOnlyWhenUsersExist() {
        let site = claimsWith("createdBy: anna@partner.example", "createdBy: someone@partner.example")
        #expect(site.diagnostics().count == 1)
        #expect(site.without("Content/data/users.yaml").diagnostics() == [])
    }

    @Test func aFileGivenInTwoFormsIsAnError() {
        let site = base.with("Content/data/locations.json", "[]")
        #expect(
            site.diagnostics() == [
                """
                Content/data/locations.json: error: 'locations' is given twice (also Content/data/locations.yaml); \
                keep one of the two files
                """
            ])
    }

    @Test func oneBadClaimDoesNotHideTheOthers() {
        let three = """
            - { id: X-1, displayName: a, engagement: ws, customer: fabrikam, origin: added, location: "4400001", \
            createdOn: 2026-13-01,
                nominatedBy: { type: tpid, value: "0012345" }, customerContact: { email: a@fabrikam.example }, \
            partnerContact: { email: b@p.example } }
            - { id: X-2, displayName: b, engagement: ws, customer: fabrikam, origin: added, location: "4400001", \
            createdOn: 2026-10-01,
                nominatedBy: { type: tpid, value: "0012345" }, customerContact: { email: a@fabrikam.example }, \
            partnerContact: { email: b@p.example } }
            - { id: X-3, displayName: c, engagement: ws, customer: fabrikam, origin: addded, location: "4400001", \
            createdOn: 2026-10-01,
                nominatedBy: { type: tpid, value: "0012345" }, customerContact: { email: a@fabrikam.example }, \
            partnerContact: { email: b@p.example } }

            """
        let result = base.with("Content/data/claims/c.yaml", three).check()
        #expect(
            result.diagnostics.map(\.description) == [
                "Content/data/claims/c.yaml:1:113: error: claim X-1: invalid date '2026-13-01': there is no month 13",
                """
                Content/data/claims/c.yaml:4:39: warning: claim X-2: the nominated ID is not eligible for ws on the \
                current list (0012345: not on this engagement's eligibility list); lists change over time, so check \
                the claim in Partner Center
                """,
                """
                Content/data/claims/c.yaml:5:74: error: claim X-3: unknown origin 'addded' — did you mean 'added'? \
                (one of added, claimed)
                """,
            ])
        #expect(result.model.claims.map(\.id) == ["C-1", "C-2", "X-2"])
    }

    @Test func diagnosticsAreSortedByFileLineAndColumnWithErrorsFirst() {
        let site =
            base
            .with("Content/data/locations.yaml", "- { id: \"4400001\", name: Berlin, mciRegistered: true, extra: 1 }\n")
            .with(
                "Content/data/customers.yaml",
                """
                - { id: fabrikam, nam: F, emailDomain: fabrikam.example }\n\
                - { id: northwind, name: N, emailDomain: northwind.example, domain: x }\n
                """
            )
            .with("Content/data/notes.yaml", "")
        #expect(
            site.diagnostics() == [
                "Content/data/customers.yaml:1:3: error: customer fabrikam: missing required field 'name'; add it",
                """
                Content/data/customers.yaml:1:19: error: customer fabrikam: unknown field 'nam' — did you mean 'name'?
                """,
                """
                Content/data/customers.yaml:2:61: error: customer northwind: unknown field 'domain' — did you mean \
                'domains'?
                """,
                """
                Content/data/locations.yaml:1:55: error: location 4400001: unknown field 'extra'; known fields: id, \
                name, country, mciRegistered
                """,
                """
                Content/data/notes.yaml: warning: unknown data file, it is not read; the data files are locations, \
                customers, directory, eligibility, opportunities, users (.yaml, .yml or .json)
                """,
            ])
    }

    @Test func duplicateKeysInAMapping() {
        let site = claimsWith("  origin: added\n", "  origin: added\n  origin: claimed\n")
        #expect(
            site.diagnostics() == [
                "Content/data/claims/a.yaml:6:3: error: claim C-1: duplicate key 'origin' (first at line 5); remove one"
            ])
    }

    @Test func eventFieldsBelongToTheirEventType() {
        let site = claimsWith(
            "type: consentRequested, dealSizeUSD: 1000 }", "type: consentRequested, dealSizeUSD: 1000, amountUSD: 5 }")
        #expect(
            site.diagnostics() == [
                """
                Content/data/claims/a.yaml:13:68: error: claim C-1 event 1 (consentRequested): 'amountUSD' belongs \
                only on 'approved' events; remove it
                """
            ])
    }

    @Test func engagementPayRules() {
        let site =
            base
            .with(
                "Content/engagements/ws.md",
                "---\nname: W\nactivity: workshop\npay: fixed\ncustomerIdTypes: [domain, msxOpportunityId]\n---\n"
            )
            .with(
                "Content/engagements/hours.md",
                "---\nname: H\nactivity: projectM\npay: variable\ncustomerIdTypes: [tpid]\nfixedPayoutUSD: 10\n---\n")
        #expect(
            site.diagnostics().filter { !$0.contains("claims/") } == [
                """
                Content/engagements/hours.md:2:1: error: engagement hours: missing required field 'variablePay' \
                (hourlyRateUSD, minHours, maxHours) for variable pay; add it
                """,
                """
                Content/engagements/hours.md:5:18: error: engagement hours: variable pay nominates by MSX opportunity \
                only; set 'customerIdTypes: [msxOpportunityId]'
                """,
                """
                Content/engagements/hours.md:6:17: error: engagement hours: 'fixedPayoutUSD' applies to fixed pay \
                only; remove it or set 'pay: fixed'
                """,
                """
                Content/engagements/ws.md:2:1: error: engagement ws: missing required field 'fixedPayoutUSD' (fixed \
                pay); add it
                """,
                """
                Content/engagements/ws.md:5:18: error: engagement ws: fixed pay cannot nominate by 'msxOpportunityId'; \
                use domain, tenantId, tpid or subscriptionId
                """,
            ])
    }

    @Test func aMissingSiteFolderOrSettings() {
        #expect(
            FixtureSite(files: [:]).diagnostics() == [
                "claimsite: error: no 'Content' folder in the site folder; run in a site folder or pass --site DIR"
            ])
        #expect(
            base.without("Content/site.yaml").diagnostics() == [
                """
                Content/site.yaml: error: missing site settings; create Content/site.yaml with 'title' and 'partner: { \
                name: ... }'
                """
            ])
    }

    @Test func malformedSourceDateEpochIsIgnoredWithAWarning() {
        let site = base.with("Content/site.yaml", "title: T\npartner: { name: P }\n")
        let result = ClaimSite.SiteCheck.run(
            files: .memory(site.files), environment: ["SOURCE_DATE_EPOCH": "yesterday"],
            now: Date(timeIntervalSince1970: 1_795_996_799))
        #expect(
            result.diagnostics.map(\.description) == [
                """
                claimsite: warning: SOURCE_DATE_EPOCH 'yesterday' is not a number of seconds since 1970; it is ignored \
                and today is used
                """
            ])
        #expect(result.asOf == Day("2026-11-29"))
        let epoch = ClaimSite.SiteCheck.run(
            files: .memory(site.files), environment: ["SOURCE_DATE_EPOCH": "1767225600"])
        #expect(epoch.asOf == Day("2026-01-01"))
    }
}
