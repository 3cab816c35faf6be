import ClaimModel
import ClaimSite
import Foundation
import Testing

/// Where a build may write, links out of the site, two builds at once, and failures in the
/// middle of writing (docs/output.md, Replacing the output; docs/input-format.md, Links).
@Suite struct OutputSafetyTests {
    /// `claimsite build` of `site` into `output` (in process).
    static func build(_ site: URL, into output: URL?) -> (status: Int32, stderr: String) {
        var stderr = ""
        let status = Commands.build(
            SiteOptions(site: site, asOf: Day("2026-11-29")), output: output, audience: nil,
            quiet: true, environment: [:]
        ) { stderr += $0 }
        return (status, stderr)
    }

    /// Every file below `folder` (hidden ones too) and its bytes.
    static func tree(_ folder: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        for path in (try? FileManager.default.subpathsOfDirectory(atPath: folder.path)) ?? [] {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                out[path] = try? Data(contentsOf: url)
            }
        }
        return out
    }

    @Test func placesThatHoldTheUsersFilesAreRefused() throws {
        let site = try ParseCacheTests.exampleCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        try FileManager.default.createDirectory(
            at: site.appendingPathComponent("Templates"), withIntermediateDirectories: true)
        try Data("<!-- mine -->".utf8).write(to: site.appendingPathComponent("Templates/notes.txt"))
        let before = Self.tree(site)
        let home = URL(fileURLWithPath: ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory())
        let places: [(URL, String)] = [
            (site, "the site folder itself"),
            (site.appendingPathComponent("Content"), "inside the site's Content/"),
            (site.appendingPathComponent("Content/data/out"), "inside the site's Content/"),
            (site.appendingPathComponent("Templates"), "inside the site's Templates/"),
            (site.deletingLastPathComponent(), "holds the site's Content/"),
            (site.appendingPathComponent("Content/../Content/pages"), "inside the site's Content/"),
            (URL(fileURLWithPath: "/"), "the root folder"),
            (home, "your home folder"),
        ]
        for (place, why) in places {
            let result = Self.build(site, into: place)
            #expect(result.status == 1, "\(place.path)")
            #expect(
                result.stderr.contains("refusing to write the output") && result.stderr.contains(why),
                "\(place.path): \(result.stderr)")
        }
        #expect(Self.tree(site) == before, "a refused build changed the site")
        // A folder of the user's, not empty and not made by ClaimSite, is refused too.
        let mine = site.appendingPathComponent("Mine")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: mine.appendingPathComponent("notes.txt"))
        let result = Self.build(site, into: mine)
        #expect(result.status == 1 && result.stderr.contains("was not made by ClaimSite"), "\(result.stderr)")
        #expect(try Data(contentsOf: mine.appendingPathComponent("notes.txt")) == Data("keep me".utf8))
    }

    @Test func aLinkOutOfTheSiteIsAnErrorAndNothingOfItsTargetIsWritten() throws {
        let site = try ParseCacheTests.exampleCopy()
        let outside = try Paths.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: site)
            try? FileManager.default.removeItem(at: outside)
        }
        let claims = try String(
            contentsOf: site.appendingPathComponent("Content/data/claims/2026-q4.yaml"), encoding: .utf8)
        try Data(
            claims.replacingOccurrences(of: "Coho Winery Datacenter exit to Azure", with: "SECRET-OUTSIDE-7f3a").utf8
        )
        .write(to: outside.appendingPathComponent("claims.yaml"))
        try FileManager.default.removeItem(at: site.appendingPathComponent("Content/data/claims/2026-q4.yaml"))
        try FileManager.default.createSymbolicLink(
            atPath: site.appendingPathComponent("Content/data/claims/2026-q4.yaml").path,
            withDestinationPath: outside.appendingPathComponent("claims.yaml").path)
        try FileManager.default.createDirectory(
            at: site.appendingPathComponent("Templates"), withIntermediateDirectories: true)
        try Data("SECRET-TEMPLATE-91c2 {{title}}".utf8).write(to: outside.appendingPathComponent("page.mustache"))
        try FileManager.default.createSymbolicLink(
            atPath: site.appendingPathComponent("Templates/page.mustache").path,
            withDestinationPath: outside.appendingPathComponent("page.mustache").path)
        let output = site.appendingPathComponent("Output")
        let result = Self.build(site, into: output)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("Content/data/claims/2026-q4.yaml: error: this is a symbolic link to"),
            "\(result.stderr)")
        #expect(
            result.stderr.contains("Templates/page.mustache: error: this is a symbolic link to"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
        var stdout = ""
        var stderr = ""
        _ = Commands.check(
            SiteOptions(site: site), format: .json, environment: [:], output: { stdout += $0 },
            errors: { stderr += $0 })
        #expect(stdout.contains("link-outside-site"), "\(stdout)")
        #expect(!stdout.contains("SECRET-OUTSIDE") && !stderr.contains("SECRET-OUTSIDE"))
        // A link that stays inside the site is followed as before.
        try FileManager.default.removeItem(at: site.appendingPathComponent("Templates/page.mustache"))
        try FileManager.default.removeItem(at: site.appendingPathComponent("Content/data/claims/2026-q4.yaml"))
        try Data(claims.utf8).write(to: site.appendingPathComponent("Shared-q4.yaml"))
        try FileManager.default.createSymbolicLink(
            atPath: site.appendingPathComponent("Content/data/claims/2026-q4.yaml").path,
            withDestinationPath: "../../../Shared-q4.yaml")
        let inside = Self.build(site, into: output)
        #expect(inside.status == 0, "\(inside.stderr)")
    }

    /// The fingerprint covers the options as they resolve (docs/output.md, Incremental rebuilds):
    /// `--as-of`, `--audience` and `--language` equal to what site.yaml says are the same build as none.
    @Test func optionsThatResolveAlikeAreOneBuildWithTheSameBytes() throws {
        let site = try ParseCacheTests.exampleCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        func build(_ options: SiteOptions, _ audience: [AudienceRole]?, into output: URL) -> (Int32, String) {
            var stderr = ""
            let status = Commands.build(options, output: output, audience: audience, quiet: true, environment: [:]) {
                stderr += $0
            }
            return (status, stderr)
        }
        let given = site.appendingPathComponent("Given"), resolved = site.appendingPathComponent("Resolved")
        let spelled = SiteOptions(site: site, asOf: Day("2026-11-29"), language: .en)
        #expect(build(spelled, [.incentivesAdmin, .referralsAdmin], into: given).0 == 0)
        #expect(build(SiteOptions(site: site), nil, into: resolved).0 == 0)
        #expect(
            !Self.tree(given).isEmpty && Self.tree(given) == Self.tree(resolved), "the same bytes, the mark included")
        // Either way of saying it finds the other's output up to date.
        let again = build(SiteOptions(site: site), nil, into: given)
        #expect(again.0 == 0 && again.1.contains("is up to date"), "\(again.1)")
        let spelledAgain = build(spelled, [.incentivesAdmin, .referralsAdmin], into: resolved)
        #expect(spelledAgain.0 == 0 && spelledAgain.1.contains("is up to date"), "\(spelledAgain.1)")
        // Another day, audience or language is another build.
        for (options, audience) in [
            (SiteOptions(site: site, asOf: Day("2026-11-30")), nil), (SiteOptions(site: site), [.viewer]),
            (SiteOptions(site: site, language: .de), nil),
        ] as [(SiteOptions, [AudienceRole]?)] {
            let other = build(options, audience, into: given)
            #expect(other.0 == 0 && !other.1.contains("is up to date"), "\(other.1)")
        }
    }

    @Test func aSecondBuildIntoTheSameOutputIsRefusedWhileTheFirstWrites() throws {
        let site = try ParseCacheTests.exampleCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("Output")
        #expect(Self.build(site, into: output).status == 0)
        let before = Self.tree(output)
        // A writer that has not committed holds the lock, as a running build does.
        let first = try OutputWriter(output: output, site: site)
        let second = Self.build(site, into: output.standardizedFileURL)
        var forced = ""
        let forcedStatus = Commands.build(
            SiteOptions(site: site, asOf: Day("2026-11-29")), output: output, audience: nil,
            force: true, quiet: true, environment: [:]
        ) { forced += $0 }
        #expect(forcedStatus == 1 && forced.contains("another claimsite build is writing to"), "\(forced)")
        first.abort()
        #expect(second.status == 0, "an up-to-date output needs no lock: \(second.stderr)")
        #expect(Self.tree(output) == before)
        // Once the first is done, the lock is gone with its file.
        var after = ""
        #expect(
            Commands.build(
                SiteOptions(site: site, asOf: Day("2026-11-29")), output: output, audience: nil,
                force: true, quiet: true, environment: [:]
            ) { after += $0 } == 0, "\(after)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: site.path).filter { $0.contains("claimsite-lock") }
                .isEmpty)
    }

    // MARK: failures in the middle of writing (root, a small or read-only tmpfs, another user)

    /// Whether this process may make a mount namespace with a tmpfs (root in CI and here).
    static let canMount: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return false }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        probe.arguments = ["-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"]
        try? probe.run()
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    /// Runs `script` with `sh` in a new mount namespace; `$BIN` is the claimsite binary.
    static func inNamespace(_ script: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["-m", "sh", "-c", script]
        // This process's environment (a sanitizer's options pass on), with the binary and a plain PATH.
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["BIN": Paths.binary.path, "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"]) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: canMount, "needs root and unshare -m (as in CI)"))
    func aFullDiskOrAReadOnlyFolderLeavesThePreviousOutputAndSaysWhy() throws {
        let site = try ParseCacheTests.exampleCopy()
        let mount = try Paths.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: site)
            try? FileManager.default.removeItem(at: mount)
        }
        // A 3 MB disk holds one output of the example (2.3 MB) but not a second beside it.
        let script = """
            set -u
            mount -t tmpfs -o size=3m tmpfs '\(mount.path)' || exit 90
            "$BIN" build --site '\(site.path)' --output '\(mount.path)/Output' --as-of 2026-11-29 --quiet || exit 91
            (cd '\(mount.path)' && find Output -type f | sort | xargs sha256sum) > /tmp/claimsite-before-$$
            sed -i 's/^title: .*/title: Renamed portal/' '\(site.path)/Content/site.yaml'
            "$BIN" build --site '\(site.path)' --output '\(mount.path)/Output' --as-of 2026-11-29 --quiet; \
            echo "full-disk-status $?"
            (cd '\(mount.path)' && find Output -type f | sort | xargs sha256sum) > /tmp/claimsite-after-$$
            cmp -s /tmp/claimsite-before-$$ /tmp/claimsite-after-$$ && echo "full-disk-output-unchanged"
            ls -a '\(mount.path)' | grep -c 'staging\\|claimsite-lock' | sed 's/^/full-disk-leftovers /'
            mount -o remount,ro '\(mount.path)'
            "$BIN" build --site '\(site.path)' --output '\(mount.path)/Output' --as-of 2026-11-29 --quiet; \
            echo "read-only-status $?"
            (cd '\(mount.path)' && find Output -type f | sort | xargs sha256sum) > /tmp/claimsite-after-$$
            cmp -s /tmp/claimsite-before-$$ /tmp/claimsite-after-$$ && echo "read-only-output-unchanged"
            rm -f /tmp/claimsite-before-$$ /tmp/claimsite-after-$$
            """
        let run = try Self.inNamespace(script)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("full-disk-status 1"), "\(run.output)")
        #expect(
            run.output.contains("No space left on device") && run.output.contains("the previous output is unchanged"),
            "\(run.output)")
        #expect(run.output.contains("full-disk-output-unchanged"), "\(run.output)")
        #expect(run.output.contains("full-disk-leftovers 0"), "\(run.output)")
        #expect(run.output.contains("read-only-status 1"), "\(run.output)")
        #expect(run.output.contains("Read-only file system"), "\(run.output)")
        #expect(run.output.contains("read-only-output-unchanged"), "\(run.output)")
    }

    @Test(
        .enabled(
            if: canMount && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "needs root and setpriv"))
    func aFolderTheUserMayNotWriteLeavesThePreviousOutputAndSaysWhy() throws {
        let site = try ParseCacheTests.exampleCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("Output")
        #expect(Self.build(site, into: output).status == 0)
        let before = Self.tree(output)
        try Data("title: Renamed portal\n".utf8).write(to: site.appendingPathComponent("Content/site-title.txt"))
        // Another user (nobody) may read the site but not write beside the output.
        _ = try Self.inNamespace("chmod -R a+rX '\(site.path)' '\(site.deletingLastPathComponent().path)'")
        let run = try Self.inNamespace(
            """
            setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN" build --site '\(site.path)' --output \
            '\(output.path)' --as-of 2026-11-29 --no-cache --force --quiet
            echo "status $?"
            """)
        #expect(run.output.contains("status 1"), "\(run.output)")
        #expect(run.output.contains("Permission denied"), "\(run.output)")
        #expect(Self.tree(output) == before)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: site.path).filter {
                $0.contains("staging") || $0.contains("claimsite-lock")
            }.isEmpty)
    }
}
