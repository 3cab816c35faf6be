import ClaimLoad
import ClaimModel
import ClaimSite
import ClaimSiteTesting
import Foundation
import Testing

/// The parse cache (`SITE/.claimsite-cache`, docs/output.md, Cache): a load that takes files from
/// it gives exactly what parsing them gives, only changed files are parsed again, a damaged entry
/// is a miss, and a rebuild with the cache gives the same bytes as a clean build.
@Suite struct ParseCacheTests {
    // MARK: helpers

    /// A copy of the example site's `Content/` in a new temporary folder.
    static func exampleCopy() throws -> URL {
        let root = try Paths.temporaryFolder()
        try FileManager.default.copyItem(
            at: Paths.repository.appendingPathComponent("Content"),
            to: root.appendingPathComponent("Content"))
        return root
    }

    /// A site with problems in every kind of file: broken YAML and JSON, a missing front matter,
    /// invalid and unknown fields, a file that is not read, a duplicate data file, warnings.
    static let brokenSite = FixtureSite()
        .with(
            "Content/site.yaml",
            """
            title: Test portal\npartner: { name: Test Partner GmbH }\nreferralURL: https://x.example/r\n\
            asOf: 2026-11-29\ncolour: red\n
            """
        )
        .claimsWith("createdOn: 2026-11-01", "createdOn: 2026-11-31")
        .with("Content/data/claims/c.yaml", "- id: C-3\n  displayName: [broken\n")
        .with("Content/data/claims/d.json", "[{\"id\": \"C-4\", }]")
        .with("Content/data/claims/notes.txt", "not claims")
        .with(
            "Content/data/customers.yaml",
            """
            - { id: fabrikam, emailDomain: fabrikam.example, tpid: [1] }\n\
            - { id: northwind, name: Northwind, emailDomain: northwind.example, colour: blue }\n
            """
        )
        .with("Content/data/locations.json", "[]")
        .with("Content/data/eligibility.yaml", "ws:\n  activeClaimsElsewhere: { \"bogus:1\": 1, \"tpid\": 2 }\n")
        .with("Content/data/opportunities.yaml", "- { id: \"7-ABC\", customer: northwind, estimatedRevenueUSD: -5 }\n")
        .with("Content/data/directory.yaml", "a.example: t1\nA.example: t2\n")
        .with("Content/engagements/nofront.md", "no front matter here\n")
        .with("Content/engagements/bad.md", "---\nname: [unclosed\n---\nBody\n")
        .with("Content/pages/broken.md", "---\ntitle: Broken\norder: first\n---\nText\n")

