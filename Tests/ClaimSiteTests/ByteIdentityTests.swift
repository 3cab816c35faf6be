import ClaimModel
import ClaimRender
import ClaimRules
import ClaimSite
import ClaimSiteTesting
import Foundation
import Testing

@testable import Search

/// IDs compare by their UTF-8 bytes (docs/input-format.md, "Comparing IDs"): two IDs that differ
/// only in Unicode normalisation are two records, everywhere; two such IDs of one kind draw the
/// `look-alike-id` warning (docs/diagnostics.md). Every non-ASCII ID here is written with explicit
/// escapes, so the test's own bytes are unambiguous: `nfc` is `K-é` precomposed (U+00E9), `nfd` the
/// same with a combining accent (`e`, U+0301).
@Suite struct ByteIdentityTests {
    static let nfc = "K-\u{00E9}"
    static let nfd = "K-e\u{0301}"

    let base = FixtureSite()

    /// A fixed-pay claim of fabrikam on ws, valid in the fixture, with `id` (and `customer`).
    static func claim(_ id: String, customer: String = "fabrikam", displayName: String = "Workshop") -> String {
        """
        - id: \(id)
          displayName: \(displayName)
          engagement: ws
          customer: \(customer)
          origin: added
          nominatedBy: { type: domain, value: fabrikam.example }
          location: "4400001"
          createdOn: 2026-11-01
          customerContact: { email: jonas@fabrikam.example }
          partnerContact: { email: anna@partner.example }

        """
    }

    /// The site with `c.yaml` holding claims of the given IDs, in that order.
    func withClaims(_ ids: [String]) -> FixtureSite {
        base.with("Content/data/claims/c.yaml", ids.map { Self.claim($0) }.joined())
    }

    func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// Renders a site that checks without errors; the output's files.
    func render(_ site: FixtureSite) throws -> [String: Data] {
        let result = site.check()
        #expect(!result.failed)
        let settings = try #require(result.model.settings)
        let output = Commands.render(
            result, settings: settings, audience: Audience([.incentivesUser]), files: .memory(site.files))
        #expect(output.diagnostics.isEmpty)  // the link check included
        return output.files
    }

