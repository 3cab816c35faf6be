import ClaimLoad
import ClaimModel
import ClaimSite
import Foundation
import Testing

/// The broken-input corpus (Tests/ClaimSiteTests/Corpus/README.md): every case is checked in
/// this process and by the binary, and must give exactly the diagnostics in its `expected.json` — the
/// JSON of `claimsite check --format json` — with exit status 1 when one is an error. None may
/// crash. `RECORD_CORPUS=1 swift test --filter CorpusTests` rewrites the expected files and fails,
/// one issue per file it recorded (review every message in the diff: it must say what is wrong
/// and how to fix it), then run again without it. A case without `expected.json` fails either way.
@Suite struct CorpusTests {
    static let record = ProcessInfo.processInfo.environment["RECORD_CORPUS"] == "1"

    /// Codes no file of a site can give, or that `check` does not give; the corpus covers every
    /// other one.
    static let notFromCheckedInput: [DiagnosticCode: String] = [
        .noSiteFolder: "the command line names the site folder",
        .invalidSourceDateEpoch: "the environment, not the site, holds SOURCE_DATE_EPOCH (DiagnosticTests)",
        .templateSyntax: "templates are checked by build, not check (TemplateSyntaxErrorTests)",
        .templateUnknownKey: "templates are checked by build, not check (TemplateSyntaxErrorTests)",
        .templateMissing: "templates are checked by build, not check (TemplateSyntaxErrorTests)",
        .templateRenderFailed: "templates are checked by build, not check",
        .brokenLink: "links are checked by build, in the rendered pages (LinkCheckTests)",
        .catalogueSyntax: "catalogues are read by build, with the templates (LanguageTests)",
        .catalogueKeyMissing: "catalogues are read by build, with the templates (LanguageTests)",
        .catalogueKeyUnknown: "catalogues are read by build, with the templates (LanguageTests)",
    ]

    @Test func theBaseIsAValidSiteAndTheCorpusIsLarge() throws {
        let result = CorpusCase.check(CorpusCase.base)
        #expect(result.diagnostics.map(\.description) == [])
        #expect(CorpusCase.all.count >= 40)
    }

