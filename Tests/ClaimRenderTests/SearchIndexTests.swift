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

    /// The shards as they were first written: every prefix cut by characters. The shards cut
    /// ASCII tokens by bytes; they must come out the same, also for tokens that are not ASCII
    /// or that hold a "\r\n" (one character of two bytes).
    private static func shardByCharacters(_ tokens: [String], postings: [String: [Int]]) -> [(
        key: String, tokens: [String]
    )] {
        func size(_ token: String) -> Int { token.utf8.count + 4 + postings[token]!.count * 6 }
        func split(_ tokens: [String], depth: Int) -> [(key: String, tokens: [String])] {
            var groups: [(key: String, tokens: [String])] = []
            var index: [String: Int] = [:]
            for token in tokens {
                let key = String(token.prefix(depth))
                if let i = index[key] {
                    groups[i].tokens.append(token)
                } else {
                    index[key] = groups.count
                    groups.append((key, [token]))
                }
            }
            var out: [(key: String, tokens: [String])] = []
            for group in groups {
                let bytes = group.tokens.reduce(0) { $0 + size($1) }
                let longer = group.tokens.filter { $0.count > depth }
                guard bytes > SearchIndex.shardLimit, depth < 12, !longer.isEmpty else {
                    out.append(group)
                    continue
                }
                let short = group.tokens.filter { $0.count <= depth }
                if !short.isEmpty { out.append((group.key, short)) }
                out += split(longer, depth: depth + 1)
            }
            return out
        }
        return split(tokens, depth: 1).sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    @Test func tokensSortByTheirBytesAsTheUTF8ViewSortsThem() {
        let stems = [
            "", "a", "ab", "abc", "b", "m\u{FC}", "mu\u{308}", "e\u{301}", "\u{E9}", "\u{1F600}", "a\r\n", "Z",
        ]
        var tokens = stems
        for a in stems { for b in stems { tokens.append(a + b) } }
        // A bridged or shared string may not hand out its bytes at once: the slow path must agree.
        tokens.append(String(Substring("xyz-padding".dropFirst(4))))
        for a in tokens {
            for b in tokens {
                #expect(
                    SearchIndex.precedes(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8),
                    "\(a.debugDescription) \(b.debugDescription)")
            }
        }
    }

    @Test func shardsCutByBytesEqualShardsCutByCharacters() {
        var postings: [String: [Int]] = [:]
        var tokens: [String] = []
        let stems = ["mci-", "m\u{FC}ller", "a\r\nb", "e\u{301}t", "\u{1F600}x", "zz"]
        for i in 0..<30_000 {
            let token = stems[i % stems.count] + String(i * 7919 % 50_000)
            if postings[token] == nil { tokens.append(token) }
            postings[token, default: []].append(i)
        }
        let sorted = tokens.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let fast = SearchIndex.shard(sorted, postings: postings)
        let slow = Self.shardByCharacters(sorted, postings: postings)
        #expect(fast.count > 20, "large shards are split")
        #expect(fast.map(\.key) == slow.map(\.key))
        #expect(fast.map(\.tokens) == slow.map(\.tokens))
    }

    @Test func wholeTrimsAsFoundationDoes() {
        for text in [
            " \t\nMCI-1\r\n", "\u{0B}\u{0C}x y\u{0B}", "   ", "", "a", " a b ", "\u{A0}Müller\u{2003}", "\r\n",
        ] {
            #expect(SearchText.whole(text) == SearchText.fold(text).trimmingCharacters(in: .whitespacesAndNewlines))
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