    /// report.json's claims as (id, page), in the file's order.
    func reportClaims(_ files: [String: Data]) throws -> [(id: String, page: String)] {
        let report = try #require(files["report.json"])
        let object = try #require(try JSONSerialization.jsonObject(with: report) as? [String: Any])
        let claims = try #require(object["claims"] as? [[String: Any]])
        return try claims.map { (try #require($0["id"] as? String), try #require($0["page"] as? String)) }
    }

    // MARK: two claims, two pages

    @Test func theTestsIDsAreCanonicallyEqualButNotTheSameBytes() {
        // What the rest of the suite relies on: Swift's == calls them equal, their bytes differ.
        #expect(Self.nfc == Self.nfd)
        #expect(bytes(Self.nfc) == [0x4B, 0x2D, 0xC3, 0xA9])
        #expect(bytes(Self.nfd) == [0x4B, 0x2D, 0x65, 0xCC, 0x81])
    }

    @Test func claimsWhoseIDsDifferOnlyInNormalisationAreTwoClaimsWithTwoPages() throws {
        let site = withClaims([Self.nfc, Self.nfd])
        let result = site.check()
        #expect(!result.diagnostics.contains { $0.code == .duplicateID })
        let ours = result.evaluation.claims.map(\.claim.id).filter { $0.hasPrefix("K-") }
        #expect(ours.map(bytes) == [bytes(Self.nfc), bytes(Self.nfd)].sorted { $0.lexicographicallyPrecedes($1) })
        // Each is found by its own bytes.
        #expect(result.evaluation.claim(Self.nfc).map { bytes($0.claim.id) } == bytes(Self.nfc))
        #expect(result.evaluation.claim(Self.nfd).map { bytes($0.claim.id) } == bytes(Self.nfd))

        let files = try render(site)
        let claims = try reportClaims(files).filter { $0.id.hasPrefix("K-") }
        #expect(claims.map { bytes($0.id) } == [bytes(Self.nfd), bytes(Self.nfc)])  // 0x65 < 0xC3
        #expect(Set(claims.map(\.page)).count == 2)
        for claim in claims {
            #expect(claim.page.hasPrefix("claims/k-") && claim.page.hasSuffix(".html"))
            let page = String(decoding: try #require(files[claim.page]), as: UTF8.self)
            // Each page is its own claim's: the ID's bytes are on it.
            #expect(page.utf8.firstRange(of: Array(claim.id.utf8)) != nil, "\(claim.page)")
        }
        let pages = files.keys.filter { $0.hasPrefix("claims/k-") }
        #expect(pages.count == 2)
        // The engagement's Eligible tab lists both (they are open claims of one customer).
        let ws = try #require(result.evaluation.engagement("ws"))
        let rows = ws.tabs.eligible.compactMap { row -> [UInt8]? in
            if case .claim(let facts) = row, facts.claim.id.hasPrefix("K-") { return bytes(facts.claim.id) }
            return nil
        }
        #expect(Set(rows) == [bytes(Self.nfc), bytes(Self.nfd)])
    }

    @Test func searchFindsBothByTheFoldedIDAndLinksEachToItsOwnPage() {
        let site = withClaims([Self.nfc, Self.nfd])
        let result = site.check()
        let model = result.model
        let paths = PagePaths(
            claims: model.claims.map(\.id), engagements: model.engagements.map(\.id),
            customers: model.customers.map(\.id))
        let index = SearchIndex(evaluation: result.evaluation, model: model, paths: paths)
        // Finding is folded: one token for both ("k-e", accents removed).
        let found = index.identifiers["k-e"] ?? []
        #expect(found.count == 2)
        // Each record as its records file holds it: [kind, id, label, detail, path].
        let records = found.compactMap {
            (try? JSONSerialization.jsonObject(with: Data(index.recordJSON($0)))) as? [String]
        }
        #expect(records.count == 2 && records.allSatisfy { $0.count == 5 })
        #expect(Set(records.map { bytes($0[1]) }) == [bytes(Self.nfc), bytes(Self.nfd)])
        // Each result links to its own claim's page, by the exact ID.
        for record in records {
            #expect(record[4] == paths.claim(record[1]))
        }
        #expect(Set(records.map { $0[4] }).count == 2)
    }

    @Test func explainListsOnlyTheClaimsOwnProblems() throws {
        let result = withClaims([Self.nfc, Self.nfd]).check()
        // The look-alike warning concerns the second claim only.
        let own = try #require(
            Explanation.of(Self.nfd, in: result.evaluation, dueSoonDays: 7, diagnostics: result.diagnostics))
        #expect(own.problems.map(\.code) == [.lookAlikeID])
        let other = try #require(
            Explanation.of(Self.nfc, in: result.evaluation, dueSoonDays: 7, diagnostics: result.diagnostics))
        #expect(bytes(other.facts.claim.id) == bytes(Self.nfc))
        #expect(other.problems == [])
    }

    @Test func aByteIdenticalRepeatIsStillADuplicate() {
        let facts = withClaims([Self.nfd, Self.nfd]).check().diagnostics.map {
            "\($0.code.rawValue) \($0.location?.line ?? 0)"
        }
        #expect(facts == ["duplicate-id 11"])
    }

    // MARK: references

    @Test func aReferenceInTheOtherNormalisationIsUnknown() throws {
        let customers =
            base.files["Content/data/customers.yaml"]!
            + "- { id: \"zeta-\u{00E9}nergie\", name: Zeta, emailDomain: zeta.example }\n"
        let site = base.with("Content/data/customers.yaml", customers)
        // Control: the reference written as the ID is written is known.
        let same = site.with("Content/data/claims/c.yaml", Self.claim("Z-1", customer: "zeta-\u{00E9}nergie"))
        #expect(!same.check().diagnostics.contains { $0.code == .unknownReference })

        let other = site.with("Content/data/claims/c.yaml", Self.claim("Z-1", customer: "zeta-e\u{0301}nergie"))
        let problems = other.check().diagnostics.filter { $0.severity == .error }
        #expect(problems.count == 1)
        let problem = try #require(problems.first)
        #expect(problem.code == .unknownReference)
        #expect(problem.record == .claim("Z-1"))
        #expect(problem.location?.file == "Content/data/claims/c.yaml" && problem.location?.line == 4)
        #expect(
            problem.message.hasPrefix(
                "claim Z-1: unknown customer 'zeta-e\u{0301}nergie': it looks like customer 'zeta-\u{00E9}nergie'"))
        #expect(problem.message.contains("differ only in Unicode normalisation"))
        #expect(problem.message.contains("'zeta-e<U+0301>nergie' here, 'zeta-<U+00E9>nergie' there"))
    }

