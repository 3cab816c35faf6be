import ClaimModel
import ClaimRender
import Foundation
import Testing

/// The page templates speak through keys (docs/languages.md): every word a page shows comes from
/// the catalogue, `{{t.KEY}}`, never from the template itself; and every catalogue has the same keys.
@Suite struct TemplateKeyTests {
    /// The built-in page templates: `Templates/*.mustache` and `Templates/partials/` (the emails
    /// under `Templates/email/` are not pages).
    static func pageTemplates() throws -> [(name: String, text: String)] {
        let templates = Paths.repository.appendingPathComponent("Templates")
        var found: [(String, String)] = []
        for folder in ["", "partials/"] {
            let names = try FileManager.default.contentsOfDirectory(
                atPath: templates.appendingPathComponent(folder).path)
            for name in names.sorted() where name.hasSuffix(".mustache") {
                let text = try String(contentsOf: templates.appendingPathComponent(folder + name), encoding: .utf8)
                found.append((folder + name, text))
            }
        }
        return found
    }

    /// The words `template` holds itself: its text with the Mustache tags, HTML comments, code
    /// examples, file names and HTML tags taken out, except the values of the attributes people
    /// read (aria-label, title, alt, placeholder). Empty when every word comes from a key.
    static func ownWords(_ template: String) -> [String] {
        func removing(_ pattern: String, in text: String, with replacement: String = " ") -> String {
            text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        var text = removing(#"\{\{\{.*?\}\}\}|\{\{.*?\}\}"#, in: template, with: "")
        text = removing(#"(?s)<!--.*?-->"#, in: text)
        text = removing(#"(?s)<code>.*?</code>"#, in: text)
        // A tag keeps only the values of its human attributes.
        var kept = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            kept += rest[..<open] + " "
            guard let close = rest[open...].firstIndex(of: ">") else { rest = rest[open...]; break }
            let tag = String(rest[open...close])
            for match in tag.matches(of: #/(?:aria-label|title|alt|placeholder)="([^"]*)"/#) {
                kept += " " + match.output.1 + " "
            }
            rest = rest[rest.index(after: close)...]
        }
        kept += rest
        // File names the pages link to are the same in every language.
        kept = removing(#"\b[a-z-]+\.(ics|csv|json)\b"#, in: kept)
        return kept.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .filter { $0.contains(where: \.isLetter) }.map(String.init)
    }

    @Test func everyPageTemplateTakesItsWordsFromTheCatalogue() throws {
        let templates = try Self.pageTemplates()
        #expect(templates.count >= 9)
        for (name, text) in templates {
            #expect(Self.ownWords(text).isEmpty, "Templates/\(name) holds words of its own: \(Self.ownWords(text))")
        }
    }

    @Test func theScanFindsWordsInTextAndInHumanAttributes() {
        #expect(
            Self.ownWords(#"<p class="lead">{{t.page.summary}} · <a href="{{x}}" download>report.json</a></p>"#).isEmpty
        )
        #expect(Self.ownWords(#"<!-- a note --><code>claimsite nominate</code>{{#a}}{{{b}}}{{/a}}"#).isEmpty)
        #expect(Self.ownWords(#"<h2 id="x">Summary</h2>"#) == ["Summary"])
        #expect(Self.ownWords(#"<ul class="results" aria-label="Search results"></ul>"#) == ["Search", "results"])
        #expect(
            Self.ownWords(#"{{#current}} aria-current="page"{{/current}} due within {{days}} days"#) == [
                "aria", "current", "page", "due", "within", "days",
            ])
    }

    @Test func everyKeyAPageTemplateAsksForIsInEveryCatalogue() throws {
        let catalogues = Language.allCases.map { Catalogue.builtIn($0) }
        for (name, text) in try Self.pageTemplates() {
            for match in text.matches(of: #/\{\{\{?\s*t\.([^}\s]+)\s*\}?\}\}/#) {
                for catalogue in catalogues {
                    #expect(
                        catalogue.entries[String(match.output.1)] != nil,
                        """
                        Templates/\(name) asks for '\(match.output.1)', which the \(catalogue.language.rawValue) \
                        catalogue does not have
                        """
                    )
                }
            }
        }
    }

    @Test func everyCatalogueHasExactlyTheKeysOfTheEnglishOne() {
        let english = Catalogue.builtIn(.en)
        #expect(english.entries["language.code"] == "en")
        for language in Language.allCases {
            let catalogue = Catalogue.builtIn(language)
            let missing = Set(english.entries.keys).subtracting(catalogue.entries.keys).sorted()
            let extra = Set(catalogue.entries.keys).subtracting(english.entries.keys).sorted()
            #expect(
                missing.isEmpty && extra.isEmpty, "\(language.rawValue): missing \(missing), not in English \(extra)")
            #expect(catalogue.entries["language.code"] == language.rawValue)
            // The same {name} placeholders, which Swift and the page scripts fill in.
            for (key, text) in english.entries where catalogue.entries[key] != nil {
                let names = { (text: String) in Set(text.matches(of: #/\{[a-zA-Z]+\}/#).map { String($0.output) }) }
                #expect(
                    names(text) == names(catalogue.entries[key]!),
                    "\(language.rawValue) '\(key)' has other placeholders than English")
            }
        }
    }
}
