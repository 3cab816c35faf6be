import ClaimModel
import ClaimRender
import ClaimRules
import ClaimSite
import Foundation
import OutputFiles
import Search
import Testing

/// The exports' piece cache (docs/output.md, Cache): a piece made in one build is copied in the
/// next when its key is the same, a new file holds exactly the pieces a build used, a file cut
/// short or not written by this binary reads as no pieces, and a damaged piece is made again.
@Suite struct PieceCacheTests {
    static func key(_ n: UInt64, kind: UInt8 = 1) -> PieceKey { PieceKey(kind: kind, digest: (n, n, n, n)) }

    /// Makes pieces 1…3 (reading `file`, writing `next`): the bytes and how many were made.
    static func run(_ file: URL?, _ next: URL?, context: String = "a") -> (bytes: [UInt8], made: Int, cache: PieceCache)
    {
        let cache = PieceCache(reading: file, context: context, writingTo: next)
        var out: [UInt8] = []
        var made = 0
        for n: UInt64 in 1...3 {
            cache.piece(key(n), into: &out) {
                made += 1
                $0 += Array("piece \(n);".utf8)
            }
        }
        cache.piece(nil, into: &out) { $0 += Array("unkeyed;".utf8) }
        return (out, made, cache)
    }

    @Test func piecesAreCopiedByKeyAndTheNewFileHoldsWhatWasUsed() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("first"), second = folder.appendingPathComponent("second")
        let one = Self.run(nil, first)
        #expect(one.cache.finish())
        #expect(one.made == 3 && one.cache.made == 3 && one.cache.reused == 0)
        #expect(String(decoding: one.bytes, as: UTF8.self) == "piece 1;piece 2;piece 3;unkeyed;")

        let two = Self.run(first, second)
        #expect(two.cache.finish())
        #expect(two.made == 0 && two.cache.reused == 3 && two.bytes == one.bytes)
        #expect(try Data(contentsOf: second) == Data(contentsOf: first))

