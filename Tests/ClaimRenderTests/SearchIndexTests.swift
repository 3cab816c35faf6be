import Foundation
import Testing

@testable import ClaimRender
@testable import Search

/// The offline search's folding, splitting and shards (docs/output.md, Search). The portal's
/// script folds typed text the same way; the browser checks (scripts/check_portal.py) type
/// queries into it.
@Suite struct SearchIndexTests {
    @Test func foldingRemovesCaseAndAccents() {
        #expect(SearchText.fold("Müller") == "muller")
        #expect(SearchText.fold("MÜLLER") == "muller")
        #expect(SearchText.fold("Zeta Énergie SAS") == "zeta energie sas")
        #expect(SearchText.fold("Straße") == "strasse")
        #expect(SearchText.fold("Øresund Æble Łódź") == "oresund aeble lodz")
        #expect(SearchText.fold("São Paulo Ñandú") == "sao paulo nandu")
        // Precomposed and decomposed forms fold alike.
        #expect(SearchText.fold("Mu\u{308}ller") == SearchText.fold("M\u{FC}ller"))
    }

    @Test func wordsAreRunsOfLettersAndNumbers() {
        #expect(SearchText.words(SearchText.fold("Müller Maschinenbau GmbH")) == ["muller", "maschinenbau", "gmbh"])
        #expect(SearchText.words("mci-000154") == ["mci", "000154"])
        #expect(SearchText.words("fabrikam.example") == ["fabrikam", "example"])
        #expect(
            SearchText.words("4ba71ab7-ac05-44a5-acc6-be1805fdf179") == [
                "4ba71ab7", "ac05", "44a5", "acc6", "be1805fdf179",
            ])
        #expect(SearchText.words(SearchText.fold("Data & AI (M)")) == ["data", "ai", "m"])
        #expect(SearchText.words("  ") == [])
        #expect(SearchText.whole("  MCI-000154 ") == "mci-000154")
    }

    /// Every token sits in exactly one shard, whose key it starts with; the shards a prefix
    /// needs (keys that start it or that it starts) hold every token with that prefix.
    @Test func shardsHoldEveryTokenOnceAndAPrefixFindsThemAll() {
        var postings: [String: [Int]] = [:]
        var tokens: [String] = []
        for i in 0..<20_000 {
            let token =
                i % 3 == 0
                ? "mci-\(String(format: "%06d", i))" : (i % 3 == 1 ? "\(i * 7919 % 100_000)" : "w\(i % 500)x")
            if postings[token] == nil { tokens.append(token) }
            postings[token, default: []].append(i * 2)
        }
        postings["mci", default: []] += Array(0..<5_000)
        tokens.append("mci")
        let shards = SearchIndex.shard(tokens.sorted { $0.precedesByUTF8($1) }, postings: postings)
        var seen: [String: Int] = [:]
        for shard in shards {
            for token in shard.tokens {
                #expect(token.hasPrefix(shard.key))
                seen[token, default: 0] += 1
            }
        }
        #expect(seen.count == tokens.count && seen.values.allSatisfy { $0 == 1 })
        #expect(shards.count > 10, "large shards are split")
        for prefix in ["m", "mc", "mci", "mci-0001", "1", "12", "w4", "w49x", "zz"] {
            let found = shards.filter { prefix.hasPrefix($0.key) || $0.key.hasPrefix(prefix) }
                .flatMap(\.tokens).filter { $0.hasPrefix(prefix) }
            #expect(Set(found) == Set(tokens.filter { $0.hasPrefix(prefix) }), "\(prefix)")
        }
    }

    @Test func stringsAreSafeInAScript() {
        var out: [UInt8] = []
        SearchIndex.appendString("a\"b\\c</script>\u{2028}\n", to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "\"a\\\"b\\\\c\\u003c/script>\\u2028\\u000a\"")
        #expect(SearchIndex.hex("mc") == "6d63")
        #expect(SearchIndex.hex("ü") == "c3bc")
    }
}

extension SearchIndexTests {
    @Test func numbersAndPlainStringsAreWrittenAsTheSlowWayWould() {
        for n in [0, 7, 10, 99, 100, 123_456, 99_999_999] {
            var out: [UInt8] = []
            SearchIndex.appendNumber(n, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(n))
        }
        for text in ["MCI-000154", "Fabrikam GmbH", "", "a b", "x\"y", "Müller", "<b>", "tab\there"] {
            var out: [UInt8] = []
            SearchIndex.appendString(text, to: &out)
            let decoded =
                try? JSONSerialization.jsonObject(with: Data(("[" + String(decoding: out, as: UTF8.self) + "]").utf8))
                as? [String]
            #expect(decoded == [text], "\(text)")
        }
    }
}
