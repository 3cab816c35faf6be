import ClaimModel
import Foundation
import Testing

@testable import ClaimSite

/// `claimsite build --watch` (docs/output.md, Watching): a change under `Content/` rebuilds, a
/// build error is printed with its file, line and column and leaves the last good output as it
/// was, mending it rebuilds, and a stop (the `shouldStop` closure, or SIGINT / SIGTERM to the
/// binary) ends with status 0 and no staging folder beside the output.
@Suite struct WatchTests {
    // MARK: helpers

    /// Bytes appended from several threads.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()

        func append(_ text: String) { append(Data(text.utf8)) }
        func append(_ bytes: Data) { lock.withLock { data.append(bytes) } }
        var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
        /// How many times `part` occurs.
        func count(_ part: String) -> Int { text.components(separatedBy: part).count - 1 }
    }

    /// A value set once from another thread.
    final class Box<Value: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Value?

        var value: Value? {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
    }

    /// Asks `condition` every 20 ms until it holds or `timeout` seconds passed; whether it held.
    /// Generous timeouts: a loaded machine only makes the test slower, never wrong.
    static func waitUntil(_ timeout: Double = 60, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }

    /// Replaces the first `old` after `anchor` by `new` in the site's file at `path`, in one step
    /// (a hidden temporary file renamed over it), so the watcher never sees half a file. Returns
    /// the line and column (from 1) where `new` starts.
    @discardableResult
    static func edit(_ site: URL, _ path: String, after anchor: String = "", _ old: String, _ new: String) throws -> (
        line: Int, column: Int
    ) {
        let url = site.appendingPathComponent(path)
        var text = try String(contentsOf: url, encoding: .utf8)
        let start = try #require(
            anchor.isEmpty ? text.startIndex : text.range(of: anchor)?.upperBound, "\(path) lacks \(anchor)")
        let range = try #require(
            text.range(of: old, range: start..<text.endIndex), "\(path) lacks \(old) after \(anchor)")
        let before = text[..<range.lowerBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let column =
            before.utf8.count
            - (before.lastIndex(of: "\n").map { before.utf8.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
        text.replaceSubrange(range, with: new)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).edit")
        try Data(text.utf8).write(to: temporary)
        #expect(rename(temporary.path, url.path) == 0)
        return (line, column)
    }

    /// Names beside the output folder that a build leaves only while it runs.
    static func leftovers(beside output: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
            .filter {
                $0.hasPrefix(".\(output.lastPathComponent).staging-")
                    || $0.hasPrefix(".\(output.lastPathComponent).old-")
            }
    }

    /// The text of the file at `url`, or "" while it cannot be read (the output being swapped).
    static func read(_ url: URL) -> String {
        (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    static let claims = "Content/data/claims/2026-q4.yaml"
    static let claim = "id: MCI-000174"
    static let name = "Coho Winery Datacenter exit to Azure"

    // MARK: the loop, in process

    @Test func aChangeRebuildsAnErrorKeepsTheOutputAndAStopLeavesNothing() throws {
        let site = try ParseCacheTests.exampleCopy()
        let output = site.appendingPathComponent("Output")
        let page = output.appendingPathComponent("claims/MCI-000174.html")
        let log = Log(), stop = Box<Bool>(), status = Box<Int32>()
        let thread = Thread {
            status.value = Commands.watch(
                SiteOptions(site: site, asOf: Day("2026-11-29")), output: output, audience: nil,
                quiet: true, environment: [:], pollInterval: 0.05,
                shouldStop: { stop.value == true }, errors: { log.append($0) })
        }
        thread.start()
        defer {
            stop.value = true
            _ = Self.waitUntil { status.value != nil }
            try? FileManager.default.removeItem(at: site)
        }

        // The first build, then watching.
        try #require(Self.waitUntil { log.text.contains("claimsite: watching Content/ and Templates/") }, "\(log.text)")
        #expect(log.text.contains("claimsite: built in "))
        #expect(Self.read(page).contains(Self.name))

        // A new name: the claim's page shows it after one rebuild, which says what changed.
        var rebuilt = log.count("claimsite: rebuilt in ")
        try Self.edit(
            site, Self.claims, after: Self.claim, "displayName: \(Self.name)",
            "displayName: Coho Winery cellar exit to Azure")
        #expect(
            Self.waitUntil {
                Self.read(page).contains("Coho Winery cellar exit to Azure")
                    && log.count("claimsite: rebuilt in ") > rebuilt
            },
            "\(log.text)")
        #expect(log.text.contains("claimsite: changed \(Self.claims)\n"))
        #expect(log.text.contains("claimsite: wrote "))
        let good = try ParseCacheTests.snapshot(output)

        // An invalid date: the error with its file, line and column; the output as it was.
        let failed = log.count("the rebuild failed")
        let at = try Self.edit(site, Self.claims, after: Self.claim, "createdOn: 2026-10-05", "createdOn: 2026-11-31")
        try #require(Self.waitUntil { log.count("the rebuild failed") > failed }, "\(log.text)")
        #expect(
            log.text.contains("\(Self.claims):\(at.line):\(at.column + "createdOn: ".count): error: "), "\(log.text)")
        #expect(log.text.contains("claimsite: nothing was written\n"))
        #expect(try ParseCacheTests.snapshot(output) == good)
        #expect(try Self.leftovers(beside: output).isEmpty)

        // Mended (and renamed once more, so the inputs differ from the last good build's): it
        // rebuilds, and watching went on through the error.
        rebuilt = log.count("claimsite: rebuilt in ")
        try Self.edit(site, Self.claims, after: Self.claim, "createdOn: 2026-11-31", "createdOn: 2026-10-05")
        try Self.edit(site, Self.claims, after: Self.claim, "Coho Winery cellar exit", "Coho Winery cave exit")
        #expect(
            Self.waitUntil {
                Self.read(page).contains("Coho Winery cave exit to Azure")
                    && log.count("claimsite: rebuilt in ") > rebuilt
            },
            "\(log.text)")

        // Stopped: status 0, the last line says so, nothing left beside the output.
        stop.value = true
        try #require(Self.waitUntil { status.value != nil }, "\(log.text)")
        #expect(status.value == 0)
        #expect(log.text.hasSuffix("claimsite: stopped watching\n"), "\(log.text)")
        #expect(try Self.leftovers(beside: output).isEmpty)
        #expect(Self.read(page).contains("Coho Winery cave exit to Azure"))
    }

    // MARK: the binary and its signals

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalStopsTheWatchingBinaryWithStatusZero(signal: Int32) throws {
        let site = try ParseCacheTests.exampleCopy()
        let output = site.appendingPathComponent("Output")
        let process = Process()
        process.executableURL = Paths.binary
        process.arguments = ["build", "--watch", "--site", site.path, "--as-of", "2026-11-29", "--quiet"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let log = Log(), drained = Box<Bool>()
        try process.run()
        let reader = Thread {
            while case let data = errors.fileHandleForReading.availableData, !data.isEmpty { log.append(data) }
            drained.value = true
        }
        reader.start()
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: site)
        }

        try #require(Self.waitUntil(120) { log.text.contains("claimsite: watching ") }, "\(log.text)")
        // One rebuild through the binary, so the signal comes while it watches, not before.
        try Self.edit(
            site, Self.claims, after: Self.claim, "displayName: \(Self.name)",
            "displayName: Coho Winery cellar exit to Azure")
        try #require(Self.waitUntil(120) { log.text.contains("claimsite: rebuilt in ") }, "\(log.text)")

        kill(process.processIdentifier, signal)
        try #require(Self.waitUntil(60) { !process.isRunning }, "\(log.text)")
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        #expect(Self.waitUntil(30) { drained.value == true })
        #expect(log.text.hasSuffix("claimsite: stopped watching\n"), "\(log.text)")
        #expect(try Self.leftovers(beside: output).isEmpty)
        #expect(
            Self.read(output.appendingPathComponent("claims/MCI-000174.html")).contains(
                "Coho Winery cellar exit to Azure"))
    }

    // MARK: what is watched

    @Test func theTreeSeesSizeAndNanosecondTimesAndIgnoresHiddenAndTemporaryFiles() throws {
        let site = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("Output")
        try Paths.write(
            [
                "Content/site.yaml": "title: T\n", "Content/pages/a.md": "A\n", "Templates/claim.mustache": "x",
                "Content/.hidden/b.md": "B\n", "Content/pages/.a.md.swx": "", "Content/pages/a.md~": "",
                "Content/pages/a.md.swp": "", "Content/pages/a.md.tmp": "", "Output/index.html": "",
                "Content/Output/x.md": "inside Content, not the output",
            ], to: site)
        let first = WatchedTree.scan(site: site, output: output)
        #expect(
            first.files.keys.sorted() == [
                "Content/Output/x.md", "Content/pages/a.md", "Content/site.yaml", "Templates/claim.mustache",
            ])
        #expect(
            WatchedTree.scan(site: site, output: site.appendingPathComponent("Content/Output")).files[
                "Content/Output/x.md"] == nil)

        // Only the modification time moves, by one nanosecond: a change.
        let a = site.appendingPathComponent("Content/pages/a.md")
        let stamp = try #require(first.files["Content/pages/a.md"])
        var times = [
            timespec(tv_sec: stamp.seconds, tv_nsec: stamp.nanoseconds + 1),
            timespec(tv_sec: stamp.seconds, tv_nsec: stamp.nanoseconds + 1),
        ]
        if stamp.nanoseconds == 999_999_999 {
            times = times.map { _ in timespec(tv_sec: stamp.seconds + 1, tv_nsec: 0) }
        }
        #expect(utimensat(AT_FDCWD, a.path, times, 0) == 0)
        try Paths.write(["Content/pages/new.md": "N\n", "Content/pages/a.md~": "ignored change"], to: site)
        try FileManager.default.removeItem(at: site.appendingPathComponent("Templates/claim.mustache"))
        let second = WatchedTree.scan(site: site, output: output)
        let changes = second.changes(since: first)
        #expect(changes.map(\.path) == ["Content/pages/a.md", "Content/pages/new.md", "Templates/claim.mustache"])
        #expect(changes.map(\.change) == [.changed, .added, .removed])
        #expect(
            WatchedTree.describe(changes)
                == "changed Content/pages/a.md; added Content/pages/new.md; removed Templates/claim.mustache")
        #expect(WatchedTree.describe(changes, limit: 1) == "changed Content/pages/a.md (+2 more)")
        #expect(second.changes(since: second).isEmpty && second == WatchedTree.scan(site: site, output: output))
    }
}
