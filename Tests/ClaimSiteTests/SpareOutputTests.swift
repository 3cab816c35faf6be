import ClaimSite
import Foundation
import Testing

/// The spare beside the output (docs/output.md, Replacing the output): the previous output,
/// cut down to the files the new one shares, is kept as `.NAME.spare`, and the next build
/// starts from it instead of linking every unchanged file into an empty folder. What it writes
/// must never reach the output before the exchange, and the output must be exactly what a build
/// into an empty folder gives.
@Suite struct SpareOutputTests {
    typealias StoppingSwap = OutputSwapTests.StoppingSwap
    let helpers = OutputSwapTests()

    func inode(_ url: URL) -> UInt64? {
        var info = stat()
        return lstat(url.path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    /// Every folder below `folder`, relative.
    func folders(_ folder: URL) -> Set<String> {
        var out = Set<String>()
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return out }
        for case let path as String in walker {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDir),
                isDir.boolValue
            {
                out.insert(path)
            }
        }
        return out
    }

    let first = [
        "index.html": "one", "a/b.html": "b", "a/c.html": "c", "gone/x.html": "x", "same.html": "same",
    ]
    let second = [
        "index.html": "two", "a/b.html": "b", "a/c.html": "c changed", "same.html": "same", "new.html": "new",
    ]
    let third = ["index.html": "three", "a/b.html": "b", "a/c.html": "c", "same.html": "same", "z/new.html": "z"]

