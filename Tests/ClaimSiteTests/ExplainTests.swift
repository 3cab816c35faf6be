import ClaimModel
import ClaimRender
import ClaimRules
import ClaimSite
import ClaimSiteTesting
import Foundation
import Testing

/// `claimsite explain --json`: the explanation the rules build, as data with sorted keys, and
/// in agreement with `report.json`.
@Suite struct ExplainTests {
    let result = SiteCheck.run(SiteOptions(site: Paths.repository), environment: [:])

    func explanation(_ id: String) throws -> Explanation {
        try #require(Explanation.of(id, in: result.evaluation, dueSoonDays: 7, diagnostics: result.diagnostics))
    }

    func object(_ x: Explanation) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(ExplainJSON.bytes(x))) as? [String: Any])
    }

    @Test func everyClaimAgreesWithTheReport() throws {
        let settings = try #require(result.model.settings)
        let output = Commands.render(
            result, settings: settings, audience: Audience([.incentivesUser]),
            files: .disk(root: Paths.repository))
        let reportData = try #require(output.files["report.json"])
        let report = try #require(try JSONSerialization.jsonObject(with: reportData) as? [String: Any])
        let claims = try #require(report["claims"] as? [[String: Any]])
        #expect(claims.count == result.model.claims.count)
        #expect(claims.count > 50)
        for claim in claims {
            let id = try #require(claim["id"] as? String)
            let json = try object(try explanation(id))
            for key in ["status", "terminal", "action", "deadline", "deadlines"] {
                #expect(
                    NSDictionary(dictionary: [key: json[key] ?? NSNull()])
                        == NSDictionary(dictionary: [key: claim[key] ?? NSNull()]),
                    "\(id): \(key) differs from report.json")
            }
            let payout = json["payout"] as? [String: Any]
            #expect(payout?["amountUSD"] as? String == claim["payoutUSD"] as? String, "\(id): payout")
            #expect(json["tab"] as? String == ((claim["terminal"] as? Bool) == true ? "completed" : "eligible"))
        }
    }

    /// The keys of every object in `json`, in the order written, as one list per object.
    static func keyOrders(_ json: [UInt8]) -> [[String]] {
        var done: [[String]] = []
        var stack: [(isObject: Bool, keys: [String], expectKey: Bool)] = []
        var i = 0
        while i < json.count {
            let c = json[i]
            switch c {
            case UInt8(ascii: "{"): stack.append((true, [], true))
            case UInt8(ascii: "["): stack.append((false, [], false))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                let top = stack.removeLast()
                if top.isObject { done.append(top.keys) }
            case UInt8(ascii: ","):
                if stack.last?.isObject == true { stack[stack.count - 1].expectKey = true }
            case UInt8(ascii: "\""):
                var j = i + 1
                var bytes: [UInt8] = []
                while json[j] != UInt8(ascii: "\"") {
                    if json[j] == UInt8(ascii: "\\") { bytes.append(json[j]); j += 1 }
                    bytes.append(json[j])
                    j += 1
                }
                if stack.last?.isObject == true, stack.last?.expectKey == true {
                    stack[stack.count - 1].keys.append(String(decoding: bytes, as: UTF8.self))
                    stack[stack.count - 1].expectKey = false
                }
                i = j
            default: break
            }
            i += 1
        }
        return done
    }

    @Test func keysAreSortedAtEveryLevel() throws {
        #expect(
            ExplainTests.keyOrders(Array(#"{"b": {"d": 1, "c": [{"f": 2, "e": "x,\"y"}]}, "a": 3}"#.utf8))
                == [["f", "e"], ["d", "c"], ["b", "a"]])
        for facts in result.evaluation.claims {
            let bytes = ExplainJSON.bytes(try explanation(facts.claim.id))
            #expect(bytes.last == 0x0A)
            let orders = ExplainTests.keyOrders(bytes)
            #expect(orders.count > 10)
            for keys in orders {
                let sorted = keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                #expect(keys == sorted, "\(facts.claim.id): keys \(keys) are not sorted by UTF-8 bytes")
            }
        }
    }

    @Test func aDisputedClaimShowsItsReviewResetAsData() throws {
        let disputed = try #require(result.evaluation.claims.first { $0.state.reviewWasReset })
        let json = try object(try explanation(disputed.claim.id))
        #expect(json["reviewWasReset"] as? Bool == true)
        let history = try #require(json["history"] as? [[String: Any]])
        let notes = history.flatMap { ($0["notes"] as? [[String: Any]]) ?? [] }
        let reset = try #require(notes.first { $0["kind"] as? String == "reviewReset" })
        #expect(reset["deadlineKind"] as? String == "review")
        #expect(reset["base"] as? String == "disputeDay")
        #expect(
            reset["days"] as? Int
                == disputed.state.steps.flatMap(\.notes).compactMap { note -> Int? in
                    if case let .reviewReset(_, _, days) = note { return days }
                    return nil
                }.first)
        #expect((reset["text"] as? String)?.hasPrefix("review deadline reset to ") == true)
    }

    @Test func aKnownCustomerWithoutAnOpenClaimShowsWhereItLanded() throws {
        // A terminal claim whose customer has no open claim in the engagement.
        let ended = try #require(
            result.evaluation.claims.first { facts in
                facts.state.status.isTerminal && result.evaluation.knownSince[ByteKey(facts.claim.customer)] != nil
                    && !result.evaluation.claims.contains {
                        $0.claim.engagement == facts.claim.engagement && $0.claim.customer == facts.claim.customer
                            && !$0.state.status.isTerminal
                    }
            })
        let x = try explanation(ended.claim.id)
        let placement = try #require(x.customer.placement)
        let engagement = try #require(result.evaluation.engagement(ended.engagement.id))
        // The placement is the tabs' own row, not a second computation.
        switch placement {
        case .eligible(let id):
            #expect(engagement.tabs.eligible.contains(.customer(ended.claim.customer, qualifyingID: id)))
        case .ineligible(let row):
            #expect(engagement.tabs.ineligible.contains(row))
        }
        let json = try object(x)
        let customer = try #require(json["customer"] as? [String: Any])
        #expect(customer["known"] as? Bool == true)
        #expect(customer["placement"] is [String: Any])
    }

    @Test func theCommandPrintsJSONAndTheSameProblems() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let base = FixtureSite()
        let text = base.files["Content/data/claims/a.yaml"]!
        try Paths.write(
            base.with(
                "Content/data/claims/a.yaml",
                text.replacingOccurrences(
                    of: "  createdOn: 2026-11-01\n", with: "  createdOn: 2026-11-01\n  referral: { id: R-1 }\n")
            ).files,
            to: root)
        let run = try Paths.run(["explain", "C-1", "--json", "--site", root.path])
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["schemaVersion"] as? Int == 1)
        #expect(json["status"] as? String == "awaitingConsent")
        #expect(json["action"] as? String == "resendConsentEmail")
        #expect(json["daysLeft"] as? Int == 2)
        #expect(json["dueSoon"] as? Bool == true)
        let problems = try #require(json["problems"] as? [[String: Any]])
        #expect(problems.map { $0["code"] as? String } == ["referral-not-enabled"])
        let referral = try #require(json["referral"] as? [String: Any])
        #expect(referral["reason"] as? String == "neverConsented")
        // An ID that is only a prefix of a claim's is unknown (nothing printed, exit 1).
        let unknown = try Paths.run(["explain", "C-", "--json", "--site", root.path])
        #expect(unknown.status == 1)
        #expect(unknown.stdout == "")
    }

    @Test func problemsBelongToTheirOwnClaimOnly() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let base = FixtureSite()
        let one = base.files["Content/data/claims/a.yaml"]!
        // C-1 and C-10: only C-10 has a problem (a referral on an engagement without referrals).
        let ten = one.replacingOccurrences(of: "- id: C-1\n", with: "- id: C-10\n")
            .replacingOccurrences(
                of: "  createdOn: 2026-11-01\n", with: "  createdOn: 2026-11-01\n  referral: { id: R-10 }\n")
        try Paths.write(base.with("Content/data/claims/a.yaml", one + ten).files, to: root)
        let first = try Paths.run(["explain", "C-1", "--json", "--site", root.path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect((json["problems"] as? [Any])?.isEmpty == true)
        let textRun = try Paths.run(["explain", "C-1", "--site", root.path])
        #expect(!textRun.stdout.contains("Problems:"))
        let tenth = try Paths.run(["explain", "C-10", "--site", root.path])
        #expect(tenth.stdout.contains("Problems:\n  Content/data/claims/a.yaml:"))
    }
}
