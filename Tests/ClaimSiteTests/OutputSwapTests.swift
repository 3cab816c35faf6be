import ClaimSite
import Foundation
import Testing

/// Replacing the output folder (docs/output.md, Replacing the output): one atomic exchange,
/// what a build killed between two steps leaves, and how the next build clears it away. The
/// writer takes its file-system steps from an injected `OutputSwap`; `StoppingSwap` acts as a
/// process killed at a chosen step: from there on it does nothing at all.
@Suite struct OutputSwapTests {
    /// The steps a build takes to put its output in place.
    enum Step: Equatable { case exchange, rename, removeTree, unlink }

    /// The system's steps until `stopAt`; from then on none (a killed process takes no more steps).
    final class StoppingSwap: OutputSwap, @unchecked Sendable {
        let stopAt: Step?
        let refuseExchange: Int32
        private(set) var stopped = false
        private(set) var steps: [Step] = []
        let system = SystemOutputSwap()

        init(stopAt: Step? = nil, refuseExchange: Int32 = 0) {
            self.stopAt = stopAt
            self.refuseExchange = refuseExchange
        }

        func go(_ step: Step) -> Bool {
            if step == stopAt { stopped = true }
            if !stopped { steps.append(step) }
            return !stopped
        }

        func exchange(_ a: String, _ b: String) -> Int32 {
            guard go(.exchange) else { return 0 }
            return refuseExchange != 0 ? refuseExchange : system.exchange(a, b)
        }
        func rename(_ a: String, _ b: String) -> Int32 { go(.rename) ? system.rename(a, b) : 0 }
        func removeTree(_ path: String) { if go(.removeTree) { system.removeTree(path) } }
        func unlink(_ path: String) { if go(.unlink) { system.unlink(path) } }
    }

