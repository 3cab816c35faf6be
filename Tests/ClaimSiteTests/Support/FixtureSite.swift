import ClaimLoad
import ClaimModel
import ClaimSite
import Foundation

/// A small valid site held in memory; tests replace or add files and check the result.
struct FixtureSite {
    var files: [String: String] = [
        "Content/site.yaml": """
        title: Test portal
        partner: { name: Test Partner GmbH, id: "1000001" }
        asOf: 2026-11-29

        """,
        "Content/engagements/ws.md": """
        ---
        name: Migration workshop
        activity: workshop
        pay: fixed
        fixedPayoutUSD: 5000
        ---
        A **workshop**.

        """,
        "Content/engagements/hours.md": """
        ---
        name: Migration project
        activity: projectM
        pay: variable
        variablePay: { hourlyRateUSD: 150, minHours: 8, maxHours: 120 }
        ---
        Paid by the hour.

        """,
        "Content/data/locations.yaml": """
        - { id: "4400001", name: Berlin, country: DE, mciRegistered: true }
        - { id: "4400002", name: Vienna, country: AT, mciRegistered: false }

        """,
        "Content/data/customers.yaml": """
        - id: fabrikam
          name: Fabrikam GmbH
          emailDomain: Fabrikam.example
          tenantIds: ["0F8FAD5B-D9CB-469F-A165-70867728950E"]
          tpid: 0012345
        - { id: northwind, name: Northwind Traders, emailDomain: northwind.example, country: NO }

        """,
        "Content/data/directory.yaml": """
        fabrikam.example: 0f8fad5b-d9cb-469f-a165-70867728950e

        """,
        "Content/data/eligibility.yaml": """
        ws:
          tenantIds: ["0f8fad5b-d9cb-469f-a165-70867728950e"]
          activeClaimsElsewhere: { "tpid:0012345": 1 }
        hours:
          msxOpportunityIds: ["7-ABC"]

        """,
        "Content/data/opportunities.yaml": """
        - { id: "7-ABC", customer: northwind, estimatedRevenueUSD: 250000 }

        """,
        "Content/data/users.yaml": """
        - { email: anna@partner.example, name: Anna Berg, roles: [incentivesAdmin] }

        """,
        "Content/data/claims/a.yaml": """
        - id: C-1
          displayName: Fabrikam workshop
          engagement: ws
          customer: fabrikam
          origin: added
          nominatedBy: { type: domain, value: fabrikam.example }
          location: "4400001"
          createdBy: anna@partner.example
          createdOn: 2026-11-01
          customerContact: { name: Jonas Weber, email: jonas@fabrikam.example }
          partnerContact: { email: anna@partner.example }
          events:
            - { on: 2026-11-02, type: consentRequested, dealSizeUSD: 1000 }

        """,
        "Content/data/claims/b.yaml": """
        - id: C-2
          displayName: Northwind project
          engagement: hours
          customer: northwind
          origin: added
          nominatedBy: { type: msxOpportunityId, value: 7-ABC }
          location: "4400001"
          createdOn: 2026-11-03
          hours: 40
          customerContact: { email: kim@northwind.example }
          partnerContact: { email: anna@partner.example }

        """,
        "Content/pages/about.md": """
        ---
        title: About
        order: 1
        ---
        Hello.

        """,
    ]

    /// The fixture with `old` replaced by `new` in its first claims file, `Content/data/claims/a.yaml`.
    func claimsWith(_ old: String, _ new: String) -> FixtureSite {
        let path = "Content/data/claims/a.yaml"
        let text = files[path]!
        precondition(text.contains(old), "fixture lacks \(old)")
        return with(path, text.replacingOccurrences(of: old, with: new))
    }

    /// Replaces (or adds) a file.
    func with(_ path: String, _ text: String) -> FixtureSite {
        var copy = self
        copy.files[path] = text
        return copy
    }

    /// Removes a file.
    func without(_ path: String) -> FixtureSite {
        var copy = self
        copy.files[path] = nil
        return copy
    }

    /// Loads and checks the site.
    func check() -> CheckResult {
        SiteCheck.run(files: .memory(files), environment: [:], now: Date(timeIntervalSince1970: 1_795_996_799))
    }

    /// The diagnostics as printed, one string each.
    func diagnostics() -> [String] { check().diagnostics.map(\.description) }
}
