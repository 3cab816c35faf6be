import ClaimLoad
import ClaimModel
import ClaimRender
import ClaimSite
import Foundation
import Testing

@testable import OutputFiles

/// Large exports are written in pieces as they are made, and a streamed file that did not
/// change is reused from the previous output like any other.
@Suite struct StreamedOutputTests {
    /// A sink that records how each file arrived.
    final class RecordingSink: OutputSink, @unchecked Sendable {
        private let lock = NSLock()
        private(set) var pieces: [String: [Int]] = [:]
        private(set) var contents: [String: Data] = [:]

        func put(_ path: String, bytes: UnsafeRawBufferPointer) {
            lock.lock(); defer { lock.unlock() }
            pieces[path] = [bytes.count]
            contents[path] = Data(bytes)
        }

        func open(_ path: String) -> OutputFile { File(path: path, sink: self) }

        final class File: OutputFile {
            let path: String
            let sink: RecordingSink
            init(path: String, sink: RecordingSink) { self.path = path; self.sink = sink }
            func write(_ bytes: UnsafeRawBufferPointer) {
                sink.lock.lock(); defer { sink.lock.unlock() }
                sink.pieces[path, default: []].append(bytes.count)
                sink.contents[path, default: Data()].append(contentsOf: bytes)
            }
            func close() {}
        }
    }

    @Test func theReportIsWrittenInPiecesWithTheSameBytes() throws {
        let result = SiteCheck.run(SiteOptions(site: Paths.repository), environment: [:])
        let settings = try #require(result.model.settings)
        let paths = PagePaths(
            claims: result.model.claims.map(\.id), engagements: result.model.engagements.map(\.id),
            customers: result.model.customers.map(\.id))
        let sink = RecordingSink()
        ReportJSON.write(
            result.evaluation, settings: settings, audience: Audience([.incentivesUser]), paths: paths,
            diagnostics: [], to: sink)
        let pieces = try #require(sink.pieces[ReportJSON.path])
        // The example's report is about 147 KB: more than one piece, none much over 64 KB.
        #expect(pieces.count >= 2)
        // Each piece is at most 64 KiB plus the one array item that crossed the line.
        #expect(pieces.allSatisfy { $0 <= 2 << 16 }, "\(pieces)")
        // Joined, the pieces are one report: read back and written again by `JSONValue` (which
        // sorts and lays out by itself) they give the same bytes, with every claim in it.
        let joined = try #require(sink.contents[ReportJSON.path])
        let node = try #require(try JSONReader.read(String(decoding: joined, as: UTF8.self)))
        let tree = try JSONValue(node)
        #expect(joined == Data(tree.bytes()))
        guard case .mapping(let entries, _) = node,
            case .sequence(let claims, _)? = entries.first(where: {
                $0.key.text == "claims"
            })?.value
        else { Issue.record("no claims in the report"); return }
        #expect(claims.count == result.evaluation.claims.count)
    }

    @Test func csvAndCalendarAreStreamedToo() throws {
        let result = SiteCheck.run(SiteOptions(site: Paths.repository), environment: [:])
        let settings = try #require(result.model.settings)
        let paths = PagePaths(
            claims: result.model.claims.map(\.id), engagements: result.model.engagements.map(\.id),
            customers: result.model.customers.map(\.id))
        let sink = RecordingSink()
        let written = CSVExports.write(
            evaluation: result.evaluation, model: result.model, settings: settings, paths: paths,
            audience: Audience([.incentivesUser]), to: sink)
        CalendarExport.write(
            evaluation: result.evaluation, model: result.model, settings: settings, paths: paths, to: sink)
        #expect(Set(written) == Set(sink.pieces.keys).subtracting([CalendarExport.path]))
        #expect(written.count == 1 + 3 * result.evaluation.engagements.count)
        // Streamed files arrive through `open`, never whole through `put`.
        #expect(sink.pieces.values.allSatisfy { !$0.isEmpty })
        let whole = CSVExports.files(
            evaluation: result.evaluation, model: result.model, settings: settings, paths: paths,
            audience: Audience([.incentivesUser]))
        for (path, data) in whole { #expect(sink.contents[path] == data, "\(path)") }
        #expect(
            sink.contents[CalendarExport.path]
                == CalendarExport.deadlines(
                    evaluation: result.evaluation, model: result.model,
                    settings: settings, paths: paths))
    }

    func inode(_ url: URL) throws -> UInt64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
    }

    @Test func anUnchangedStreamedFileIsReusedAndAChangedOneRewritten() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        let rows = (0..<20_000).map { "row \($0)\r\n" }
        let big = rows.joined()
        func build(_ text: String) throws -> OutputWriter {
            let writer = try OutputWriter(output: output)
            writer.stream("data/big.csv") { out in
                // In rows, as an export writes (about 200 KB: several pieces).
                var rest = Substring(text)
                while !rest.isEmpty {
                    let row = rest.prefix(7)
                    out.append(String(row))
                    rest = rest.dropFirst(row.count)
                }
            }
            try writer.commit()
            return writer
        }
        let first = try build(big)
        #expect(first.rewrittenCount == 1)
        let file = output.appendingPathComponent("data/big.csv")
        #expect(try Data(contentsOf: file) == Data(big.utf8))
        let before = try inode(file)

        let second = try build(big)
        #expect(second.keptCount == 1 && second.rewrittenCount == 0)
        #expect(try inode(file) == before)
        #expect(try Data(contentsOf: file) == Data(big.utf8))
        #expect(!FileManager.default.fileExists(atPath: file.path + ".claimsite-link"))

        let changed = big.replacingOccurrences(of: "row 19999", with: "row 20000")
        let third = try build(changed)
        #expect(third.rewrittenCount == 1 && third.keptCount == 0)
        #expect(try Data(contentsOf: file) == Data(changed.utf8))
        let manifest = try #require(OutputWriter.manifest(of: output))
        #expect(manifest.hashes["data/big.csv"]?.count == 64)
    }
}
