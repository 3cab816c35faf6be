import ClaimLoad
import ClaimModel
import ClaimRender
import ClaimRules
import ClaimSite
import ClaimSiteTesting
import Foundation
import Testing

/// The pages in the build's language (docs/languages.md): the words built in Swift, dates, money
/// and days left as the language writes them, machine-read attributes in ISO, and names people
/// read in the language's collation.
@Suite struct PageLanguageTests {
    /// The fixture site with `language` in its site.yaml.
    static func site(_ language: Language, _ base: FixtureSite = FixtureSite()) -> FixtureSite {
        let path = "Content/site.yaml"
        return base.with(path, base.files[path]! + "language: \(language.rawValue)\n")
    }

    /// The files a build of `site` renders in memory.
    static func render(_ site: FixtureSite) throws -> [String: String] {
        let result = site.check()
        let settings = try #require(result.model.settings)
        let output = Commands.render(
            result, settings: settings, audience: Audience([.incentivesAdmin]), files: .memory(site.files))
        #expect(!output.diagnostics.hasErrors)
        return output.files.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    /// The scripts' words are written once, in `assets/words.js`, in the build's language; no page
    /// repeats them (docs/output.md, Scripts and their words).
    @Test func theScriptsWordsAreOneFileInTheBuildsLanguage() throws {
        for (language, notice, approved, filters) in [
            (Language.de, "Dieses Portal zeigt den Stand vom {date}, {ago}", "Genehmigt", "Filter"),
            (Language.en, "This portal shows the state on {date}, {ago}", "Approved", "Filters"),
        ] {
            let files = try Self.render(Self.site(language))
            let script = try #require(files["assets/words.js"])
            #expect(script.hasPrefix("/* The words of the portal's scripts"))
            let json = String(script[script.firstIndex(of: "{")!...script.lastIndex(of: "}")!])
            let words = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let snapshot = try #require(words["snapshot"] as? [String: String])
            #expect(snapshot["notice"]?.hasPrefix(notice) == true, "\(language)")
            let values = try #require(words["filterValues"] as? [String: [String: String]])
            #expect(values["status"]?["approved"] == approved)
            #expect(values["window"]?.keys.sorted() == ["dueSoon", "later", "none"])
            #expect((words["tables"] as? [String: String])?["filters"] == filters)
            #expect((words["search"] as? [String: String])?.count == 7)
            for (path, page) in files where path.hasSuffix(".html") && !path.hasPrefix("email/") {
                #expect(!page.contains("data-word"), "\(path) repeats the scripts' words")
                #expect(page.contains("assets/words.js\" defer></script>"), "\(path)")
            }
        }
    }

    @Test func germanPagesSayDatesMoneyDaysAndStatusesInGerman() throws {
        let files = try Self.render(Self.site(.de))
        let claim = try #require(files["claims/C-1.html"])
        let text = PeoplesWordsTests.visibleText(claim)
        // C-1 was created on 2026-11-01; its consent deadline is 30 days later, 2026-12-01.
        #expect(text.contains("01.11.2026"))
        #expect(text.contains("01.12.2026"))
        #expect(text.contains("noch 2 Tage"))
        #expect(text.contains("Warten auf Antwort zur Kundenzustimmung"))
        #expect(text.contains("Zustimmungsfrist 01.12.2026 = Tag der Erstellung 01.11.2026 + 30 Tage"))
        #expect(text.contains("5.000,00\u{A0}USD"))
        #expect(!text.contains("2026-12-01"))
        #expect(!text.contains("USD\u{A0}5,000.00"))
        // Machine-read places keep ISO.
        #expect(claim.contains("<time datetime=\"2026-12-01\">01.12.2026</time>"))
        #expect(claim.contains("<time datetime=\"2026-11-01\">01.11.2026</time>"))
        #expect(claim.contains("data-sort=\"2026-12-01\" data-label=\"Datum\">01.12.2026</td>"))
        #expect(claim.contains("<html lang=\"de\">"))
        let home = try #require(files["index.html"])
        #expect(home.contains("<time datetime=\"2026-11-29\">29.11.2026</time>"))
        let engagement = try #require(files["engagements/ws/index.html"])
        #expect(engagement.contains("Festvergütung: 5.000,00\u{A0}USD pro Anspruch"))
        #expect(
            engagement.contains(
                "data-sort=\"2026-12-01\" data-label=\"Frist\"><span class=\"day\">01.12.2026</span> "
                    + "<span class=\"days\">noch 2 Tage</span>"))
        // A deadline due on the as-of day.
        let today = try Self.render(
            Self.site(.de, FixtureSite().claimsWith("createdOn: 2026-11-01", "createdOn: 2026-10-30")))
        #expect(PeoplesWordsTests.visibleText(try #require(today["claims/C-1.html"])).contains("heute fällig"))
    }

    @Test func englishPagesKeepTheirWords() throws {
        let files = try Self.render(Self.site(.en))
        let claim = try #require(files["claims/C-1.html"])
        #expect(claim.contains("<time datetime=\"2026-12-01\">2026-12-01</time>"))
        #expect(claim.contains("consent deadline 2026-12-01 = created 2026-11-01 + 30 days"))
        #expect(claim.contains("<td class=\"date\" data-label=\"Date\">2026-12-01</td>"))
        #expect(files["engagements/ws/index.html"]!.contains("Fixed pay: USD\u{A0}5,000.00 a claim"))
    }

    /// Pages without an `order` are listed by title in the language's collation, in English too:
    /// "Müller" and "Ökonomie" among the M and O titles, not after "Zeta" as by their bytes.
    @Test(arguments: [Language.en, .de])
    func pagesByTitleInTheLanguagesCollation(_ language: Language) throws {
        var site = Self.site(language)
        for (slug, title) in [("z", "Zeta AG"), ("m", "Müller GmbH"), ("o", "Ökonomie"), ("a", "about us")] {
            site = site.with("Content/pages/\(slug).md", "---\ntitle: \(title)\n---\nText.\n")
        }
        let home = try #require(try Self.render(site)["index.html"])
        let positions = ["About", "about us", "Müller GmbH", "Ökonomie", "Zeta AG"].map { title in
            home.range(of: ">\(title)</a>").map { home.distance(from: home.startIndex, to: $0.lowerBound) } ?? -1
        }
        #expect(!positions.contains(-1))
        #expect(positions == positions.sorted(), "\(positions)")
    }
}