    /// Each other kind of reference, written in the other normalisation: unknown, at its place.
    @Test func everyKindOfReferenceComparesBytes() throws {
        // An engagement whose ID is precomposed, referenced with a combining accent from a claim
        // and from eligibility.yaml; a location and an opportunity likewise.
        var site = base.with(
            "Content/engagements/acc.md",
            "---\nid: \(Self.nfc)\nname: Accented\nactivity: workshop\npay: fixed\nfixedPayoutUSD: 1\n---\nA.\n")
        site = site.with(
            "Content/data/locations.yaml",
            base.files["Content/data/locations.yaml"]!
                + "- { id: \"L-\u{00E9}\", name: Paris, country: FR, mciRegistered: true }\n")
        site = site.with(
            "Content/data/opportunities.yaml",
            base.files["Content/data/opportunities.yaml"]!
                + "- { id: \"O-\u{00E9}\", customer: \"northwind\", estimatedRevenueUSD: 1000 }\n"
                + "- { id: \"O-2\", customer: \"northwinD\", estimatedRevenueUSD: 1000 }\n")
        site = site.with(
            "Content/data/eligibility.yaml",
            base.files["Content/data/eligibility.yaml"]! + "\(Self.nfd):\n  tpids: [\"1\"]\n")
        site = site.with(
            "Content/engagements/loc.md",
            """
            ---\nname: Limited\nactivity: workshop\npay: fixed\nfixedPayoutUSD: 1\nlocations: [\"L-e\u{0301}\"]\n---\n\
            B.\n
            """
        )
        site = site.with(
            "Content/data/claims/c.yaml",
            """
            - id: X-1
              displayName: Accented engagement
              engagement: \(Self.nfd)
              customer: fabrikam
              origin: added
              nominatedBy: { type: domain, value: fabrikam.example }
              location: "L-e\u{0301}"
              createdOn: 2026-11-01
              customerContact: { email: jonas@fabrikam.example }
              partnerContact: { email: anna@partner.example }
            - id: X-2
              displayName: Accented opportunity
              engagement: hours
              customer: northwind
              origin: added
              nominatedBy: { type: msxOpportunityId, value: "O-e\u{0301}" }
              location: "4400001"
              createdOn: 2026-11-03
              hours: 40
              customerContact: { email: kim@northwind.example }
              partnerContact: { email: anna@partner.example }

            """)
        let unknown = site.check().diagnostics.filter { $0.code == .unknownReference }
            .map {
                """
                \($0.location?.file ?? "-"):\($0.location?.line ?? 0) \($0.record?.description ?? "-") \
                \($0.message.prefix { $0 != "'" })
                """
            }
        #expect(
            unknown == [
                "Content/data/claims/c.yaml:3 claim X-1 claim X-1: unknown engagement ",
                "Content/data/claims/c.yaml:7 claim X-1 claim X-1: unknown location ",
                "Content/data/claims/c.yaml:16 claim X-2 claim X-2: unknown opportunity ",
                "Content/data/eligibility.yaml:6 engagement \(Self.nfd) eligibility: unknown engagement ",
                "Content/data/opportunities.yaml:3 opportunity O-2 opportunity O-2: unknown customer ",
                "Content/engagements/loc.md:6 engagement loc engagement loc: unknown location ",
            ])
    }

    // MARK: order

    @Test func claimsSortByBytesNotByStringOrderNorNormalisedOrder() throws {
        let f = "K-f"
        // By bytes: K-e◌́ (65 CC 81) < K-f (66) < K-é (C3 A9). Swift's String order and the
        // normalised order put K-f first (f < é); this test tells them apart.
        let byBytes = [Self.nfd, f, Self.nfc]
        #expect([Self.nfc, f, Self.nfd].sorted(by: <).first.map(bytes) == bytes(f))
        #expect(
            [Self.nfd, f, Self.nfc].map { $0.precomposedStringWithCanonicalMapping }.sorted(by: <).first.map(bytes)
                == bytes(f))

        let site = withClaims([Self.nfc, f, Self.nfd])
        let files = try render(site)
        let ids = try reportClaims(files).map(\.id).filter { $0.hasPrefix("K-") }
        #expect(ids.map(bytes) == byBytes.map(bytes))
        let csv = String(decoding: try #require(files["claims.csv"]), as: UTF8.self)
        let rows = csv.split(separator: "\r\n").dropFirst().map { String($0.prefix { $0 != "," }) }.filter {
            $0.hasPrefix("K-")
        }
        #expect(rows.map(bytes) == byBytes.map(bytes))
    }

    // MARK: look-alike warnings

    /// `CODE KIND:ID FILE:LINE` of each look-alike warning, and whether its message names the
    /// first place.
    func lookAlikes(_ site: FixtureSite) -> [String] {
        site.check().diagnostics.filter { $0.code == .lookAlikeID }.map { d in
            #expect(d.severity == .warning)
            return
                """
                \(d.record.map { "\($0.kind.rawValue):\($0.id.scalarsSpelledOut)" } ?? "-") \
                \(d.location?.file ?? "-"):\(d.location?.line ?? 0)
                """
        }
    }

    @Test func lookAlikeClaimsAcrossFiles() throws {
        let site = base.with("Content/data/claims/c.yaml", Self.claim(Self.nfc))
            .with("Content/data/claims/d.yaml", "# second\n" + Self.claim(Self.nfd))
        #expect(lookAlikes(site) == ["claim:K-e<U+0301> Content/data/claims/d.yaml:2"])
        let d = try #require(site.check().diagnostics.first { $0.code == .lookAlikeID })
        #expect(
            d.message
                == """
                claim \(Self.nfd): its ID looks like claim \(Self.nfc) at Content/data/claims/c.yaml:1:7, but they \
                differ only in Unicode normalisation, how accented letters are encoded ('K-e<U+0301>' here, \
                'K-<U+00E9>' there), so they are two claims; write both IDs alike if they are meant to be one \
                claim, else rename one
                """
        )
        #expect(bytes(d.record?.id ?? "") == bytes(Self.nfd))
    }

    @Test func lookAlikeCustomersLocationsOpportunitiesAndEngagements() throws {
        var site = base.with(
            "Content/data/customers.yaml",
            base.files["Content/data/customers.yaml"]!
                + "- { id: \"\(Self.nfc)\", name: One, emailDomain: one.example }\n"
                + "- { id: \"\(Self.nfd)\", name: Two, emailDomain: two.example }\n"
                + "- { id: Northwind, name: Three, emailDomain: three.example }\n")
        site = site.with(
            "Content/data/locations.yaml",
            base.files["Content/data/locations.yaml"]!
                + "- { id: \"L-\u{00C9}\", name: Paris, mciRegistered: true }\n"
                + "- { id: \"l-e\u{0301}\", name: Lyon, mciRegistered: true }\n")
        site = site.with(
            "Content/data/opportunities.yaml",
            base.files["Content/data/opportunities.yaml"]!
                + "- { id: \"7-abc\", customer: northwind, estimatedRevenueUSD: 1 }\n")
        site = site.with(
            "Content/engagements/x1.md",
            "---\nid: \(Self.nfc)\nname: One\nactivity: workshop\npay: fixed\nfixedPayoutUSD: 1\n---\nA.\n")
        site = site.with(
            "Content/engagements/x2.md",
            "---\nid: \(Self.nfd)\nname: Two\nactivity: workshop\npay: fixed\nfixedPayoutUSD: 1\n---\nB.\n")
        let found = lookAlikes(site)
        #expect(
            found.sorted() == [
                "customer:K-e<U+0301> Content/data/customers.yaml:8",
                "customer:Northwind Content/data/customers.yaml:9",
                "engagement:K-e<U+0301> Content/engagements/x2.md:2",
                "location:l-e<U+0301> Content/data/locations.yaml:4",
                "opportunity:7-abc Content/data/opportunities.yaml:2",
            ])
        let messages = site.check().diagnostics.filter { $0.code == .lookAlikeID }.map(\.message)
        #expect(
            messages.contains {
                $0.hasPrefix(
                    "customer Northwind: its ID looks like customer northwind at Content/data/customers.yaml:6:")
                    && $0.contains("differ only in letter case, so they are two customers")
            })
        #expect(
            messages.contains {
                $0.hasPrefix(
                    "engagement \(Self.nfd): its ID looks like engagement \(Self.nfc) at Content/engagements/x1.md:2:")
            })
        // Case and normalisation together.
        #expect(
            messages.contains {
                $0.hasPrefix(
                    "location l-e\u{0301}: its ID looks like location L-\u{00C9} at Content/data/locations.yaml:3:")
                    && $0.contains(
                        "differ only in Unicode normalisation or letter case ('l-e<U+0301>' here, 'L-<U+00C9>' there)")
            })
        #expect(
            messages.contains {
                $0.hasPrefix(
                    "opportunity 7-abc: its ID looks like opportunity 7-ABC at Content/data/opportunities.yaml:1:")
                    && $0.contains("so they are two opportunities")
            })
    }

    @Test func noLookAlikeForExactRepeatsOrUnrelatedIDs() {
        // A byte-identical repeat is a duplicate ID, not a look-alike.
        let repeated = withClaims([Self.nfc, Self.nfc])
        #expect(lookAlikes(repeated) == [])
        #expect(repeated.check().diagnostics.map(\.code) == [.duplicateID])
        // Unrelated IDs, some close: no warning.
        let unrelated = withClaims(["C-10", "C-1a", "K-e", "K-\u{00E8}", "K-\u{00EA}", "c-2x"])
        #expect(lookAlikes(unrelated) == [])
        #expect(unrelated.check().diagnostics == [])
    }

    @Test func aThirdLookAlikeNamesTheFirst() {
        let site = withClaims([Self.nfc, Self.nfd, "k-\u{00E9}"])
        #expect(
            lookAlikes(site) == [
                "claim:K-e<U+0301> Content/data/claims/c.yaml:11", "claim:k-<U+00E9> Content/data/claims/c.yaml:21",
            ])
        let messages = site.check().diagnostics.filter { $0.code == .lookAlikeID }.map(\.message)
        #expect(messages.allSatisfy { $0.contains("at Content/data/claims/c.yaml:1:7") })
    }

    // MARK: domains and tenants

    @Test func domainsAndTenantsStillCompareIgnoringASCIICase() {
        // The customer's email domain and tenant are written in capitals, the directory and the
        // list in lower case; the nomination in mixed case. No diagnostics: they all match.
        let site = base.claimsWith(
            "{ type: domain, value: fabrikam.example }", "{ type: domain, value: FABRIKAM.Example }")
        #expect(site.check().diagnostics == [])
        let tenant = base.claimsWith(
            "{ type: domain, value: fabrikam.example }",
            "{ type: tenantId, value: 0F8FAD5B-D9CB-469F-A165-70867728950E }")
        #expect(tenant.check().diagnostics == [])
        // A domain that is not the customer's is still reported, so the check above can fail.
        let other = base.claimsWith(
            "{ type: domain, value: fabrikam.example }", "{ type: domain, value: FABRIKAM.org }")
        #expect(other.check().diagnostics.map(\.code).contains(.domainNotInDirectory))
    }
}