        // Another kind of piece with the same digest is another piece.
        let other = PieceCache(reading: second, context: "a", writingTo: nil)
        var out: [UInt8] = []
        other.piece(Self.key(1, kind: 2), into: &out) { $0 += Array("other".utf8) }
        #expect(String(decoding: out, as: UTF8.self) == "other" && other.made == 1)
    }

    @Test func aShortDamagedOrForeignFileGivesTheSameBytes() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pieces")
        #expect(Self.run(nil, file).cache.finish())
        let whole = try Data(contentsOf: file)
        #expect(Self.run(file, nil).made == 0)
        // Another binary.
        #expect(Self.run(file, nil, context: "b").made == 3)
        // Cut short, in a record's head and in its bytes.
        for cut in [whole.count - 1, whole.count - 12, 30] {
            try whole.prefix(cut).write(to: file)
            #expect(Self.run(file, nil).made == 3, "cut at \(cut)")
        }
        // A byte of a piece changed: that piece is made again, the others copied.
        var damaged = whole
        let at = try #require(damaged.range(of: Data("piece 2;".utf8))).lowerBound
        damaged[at + 6] = UInt8(ascii: "9")
        try damaged.write(to: file)
        let again = Self.run(file, nil)
        #expect(again.made == 1 && again.cache.reused == 2)
        #expect(String(decoding: again.bytes, as: UTF8.self) == "piece 1;piece 2;piece 3;unkeyed;")
        // Not ClaimSite's.
        try Data("hello".utf8).write(to: file)
        #expect(Self.run(file, nil).made == 3)
    }

    /// A piece that lands in a file of the output is recorded by where it is: the next build
    /// reads it from the last build's output, and makes it again when that file is missing or
    /// changed there, or when the recorded path leads out of the output.
    @Test func aPieceInAnOutputFileIsReadFromThere() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("Output")
        try FileManager.default.createDirectory(
            at: output.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let first = folder.appendingPathComponent("first")
        // Pieces 1 and 2 land in sub/file.txt after a 3-byte head; piece 3 is kept by its bytes.
        func build(_ previous: URL?, _ next: URL?, file: String = "sub/file.txt") -> (bytes: [UInt8], made: Int) {
            let cache = PieceCache(reading: previous, context: "a", writingTo: next, outputFolder: output)
            var out = Array("hd;".utf8)
            var made = 0
            for n: UInt64 in 1...3 {
                let location = n < 3 ? PieceLocation(file: file, offset: out.count) : nil
                cache.piece(Self.key(n), into: &out, at: location) {
                    made += 1
                    $0 += Array("piece \(n);".utf8)
                }
            }
            #expect(cache.finish() == (next != nil))
            return (out, made)
        }
        let one = build(nil, first)
        #expect(one.made == 3)
        try Data(one.bytes).write(to: output.appendingPathComponent("sub/file.txt"))
        // The record holds where the piece is, not its bytes.
        let recorded = try Data(contentsOf: first)
        #expect(recorded.range(of: Data("piece 1;".utf8)) == nil && recorded.range(of: Data("piece 3;".utf8)) != nil)
        #expect(build(first, nil) == (one.bytes, 0))
        // The output's file changed: the pieces in it are made again, the one kept by its bytes copied.
        var changed = one.bytes
        changed[3 + 6] = UInt8(ascii: "9")  // "piece 9;" where "piece 1;" was
        try Data(changed).write(to: output.appendingPathComponent("sub/file.txt"))
        #expect(build(first, nil) == (one.bytes, 1))
        try FileManager.default.removeItem(at: output.appendingPathComponent("sub/file.txt"))
        #expect(build(first, nil) == (one.bytes, 2))
        // A recorded path that leads out of the output is not followed.
        let outside = folder.appendingPathComponent("outside")
        _ = build(nil, outside, file: "../outside.txt")
        try Data(one.bytes).write(to: folder.appendingPathComponent("outside.txt"))
        #expect(build(outside, nil) == (one.bytes, 2))
    }

    /// The search index takes a claim's record and tokens from its piece: made once, then
    /// copied by key, with the same files as an index made without pieces; a record copied
    /// under a key whose claim changed keeps the old bytes, so the key alone decides.
    @Test func theSearchIndexCopiesEachClaimsRecordAndTokensByKey() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = SiteCheck.run(SiteOptions(site: Paths.repository), environment: [:])
        let (evaluation, model) = (result.evaluation, result.model)
        let paths = PagePaths(
            claims: model.claims.map(\.id), engagements: model.engagements.map(\.id),
            customers: model.customers.map(\.id))
        func pieces(_ file: URL?, _ next: URL?) -> ExportPieces {
            ExportPieces(
                cache: PieceCache(reading: file, context: "search", writingTo: next),
                claims: evaluation.claims.indices.map { i in
                    let n = UInt64(i + 1)
                    return (n, n, n, n)
                }, engagements: [], digest: { _ in (0, 0, 0, 0) })
        }
        func files(_ index: SearchIndex) -> [String: [UInt8]] {
            Dictionary(uniqueKeysWithValues: index.files().map { ($0.path, $0.bytes) })
        }
        let plain = files(SearchIndex(evaluation: evaluation, model: model, paths: paths))
        let first = folder.appendingPathComponent("first"), second = folder.appendingPathComponent("second")
        let made = pieces(nil, first)
        #expect(files(SearchIndex(evaluation: evaluation, model: model, paths: paths, pieces: made)) == plain)
        #expect(made.cache.finish())
        #expect(made.cache.made == evaluation.claims.count && made.cache.reused == 0)

        let copied = pieces(first, second)
        #expect(files(SearchIndex(evaluation: evaluation, model: model, paths: paths, pieces: copied)) == plain)
        #expect(copied.cache.made == 0 && copied.cache.reused == evaluation.claims.count)

        // A claim renamed under its old key: its record and words are the copied ones.
        var renamed = evaluation
        var changed = renamed.claims[0].claim
        changed.displayName = "Renamed Zyzzyva"
        let facts = renamed.claims[0]
        renamed.claims[0] = ClaimFacts(
            claim: changed, sharedEngagement: facts.sharedEngagement, state: facts.state,
            payoutUSD: facts.payoutUSD, payoutIsApproved: facts.payoutIsApproved, referral: facts.referral,
            timeline: facts.timeline, payment: facts.payment, proof: facts.proof)
        let stale = SearchIndex(evaluation: renamed, model: model, paths: paths, pieces: pieces(first, nil))
        #expect(stale.words["zyzzyva"] == nil && files(stale) == plain)
        let fresh = SearchIndex(evaluation: renamed, model: model, paths: paths)
        #expect(fresh.words["zyzzyva"] == [0] && files(fresh) != plain)
    }
}
