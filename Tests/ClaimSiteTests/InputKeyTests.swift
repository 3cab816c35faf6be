import ClaimLoad
import ClaimModel
import ClaimRules
import ClaimSample
import ClaimSite
import Foundation
import Testing

/// Rebuilds after an edit (docs/output.md, Incremental rebuilds): pages made from one claim,
/// customer or engagement are keyed by their inputs, so a one-claim edit makes the view models
/// of only the pages it can change — and whatever an edit touches, the output is byte for byte
/// what a clean build of the same inputs gives.
@Suite(.serialized) struct InputKeyTests {
    /// A 2,000-claim sample site (20 engagements, 200 customers) in a new folder.
    static func sample() throws -> URL {
        let root = try Paths.temporaryFolder()
        var site = SampleSite(SampleSite.Options(claims: 2_000, engagements: 20, customers: 200, json: true, seed: 11))
        for (path, data) in site.files() {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return root
    }

    /// What a build said about its pages and files, from its profile.
    struct Counts: Equatable {
        var kept = 0, rendered = 0, viewModels = 0, keyed = 0, written = 0
        /// Export pieces copied from the last build and made.
        var piecesCopied = 0, piecesMade = 0
        /// Of those, email files kept from the last build and rendered.
        var emailsKept = 0, emailsRendered = 0
    }

    static func counts(_ stderr: String) -> Counts? {
        func numbers(after marker: String) -> [Int]? {
            guard let line = stderr.split(separator: "\n").first(where: { $0.contains(marker) }) else { return nil }
            return line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        }
        guard let pages = numbers(after: "(pages: "), pages.count == 4,
            let wrote = numbers(after: "claimsite: wrote "), let written = wrote.first
        else { return nil }
        let pieces = numbers(after: "(export pieces: ") ?? [0, 0]
        let emails = numbers(after: "(email files, of those: ") ?? [0, 0]
        return Counts(
            kept: pages[0], rendered: pages[1], viewModels: pages[2], keyed: pages[3], written: written,
            piecesCopied: pieces[0], piecesMade: pieces[1], emailsKept: emails[0], emailsRendered: emails[1])
    }

    /// `claimsite build` of `site` into `output`, with the profile.
    static func build(_ site: URL, into output: URL, asOf: String = "2026-11-29", cache: ParseCacheUse = .readWrite)
        -> (status: Int32, stderr: String)
    {
        var stderr = ""
        let status = Commands.build(
            SiteOptions(site: site, asOf: Day(asOf), cache: cache), output: output, audience: nil,
            profile: true, force: false, quiet: true, environment: [:]
        ) { stderr += $0 }
        return (status, stderr)
    }

    /// Builds `site` incrementally into `output`, and clean (no cache) into a folder of its own;
    /// expects both to succeed with the same bytes in every file. Returns the incremental build's counts.
    static func rebuildMatchesClean(_ site: URL, _ output: URL, asOf: String = "2026-11-29") throws -> Counts {
        let incremental = build(site, into: output, asOf: asOf)
        #expect(incremental.status == 0, "\(incremental.stderr)")
        let cleanOutput = try Paths.temporaryFolder().appendingPathComponent("Output")
        defer { try? FileManager.default.removeItem(at: cleanOutput.deletingLastPathComponent()) }
        let clean = build(site, into: cleanOutput, asOf: asOf, cache: .off)
        #expect(clean.status == 0, "\(clean.stderr)")
        let a = try ParseCacheTests.snapshot(output), b = try ParseCacheTests.snapshot(cleanOutput)
        #expect(a.count == b.count)
        let differing = Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
        #expect(differing.isEmpty, "differ from a clean build: \(differing.prefix(10))")
        return try #require(counts(incremental.stderr), "\(incremental.stderr)")
    }

    /// Replaces the first `old` in `path` of `site` with `new`.
    static func edit(_ site: URL, _ path: String, _ old: String, _ new: String) throws {
        let url = site.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        let range = try #require(text.range(of: old), "\(path) lacks \(old)")
        try Data(text.replacingCharacters(in: range, with: new).utf8).write(to: url)
    }

    /// The sample's one claims file (it holds up to 5,000 claims).
    static let claims = "Content/data/claims/claims-0001.json"

    /// Claim `n` (from 0) of the sample's claims file: its object's text, through the `},` and
    /// line break that close it.
    static func claim(_ site: URL, _ n: Int) throws -> String {
        let text = try String(contentsOf: site.appendingPathComponent(claims), encoding: .utf8)
        var from = text.startIndex
        for _ in 0..<n { from = try #require(text.range(of: "\n  },\n", range: from..<text.endIndex)).upperBound }
        let start = try #require(text.range(of: "  {\n", range: from..<text.endIndex))
        let end = try #require(text.range(of: "\n  },\n", range: start.upperBound..<text.endIndex))
        return String(text[start.lowerBound..<end.upperBound])
    }

    @Test func aOneClaimRenameMakesTheViewModelsOfItsPagesOnlyAndGivesACleanBuildsBytes() throws {
        let site = try Self.sample()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("Output")
        let first = try Self.rebuildMatchesClean(site, output)
        let pages = first.kept + first.rendered
        // Keyed: every claim's, customer's, engagement's and location's page, and every status list.
        let sampleModel = SiteLoader.load(.disk(root: site)).model
        let keyed = 2_000 + 200 + 20 + sampleModel.locations.count + ClaimStatus.allCases.count
        #expect(first.kept == 0 && first.viewModels == pages && first.keyed == keyed, "\(first)")

        // Rename the first claim.
        let before = try ParseCacheTests.snapshot(output)
        let claim = try Self.claim(site, 0)
        try Self.edit(site, Self.claims, "\"displayName\": \"", "\"displayName\": \"Renamed ")
        let counts = try Self.rebuildMatchesClean(site, output)
        let after = try ParseCacheTests.snapshot(output)
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] && $0 != ".claimsite-output" }

        // The pages it can change: its own page, its customer's page (which lists it), and the
        // pages of its engagement, its location and its status, which list it too; and the few
        // pages with no input key (they read every claim). No rule reads a claim's name, so the
        // pages of its customer's other claims are kept.
        let model = SiteLoader.load(.disk(root: site)).model
        let renamed = try #require(model.claims.first { claim.contains("\"id\": \"\($0.id)\"") })
        let mine = model.claims.filter { $0.customer == renamed.customer }
        #expect(mine.count > 1, "the customer has other claims, whose pages must be kept")
        // One page each: it is evaluated (it has a status) and its location has a page.
        #expect(Evaluator.evaluate(model, asOf: Day("2026-11-29")!).claims.contains { $0.claim.id == renamed.id })
        #expect(model.locations.contains { $0.id == renamed.location })
        let keyedAgain = 5
        let unkeyed = pages - first.keyed
        #expect(counts.keyed == first.keyed)
        #expect(counts.viewModels == unkeyed + keyedAgain, "\(counts)")
        #expect(counts.kept + counts.rendered == pages)
        // Rendered: those keyed anew, and the unkeyed pages whose view model changed.
        let unkeyedChanged = changed.filter {
            $0.hasSuffix(".html") && !$0.hasPrefix("claims/") && !$0.hasPrefix("customers/")
                && !$0.hasPrefix("engagements/") && !$0.hasPrefix("email/") && !$0.hasPrefix("locations/")
                && !$0.hasPrefix("statuses/")
        }
        #expect(counts.rendered == keyedAgain + unkeyedChanged.count, "\(counts) \(unkeyedChanged.sorted())")
        // Written: exactly the files whose bytes changed (the claim's page, its customer's and
        // engagement's pages, report.json, claims.csv, the search index files with its name…);
        // every other file is hard-linked from the last build.
        #expect(counts.written == changed.count, "\(counts) \(changed.sorted())")
        #expect(changed.contains("report.json") && changed.count < 20, "\(changed.sorted())")
        // Export pieces: made again only those of the claim (its entry in report.json, its rows
        // in claims.csv and the calendar, its search record) and of its engagement (its entry
        // and its three tab CSVs); every other is copied, most from the last build's files.
        #expect(first.piecesCopied == 0 && first.piecesMade > 2_000, "\(first)")
        #expect(counts.piecesMade > 0 && counts.piecesMade <= 8, "\(counts)")
        #expect(counts.piecesCopied + counts.piecesMade == first.piecesMade, "\(counts)")
    }