    /// Every file below `folder` with its bytes, the mark's manifest included.
    func tree(_ folder: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return out }
        for case let path as String in walker {
            var isDir: ObjCBool = false
            let full = folder.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                out[path] = FileManager.default.contents(atPath: full)
            }
        }
        return out
    }

    /// The output's pages as text, without the mark (whose manifest differs with the build).
    func pages(_ folder: URL) -> [String: String] {
        tree(folder).filter { $0.key != OutputWriter.marker }.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    func beside(_ root: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
    }

    func build(_ files: [String: String], into output: URL, swap: any OutputSwap = SystemOutputSwap()) throws
        -> OutputWriter
    {
        let writer = try OutputWriter(output: output, swap: swap, notice: OnceNotice())
        for (path, text) in files.sorted(by: { $0.key < $1.key }) { writer.put(path, Data(text.utf8)) }
        try writer.commit(fingerprint: String(repeating: "0", count: 64))
        return writer
    }

    let old = ["index.html": "old", "a/b.html": "old b", "gone.html": "only in the old"]
    let new = ["index.html": "new", "a/b.html": "new b", "c.html": "only in the new"]

    @Test func aBuildExchangesTheFoldersAndLeavesNothingBeside() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        _ = try build(old, into: output)
        let swap = StoppingSwap()
        let writer = try build(new, into: output, swap: swap)
        #expect(swap.steps == [.exchange, .removeTree, .unlink])
        #expect(
            pages(output)
                == new)
        #expect(beside(root) == ["Output"])
        #expect(writer.removedLeftovers.isEmpty && writer.note == nil)
    }

    @Test func killedBetweenStagingAndExchangeTheOldOutputIsWholeAndTheNextBuildClearsUp() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        _ = try build(old, into: output)
        let before = tree(output)
        // Staging written and marked; killed as it would exchange.
        let killed = StoppingSwap(stopAt: .exchange)
        _ = try build(new, into: output, swap: killed)
        #expect(killed.stopped)
        #expect(tree(output) == before, "the output is the whole old tree")
        let left = beside(root)
        #expect(left.count == 3 && left.contains("Output") && left.contains(".Output.claimsite-lock"))
        let staging = try #require(left.first { $0.hasPrefix(".Output.staging-") })
        let staged = tree(root.appendingPathComponent(staging))
        #expect(staged[OutputWriter.marker] != nil, "the staging folder carries the mark")
        #expect(
            pages(root.appendingPathComponent(staging)) == new)
        // The next build takes the lock over and removes the staging folder.
        let next = try build(new, into: output)
        #expect(next.removedLeftovers == [staging])
        #expect(beside(root) == ["Output"])
        #expect(
            pages(output)
                == new)
    }

    @Test func killedAfterTheExchangeTheNewOutputIsWholeAndTheOldOneIsClearedNextTime() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        _ = try build(old, into: output)
        let killed = StoppingSwap(stopAt: .removeTree)
        _ = try build(new, into: output, swap: killed)
        #expect(
            pages(output)
                == new)
        let staging = try #require(beside(root).first { $0.hasPrefix(".Output.staging-") })
        #expect(tree(root.appendingPathComponent(staging))["gone.html"] == Data("only in the old".utf8))
        let next = try build(old, into: output)
        #expect(next.removedLeftovers == [staging])
        #expect(beside(root) == ["Output"])
    }

    @Test func aRemovalCutShortLeavesAMarkedFolderThatIsRemovedNextTime() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        _ = try build(old, into: output)
        // A staging folder whose removal stopped after some files: the mark goes last.
        let half = root.appendingPathComponent(".Output.staging-1234abcd")
        try FileManager.default.createDirectory(at: half.appendingPathComponent("a"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: half.appendingPathComponent("a/b.html"))
        try Data("mark".utf8).write(to: half.appendingPathComponent(OutputWriter.marker))
        // An empty one (killed before it was marked), and two that are not ClaimSite's.
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent(".Output.old-00000000"), withIntermediateDirectories: true)
        let users = root.appendingPathComponent(".Output.staging-mine")
        try FileManager.default.createDirectory(at: users, withIntermediateDirectories: true)
        try Data("my notes".utf8).write(to: users.appendingPathComponent("notes.txt"))
        try Data("a file".utf8).write(to: root.appendingPathComponent(".Output.old-file"))
        let next = try build(new, into: output)
        #expect(next.removedLeftovers == [".Output.old-00000000", ".Output.staging-1234abcd"])
        #expect(beside(root) == [".Output.old-file", ".Output.staging-mine", "Output"])
        #expect(
            FileManager.default.contents(atPath: users.appendingPathComponent("notes.txt").path)
                == Data("my notes".utf8))
    }

    /// A build killed after taking the lock, before making its staging folder, leaves only the lock
    /// file; a build that then finds the output up to date removes it too.
    @Test func anUpToDateBuildRemovesALockFileAKilledBuildLeft() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        _ = try build(old, into: output)
        try Data().write(to: root.appendingPathComponent(".Output.claimsite-lock"))
        #expect(OutputWriter.clearLeftovers(beside: output).isEmpty)
        #expect(beside(root) == ["Output"])
        // Held by a running build, it stays (and so do the folders, which that build clears).
        let running = try OutputWriter(output: output, notice: OnceNotice())
        #expect(OutputWriter.clearLeftovers(beside: output).isEmpty)
        #expect(beside(root).contains(".Output.claimsite-lock"))
        running.abort()
        #expect(beside(root) == ["Output"])
    }

    @Test func whereTheFileSystemCannotExchangeTwoRenamesDoItAndItIsSaidOnce() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        _ = try build(old, into: output)
        let notice = OnceNotice()
        for (i, files) in [new, old].enumerated() {
            let swap = StoppingSwap(refuseExchange: EINVAL)
            let writer = try OutputWriter(output: output, swap: swap, notice: notice)
            for (path, text) in files { writer.put(path, Data(text.utf8)) }
            try writer.commit()
            #expect(swap.steps == [.exchange, .rename, .rename, .removeTree, .unlink])
            #expect(
                pages(output)
                    == files)
            #expect(beside(root) == ["Output"])
            #expect((writer.note != nil) == (i == 0), "said by the first build only")
        }
    }

    @Test func anExchangeThatFailsOtherwiseLeavesTheOutputAsItWas() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        _ = try build(old, into: output)
        let before = tree(output)
        let swap = StoppingSwap(refuseExchange: EACCES)
        #expect(throws: OutputWriter.Failure.self) { _ = try build(new, into: output, swap: swap) }
        #expect(tree(output) == before)
        #expect(beside(root) == ["Output"])
    }

    /// What a build does while the previous output is removed (it stores its caches) runs once
    /// the new output is in place, once, and never when the output could not be replaced.
    @Test func workBesideTheRemovalRunsOnceTheNewOutputIsInPlace() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        _ = try build(old, into: output)
        for refuse in [EINVAL, 0] {  // two renames, then one exchange
            let writer = try OutputWriter(
                output: output, swap: StoppingSwap(refuseExchange: refuse), notice: OnceNotice())
            for (path, text) in new { writer.put(path, Data(text.utf8)) }
            var seen: [[String: String]] = []
            try writer.commit(fingerprint: String(repeating: "0", count: 64)) { seen.append(pages(output)) }
            #expect(seen == [new], "errno \(refuse)")
            // The previous output is removed when commit returns, or kept as the spare when it
            // shares files with the new one (the second time: the same files again).
            #expect(beside(root) == (refuse == 0 ? [".Output.spare", "Output"] : ["Output"]), "errno \(refuse)")
        }
        let writer = try OutputWriter(output: output, swap: StoppingSwap(refuseExchange: EACCES), notice: OnceNotice())
        writer.put("index.html", Data("newer".utf8))
        var ran = false
        #expect(throws: OutputWriter.Failure.self) {
            try writer.commit(fingerprint: String(repeating: "0", count: 64)) { ran = true }
        }
        #expect(!ran && pages(output) == new)
    }
}

/// `SystemOutputSwap.removeTree` walks the tree itself: it removes every file and folder in it,
/// deepest first, and never follows a link out of it.
@Suite struct RemoveTreeTests {
    @Test func removesEverythingInsideAndNothingALinkPointsTo() throws {
        let manager = FileManager.default
        let root = manager.temporaryDirectory.appendingPathComponent("remove-tree-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: root) }
        let tree = root.appendingPathComponent("old"), kept = root.appendingPathComponent("users-files")
        for folder in ["a/b/c", "claims", "empty", "ünï cödé"] {
            try manager.createDirectory(at: tree.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try manager.createDirectory(at: kept, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: kept.appendingPathComponent("notes.txt"))
        for file in ["a/b/c/deep.html", "a/top.txt", "claims/1.html", "claims/2.html", "ünï cödé/x.js", "index.html"] {
            try Data(file.utf8).write(to: tree.appendingPathComponent(file))
        }
        try Data("mark".utf8).write(to: tree.appendingPathComponent(OutputWriter.marker))
        try manager.createSymbolicLink(at: tree.appendingPathComponent("link-to-folder"), withDestinationURL: kept)
        try manager.createSymbolicLink(
            at: tree.appendingPathComponent("a/link-to-file"),
            withDestinationURL: kept.appendingPathComponent("notes.txt"))

        SystemOutputSwap().removeTree(tree.path)

        #expect(!manager.fileExists(atPath: tree.path))
        #expect(try String(contentsOf: kept.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine")
        #expect(try manager.contentsOfDirectory(atPath: root.path).sorted() == ["users-files"])
    }
}
