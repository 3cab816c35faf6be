import ClaimLoad
import ClaimModel
import ClaimRender
import ClaimRules
import ClaimSite
import ClaimSiteTesting
import Foundation
import Testing

/// English and German portals (docs/languages.md): the catalogues, overriding a word, the
/// setting and the option, and what stays the same across languages.
@Suite struct LanguageTests {
    // MARK: the catalogues

    @Test func bothBuiltInCataloguesHaveTheSameKeysAndPlaceholders() {
        let en = Catalogue.builtIn(.en), de = Catalogue.builtIn(.de)
        #expect(en.entries.count > 100)
        #expect(Set(en.entries.keys) == Set(de.entries.keys))
        for (key, english) in en.entries {
            guard let german = de.entries[key] else { continue }
            #expect(Self.placeholders(english) == Self.placeholders(german), "\(key)")
            #expect(!english.contains("{{") && !german.contains("{{"), "\(key)")
        }
        #expect(Catalogue.load(.de, override: nil).1.map(\.description) == [])
        #expect(Catalogue.load(.en, override: nil).1.map(\.description) == [])
    }

    /// A built-in catalogue that lacks a key is an error that names the key and the file; the
    /// site's own file can supply it.
    @Test func aMissingKeyIsAnErrorNamingTheKeyAndTheFile() {
        let full = BuiltInTemplates.files["i18n/de.yaml"]!
        let partial = full.split(separator: "\n", omittingEmptySubsequences: false).filter {
            !$0.hasPrefix("tab.ineligible:")
        }
        .joined(separator: "\n")
        let (catalogue, problems) = Catalogue.load(.de, override: nil, builtInText: partial)
        #expect(
            problems.map(\.description) == [
                """
                Templates/i18n/de.yaml: error: the de catalogue has no 'tab.ineligible'; add it to \
                Templates/i18n/de.yaml
                """
            ])
        #expect(problems.first?.code == .catalogueKeyMissing)
        #expect(catalogue.entries["tab.ineligible"] == nil)
        let (mended, none) = Catalogue.load(
            .de, override: (text: "tab.ineligible: Nicht geeignet\n", file: "Templates/i18n/de.yaml"),
            builtInText: partial)
        #expect(none.map(\.description) == [])
        #expect(mended.entries["tab.ineligible"] == "Nicht geeignet")
    }

    static func placeholders(_ text: String) -> Set<String> {
        var found = Set<String>(), rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            found.insert(String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        return found
    }

    /// The English catalogue names the statuses as Partner Center does (docs/rules.md#statuses):
    /// report.json's and explain's `statusLabel` are these words. The rules hold only codes.
    @Test func englishStatusesAreTheLabelsOfPartnerCenter() {
        let labels: [ClaimStatus: String] = [
            .customerClaimed: "Customer claimed", .awaitingConsent: "Awaiting customer consent response",
            .consentReceived: "Customer consent received", .consentDeclined: "Customer consent declined",
            .consentExpired: "Customer consent expired", .canceled: "Canceled",
            .notSubmittedExpired: "Not submitted expired",
            .submitted: "Submitted", .underReview: "Under review", .partnerActionRequired: "Partner action required",
            .postSubmissionExpired: "Post submission expired", .approved: "Approved", .rejected: "Rejected",
            .disputed: "Disputed", .disputedExpired: "Disputed expired", .rejectedFinal: "Rejected final",
        ]
        #expect(Set(labels.keys) == Set(ClaimStatus.allCases))
        for s in ClaimStatus.allCases { #expect(Speech.english.status(s) == labels[s], "\(s)") }
        #expect(
            CustomerIDType.allCases.map(Speech.english.idType)
                == ["Domain", "Tenant ID", "TPID", "Azure subscription ID", "MSX opportunity ID"])
    }

    /// An engagement that accepts tenant IDs and TPIDs.
    static let tenantOrTPID = Engagement(
        id: "ws", name: "Workshop", activity: .workshop, pay: .fixed,
        customerIdTypes: [.tenantId, .tpid], source: SourceMap(start: SourceLocation(file: "e.yaml")))

    /// The rules write no status label and no ID type's name: those words are the
    /// catalogue's (docs/languages.md). Looks for each English word of the catalogue as text in
    /// a string literal of Sources/ClaimRules.
    @Test func theRulesHoldNoStatusLabelOrIDTypeName() throws {
        let folder = Paths.repository.appendingPathComponent("Sources/ClaimRules")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 10)
        let words =
            ClaimStatus.allCases.map(Speech.english.status) + CustomerIDType.allCases.map(Speech.english.idType)
            + [Speech.english.text("detail.noEligibleLocation")]
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            // The code, without comments: a word may be named in a comment.
            let code = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
                .joined(separator: "\n")
            for word in words {
                #expect(
                    !code.contains("\"\(word)") && !code.contains("\(word)\"") && !code.contains(" \(word) "),
                    "\(file) writes '\(word)'")
            }
        }
    }

    /// Every way a customer can be Ineligible says a sentence in English and in German, and
    /// the English ones are report.json's (docs/output.md).
    @Test func everyIneligibleWhySaysASentenceInBothLanguages() {
        let engagement = Self.tenantOrTPID
        let tenant = TypedID(type: .tenantId, value: "aaaa"), domain = TypedID(type: .domain, value: "fabrikam.example")
        let whys: [IneligibleWhy] = [
            .noEligibleLocation, .noCandidate, .claimLimit(active: 2, limit: 2),
            .candidate(domain, .typeNotAccepted), .candidate(domain, .domainNotInDirectory),
            .candidate(tenant, .notListed(checked: tenant)), .candidate(domain, .notListed(checked: tenant)),
        ]
        let english = [
            "No MCI-registered partner location is eligible for this engagement",
            "No ID on record that this engagement accepts",
            "2 of 2 active claims",
            "Domain fabrikam.example: this engagement accepts Tenant ID and TPID",
            "Domain fabrikam.example: not in the directory (directory.yaml), so its tenant cannot be checked",
            "Tenant ID aaaa: not on this engagement's eligibility list",
            "Domain fabrikam.example: its tenant aaaa is not on this engagement's eligibility list",
        ]
        #expect(whys.map { Speech.english.detail($0, engagement: engagement) } == english)
        let german = Speech(.builtIn(.de))
        for why in whys {
            let text = german.detail(why, engagement: engagement)
            #expect(!text.isEmpty && !text.contains("⟦") && !english.contains(text), "\(why): \(text)")
        }
        // The example's rows, as report.json and the English pages say them.
        let result = SiteCheck.run(SiteOptions(site: Paths.repository, cache: .off), environment: [:])
        let rows = result.evaluation.engagements.flatMap { e in e.tabs.ineligible.map { (e.engagement, $0) } }
        #expect(rows.count > 20)
        for (engagement, row) in rows {
            let text = Speech.english.detail(row.why, engagement: engagement)
            #expect(!text.isEmpty && !text.contains("⟦"), "\(row.customer)")
        }
    }

    /// Every rule and note of `nominate` says a sentence in English and in German from the
    /// catalogue (nominate prints the English ones, docs/nominate.md).
    @Test func everyNominationWhyAndNoteSaysASentenceInBothLanguages() {
        let engagement = Self.tenantOrTPID
        let id = TypedID(type: .domain, value: "fabrikam.example"), tenant = TypedID(type: .tenantId, value: "aaaa")
        let whys: [NominationWhy] = [
            .noEligibleLocation, .locationNotRegistered(id: "L2", name: "Vienna"),
            .locationNotAllowed(id: "L1", name: "Berlin", allowed: ["L3", "L4"]), .idTypeNotAccepted,
            .domainNotInDirectory,
            .notListed(checked: id), .notListed(checked: tenant), .listed(checked: id, claims: nil),
            .listed(checked: tenant, claims: nil),
            .listed(checked: tenant, claims: ClaimCount(here: 1, elsewhere: 0, limit: 1)),
            .listed(checked: tenant, claims: ClaimCount(here: 0, elsewhere: 1, limit: 3)),
        ]
        let notes: [NominationNote] = [
            .domainNotOfCustomer(customer: "fabrikam"), .opportunityNotListed,
            .tenantMismatch(TenantMismatch(emailDomain: "x.example", emailTenant: "bbbb")),
            .tenantMismatch(TenantMismatch(emailDomain: "x.example", emailTenant: nil)),
            .hoursNeeded(min: 8, max: 120), .hoursOutOfRange(hours: 200, min: 8, max: 120),
            .variablePayout([
                .hours(300, rateUSD: 100, amountUSD: 30000), .cappedAtMaximum(capUSD: 20000),
                .cappedAtShare(share: Decimal(string: "0.1")!, opportunity: "7-A", revenueUSD: 150000, capUSD: 15000),
                .shareCapSkipped,
            ]),
        ]
        let en = Speech.english, de = Speech(.builtIn(.de))
        for speech in [en, de] {
            let said =
                whys.map { speech.nominationWhy($0, for: id, engagement: engagement) }
                + notes.map { speech.nominationNote($0, for: id) }
            for text in said {
                #expect(!text.isEmpty && !text.contains("⟦") && !text.contains("{"), "\(speech.language): \(text)")
            }
            #expect(Set(said).count == said.count, "\(speech.language): two rules say the same")
        }
        #expect(
            en.nominationWhy(.noEligibleLocation, for: id, engagement: engagement)
                == "no MCI-registered partner location is eligible for this engagement")
        #expect(
            en.nominationNote(notes[6], for: id)
                == """
                variable pay: 300 hours at USD\u{A0}100.00 an hour make USD\u{A0}30,000.00, capped at the \
                maximum payout of USD\u{A0}20,000.00, capped at 10% of opportunity 7-A's estimated revenue of \
                USD\u{A0}150,000.00 (USD\u{A0}15,000.00), the share cap is skipped: the opportunity is not in \
                opportunities.yaml; it must be the only engagement in its flow
                """
        )
    }

    @Test func datesMoneyAndDaysByLanguage() {
        let de = Speech(.builtIn(.de)), en = Speech.english
        #expect(de.date(Day("2026-11-29")!) == "29.11.2026")
        #expect(en.date(Day("2026-11-29")!) == "2026-11-29")
        #expect(de.money(5000) == "5.000,00\u{A0}USD")
        #expect(de.money(Decimal(string: "1234567.5")!) == "1.234.567,50\u{A0}USD")
        #expect(en.money(5000) == "USD\u{A0}5,000.00")
        #expect(de.percent(Decimal(string: "0.125")!) == "12,5 %")
        #expect(en.percent(Decimal(string: "0.125")!) == "12.5%")
        #expect(de.percent(Decimal(string: "0.1")!) == "10 %")
        #expect(de.daysLeft(Day("2026-12-05")!, asOf: Day("2026-11-29")!) == "noch 6 Tage")
        #expect(de.daysLeft(Day("2026-11-29")!, asOf: Day("2026-11-29")!) == "heute fällig")
        #expect(en.daysLeft(Day("2026-12-05")!, asOf: Day("2026-11-29")!) == "6 days left")
        #expect(de.listed(["A", "B", "C"]) == "A, B und C")
        #expect(en.listed(["A", "B", "C"]) == "A, B and C")
    }

    // MARK: overriding words

    static func render(_ site: FixtureSite) -> PortalRenderer.Output {
        let result = site.check()
        guard let settings = result.model.settings else {
            return PortalRenderer.Output(files: [:], diagnostics: result.diagnostics)
        }
        return Commands.render(
            result, settings: settings, audience: Audience([.incentivesAdmin]), files: .memory(site.files))
    }

    static let german = FixtureSite().with(
        "Content/site.yaml",
        """
        title: Test portal
        partner: { name: Test Partner GmbH, id: "1000001" }
        asOf: 2026-11-29
        language: de

        """)

    @Test func aSiteOverridesOneWord() throws {
        let plain = Self.render(Self.german)
        let page = String(decoding: try #require(plain.files["engagements/ws/index.html"]), as: UTF8.self)
        #expect(page.contains("Nicht berechtigt"))
        let site = Self.german.with("Templates/i18n/de.yaml", "# our word\ntab.ineligible: Nicht geeignet\n")
        let output = Self.render(site)
        #expect(output.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        let changed = String(decoding: try #require(output.files["engagements/ws/index.html"]), as: UTF8.self)
        #expect(changed.contains("Nicht geeignet"))
        #expect(!changed.contains("Nicht berechtigt"))
        #expect(changed.contains("Berechtigt"))  // the other words stay
    }

    @Test func anUnknownKeyIsAnErrorWithTheClosestKey() throws {
        let output = Self.render(Self.german.with("Templates/i18n/de.yaml", "tab.ineligble: Nicht geeignet\n"))
        #expect(
            output.diagnostics.map(\.description).contains(
                """
                Templates/i18n/de.yaml:1:1: error: 'tab.ineligble' is not a key of the catalogue — did you mean \
                'tab.ineligible'?; see docs/languages.md for the keys
                """
            ))
        #expect(output.diagnostics.first { $0.code == .catalogueKeyUnknown } != nil)
    }

    @Test func aLineThatIsNotKeyValueIsASyntaxError() throws {
        let output = Self.render(
            Self.german.with(
                "Templates/i18n/de.yaml",
                """
                tab.ineligible: Nicht geeignet\n  status.approved: Frei\nnothing here\nstatus.rejected: \"open\n\
                status.disputed: \"{{#x}}\"\n
                """
            ))
        let found = output.diagnostics.filter { $0.code == .catalogueSyntax }.map(\.description)
        #expect(
            found == [
                """
                Templates/i18n/de.yaml:2:1: error: a catalogue is a flat list of 'key: value' lines; remove the \
                indentation
                """,
                "Templates/i18n/de.yaml:3:1: error: expected 'key: value'; write the key, a colon and the text",
                """
                Templates/i18n/de.yaml:4:18: error: the quoted text is not closed, or has something after its closing \
                quote; end it with \"
                """,
                """
                Templates/i18n/de.yaml:5:18: error: a catalogue's text cannot hold '{{' or '}}': it is put into the \
                templates, where they would start or end a tag
                """,
            ])
    }

    @Test func aTemplateAskingForAnUnknownKeyIsAnError() throws {
        let site = Self.german.with(
            "Templates/page.mustache", "{{<layout}}{{$content}}<p>{{t.page.nosuchkey}}</p>{{/content}}{{/layout}}\n")
        let output = Self.render(site)
        let found = output.diagnostics.filter { $0.code == .catalogueKeyUnknown }.map(\.description)
        #expect(found.count == 1)
        #expect(
            found.first?.hasPrefix(
                """
                Templates/page.mustache:1:27: error: the template asks for 'page.nosuchkey', which the de catalogue \
                does not have
                """
            ) == true)
    }

    // MARK: the setting and the option

    @Test func anUnknownLanguageInSiteYamlListsTheLanguages() {
        let site = FixtureSite().with("Content/site.yaml", "title: T\npartner: { name: P }\nlanguage: fr\n")
        #expect(
            site.diagnostics() == [
                """
                Content/site.yaml:3:11: error: site settings: unknown language 'fr' — did you mean 'de'? (one of en, de)
                """
            ])
    }

    @Test func theOptionWinsAndAnUnknownOneIsAUsageError() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Paths.write(Self.german.files, to: root)
        // Only the commands that write words for people take it.
        #expect(try Paths.run(["check", "--site", root.path, "--language", "de"]).status == 64)
        let bad = try Paths.run(["build", "--site", root.path, "--language", "fr"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("unknown language 'fr'") && bad.stderr.contains("en, de"))
        let english = try Paths.run(["build", "--site", root.path, "--language", "en", "--quiet"])
        #expect(english.status == 0, "\(english.stderr)")
        let page = try String(contentsOf: root.appendingPathComponent("Output/index.html"), encoding: .utf8)
        #expect(page.contains("<html lang=\"en\""))
        let german = try Paths.run(["build", "--site", root.path, "--quiet"])
        #expect(german.status == 0)
        let dePage = try String(contentsOf: root.appendingPathComponent("Output/index.html"), encoding: .utf8)
        #expect(dePage.contains("<html lang=\"de\""))
    }

    // MARK: the example in both languages

    static func example(_ language: Language) throws -> [String: Data] {
        var options = SiteOptions(site: Paths.repository, cache: .off)
        options.language = language
        let result = SiteCheck.run(options, environment: [:])
        let settings = try #require(result.model.settings)
        var withLanguage = settings
        withLanguage.language = language
        let output = Commands.render(
            result, settings: withLanguage, audience: Audience([.incentivesAdmin, .referralsAdmin]),
            files: .disk(root: Paths.repository))
        #expect(!output.diagnostics.hasErrors, "\(output.diagnostics.map(\.description))")
        return output.files
    }

    /// report.json is byte-identical in both languages; the CSVs' code columns too, while
    /// their label columns are translated.
    @Test func whatMachinesReadIsTheSameInBothLanguages() throws {
        let en = try Self.example(.en), de = try Self.example(.de)
        #expect(en["report.json"] == de["report.json"])
        #expect(en["report.json"] != nil)
        let enCSV = String(decoding: try #require(en["claims.csv"]), as: UTF8.self).components(separatedBy: "\r\n")
        let deCSV = String(decoding: try #require(de["claims.csv"]), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(enCSV.first == deCSV.first)  // the header keys
        #expect(enCSV.count == deCSV.count)
        #expect(enCSV != deCSV)  // the label columns differ
        let enICS = String(decoding: try #require(en["deadlines.ics"]), as: UTF8.self)
        let deICS = String(decoding: try #require(de["deadlines.ics"]), as: UTF8.self)
        let starts = { (ics: String) in ics.components(separatedBy: "\r\n").filter { $0.hasPrefix("DTSTART") } }
        #expect(starts(enICS) == starts(deICS))
    }

    /// No English word of the catalogue is left on a German page: every English value that
    /// differs from its German one is looked for in the visible text.
    @Test func noEnglishWordIsLeftOnAGermanPage() throws {
        let de = try Self.example(.de)
        let english = Catalogue.builtIn(.en).entries, german = Catalogue.builtIn(.de).entries
        // Fragments of English text between placeholders, long enough to mean something.
        var fragments = Set<String>()
        for (key, value) in english where german[key] != value {
            for part in value.split(separator: "{", omittingEmptySubsequences: true) {
                let text = part.split(separator: "}", maxSplits: 1).last.map(String.init) ?? String(part)
                let trimmed = text.trimmingCharacters(in: CharacterSet.whitespaces.union(.punctuationCharacters))
                if trimmed.filter(\.isLetter).count >= 4, trimmed.contains(" ") || trimmed.first?.isUppercase == true {
                    fragments.insert(trimmed)
                }
            }
        }
        // Words the site's own content uses (names, notes, descriptions: the partner's words, in
        // English in the example) and words German shares with English ("Variable", "Workshop")
        // cannot tell whether a page was translated, so they are left out.
        var content = ""
        if let walker = FileManager.default.enumerator(
            at: Paths.repository.appendingPathComponent("Content"), includingPropertiesForKeys: nil)
        {
            for case let url as URL in walker where ["md", "yaml", "yml", "json"].contains(url.pathExtension) {
                content += (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            }
        }
        let germanText = german.values.joined(separator: "\n")
        fragments = fragments.filter { !content.contains($0) && !Self.containsWord(germanText, $0) }
        #expect(fragments.count > 50)
        var left: [String] = []
        for (path, data) in de where path.hasSuffix(".html") {
            let text = PeoplesWordsTests.visibleText(String(decoding: data, as: UTF8.self))
            for fragment in fragments where Self.containsWord(text, fragment) { left.append("\(path): \(fragment)") }
        }
        #expect(left == [], "\(left.prefix(40))")
    }

    /// Whether `fragment` occurs in `text` as whole words.
    static func containsWord(_ text: String, _ fragment: String) -> Bool {
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: fragment, range: searchRange) {
            let before = found.lowerBound == text.startIndex ? " " : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? " " : text[found.upperBound]
            if !before.isLetter && !after.isLetter { return true }
            searchRange = found.upperBound..<text.endIndex
        }
        return false
    }
}

extension LanguageTests {
    /// `{name}` placeholders: each filled from its value, unknown names and lone braces kept.
    @Test func placeholdersAreFilledInOnePass() {
        let catalogue = Catalogue(language: .en, entries: ["a": "{n} of {m} {x} {n}{", "b": "plain", "c": "ü {n} ß"])
        #expect(catalogue.text("a", ["n": "1", "m": "2"]) == "1 of 2 {x} 1{")
        #expect(catalogue.text("b", ["n": "1"]) == "plain")
        #expect(catalogue.text("c", ["n": "é"]) == "ü é ß")
        #expect(catalogue.text("missing", ["n": "1"]) == "⟦missing⟧")
        let edges = Catalogue(language: .en, entries: ["d": "{a{n}} {} }{ {{n}} {n", "e": "{n}", "f": ""])
        #expect(edges.text("d", ["n": "1", "": "empty"]) == "{a1} empty }{ {1} {n")
        #expect(edges.text("e", ["n": ""]) == "")
        #expect(edges.text("f", ["n": "1"]) == "")
    }
}

extension LanguageTests {
    /// `explain` speaks the chosen language, with the site's own words merged in.
    @Test func explainSpeaksTheLanguageWithTheSitesWords() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Paths.write(
            FixtureSite().with("Templates/i18n/de.yaml", "status.awaitingConsent: Wartet auf den Kunden\n").files,
            to: root)
        let german = try Paths.run(["explain", "C-1", "--site", root.path, "--language", "de"])
        #expect(german.status == 0)
        #expect(german.stdout.contains("Wartet auf den Kunden"))
        let english = try Paths.run(["explain", "C-1", "--site", root.path])
        #expect(english.stdout.contains("Awaiting customer consent response"))
        #expect(!english.stdout.contains("Wartet"))
    }
}

extension LanguageTests {
    /// Every key the program asks for is in both catalogues: no output of the example, in
    /// either language, shows a missing key's `⟦key⟧`, nor does `explain` of any claim.
    @Test(arguments: [Language.en, .de])
    func everyKeyTheProgramAsksForExists(_ language: Language) throws {
        let files = try Self.example(language)
        let missing = files.filter { String(decoding: $0.value, as: UTF8.self).contains("⟦") }.keys.sorted()
        #expect(missing == [])
        let result = SiteCheck.run(SiteOptions(site: Paths.repository, cache: .off), environment: [:])
        let speech = Speech(.builtIn(language))
        for claim in result.evaluation.claims {
            let explanation = try #require(
                Explanation.of(claim.claim.id, in: result.evaluation, dueSoonDays: 7, diagnostics: []))
            #expect(!ExplainText.text(explanation, speech: speech).contains("⟦"), "explain \(claim.claim.id)")
        }
        // The check bites: a key nobody defined shows as such.
        #expect(speech.text("no.such.key") == "⟦no.such.key⟧")
    }
}