    /// The regular files below `folder` and their bytes, the marker `.claimsite-output` included
    /// (it depends on the inputs alone, not on the folder).
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            files[path] = try Data(contentsOf: url)
        }
        return files
    }

    /// `claimsite build` of `site` into `output` as of 2026-11-29, with the profile (which says
    /// how many files were parsed).
    static func build(_ site: URL, into output: URL, cache: ParseCacheUse = .readWrite, force: Bool = false)
        -> (status: Int32, stderr: String)
    {
        var stderr = ""
        let status = Commands.build(
            SiteOptions(site: site, asOf: Day("2026-11-29"), cache: cache), output: output, audience: nil,
            profile: true, force: force, quiet: true, environment: [:]
        ) { stderr += $0 }
        return (status, stderr)
    }

    /// How many input files a build parsed, from its profile.
    static func parsedCount(_ stderr: String) -> Int? {
        guard let line = stderr.split(separator: "\n").first(where: { $0.contains("(load: ") }),
            let end = line.range(of: " parsed")
        else { return nil }
        return Int(line[..<end.lowerBound].split(separator: " ").last ?? "")
    }

    /// The files of the cache's entry folder.
    static func entries(_ site: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent(".claimsite-cache/parsed").path)
            .sorted()
    }

    /// Replaces `old` by `new` in the site's file at `path`.
    static func edit(_ site: URL, _ path: String, _ old: String, _ new: String) throws {
        let url = site.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        precondition(text.contains(old), "\(path) lacks \(old)")
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
    }

    // MARK: (a) a warm load equals a cold load

    @Test func aWarmLoadOfTheExampleEqualsAColdOne() throws {
        let site = try Self.exampleCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let files = SiteFiles.disk(root: site)
        let cold = SiteLoader.load(files)
        let filling = SiteLoader.load(files, cache: DiskParseCache(site: site))
        let warm = SiteLoader.load(files, cache: DiskParseCache(site: site))
        #expect(cold.diagnostics.isEmpty && cold.model.claims.count >= 80)
        #expect(filling.cachedFiles.isEmpty && filling.parsedFiles == cold.parsedFiles)
        #expect(warm.parsedFiles.isEmpty && warm.cachedFiles == cold.parsedFiles)
        #expect(warm.cachedFiles.count == 23)
        for loaded in [filling, warm] {
            #expect(loaded.model == cold.model)
            #expect(loaded.diagnostics == cold.diagnostics)
        }
        // SourceMaps are restored whole: every recorded position, in order.
        for (a, b) in zip(warm.model.claims, cold.model.claims) {
            #expect(a.source.recorded.elementsEqual(b.source.recorded) { $0 == $1 })
        }
        // And through the rules: the same evaluation.
        let check = SiteCheck.run(files: files, environment: [:], cache: DiskParseCache(site: site))
        #expect(check.cachedFiles.count == 23)
        #expect(check.diagnostics == SiteCheck.run(files: files, environment: [:]).diagnostics)
    }

    /// A build's cache writes its entries beside the evaluation (`deferWrites`): nothing before
    /// `writePending`, every entry once the check returns, and a warm load reads them all.
    @Test func deferredWritesAreAllWrittenWhenTheCheckReturns() throws {
        let site = try Self.exampleCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let files = SiteFiles.disk(root: site)
        let deferred = DiskParseCache(site: site, deferWrites: true)
        _ = SiteLoader.load(files, cache: deferred)
        #expect((try? Self.entries(site)) ?? [] == [])
        #expect(deferred.writePending() == 23)
        #expect(try Self.entries(site).count == 23)
        #expect(deferred.writePending() == 0)

        try FileManager.default.removeItem(at: site.appendingPathComponent(".claimsite-cache"))
        let check = SiteCheck.run(files: files, environment: [:], cache: DiskParseCache(site: site, deferWrites: true))
        #expect(check.parsedFiles.count == 23)
        #expect(try Self.entries(site).count == 23)
        #expect(SiteLoader.load(files, cache: DiskParseCache(site: site)).cachedFiles.count == 23)
    }

    @Test func aWarmLoadOfASiteWithErrorsHasTheSameDiagnostics() throws {
        let files = SiteFiles.memory(Self.brokenSite.files)
        let cold = SiteLoader.load(files)
        // Not vacuous: problems of every kind, in many files.
        #expect(
            Set(cold.diagnostics.map(\.code)).isSuperset(of: [
                .yamlSyntax, .jsonSyntax, .missingFrontMatter, .invalidDate, .unknownField,
                .wrongType, .missingField, .invalidTypedID, .unknownValue, .negativeAmount,
                .duplicateKey, .duplicateFile, .unknownFile, .referralURLWithoutID,
            ]))
        #expect(Set(cold.diagnostics.compactMap(\.location?.file)).count >= 12)
        #expect(cold.diagnostics.contains { $0.record != nil } && cold.model.unreadable.count >= 5)
        let cache = MemoryParseCache()
        _ = SiteLoader.load(files, cache: cache)
        let warm = SiteLoader.load(files, cache: cache)
        #expect(warm.parsedFiles.isEmpty && warm.cachedFiles == cold.parsedFiles)
        #expect(warm.diagnostics == cold.diagnostics)  // code, record, location, message, in order
        #expect(warm.model == cold.model)  // unreadable markers included

        // The same on disk, through the command's own cache.
        let site = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: site) }
        try Paths.write(Self.brokenSite.files, to: site)
        let diskCold = SiteCheck.run(SiteOptions(site: site, cache: .off), environment: [:])
        _ = SiteCheck.run(SiteOptions(site: site), environment: [:])
        let diskWarm = SiteCheck.run(SiteOptions(site: site), environment: [:])
        #expect(diskWarm.parsedFiles.isEmpty && diskWarm.cachedFiles.count == diskCold.parsedFiles.count)
        #expect(diskWarm.diagnostics == diskCold.diagnostics && !diskWarm.diagnostics.isEmpty)
        #expect(diskWarm.model == diskCold.model)
    }

    @Test func aFileThatCannotBeReadIsNeverCached() {
        let memory = SiteFiles.memory(FixtureSite().files)
        let files = SiteFiles(
            list: memory.list,
            read: { path in
                if path == "Content/data/claims/b.yaml" { throw CocoaError(.fileReadNoPermission) }
                return try memory.read(path)
            })
        let cache = MemoryParseCache()
        let cold = SiteLoader.load(files, cache: cache)
        let warm = SiteLoader.load(files, cache: cache)
        #expect(cold.diagnostics.map(\.code) == [.unreadableFile])
        #expect(warm.diagnostics == cold.diagnostics && warm.model == cold.model)
        #expect(warm.parsedFiles == ["Content/data/claims/b.yaml"])
    }

    // MARK: (b) a one-file edit parses one file

    @Test func aOneFileEditParsesOnlyThatFile() throws {
        let site = try Self.exampleCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let files = SiteFiles.disk(root: site)
        _ = SiteLoader.load(files, cache: DiskParseCache(site: site))
        try Self.edit(
            site, "Content/data/claims/2026-q4.yaml", "Humongous Insurance Copilot readiness assessment",
            "Humongous Insurance readiness check")
        let after = SiteLoader.load(files, cache: DiskParseCache(site: site))
        #expect(after.parsedFiles == ["Content/data/claims/2026-q4.yaml"])
        #expect(after.cachedFiles.count == 22)
        #expect(after.model == SiteLoader.load(files).model)
        #expect(after.model.claims.contains { $0.displayName == "Humongous Insurance readiness check" })

        // In memory too, for a Markdown file.
        let cache = MemoryParseCache()
        _ = SiteLoader.load(.memory(FixtureSite().files), cache: cache)
        let edited = FixtureSite().with(
            "Content/engagements/ws.md",
            FixtureSite().files["Content/engagements/ws.md"]!
                .replacingOccurrences(of: "Migration workshop", with: "Modernization workshop"))
        let again = SiteLoader.load(.memory(edited.files), cache: cache)
        #expect(again.parsedFiles == ["Content/engagements/ws.md"])
        #expect(again.model.engagements.first { $0.id == "ws" }?.name == "Modernization workshop")
    }

    @Test func entriesOfChangedFilesArePrunedAndNothingElseIsTouched() throws {
        let site = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: site) }
        try Paths.write(FixtureSite().files, to: site)
        let output = site.appendingPathComponent("Output")
        #expect(Self.build(site, into: output).status == 0)
        let before = try Self.entries(site)
        #expect(before.count == 12)
        // Files the cache did not make, even with an entry's name, stay.
        let cacheRoot = site.appendingPathComponent(".claimsite-cache")
        let outside = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("mine".utf8).write(to: outside.appendingPathComponent("keep.txt"))
        let hexName = String(repeating: "ab", count: 32)
        try Data("notes".utf8).write(to: cacheRoot.appendingPathComponent("parsed/notes.txt"))
        try Data("x".utf8).write(to: cacheRoot.appendingPathComponent(hexName))
        try FileManager.default.createSymbolicLink(
            atPath: cacheRoot.appendingPathComponent("parsed/" + String(repeating: "cd", count: 32)).path,
            withDestinationPath: outside.appendingPathComponent("keep.txt").path)
        try Self.edit(site, "Content/data/claims/a.yaml", "Fabrikam workshop", "Fabrikam migration workshop")
        let rebuilt = Self.build(site, into: output)
        #expect(rebuilt.status == 0 && Self.parsedCount(rebuilt.stderr) == 1, "\(rebuilt.stderr)")
        let after = try Self.entries(site)
        // One entry per input file: the edited file's old entry is gone, its new one is there.
        let link = String(repeating: "cd", count: 32)
        #expect(after.filter { $0.count == 64 && $0 != link }.count == 12)
        #expect(Set(before).subtracting(after).count == 1)
        #expect(after.contains("notes.txt") && after.contains(link))
        #expect(FileManager.default.fileExists(atPath: cacheRoot.appendingPathComponent(hexName).path))
        #expect(try String(contentsOf: outside.appendingPathComponent("keep.txt"), encoding: .utf8) == "mine")
        #expect(FileManager.default.fileExists(atPath: cacheRoot.appendingPathComponent("CACHEDIR.TAG").path))
    }

    // MARK: (c) a damaged entry is a miss

    @Test func aCorruptTruncatedOrForeignEntryIsIgnored() throws {
        let site = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: site) }
        try Paths.write(FixtureSite().files, to: site)
        let files = SiteFiles.disk(root: site)
        let cold = SiteLoader.load(files)
        let cache = DiskParseCache(site: site)
        _ = SiteLoader.load(files, cache: cache)
        let paths = cold.parsedFiles.sorted()
        func entry(_ path: String) throws -> URL {
            cache.folder.appendingPathComponent(
                cache.key(path: path, bytes: try Data(contentsOf: site.appendingPathComponent(path))))
        }
        let manager = FileManager.default
        let damaged = Array(paths.prefix(7))
        var data = try Data(contentsOf: entry(damaged[0]))
        try data.prefix(data.count / 2).write(to: entry(damaged[0]))  // truncated
        data = try Data(contentsOf: entry(damaged[1]))
        data[data.count - 1] ^= 0xFF
        try data.write(to: entry(damaged[1]))  // a flipped bit in the payload
        try Data("not a cache entry".utf8).write(to: entry(damaged[2]))  // foreign
        try Data().write(to: entry(damaged[3]))  // empty
        try manager.removeItem(at: entry(damaged[4]))
        try manager.copyItem(at: entry(paths[8]), to: entry(damaged[4]))  // another file's entry
        data = try Data(contentsOf: entry(damaged[5]))
        data[22] ^= 0x01
        try data.write(to: entry(damaged[5]))  // another format version
        data = try Data(contentsOf: entry(damaged[6]))
        try (data + Data([0])).write(to: entry(damaged[6]))  // a byte too many
        let warm = SiteLoader.load(files, cache: DiskParseCache(site: site))
        #expect(warm.model == cold.model && warm.diagnostics == cold.diagnostics)
        #expect(warm.parsedFiles.sorted() == damaged)
        // The damaged entries were written again.
        #expect(SiteLoader.load(files, cache: DiskParseCache(site: site)).parsedFiles.isEmpty)
    }

    @Test func noDamagedEntryIsAcceptedOrCrashes() throws {
        let parsed = try #require(SiteLoader.load(.memory(FixtureSite().files), cache: nil).model.claims.first)
        let file = ParsedFile(
            content: .claims([parsed]),
            diagnostics: [
                .warning(.unknownField, at: SourceLocation(file: "f", line: 1, column: 2), record: .claim("C-1"), "m")
            ],
            unreadable: ["claim:C-9"])
        let payload = try #require(file.encoded())
        #expect(payload.withUnsafeBytes { ParsedFile(encoded: $0) } == file)
        // Every truncation fails; every flipped byte gives nil or some value, never a crash.
        for length in 0..<payload.count {
            #expect(payload.prefix(length).withUnsafeBytes { ParsedFile(encoded: $0) } == nil)
        }
        for i in payload.indices {
            var bad = payload
            bad[i] ^= 0xFF
            _ = bad.withUnsafeBytes { ParsedFile(encoded: $0) }
        }
        // With the header and checksum of an entry on disk, every flipped byte is a miss.
        let site = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: site) }
        let cache = DiskParseCache(site: site)
        let key = cache.key(path: "Content/data/claims/a.yaml", bytes: Data("x".utf8))
        cache.store(file, key: key)
        let entryURL = cache.folder.appendingPathComponent(key)
        let entry = try Data(contentsOf: entryURL)
        #expect(cache.load(key) == file)
        for i in stride(from: 0, to: entry.count, by: 1) {
            var bad = entry
            bad[i] ^= 0x10
            try bad.write(to: entryURL)
            #expect(cache.load(key) == nil, "byte \(i)")
        }
    }

    // MARK: exactness of the encoding

    @Test func stringsAndDecimalsKeepTheirExactForm() throws {
        // "é" written precomposed and decomposed: equal for Swift's ==, different bytes.
        let precomposed = "Caf\u{E9}", decomposed = "Cafe\u{301}"
        let amounts = ["1234.50", "0.00", "5000", "-12.5", "99999999999999999999999999999999999.99", "0.0001"]
            .map { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX"))! }
        let claims = amounts.enumerated().map { i, amount in
            Claim(
                id: "C-\(i)", displayName: i % 2 == 0 ? precomposed : decomposed, engagement: "e", customer: decomposed,
                origin: .added, location: "l", createdOn: Day(ordinal: -i),
                customerContact: Contact(email: precomposed),
                partnerContact: Contact(email: "p"),
                events: [
                    ClaimEvent(
                        on: Day(ordinal: i), type: .approved, amountUSD: amount,
                        location: SourceLocation(file: "f", line: i, column: i))
                ],
                source: SourceMap(start: SourceLocation(file: "f")))
        }
        let file = ParsedFile(content: .claims(claims))
        let encoded = try #require(file.encoded())
        let back = try #require(encoded.withUnsafeBytes { ParsedFile(encoded: $0) })
        guard case .claims(let read) = back.content else { Issue.record("not claims"); return }
        for (a, b) in zip(read, claims) {
            #expect(Array(a.displayName.utf8) == Array(b.displayName.utf8))
            #expect(Array(a.customer.utf8) == Array(decomposed.utf8))
            #expect(Array(a.customerContact.email.utf8) == Array(precomposed.utf8))
            let x = try #require(a.events.first?.amountUSD), y = try #require(b.events.first?.amountUSD)
            #expect(withUnsafeBytes(of: x) { Array($0) } == withUnsafeBytes(of: y) { Array($0) })
        }
    }

    /// The encoding writes every stored property of the model types by hand: a type that gains
    /// or loses one fails here, as a reminder to update ParsedFileCodec.swift and bump
    /// `ParsedFile.formatVersion`.
    @Test func theEncodingKnowsEveryFieldOfTheModel() throws {
        let model = SiteLoader.load(.disk(root: Paths.repository)).model
        let claim = try #require(model.claims.first { $0.referral != nil && !$0.events.isEmpty })
        let engagement = try #require(model.engagements.first { $0.variablePay != nil })
        let settings = try #require(model.settings)
        let event = try #require(claim.events.first), referral = try #require(claim.referral)
        let variablePay = try #require(engagement.variablePay), location = try #require(model.locations.first)
        let customer = try #require(model.customers.first), eligibility = try #require(model.eligibility.first)
        let opportunity = try #require(model.opportunities.first), user = try #require(model.users?.first)
        let page = try #require(model.pages.first)
        let counts: [(Any, Int)] = [
            (model, 11), (claim, 20), (event, 7), (claim.customerContact, 3), (referral, 2), (engagement, 14),
            (engagement.timeline, 4), (variablePay, 5), (location, 5), (customer, 10), (eligibility, 5),
            (opportunity, 4),
            (user, 4), (page, 5), (settings, 11), (EmailSettings(from: nil, to: []), 3),
            (Diagnostic.error(.unknownField, at: nil, ""), 5), (claim.source, 2), (claim.source.start, 3),
            (RecordRef.site, 2),
            (TypedID(type: .tpid, value: "1"), 2), (Payment(on: claim.createdOn, amountUSD: 1), 3),
            (ClaimProof(), 1), (ProofRecord(), 2),
        ]
        for (value, expected) in counts {
            #expect(
                Mirror(reflecting: value).children.count == expected,
                "\(type(of: value)) changed: update ParsedFileCodec.swift and bump ParsedFile.formatVersion")
        }
    }

    // MARK: (d) rebuild equals clean, (e) deleting the cache

    @Test func aRebuildWithTheCacheEqualsACleanBuildAfterEveryEdit() throws {
        let site = try Self.exampleCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("Output")
        let first = Self.build(site, into: output)
        #expect(first.status == 0 && Self.parsedCount(first.stderr) == 23, "\(first.stderr)")

        let claims = "Content/data/claims/2026-q4.yaml", customers = "Content/data/customers.yaml"
        let newClaim = """

            - id: MCI-000999
              displayName: Adatum Copilot readiness assessment
              engagement: copilot-readiness-assessment
              customer: adatum
              origin: claimed
              location: "4412346"
              createdBy: lukas.brandt@contoso-consulting.example
              createdOn: 2026-11-02
              customerContact: { name: Jana Vogel, email: jana.vogel@adatum.example }
              partnerContact: { name: Lukas Brandt, email: lukas.brandt@contoso-consulting.example }
              events:
                - { on: 2026-11-03, type: consentRequested, dealSizeUSD: 40000 }

            """
        let newCustomer = """

            - id: zz-new
              name: Zeta Newcomer Ltd
              emailDomain: zeta-newcomer.example
              country: IE

            """
        let engagementText = try String(
            contentsOf: site.appendingPathComponent("Content/engagements/azure-migrate-workshop.md"), encoding: .utf8
        )
        .replacingOccurrences(of: "id: azure-migrate-workshop", with: "id: extra-workshop")
        .replacingOccurrences(of: "name: Azure Migrate and Modernize workshop", with: "name: Extra workshop")
        let engagement = site.appendingPathComponent("Content/engagements/extra-workshop.md")
        var pristine: String?
        let steps: [(name: String, parsed: Int, fails: Bool, edit: () throws -> Void)] = [
            (
                "add a claim", 1, false,
                {
                    let url = site.appendingPathComponent(claims)
                    pristine = try String(contentsOf: url, encoding: .utf8)
                    try Data((pristine! + newClaim).utf8).write(to: url)
                }
            ),
            (
                "change a claim", 1, false,
                {
                    try Self.edit(
                        site, claims, "Adatum Copilot readiness assessment", "Adatum Copilot readiness review")
                }
            ),
            (
                "change a claim's history", 1, false,
                {
                    try Self.edit(
                        site, claims, "- { on: 2026-11-03, type: consentRequested, dealSizeUSD: 40000 }",
                        """
                        - { on: 2026-11-03, type: consentRequested, dealSizeUSD: 40000 }\n\
                            - { on: 2026-11-09, type: consentAccepted }
                        """
                    )
                }
            ),
            (
                "break a claim", 1, true,
                { try Self.edit(site, claims, "createdOn: 2026-11-02", "createdOn: 2026-11-31") }
            ),
            ("mend it", 1, false, { try Self.edit(site, claims, "createdOn: 2026-11-31", "createdOn: 2026-11-01") }),
            ("remove a claim", 1, false, { try Data(pristine!.utf8).write(to: site.appendingPathComponent(claims)) }),
            (
                "add a customer", 1, false,
                {
                    let url = site.appendingPathComponent(customers)
                    pristine = try String(contentsOf: url, encoding: .utf8)
                    try Data((pristine! + newCustomer).utf8).write(to: url)
                }
            ),
            (
                "change a customer", 1, false,
                { try Self.edit(site, customers, "name: Adatum AG", "name: Adatum Aktiengesellschaft") }
            ),
            (
                "remove a customer", 1, false,
                {
                    try Data(
                        pristine!.replacingOccurrences(of: "name: Adatum AG", with: "name: Adatum Aktiengesellschaft")
                            .utf8
                    )
                    .write(to: site.appendingPathComponent(customers))
                }
            ),
            ("add an engagement", 1, false, { try Data(engagementText.utf8).write(to: engagement) }),
            (
                "change an engagement", 1, false,
                {
                    try Self.edit(
                        site, "Content/engagements/extra-workshop.md", "name: Extra workshop",
                        "name: Extra migration workshop")
                }
            ),
            ("remove an engagement", 0, false, { try FileManager.default.removeItem(at: engagement) }),
        ]
        // Edits of a claims file: most pages are kept from the last build (the page memo is in
        // use). An edit of any other input changes every page's input key (docs/output.md, Cache):
        // every page is made again, and only those whose bytes changed are written.
        let claimEdits: Set<String> = [
            "add a claim", "change a claim", "change a claim's history", "mend it", "remove a claim",
        ]
        var previous = try Self.snapshot(output)
        for step in steps {
            try step.edit()
            let rebuilt = Self.build(site, into: output)
            #expect(Self.parsedCount(rebuilt.stderr) == step.parsed, "\(step.name): \(rebuilt.stderr)")
            if !step.fails, let counts = InputKeyTests.counts(rebuilt.stderr) {
                let unkeyed = counts.kept + counts.rendered - counts.keyed
                if claimEdits.contains(step.name) {
                    #expect(counts.kept > 20, "\(step.name): \(rebuilt.stderr)")
                } else {
                    #expect(
                        counts.kept <= unkeyed && counts.viewModels == counts.kept + counts.rendered, "\(step.name)")
                }
            } else if !step.fails {
                Issue.record("\(step.name): no counts in \(rebuilt.stderr)")
            }
            // The clean build: a fresh copy of the site, no cache, a fresh output folder.
            let clean = try Paths.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: clean) }
            try FileManager.default.copyItem(
                at: site.appendingPathComponent("Content"), to: clean.appendingPathComponent("Content"))
            let fresh = Self.build(clean, into: clean.appendingPathComponent("Output"))
            let inputs = 23 + (FileManager.default.fileExists(atPath: engagement.path) ? 1 : 0)
            #expect(Self.parsedCount(fresh.stderr) == inputs, "\(step.name)")
            if step.fails {
                #expect(rebuilt.status == 1 && fresh.status == 1, "\(step.name)")
                // The same diagnostics, word for word (the profile's times aside).
                func problems(_ text: String) -> String { text.components(separatedBy: "claimsite: time per stage")[0] }
                #expect(problems(rebuilt.stderr) == problems(fresh.stderr), "\(step.name)")
                #expect(problems(rebuilt.stderr).contains("error: claim MCI-000999"), "\(step.name)")
                #expect(try Self.snapshot(output) == previous, "\(step.name): a failed build changed the output")
                continue
            }
            #expect(rebuilt.status == 0 && fresh.status == 0, "\(step.name): \(rebuilt.stderr) \(fresh.stderr)")
            let incremental = try Self.snapshot(output),
                full = try Self.snapshot(clean.appendingPathComponent("Output"))
            #expect(incremental.keys.sorted() == full.keys.sorted(), "\(step.name)")
            let differing = full.keys.filter { incremental[$0] != full[$0] }.sorted()
            #expect(differing.isEmpty, "\(step.name): \(differing)")
            #expect(incremental != previous, "\(step.name) changed nothing")
            previous = incremental
        }

        // (e) Deleting the cache only makes the next build a full one, with the same output.
        try FileManager.default.removeItem(at: site.appendingPathComponent(".claimsite-cache"))
        let full = Self.build(site, into: output, force: true)
        #expect(full.status == 0 && Self.parsedCount(full.stderr) == 23, "\(full.stderr)")
        #expect(try Self.snapshot(output) == previous)
        #expect(try Self.entries(site).count == 23)
        let warm = Self.build(site, into: output, force: true)
        #expect(warm.status == 0 && Self.parsedCount(warm.stderr) == 0)
        #expect(try Self.snapshot(output) == previous)
    }

    // MARK: where the cache is used

    @Test func aSiteWhereTheCacheCannotBeMadeStillBuilds() throws {
        let site = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: site) }
        try Paths.write(FixtureSite().files, to: site)
        // A file of the cache folder's name (the user's, say): left alone, no cache, no error.
        let blocker = site.appendingPathComponent(".claimsite-cache")
        try Data("mine".utf8).write(to: blocker)
        for _ in 0..<2 {
            let built = Self.build(site, into: site.appendingPathComponent("Output"), force: true)
            #expect(built.status == 0 && Self.parsedCount(built.stderr) == 12, "\(built.stderr)")
            #expect(!built.stderr.contains("error:"))
        }
        #expect(try String(contentsOf: blocker, encoding: .utf8) == "mine")
    }

    @Test func checkReadsTheCacheButNeverWritesIt() throws {
        let site = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: site) }
        try Paths.write(FixtureSite().files, to: site)
        let cacheRoot = site.appendingPathComponent(".claimsite-cache")
        #expect(Commands.check(SiteOptions(site: site), errors: { _ in }) == 0)
        #expect(!FileManager.default.fileExists(atPath: cacheRoot.path))
        let readOnly = SiteCheck.run(SiteOptions(site: site, cache: .readOnly), environment: [:])
        #expect(readOnly.parsedFiles.count == 12 && !FileManager.default.fileExists(atPath: cacheRoot.path))
        #expect(Self.build(site, into: site.appendingPathComponent("Output")).status == 0)
        let entries = try Self.entries(site)
        try Self.edit(site, "Content/data/claims/a.yaml", "Fabrikam workshop", "Fabrikam migration workshop")
        let checked = SiteCheck.run(SiteOptions(site: site, cache: .readOnly), environment: [:])
        #expect(checked.parsedFiles == ["Content/data/claims/a.yaml"] && checked.cachedFiles.count == 11)
        #expect(Commands.check(SiteOptions(site: site), errors: { _ in }) == 0)
        #expect(try Self.entries(site) == entries)  // neither filled nor pruned
    }

    @Test func noCacheReadsAndWritesNone() throws {
        let site = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: site) }
        try Paths.write(FixtureSite().files, to: site)
        let run = try Paths.run(["build", "--site", site.path, "--no-cache", "--quiet", "--profile"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("(load: 12 input files parsed; parse cache not used)"))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent(".claimsite-cache").path))
        let cached = try Paths.run(["build", "--site", site.path, "--quiet", "--force", "--profile"])
        #expect(cached.stderr.contains("(load: 12 input files, 0 from the parse cache in .claimsite-cache, 12 parsed)"))
        let warm = try Paths.run(["build", "--site", site.path, "--quiet", "--force", "--profile"])
        #expect(
            warm.stderr.contains("(load: 12 input files, 12 from the parse cache in .claimsite-cache, 0 parsed)"),
            "\(warm.stderr)")
    }
}