    @Test(arguments: CorpusCase.all)
    func eachCaseGivesExactlyItsExpectedDiagnostics(_ corpusCase: CorpusCase) throws {
        let root = try corpusCase.materialize()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = CorpusCase.check(root)
        let actual = CorpusCase.json(result)
        #expect(!result.diagnostics.isEmpty, "\(corpusCase.name) is not broken")
        // Printing them (with the source line and a caret) must not crash either.
        var printer = DiagnosticPrinter(files: .disk(root: root))
        #expect(!printer.format(result.diagnostics).isEmpty)
        if Self.record {
            // Like RECORD_GOLDENS (Support/Golden.swift): a run that records is never green, so a
            // recorded file is always looked at before it is trusted.
            try Data(actual.utf8).write(to: corpusCase.expectedURL)
            Issue.record("recorded \(corpusCase.name)/expected.json; review it and run again without RECORD_CORPUS")
            return
        }
        guard let expected = try? String(contentsOf: corpusCase.expectedURL, encoding: .utf8) else {
            Issue.record("\(corpusCase.name) has no expected.json; RECORD_CORPUS=1 writes it (review it)")
            return
        }
        #expect(
            actual == expected,
            """
            \(corpusCase.name): the diagnostics differ from expected.json (RECORD_CORPUS=1 rewrites it; review the diff)
            """
        )
    }

    /// The binary prints the same JSON and exits with 1 when there is an error, 0 otherwise.
    @Test(arguments: CorpusCase.all)
    func theBinaryPrintsTheSameAndExitsWithOneOnErrors(_ corpusCase: CorpusCase) throws {
        guard !Self.record, let expected = try? String(contentsOf: corpusCase.expectedURL, encoding: .utf8) else {
            return
        }
        let root = try corpusCase.materialize()
        defer { try? FileManager.default.removeItem(at: root) }
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = String(Int(CorpusCase.now.timeIntervalSince1970))
        let run = try Paths.run(["check", "--format", "json", "--site", root.path], environment: environment)
        #expect(run.stdout == expected, "\(corpusCase.name)")
        #expect(run.stderr == "", "\(corpusCase.name)")
        let hasError = expected.contains("\"severity\": \"error\"")
        #expect(run.status == (hasError ? 1 : 0), "\(corpusCase.name): exit status \(run.status)")
    }

    /// A byte order mark and CRLF line ends in every file that is UTF-8 change nothing: the
    /// same diagnostics at the same lines and columns.
    @Test(arguments: CorpusCase.all)
    func crlfAndAByteOrderMarkChangeNoDiagnostic(_ corpusCase: CorpusCase) throws {
        let roots = try [
            corpusCase.materialize(), corpusCase.materialize(transform: Self.withCRLF),
            corpusCase.materialize(transform: Self.withByteOrderMark),
        ]
        defer { for root in roots { try? FileManager.default.removeItem(at: root) } }
        let plain = CorpusCase.json(CorpusCase.check(roots[0]))
        #expect(CorpusCase.json(CorpusCase.check(roots[1])) == plain, "\(corpusCase.name) with CRLF line ends")
        #expect(CorpusCase.json(CorpusCase.check(roots[2])) == plain, "\(corpusCase.name) with a byte order mark")
    }

    /// Through the parse cache on disk (its binary encoding): a warm check gives the same
    /// diagnostics as a cold one, from the cache.
    @Test(arguments: CorpusCase.all)
    func theParseCacheKeepsEveryDiagnostic(_ corpusCase: CorpusCase) throws {
        let root = try corpusCase.materialize()
        defer { try? FileManager.default.removeItem(at: root) }
        let cold = CorpusCase.check(root, cache: .readWrite)
        let warm = CorpusCase.check(root, cache: .readWrite)
        #expect(CorpusCase.json(warm) == CorpusCase.json(cold), "\(corpusCase.name)")
        // Every file came from the cache but one that could not be read (never cached).
        let unread = cold.diagnostics.filter { $0.code == .unreadableFile || $0.code == .linkOutsideSite }
        #expect(warm.parsedFiles.count == unread.count, "\(corpusCase.name)")
        #expect(!warm.cachedFiles.isEmpty || cold.parsedFiles.isEmpty, "\(corpusCase.name)")
    }

    @Test func everyCodeThatCheckedInputCanGiveIsCovered() throws {
        guard !Self.record else { return }
        var covered = Set<String>()
        for corpusCase in CorpusCase.all {
            let data = try Data(contentsOf: corpusCase.expectedURL)
            let items = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
            covered.formUnion(items.compactMap { $0["code"] as? String })
        }
        for code in DiagnosticCode.allCases where Self.notFromCheckedInput[code] == nil {
            #expect(covered.contains(code.rawValue), "no corpus case gives \(code.rawValue)")
        }
        for code in Self.notFromCheckedInput.keys {
            #expect(!covered.contains(code.rawValue), "\(code.rawValue) is covered; take it off the list")
        }
    }

    // MARK: transforms

    /// UTF-8 text with LF line ends turned to CRLF; other bytes as they are.
    static func withCRLF(_ data: Data) -> Data {
        guard case .success = SourceText.decode(data), !data.contains(0x0D) else { return data }
        var out = Data()
        for byte in data {
            if byte == 0x0A { out.append(0x0D) }
            out.append(byte)
        }
        return out
    }

    /// UTF-8 text with a byte order mark in front; other bytes as they are.
    static func withByteOrderMark(_ data: Data) -> Data {
        guard case .success = SourceText.decode(data), !data.starts(with: [0xEF, 0xBB, 0xBF]) else { return data }
        return Data([0xEF, 0xBB, 0xBF]) + data
    }
}
