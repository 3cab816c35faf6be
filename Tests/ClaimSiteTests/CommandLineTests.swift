import Foundation
import Testing

/// The `claimsite` binary: exit statuses, diagnostics on standard error, help.
@Suite struct CommandLineTests {
    @Test func checkExitsZeroOnACleanSite() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Paths.write(FixtureSite().files, to: root)
        let result = try Paths.run(["check", "--site", root.path])
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(
            result.stderr == "claimsite: 2 engagements, 2 customers, 2 claims as of 2026-11-29: 0 errors, 0 warnings\n")
    }

    @Test func checkExitsOneAndPrintsPositionsWithTheSourceLine() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = FixtureSite()
        let claims = site.files["Content/data/claims/a.yaml"]!.replacingOccurrences(
            of: "engagement: ws", with: "engagement: wz")
        try Paths.write(site.with("Content/data/claims/a.yaml", claims).files, to: root)
        let result = try Paths.run(["check", "--site", root.path])
        #expect(result.status == 1)
        #expect(
            result.stderr == """
                Content/data/claims/a.yaml:3:15: error: claim C-1: unknown engagement 'wz' — did you mean 'ws'?
                      engagement: wz
                                  ^
                claimsite: 2 engagements, 2 customers, 2 claims as of 2026-11-29: 1 error, 0 warnings

                """)
    }

    @Test func checkWritesNothing() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Paths.write(FixtureSite().files, to: root)
        let before = try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted()
        _ = try Paths.run(["check", "--site", root.path])
        _ = try Paths.run(["check"], in: root)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted() == before)
    }

    @Test func aMissingSiteFolderIsAnError() throws {
        let result = try Paths.run(["check", "--site", "/nonexistent/claimsite-site"])
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix(
                "claimsite: error: the site folder '/nonexistent/claimsite-site' does not exist; pass --site DIR\n"))
    }

    @Test func badCommandLinesExit64() throws {
        for arguments in [
            ["check", "--as-of", "2026-02-30"], ["check", "--bogus"], ["frobnicate"], ["check", "--as-of", "soon"],
        ] {
            let result = try Paths.run(arguments)
            #expect(result.status == 64, "\(arguments)")
        }
        let result = try Paths.run(["check", "--as-of", "2026-02-30"])
        #expect(result.stderr.contains("invalid date '2026-02-30': February 2026 has 28 days"))
    }

    @Test func helpReadsWell() throws {
        let top = try Paths.run(["--help"])
        #expect(top.status == 0)
        #expect(top.stdout.contains("check"))
        #expect(top.stdout.contains("build"))
        let check = try Paths.run(["check", "--help"])
        #expect(check.stdout.contains("--site <dir>"))
        #expect(check.stdout.contains("--as-of <yyyy-mm-dd>"))
    }

    @Test func asOfOnTheCommandLineWins() throws {
        let root = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Paths.write(FixtureSite().files, to: root)
        let result = try Paths.run(["check", "--site", root.path, "--as-of", "2026-12-01"])
        #expect(result.stderr.contains("as of 2026-12-01"))
    }
}
