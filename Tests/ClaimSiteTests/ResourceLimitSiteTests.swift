import ClaimModel
import ClaimRender
import ClaimSiteTesting
import Foundation
import Testing

@testable import ClaimSite

/// Hostile or huge input through the whole pipeline (docs/input-format.md, Limits): refused
/// with a located, coded error, or read, checked and rendered in bounded time.
@Suite struct ResourceLimitSiteTests {
    let base = FixtureSite()

    func seconds<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// Renders `site` in memory; expects no errors.
    func render(_ site: FixtureSite) throws -> PortalRenderer.Output {
        let result = site.check()
        #expect(!result.failed, "\(result.diagnostics.prefix(3))")
        let settings = try #require(result.model.settings)
        return Commands.render(
            result, settings: settings, audience: Audience([.incentivesAdmin]), files: .memory(site.files))
    }

    @Test func billionLaughsIsALocatedError() {
        var text = "- id: C-9\n  notes: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            text +=
                "  x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        let (result, time) = seconds { base.with("Content/data/claims/c.yaml", text).check() }
        #expect(time < 10)
        let errors = result.diagnostics.filter { $0.code == .aliasExpansionLimit }
        #expect(errors.count == 1)
        #expect(errors.first?.location == SourceLocation(file: "Content/data/claims/c.yaml", line: 7, column: 47))
        #expect(errors.first?.severity == .error)
        #expect(
            errors.first.map(\.description)?.hasPrefix(
                "Content/data/claims/c.yaml:7:47: error: YAML aliases repeat more than 1000000 values") == true)
    }

    @Test func deepNestingIsALocatedError() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let json = base.with("Content/data/claims/c.json", deep).check()
        #expect(
            json.diagnostics.filter { $0.code == .nestingTooDeep }.map(\.location)
                == [SourceLocation(file: "Content/data/claims/c.json", line: 1, column: 201)])
        let yaml = base.with("Content/data/claims/c.yaml", "- " + deep + "\n").check()
        #expect(
            yaml.diagnostics.filter { $0.code == .nestingTooDeep }.map(\.location)
                == [SourceLocation(file: "Content/data/claims/c.yaml", line: 1, column: 202)])
        // In front matter the line counts from the file's first line.
        let page = base.with("Content/pages/deep.md", "---\ntitle: Deep\nmeta: " + deep + "\n---\nText.\n").check()
        #expect(
            page.diagnostics.filter { $0.code == .nestingTooDeep }.map(\.location)
                == [SourceLocation(file: "Content/pages/deep.md", line: 3, column: 206)])
        #expect(page.diagnostics.first { $0.code == .nestingTooDeep }?.record == RecordRef(.page, "deep"))
    }

    @Test func aMillionCharacterStringIsReadAndRendered() throws {
        let million = String(repeating: "Ab<&é ", count: 1_000_000 / 6)
        let site =
            base
            .claimsWith(
                "  displayName: Fabrikam workshop\n", "  displayName: \"\(million)\"\n  notes: |\n    \(million)\n"
            )
            .with("Content/pages/long.md", "---\ntitle: Long\n---\n\(million)\n\n**\(million)end**\n")
        let (output, time) = try seconds { try render(site) }
        #expect(time < 60)
        let claim = String(decoding: try #require(output.files["claims/C-1.html"]), as: UTF8.self)
        #expect(claim.contains(String(repeating: "Ab&lt;&amp;é ", count: 1_000)))
        let page = String(decoding: try #require(output.files["pages/long.html"]), as: UTF8.self)
        #expect(page.contains("<strong>Ab&lt;&amp;é "))
    }

    @Test func aMillionCharacterReferenceIsAnErrorWithoutASuggestion() {
        let million = String(repeating: "fabrikam", count: 125_000)
        let (result, time) = seconds { base.claimsWith("  customer: fabrikam\n", "  customer: \(million)\n").check() }
        #expect(time < 30)
        let errors = result.diagnostics.filter { $0.code == .unknownReference }
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("did you mean") == false)
    }

    /// Numbers the rules add to dates or counts are bounded when read: `timeline: { consent:
    /// 9223372036854775807 }` made the replay overflow and the process trap.
    @Test func hugeNumbersAreOutOfRangeNotACrash() {
        let huge = "9223372036854775807"
        let timeline = base.with(
            "Content/engagements/ws.md",
            base.files["Content/engagements/ws.md"]!
                .replacingOccurrences(
                    of: "pay: fixed\n", with: "pay: fixed\ntimeline: { consent: \(huge), review: 3650 }\n")
        ).check()
        #expect(
            timeline.diagnostics.map { "\($0.code.rawValue) \($0.message)" }
                == ["value-out-of-range engagement ws timeline: 'consent' must be at most 3650, not \(huge)"])
        let dueSoon = base.with(
            "Content/site.yaml", base.files["Content/site.yaml"]! + "email: { dueSoonDays: \(huge) }\n"
        ).check()
        #expect(dueSoon.diagnostics.map(\.code) == [.valueOutOfRange])
        let elsewhere = base.with(
            "Content/data/eligibility.yaml",
            base.files["Content/data/eligibility.yaml"]!
                .replacingOccurrences(of: "{ \"tpid:0012345\": 1 }", with: "{ \"tpid:0012345\": \(huge) }")
        ).check()
        #expect(elsewhere.diagnostics.filter { $0.severity == .error }.map(\.code) == [.valueOutOfRange])
    }

    @Test func aMillionDigitAmountIsAnErrorWithAShortMessage() {
        let digits = String(repeating: "9", count: 1_000_000)
        let (result, time) = seconds { base.claimsWith("dealSizeUSD: 1000 }", "dealSizeUSD: \(digits) }").check() }
        #expect(time < 30)
        let errors = result.diagnostics.filter { $0.severity == .error }
        // More digits than an amount can hold exactly: out of range, the value quoted short.
        #expect(errors.map(\.code) == [.valueOutOfRange])
        #expect(
            errors.first?.message
                == "claim C-1 event 1 (consentRequested): 'dealSizeUSD' has too many digits to be held exactly ("
                + String(repeating: "9", count: 39) + "…); round it to at most 38 significant digits")
    }

    /// One claims file of `count` copies of the fixture's C-1 (about 440 bytes each).
    func bigClaimsFile(_ count: Int) -> FixtureSite {
        let claim = base.files["Content/data/claims/a.yaml"]!
        var text = ""
        text.reserveCapacity(claim.utf8.count * count)
        for i in 0..<count { text += claim.replacingOccurrences(of: "- id: C-1\n", with: "- id: C-\(i + 10)\n") }
        return base.with("Content/data/claims/c.yaml", text)
    }

    /// The 100 MB file is measured by scripts/limits.sh (docs/input-format.md, Limits); here a
    /// 4 MB one, and that four times the claims take about four times as long.
    @Test func aLargeClaimsFileIsCheckedInLinearTime() {
        let (small, smallTime) = seconds { bigClaimsFile(2_500).check() }
        let site = bigClaimsFile(10_000)
        #expect(site.files["Content/data/claims/c.yaml"]!.utf8.count > 4_000_000)
        let (large, largeTime) = seconds { site.check() }
        #expect(small.model.claims.count == 2_502)
        #expect(large.model.claims.count == 10_002)
        #expect(largeTime < max(1, smallTime) * 8, "2,500 claims: \(smallTime) s, 10,000: \(largeTime) s")
    }

    /// One claim with `count` events: consent, then `submitted` and `actionRequired` in turn.
    func claimWithEvents(_ count: Int) -> FixtureSite {
        var events = "    - { on: 2026-11-02, type: consentRequested, dealSizeUSD: 1000 }\n"
        events += "    - { on: 2026-11-02, type: consentAccepted }\n"
        for i in 0..<(count - 2) {
            events += "    - { on: 2026-11-03, type: \(i % 2 == 0 ? "submitted" : "actionRequired") }\n"
        }
        return base.claimsWith("    - { on: 2026-11-02, type: consentRequested, dealSizeUSD: 1000 }\n", events)
    }

    @Test func tenThousandEventsThatAreNotAllowedAreLinear() {
        // 10,000 events that the status does not allow: one diagnostic each, each at its event.
        func site(_ count: Int) -> FixtureSite {
            let events = String(repeating: "    - { on: 2026-11-02, type: reviewStarted }\n", count: count)
            return base.claimsWith("    - { on: 2026-11-02, type: consentRequested, dealSizeUSD: 1000 }\n", events)
        }
        let (small, smallTime) = seconds { site(2_500).check() }
        let (large, largeTime) = seconds { site(10_000).check() }
        #expect(small.diagnostics.filter { $0.code == .eventNotAllowed }.count == 2_500)
        let errors = large.diagnostics.filter { $0.code == .eventNotAllowed }
        #expect(errors.count == 10_000)
        #expect(
            errors.last?.location
                == SourceLocation(file: "Content/data/claims/a.yaml", line: 13 + 10_000 - 1, column: 7))
        #expect(largeTime < max(1, smallTime) * 8, "2,500 events: \(smallTime) s, 10,000: \(largeTime) s")
    }

    @Test func tenThousandEventsOnOneClaimAreLinear() throws {
        let (small, smallTime) = try seconds { try render(claimWithEvents(2_500)) }
        let (large, largeTime) = try seconds { try render(claimWithEvents(10_000)) }
        #expect(small.diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(large.diagnostics.filter { $0.severity == .error }.isEmpty)
        let page = String(decoding: try #require(large.files["claims/C-1.html"]), as: UTF8.self)
        #expect(
            page.components(separatedBy: "<li").count > 10_000 || page.components(separatedBy: "<tr").count > 10_000)
        #expect(largeTime < 60)
        // Four times the events: not sixteen times the time (a quadratic step would show).
        #expect(largeTime < max(1, smallTime) * 8, "2,500 events: \(smallTime) s, 10,000: \(largeTime) s")
    }
}

