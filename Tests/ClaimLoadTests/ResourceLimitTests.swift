import ClaimSiteTesting
import Foundation
import Testing

@testable import ClaimLoad

/// The readers' limits (docs/input-format.md, Limits): nesting is bounded, alias expansion is
/// bounded, and both are refused with the position of the value at fault, at once.
@Suite struct ResourceLimitTests {
    /// The error `read` throws, or `nil`.
    func failure(_ read: () throws(SyntaxError) -> Node?) -> SyntaxError? {
        do throws(SyntaxError) {
            _ = try read()
            return nil
        } catch {
            return error
        }
    }

    /// Seconds that `body` takes.
    func seconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Nine levels of anchors, each a list of ten aliases of the one before: 10^9 strings once
    /// expanded ("billion laughs").
    static let billionLaughs: String = {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let aliases = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(aliases)]\n"
        }
        return text
    }()

    @Test func billionLaughsIsRefusedAtTheAliasThatPassesTheLimit() {
        var error: SyntaxError?
        let time = seconds { error = failure { () throws(SyntaxError) in try YAMLReader.read(Self.billionLaughs) } }
        #expect(time < 5)
        let found = error
        #expect(found?.kind == .aliasLimit)
        // Each *a4 repeats 111,111 nodes; with the 123,340 that lines 2-5 repeat, the 8th on
        // line 6 passes 1,000,000.
        #expect(found?.mark == Mark(line: 6, column: 10 + 7 * 5))
        #expect(found?.message.contains("more than 1000000 values") == true)
        #expect(found?.message.contains("'*a4', repeats 111111") == true)
    }

    @Test func billionLaughsInFrontMatterKeepsItsLine() {
        let error = failure { () throws(SyntaxError) in try YAMLReader.read(Self.billionLaughs, lineOffset: 1) }
        #expect(error?.kind == .aliasLimit)
        #expect(error?.mark.line == 7)
    }

    @Test func aliasesUnderTheLimitAreRead() throws {
        // A contact shared by 10,000 claims: 50,000 nodes repeated (a mapping, two keys, two values each), well under
        // the limit.
        var text = "contact: &c { name: Anna, email: anna@partner.example }\nclaims:\n"
        for i in 0..<10_000 { text += "  - { id: C-\(i), partnerContact: *c }\n" }
        let node = try #require(try YAMLReader.read(text))
        guard case .mapping(let entries, _) = node, case .sequence(let claims, _) = entries[1].value else {
            Issue.record("not read as written")
            return
        }
        #expect(claims.count == 10_000)
        #expect(
            claims.last
                == .mapping(
                    [
                        MappingEntry(
                            key: Scalar(text: "id", style: .plain, mark: Mark(line: 10_002, column: 7)),
                            value: .scalar(
                                Scalar(text: "C-9999", style: .plain, mark: Mark(line: 10_002, column: 11)))),
                        MappingEntry(
                            key: Scalar(text: "partnerContact", style: .plain, mark: Mark(line: 10_002, column: 19)),
                            value: .mapping(
                                [
                                    MappingEntry(
                                        key: Scalar(text: "name", style: .plain, mark: Mark(line: 1, column: 15)),
                                        value: .scalar(
                                            Scalar(text: "Anna", style: .plain, mark: Mark(line: 1, column: 21)))),
                                    MappingEntry(
                                        key: Scalar(text: "email", style: .plain, mark: Mark(line: 1, column: 27)),
                                        value: .scalar(
                                            Scalar(
                                                text: "anna@partner.example", style: .plain,
                                                mark: Mark(line: 1, column: 34)))),
                                ], Mark(line: 1, column: 10))),
                    ], Mark(line: 10_002, column: 5)))
    }

    @Test func theAliasLimitCountsEveryRepeatedNode() {
        // One anchor of 1,000 scalars (1,001 nodes) aliased 999 times: 999,999 nodes, allowed;
        // once more passes the limit.
        let anchor = "a: &a [" + Array(repeating: "x", count: 1000).joined(separator: ", ") + "]\n"
        let under = anchor + "b: [" + Array(repeating: "*a", count: 999).joined(separator: ", ") + "]\n"
        #expect(failure { () throws(SyntaxError) in try YAMLReader.read(under) } == nil)
        let over = anchor + "b: [" + Array(repeating: "*a", count: 1000).joined(separator: ", ") + "]\n"
        let error = failure { () throws(SyntaxError) in try YAMLReader.read(over) }
        #expect(error?.kind == .aliasLimit)
        #expect(error?.mark == Mark(line: 2, column: 5 + 999 * 4))
    }

    // MARK: nesting

    @Test func yamlFlowNestingDeeperThanTheLimitIsRefused() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        var error: SyntaxError?
        let time = seconds { error = failure { () throws(SyntaxError) in try YAMLReader.read(text) } }
        #expect(time < 5)
        #expect(error?.kind == .tooDeep)
        // The 201st list starts at column 201.
        #expect(error?.mark == Mark(line: 1, column: 201))
        #expect(error?.message.contains("more than 200 levels") == true)
    }

    @Test func yamlBlockNestingDeeperThanTheLimitIsRefused() {
        // `- - - … x`: one block list inside the other on one line, 100,000 deep.
        let text = String(repeating: "- ", count: 100_000) + "x\n"
        let error = failure { () throws(SyntaxError) in try YAMLReader.read(text) }
        #expect(error?.kind == .tooDeep)
        #expect(error?.mark == Mark(line: 1, column: 401))
        // Mappings indented one level a line.
        var mappings = ""
        for level in 0..<1_000 { mappings += String(repeating: " ", count: level) + "k:\n" }
        let deep = failure { () throws(SyntaxError) in try YAMLReader.read(mappings) }
        #expect(deep?.kind == .tooDeep)
        // The mapping of level 201 starts with its key on line 201.
        #expect(deep?.mark == Mark(line: 201, column: 201))
    }

    @Test func jsonNestingDeeperThanTheLimitIsRefused() {
        for (open, close) in [("[", "]"), ("{\"k\":", "}")] {
            let text = String(repeating: open, count: 100_000) + "1" + String(repeating: close, count: 100_000)
            var error: SyntaxError?
            let time = seconds { error = failure { () throws(SyntaxError) in try JSONReader.read(text) } }
            #expect(time < 5)
            #expect(error?.kind == .tooDeep)
            #expect(error?.mark == Mark(line: 1, column: 1 + 200 * open.count))
            #expect(error?.message.contains("more than 200 levels") == true)
        }
    }

    /// 200 levels are read, compared, hashed, decoded and freed on a thread with a small stack
    /// (Dispatch's workers decode the claim files).
    @Test func nestingAtTheLimitIsReadOnASmallStack() throws {
        let yaml = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        let json = String(repeating: "{\"k\":", count: 199) + "[]" + String(repeating: "}", count: 199)
        final class Box: @unchecked Sendable { var ok = false }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            defer { done.signal() }
            do {
                let a = try YAMLReader.read(yaml)
                let b = try JSONReader.read(json)
                var hasher = Hasher()
                hasher.combine(a)
                hasher.combine(b)
                _ = hasher.finalize()
                FuzzTargets.yaml(yaml)
                FuzzTargets.json(json)
                box.ok = a != nil && a == a && b == b
            } catch {}
        }
        // A quarter of the 8 MiB that the main thread and Dispatch's workers have; a debug build
        // needs about 1 MiB for the 200 levels, a release build much less.
        thread.stackSize = 2 * 1024 * 1024
        thread.start()
        done.wait()
        #expect(box.ok)
    }

    @Test func anAliasCountsAsDeepAsItsAnchor() {
        // An anchor 150 lists deep, aliased 150 lists deep: written, neither passes the limit,
        // but the tree would be 301 levels deep (the top mapping, 150 lists, the anchor's 150).
        let inner = "a: &a " + String(repeating: "[", count: 150) + String(repeating: "]", count: 150) + "\n"
        #expect(failure { () throws(SyntaxError) in try YAMLReader.read(inner) } == nil)
        let outer = "b: " + String(repeating: "[", count: 150) + "*a" + String(repeating: "]", count: 150) + "\n"
        let error = failure { () throws(SyntaxError) in try YAMLReader.read(inner + outer) }
        #expect(error?.kind == .tooDeep)
        #expect(error?.mark == Mark(line: 2, column: 154))
        #expect(error?.message.contains("'*a'") == true)
        // 49 lists around it make 200 levels: allowed.
        let fits = "b: " + String(repeating: "[", count: 49) + "*a" + String(repeating: "]", count: 49) + "\n"
        #expect(failure { () throws(SyntaxError) in try YAMLReader.read(inner + fits) } == nil)
    }
}