    @Test func theSpareHoldsOnlyTheSharedFilesAndTheNextBuildGivesExactlyItsOwn() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output"), spare = root.appendingPathComponent(".Output.spare")
        _ = try helpers.build(first, into: output)
        #expect(helpers.beside(root) == ["Output"], "a first build has no previous output to keep")
        let sameInode = inode(output.appendingPathComponent("same.html"))
        _ = try helpers.build(second, into: output)
        #expect(helpers.beside(root) == [".Output.spare", "Output"])
        // The spare: the previous output's files that the new output has with the same bytes,
        // the same files (one inode); nothing else, no folder left empty.
        #expect(helpers.pages(spare) == ["a/b.html": "b", "same.html": "same"])
        for path in ["a/b.html", "same.html"] {
            #expect(inode(spare.appendingPathComponent(path)) == inode(output.appendingPathComponent(path)))
        }
        #expect(folders(spare) == ["a"])
        // A file put into the output by hand comes back neither in the output nor in the spare.
        try Data("mine".utf8).write(to: output.appendingPathComponent("a/mine.html"))
        let writer = try helpers.build(third, into: output)
        #expect(helpers.pages(output) == third)
        #expect(folders(output) == ["a", "z"], "no folder of the spare is left empty in the output")
        #expect(inode(output.appendingPathComponent("same.html")) == sameInode, "an unchanged file keeps its inode")
        // Kept: a/b.html and same.html, from the spare as they were; written: the other three.
        #expect(writer.keptCount == 2 && writer.rewrittenCount == 3)
        // The output is exactly what a build into an empty folder gives, mark and manifest included.
        let clean = root.appendingPathComponent("Clean")
        _ = try helpers.build(third, into: clean)
        #expect(helpers.tree(output) == helpers.tree(clean))
        // The hand-made file went with the second output into the spare; the build that takes
        // the spare removes it, since no output listed it.
        _ = try helpers.build(first, into: output)
        _ = try helpers.build(first, into: clean)
        #expect(helpers.tree(output) == helpers.tree(clean))
        #expect(folders(output) == folders(clean))
    }

    /// With no spare to take (the first rebuild after a full build), the previous output's files
    /// are linked into the staging folder on a thread of their own before the build writes; the
    /// output is still exactly the build's own files, the unchanged ones the previous output's
    /// (one inode). A path of the previous manifest that could lead out of the folders is not
    /// followed: no folder is made outside.
    @Test func theFirstRebuildLinksThePreviousFilesAheadAndGivesExactlyItsOwn() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        _ = try helpers.build(first, into: output)
        let sameInode = inode(output.appendingPathComponent("same.html"))
        let marker = output.appendingPathComponent(OutputWriter.marker)
        let sneaky = String(repeating: "0", count: 64) + " gone/../../Sneaky/x.html\n"
        try (Data(contentsOf: marker) + Data(sneaky.utf8)).write(to: marker)

        let writer = try OutputWriter(output: output, swap: SystemOutputSwap(), notice: OnceNotice())
        let staging = try #require(helpers.beside(root).first { $0.hasPrefix(".Output.staging-") })
        let linked = root.appendingPathComponent(staging).appendingPathComponent("gone/x.html")
        for _ in 0..<500 where inode(linked) == nil { usleep(10_000) }
        #expect(inode(linked) == inode(output.appendingPathComponent("gone/x.html")), "linked before any write")
        #expect(helpers.beside(root) == [".Output.claimsite-lock", "Output", staging].sorted(), "nothing made outside")
        for (path, text) in second.sorted(by: { $0.key < $1.key }) { writer.put(path, Data(text.utf8)) }
        try writer.commit(fingerprint: String(repeating: "0", count: 64))
        #expect(helpers.pages(output) == second)
        #expect(folders(output) == ["a"], "no folder linked ahead is left empty")
        #expect(inode(output.appendingPathComponent("same.html")) == sameInode)
        #expect(writer.keptCount == 2 && writer.rewrittenCount == 3, "\(writer.keptCount) \(writer.rewrittenCount)")
        #expect(helpers.beside(root) == [".Output.spare", "Output"])
        let clean = root.appendingPathComponent("Clean")
        _ = try helpers.build(second, into: clean)
        #expect(helpers.tree(output) == helpers.tree(clean))
    }

    /// `Output` in `root` after two builds (`first`, then `second`), with its spare beside it.
    func outputWithSpare(_ root: URL) throws -> URL {
        let output = root.appendingPathComponent("Output")
        _ = try helpers.build(first, into: output)
        _ = try helpers.build(second, into: output)
        #expect(helpers.beside(root) == [".Output.spare", "Output"])
        return output
    }

    /// A build that took the spare writes changed files as new files: the output's file, which
    /// the spare shared, keeps its bytes until the exchange, and wholly if the build stops.
    @Test func aChangedFileIsNeverWrittenIntoTheFileTheOutputShares() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = try outputWithSpare(root)
        let before = helpers.tree(output)
        let writer = try OutputWriter(output: output, swap: SystemOutputSwap(), notice: OnceNotice())
        #expect(!helpers.beside(root).contains(".Output.spare"), "the spare became the staging folder")
        // Both files the spare shares with the output: one written whole, one streamed.
        writer.put("a/b.html", Data("changed b".utf8))
        let streamed = writer.open("same.html")
        Data("streamed".utf8).withUnsafeBytes { streamed.write($0) }
        streamed.close()
        #expect(helpers.tree(output) == before)
        writer.abort()
        #expect(helpers.tree(output) == before)
        #expect(helpers.beside(root) == ["Output"])
    }

    /// Killed at any step after it took the spare, a build leaves the output whole; the next
    /// build clears what it left and gives exactly its own files.
    @Test func killedAfterTakingTheSpareTheOutputIsWholeAndTheNextBuildClearsUp() throws {
        for stop in [OutputSwapTests.Step.exchange, .rename, .removeTree] {
            let root = try Paths.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: root) }
            let output = try outputWithSpare(root)
            let before = helpers.tree(output)
            let killed = StoppingSwap(stopAt: stop)
            _ = try? helpers.build(third, into: output, swap: killed)
            let now = helpers.tree(output)
            #expect(now == before || helpers.pages(output) == third, "\(stop)")
            let next = try helpers.build(first, into: output)
            #expect(helpers.pages(output) == first, "\(stop)")
            #expect(next.removedLeftovers.allSatisfy { $0.hasPrefix(".Output.staging-") }, "\(stop)")
            #expect(helpers.beside(root).allSatisfy { $0 == "Output" || $0 == ".Output.spare" }, "\(stop)")
        }
    }
}