/// The source line quoted under a diagnostic is bounded: a minified JSON file is one long line.
@Suite struct DiagnosticExcerptTests {
    @Test func shortLinesAreQuotedWhole() {
        #expect(DiagnosticPrinter.excerpt("  engagement: wz", column: 15) == ("  engagement: wz", 14))
        #expect(DiagnosticPrinter.excerpt("x", column: 0) == ("x", nil))
    }

    @Test func longLinesAreQuotedAroundTheColumn() {
        let line = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let (text, caret) = DiagnosticPrinter.excerpt(line, column: 201)
        #expect(text == "…" + String(repeating: "[", count: 160) + "…")
        #expect(caret == 81)
        // At the start and at the end of the line.
        #expect(DiagnosticPrinter.excerpt(line, column: 1) == (String(repeating: "[", count: 160) + "…", 0))
        #expect(DiagnosticPrinter.excerpt(line, column: 200_000) == ("…" + String(repeating: "]", count: 160), 160))
    }

    @Test func aMinifiedFileWithManyErrorsPrintsLittle() throws {
        // 2,000 claims on one line, each with an unknown field: 2,000 diagnostics.
        let claim = #"""
            {"id": "C-N", "displayName": "x", "engagement": "ws", "customer": "fabrikam", "origin": "claimed", \#
            "location": "4400001", "createdOn": "2026-11-01", "customerContact": {"email": "a@b.example"}, \#
            "partnerContact": {"email": "anna@partner.example"}, "colour": "red"}
            """#
        let line =
            "["
            + (0..<2_000).map { claim.replacingOccurrences(of: "C-N", with: "C-\($0 + 10)") }.joined(separator: ", ")
            + "]"
        let site = FixtureSite().with("Content/data/claims/c.json", line)
        let result = site.check()
        var printer = DiagnosticPrinter(files: .memory(site.files))
        let start = DispatchTime.now().uptimeNanoseconds
        let text = printer.format(result.diagnostics)
        // Each quote is cut from the line's scalars, made once (15 s in a debug build when each
        // diagnostic counted its way along the line).
        #expect(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < 5)
        #expect(result.diagnostics.filter { $0.code == .unknownField }.count == 2_000)
        // About 1 KB each (the message lists the known fields); the whole line would be 540 KB.
        #expect(text.utf8.count < 2_000 * 1_500)
    }
}