    /// An email file is kept from the last build, without being rendered, when its key (its
    /// templates, its view model's values and, for a message, language, addresses and date)
    /// did not change (docs/output.md, Cache). Renaming a claim that no email lists renders none
    /// of them; renaming one that the summary lists renders the summary's files and its
    /// creator's message again and keeps the other users' messages.
    @Test func anEmailIsRenderedAgainOnlyWhenWhatItShowsChanged() throws {
        let site = try Self.sample()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("Output")
        let first = try Self.rebuildMatchesClean(site, output)
        let emails = try ParseCacheTests.snapshot(output).keys.filter { $0.hasPrefix("email/") }.sorted()
        #expect(emails.contains("email/summary.eml") && emails.count > 4, "\(emails)")
        #expect(first.emailsKept == 0 && first.emailsRendered == emails.count, "\(first)")
        let summary = try String(contentsOf: output.appendingPathComponent("email/summary.txt"), encoding: .utf8)
        let claims = SiteLoader.load(.disk(root: site)).model.claims
        func rename(_ n: Int) throws -> (counts: Counts, changed: [String]) {
            let before = try ParseCacheTests.snapshot(output)
            let text = try Self.claim(site, n)
            #expect(text.contains("\"id\": \"\(claims[n].id)\""))
            try Self.edit(
                site, Self.claims, text,
                text.replacingOccurrences(of: "\"displayName\": \"", with: "\"displayName\": \"Renamed "))
            let counts = try Self.rebuildMatchesClean(site, output)
            let after = try ParseCacheTests.snapshot(output)
            return (counts, emails.filter { before[$0] != after[$0] })
        }

        // A claim no email lists: its pieces and its engagement's (at most 8) are made again, no
        // email file (there are more than 4 of them).
        let unlisted = try #require(claims.indices.first { !summary.contains(claims[$0].id) })
        let quiet = try rename(unlisted)
        #expect(quiet.changed.isEmpty, "\(quiet.changed)")
        #expect(quiet.counts.emailsKept == emails.count && quiet.counts.emailsRendered == 0, "\(quiet.counts)")
        #expect(quiet.counts.piecesMade > 0 && quiet.counts.piecesMade <= 8, "\(quiet.counts)")
        #expect(quiet.counts.piecesCopied + quiet.counts.piecesMade == first.piecesMade, "\(quiet.counts)")

        // A claim the summary lists, made by a user: the files whose bytes change are rendered
        // again, and only they (every other email file is copied).
        let listed = try #require(
            claims.indices.first { summary.contains(claims[$0].id) && claims[$0].createdBy != nil })
        let loud = try rename(listed)
        #expect(loud.changed.contains("email/summary.txt") && loud.changed.contains("email/summary.eml"))
        #expect(loud.changed.contains { $0.hasPrefix("email/users/") } && loud.changed.count < emails.count - 1)
        #expect(loud.counts.emailsRendered == loud.changed.count, "\(loud.counts) \(loud.changed)")
        #expect(loud.counts.emailsKept == emails.count - loud.changed.count, "\(loud.counts)")
        #expect(loud.counts.piecesMade > loud.changed.count, "\(loud.counts) \(loud.changed)")
        #expect(loud.counts.piecesMade <= loud.changed.count + 8, "\(loud.counts) \(loud.changed)")
        #expect(loud.counts.piecesCopied + loud.counts.piecesMade == first.piecesMade, "\(loud.counts)")
    }

    /// A claim's values other than its name may be read by the rules for its customer's other
    /// claims, so an edit of one (here its customer contact's name) makes again the pages of all
    /// the customer's claims, its customer's page and the pages of their engagements, locations
    /// and statuses.
    @Test func anEditOtherClaimsMayReadKeysAllTheCustomersClaimsAgain() throws {
        let site = try Self.sample()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("Output")
        let first = try Self.rebuildMatchesClean(site, output)
        let pages = first.kept + first.rendered
        let claim = try Self.claim(site, 0)
        let contact = try #require(claim.firstMatch(of: /"name": "(Contact [^"]+)"/)?.1)
        try Self.edit(site, Self.claims, "\"name\": \"\(contact)\"", "\"name\": \"\(contact) Jr.\"")
        let counts = try Self.rebuildMatchesClean(site, output)

        let model = SiteLoader.load(.disk(root: site)).model
        let edited = try #require(model.claims.first { claim.contains("\"id\": \"\($0.id)\"") })
        let mine = model.claims.filter { $0.customer == edited.customer }
        #expect(mine.count > 1, "the customer has other claims")
        let engagements = Set(mine.map(\.engagement)), locations = Set(mine.map(\.location))
        let statuses = Set(
            Evaluator.evaluate(model, asOf: Day("2026-11-29")!).claims.filter { $0.claim.customer == edited.customer }
                .map(\.state.status))
        let keyedAgain = mine.count + 1 + engagements.count + locations.count + statuses.count
        #expect(counts.viewModels == pages - first.keyed + keyedAgain, "\(counts)")
    }

    @Test func editsOfEveryKindGiveACleanBuildsBytes() throws {
        let site = try Self.sample()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("Output")
        let first = try Self.rebuildMatchesClean(site, output)
        let pages = first.kept + first.rendered

        // A customer becomes known earlier: its first consent moves to the day consent was
        // asked. The known customers' days change, and with them every engagement's tabs.
        let file = Self.claims
        let model = SiteLoader.load(.disk(root: site)).model
        func day(_ claim: Claim, _ type: EventType) -> Day? { claim.events.first { $0.type == type }?.on }
        var firstConsent: [String: Claim] = [:]
        for claim in model.claims {
            guard let accepted = day(claim, .consentAccepted) else { continue }
            if let known = firstConsent[claim.customer], day(known, .consentAccepted)! <= accepted { continue }
            firstConsent[claim.customer] = claim
        }
        let earlier = try #require(
            firstConsent.values.sorted { $0.id < $1.id }.first { claim in
                // Consent asked just before it was given, on an earlier day.
                guard let k = claim.events.firstIndex(where: { $0.type == .consentAccepted }), k > 0 else {
                    return false
                }
                return claim.events[k - 1].type == .consentRequested && claim.events[k - 1].on < claim.events[k].on
            })
        let text = try Self.claim(site, try #require(model.claims.firstIndex { $0.id == earlier.id }))
        let accepted = "{ \"on\": \"\(day(earlier, .consentAccepted)!)\", \"type\": \"consentAccepted\" }"
        #expect(text.contains(accepted))
        try Self.edit(
            site, file, text,
            text.replacingOccurrences(
                of: accepted,
                with: "{ \"on\": \"\(day(earlier, .consentRequested)!)\", \"type\": \"consentAccepted\" }"))
        let moved = try Self.rebuildMatchesClean(site, output)
        #expect(moved.viewModels < pages && moved.viewModels > 20, "\(moved)")

        // A new claim comes (a copy of another with an ID of its own).
        let copy = try Self.claim(site, 3)
        let id = try #require(copy.firstMatch(of: /"id": "([^"]+)"/)?.1)
        try Self.edit(
            site, file, "  {\n",
            copy.replacingOccurrences(of: "\"id\": \"\(id)\"", with: "\"id\": \"NEW-0000001\"") + "  {\n")
        _ = try Self.rebuildMatchesClean(site, output)

        // A customer's claims go away, so it is known no more: it leaves every engagement's tabs
        // (the file is written anew by JSONSerialization, so every other claim moves too).
        let gone = try #require(model.claims.first { $0.events.contains { $0.type == .consentAccepted } }?.customer)
        let url = site.appendingPathComponent(file)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]])
        let kept = objects.filter { $0["customer"] as? String != gone }
        #expect(kept.count < objects.count)
        try JSONSerialization.data(withJSONObject: kept, options: [.prettyPrinted, .sortedKeys]).write(to: url)
        let left = try Self.rebuildMatchesClean(site, output)
        // Every engagement's page, the customer's page; no claim page moved by the new layout.
        #expect(left.viewModels >= 20 + 1 && left.viewModels < pages / 10, "\(left)")

        // An input that is not a claim (a customer's name): every keyed page is made again.
        try Self.edit(site, "Content/data/customers.json", "\"name\": \"", "\"name\": \"Renamed ")
        let renamed = try Self.rebuildMatchesClean(site, output)
        #expect(renamed.viewModels == renamed.kept + renamed.rendered)

        // Another as-of day.
        let later = try Self.rebuildMatchesClean(site, output, asOf: "2026-12-07")
        #expect(later.viewModels == later.kept + later.rendered)
        // And nothing changed since: every page kept without a view model but those with no key.
        let again = Self.build(site, into: output, asOf: "2026-12-07")
        #expect(again.stderr.contains("is up to date"))
    }

    /// The last build's page memo and export pieces are opened while the site loads, before the
    /// check has its verdict. A build whose check fails leaves them as they were and no
    /// temporary file beside them; the output is unchanged.
    @Test func aFailedCheckLeavesTheCachesAsTheyWereAndNoTemporaryFile() throws {
        let site = try Self.sample()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("Output")
        let first = Self.build(site, into: output)
        #expect(first.status == 0, "\(first.stderr)")
        let cache = site.appendingPathComponent(".claimsite-cache")
        /// The cache folder's own files (not the parse cache's folder), by name.
        func files(_ folder: URL) -> [String: Data] {
            var out: [String: Data] = [:]
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
                var isFolder: ObjCBool = false
                let path = folder.appendingPathComponent(name).path
                if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                    out[name] = FileManager.default.contents(atPath: path)
                }
            }
            return out
        }
        let before = files(cache), shipped = files(output)
        #expect(before["pages"] != nil && before["pieces"] != nil, "\(before.keys.sorted())")
        let claims = site.appendingPathComponent("Content/data/claims")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: claims.path).sorted().first)
        try Data("{ \"claims\": [".utf8).write(to: claims.appendingPathComponent(name))
        let failed = Self.build(site, into: output)
        #expect(failed.status == 1 && failed.stderr.contains("nothing was written"), "\(failed.stderr)")
        #expect(files(cache) == before, "\(files(cache).keys.sorted())")
        #expect(files(output) == shipped)
    }
}
