import Testing

@testable import ClaimLoad

/// The YAML and JSON readers keep literal text and positions.
@Suite struct ReaderTests {
    func mapping(_ node: Node?) -> [MappingEntry] {
        guard case .mapping(let entries, _)? = node else { Issue.record("not a mapping"); return [] }
        return entries
    }

    func scalar(_ node: Node) -> Scalar? {
        if case .scalar(let s) = node { return s }
        return nil
    }

    @Test func yamlKeepsLiteralTextAndPositions() throws {
        let node = try YAMLReader.read(
            """
            tpid: 0012345
            on: 2026-09-02
            name: "quoted"
            empty:
            """)
        let entries = mapping(node)
        #expect(entries.map(\.key.text) == ["tpid", "on", "name", "empty"])
        #expect(scalar(entries[0].value) == Scalar(text: "0012345", style: .plain, mark: Mark(line: 1, column: 7)))
        #expect(entries[1].key.mark == Mark(line: 2, column: 1))
        #expect(scalar(entries[2].value)?.style == .quoted)
        #expect(entries[3].value.isNull)
    }

    @Test func yamlColumnsCountUnicodeScalars() throws {
        let node = try YAMLReader.read("- { name: Zéta Énergie, id: zeta }\n")
        guard case .sequence(let items, _)? = node else { Issue.record("not a list"); return }
        let entries = mapping(items.first)
        #expect(entries[1].key.mark == Mark(line: 1, column: 25))
    }

    @Test func yamlLineOffsetShiftsPositions() throws {
        let entries = mapping(try YAMLReader.read("name: x\nid: y\n", lineOffset: 1))
        #expect(entries[1].key.mark == Mark(line: 3, column: 1))
    }

    @Test func yamlResolvesAliases() throws {
        let entries = mapping(try YAMLReader.read("a: &contact { email: a@b.example }\nb: *contact\n"))
        #expect(entries[0].value == entries[1].value)
    }

    @Test func yamlSyntaxErrorHasAPosition() {
        #expect(
            throws: SyntaxError(
                message:
                    "YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 2)",
                mark: Mark(line: 3, column: 2))
        ) {
            _ = try YAMLReader.read("a: 1\nb: [1, 2\nc: 3\n")
        }
    }

    @Test func jsonKeepsNumbersAsWrittenAndPositions() throws {
        let entries = mapping(
            try JSONReader.read("{\n  \"tpid\": 640021,\n  \"amount\": 5000.50,\n  \"ok\": true,\n  \"none\": null\n}"))
        #expect(scalar(entries[0].value) == Scalar(text: "640021", style: .jsonNumber, mark: Mark(line: 2, column: 11)))
        #expect(scalar(entries[1].value)?.text == "5000.50")
        #expect(scalar(entries[2].value)?.style == .jsonBool)
        #expect(entries[3].value.isNull)
        #expect(entries[1].key.mark == Mark(line: 3, column: 3))
    }

    @Test func jsonDecodesEscapesAndCountsScalars() throws {
        let entries = mapping(try JSONReader.read("{\"name\": \"Zéta \\u00c9nergie \\ud83d\\ude00\", \"id\": \"z\"}"))
        #expect(scalar(entries[0].value)?.text == "Zéta Énergie 😀")
        #expect(entries[1].key.mark == Mark(line: 1, column: 44))
    }

    @Test func jsonSyntaxErrorsHavePositions() {
        #expect(throws: SyntaxError(message: "JSON syntax error: expected ',' or '}'", mark: Mark(line: 2, column: 14)))
        {
            _ = try JSONReader.read("{\"a\": 1,\n  \"b\": \"two\" \"c\": 3}")
        }
        #expect(
            throws: SyntaxError(
                message: "JSON syntax error: unterminated string; add the closing '\"'", mark: Mark(line: 1, column: 12)
            )
        ) {
            _ = try JSONReader.read("{\"a\": \"open")
        }
        #expect(
            throws: SyntaxError(
                message:
                    """
                    JSON syntax error: a JSON number cannot start with 0; write an ID with leading zeros as a string \
                    (\"0012\")
                    """,
                mark: Mark(line: 1, column: 7))
        ) {
            _ = try JSONReader.read("{\"a\": 0012}")
        }
    }

    @Test func frontMatterSplitsYAMLFromBody() throws {
        let split = try #require(FrontMatter.split("---\nname: x\n---\n# Title\nText\n"))
        #expect(split.yaml == "name: x")
        #expect(split.body == "# Title\nText\n")
        #expect(split.lineOffset == 1)
        #expect(FrontMatter.split("# No front matter\n") == nil)
        #expect(FrontMatter.split("---\nname: x\n") == nil)
    }
}
