import ClaimModel
import ClaimRules
import Foundation

/// The email summary of an evaluation (or of one user's claims): actions due soon first, then
/// the other open actions, recent changes, counts per status and engagement, and approved
/// payouts with their expected payment dates — as plain text and as HTML with inline styles.
public struct EmailSummary: Sendable {
    /// The subject line.
    public var subject: String
    /// The plain-text version (LF line ends).
    public var text: String
    /// The HTML version (inline styles, no scripts, nothing external).
    public var html: String

    /// How many days back "recently changed" reaches (the as-of day and the 6 before it).
    public static let recentDays = 7

    /// The summary of `claims` (all of the evaluation's claims, or one user's).
    public static func build(claims: [ClaimFacts], evaluation: Evaluation, settings: SiteSettings, paths: PagePaths,
                             audienceTitle: String) -> EmailSummary {
        let asOf = evaluation.asOf
        let dueSoonDays = settings.dueSoonDays
        let open = claims.filter { $0.state.action != .none }
            .sorted { $0.state.deadline! != $1.state.deadline! ? $0.state.deadline! < $1.state.deadline! : $0.claim.id.precedesByUTF8($1.claim.id) }
        let dueSoon = open.filter { $0.state.isDueSoon(asOf: asOf, days: dueSoonDays) }
        let laterActions = open.filter { !$0.state.isDueSoon(asOf: asOf, days: dueSoonDays) }
        let since = asOf.adding(days: -(recentDays - 1))
        let changed = claims.compactMap { facts -> (ClaimFacts, ReplayStep)? in
            guard let step = facts.state.steps.last(where: { $0.day >= since && $0.day <= asOf }) else { return nil }
            return (facts, step)
        }.sorted { $0.1.day != $1.1.day ? $0.1.day > $1.1.day : $0.0.claim.id.precedesByUTF8($1.0.claim.id) }
        let approved = claims.filter { $0.state.status == .approved }
            .sorted { ($0.state.expectedPaymentBy ?? asOf) != ($1.state.expectedPaymentBy ?? asOf)
                ? ($0.state.expectedPaymentBy ?? asOf) > ($1.state.expectedPaymentBy ?? asOf) : $0.claim.id.precedesByUTF8($1.claim.id) }

        let name = { (id: String) in evaluation.site.customers[id]?.name ?? id }
        let link = { (facts: ClaimFacts) -> String? in
            settings.baseURL.map { base in (base.hasSuffix("/") ? base : base + "/") + paths.claim(facts.claim.id) }
        }
        let plural = { (n: Int, word: String) in "\(n) \(word)\(n == 1 ? "" : "s")" }
        let subject = "\(settings.title): \(plural(dueSoon.count, "action")) due within \(dueSoonDays) days, as of \(asOf)"

        // Plain text.
        var t: [String] = []
        t.append("\(settings.title) — \(audienceTitle)")
        t.append("\(settings.partnerName), Microsoft Commerce Incentives claims as of \(asOf).")
        t.append("")
        func claimLines(_ facts: ClaimFacts, _ headline: String) {
            t.append("* \(facts.claim.id)  \(headline)")
            t.append("  \(facts.claim.displayName)")
            t.append("  Customer: \(name(facts.claim.customer)) · Engagement: \(facts.engagement.name)")
            t.append("  Status: \(facts.state.status.label)")
            if let url = link(facts) { t.append("  \(url)") }
        }
        func actionHeadline(_ facts: ClaimFacts) -> String {
            "\(facts.state.action.label) by \(facts.state.deadline!) (\(Formats.daysLeft(facts.state.deadline!, asOf: asOf)))"
        }
        t.append(underline("Due within \(dueSoonDays) days (\(dueSoon.count))"))
        if dueSoon.isEmpty { t.append("Nothing is due within \(dueSoonDays) days.") }
        for facts in dueSoon { claimLines(facts, actionHeadline(facts)) }
        t.append("")
        t.append(underline("Other open actions (\(laterActions.count))"))
        if laterActions.isEmpty { t.append("No other open action.") }
        for facts in laterActions { claimLines(facts, actionHeadline(facts)) }
        t.append("")
        t.append(underline("Changed in the last \(recentDays) days (\(changed.count))"))
        if changed.isEmpty { t.append("No claim changed since \(since).") }
        for (facts, step) in changed {
            claimLines(facts, "\(step.day): \(Formats.step(step)) → \(step.to.label)")
            if facts.state.action != .none { t.append("  Action: \(actionHeadline(facts))") }
        }
        t.append("")
        t.append(underline("Claims by status"))
        let statusCounts = ClaimStatus.allCases.compactMap { status -> (ClaimStatus, Int)? in
            let n = claims.filter { $0.state.status == status }.count
            return n == 0 ? nil : (status, n)
        }
        for (status, n) in statusCounts { t.append("  \(pad(status.label, 36)) \(n)") }
        t.append("")
        t.append(underline("Claims by engagement"))
        let engagementCounts = evaluation.engagements.compactMap { e -> (EngagementFacts, Int, Int)? in
            let mine = claims.filter { $0.claim.engagement == e.engagement.id }
            guard !mine.isEmpty else { return nil }
            return (e, mine.filter { !$0.state.status.isTerminal }.count, mine.filter { $0.state.status.isTerminal }.count)
        }
        for (e, openCount, done) in engagementCounts { t.append("  \(e.engagement.name): \(openCount) open, \(done) completed") }
        t.append("")
        let total = approved.compactMap(\.payoutUSD).reduce(Decimal(0), +)
        t.append(underline("Approved payouts (\(approved.count), \(Formats.money(total)))"))
        if approved.isEmpty { t.append("No approved claim.") }
        for facts in approved {
            let amount = facts.payoutUSD.map(Formats.money) ?? "—"
            t.append("* \(facts.claim.id)  \(amount), expected payment by \(facts.state.expectedPaymentBy?.description ?? "—")")
            t.append("  \(facts.claim.displayName) · \(name(facts.claim.customer))")
        }
        t.append("")
        t.append("A deadline day is still in time. Partner Center is the system of record: act there.")
        if let base = settings.baseURL { t.append("Portal: \(base)") }

        // HTML.
        let cell = "padding:6px 8px;border-bottom:1px solid #d5dae1;text-align:left;vertical-align:top"
        let headCell = cell + ";background:#f4f6f8;color:#4a5360;font-size:13px"
        var h: [String] = []
        h.append("<!DOCTYPE html>")
        h.append("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(escape(subject))</title></head>")
        h.append("<body style=\"margin:0;padding:16px;font-family:Segoe UI,Arial,sans-serif;color:#1b1f24;line-height:1.45\">")
        h.append("<h1 style=\"font-size:20px;margin:0 0 4px\">\(escape(settings.title))</h1>")
        h.append("<p style=\"margin:0 0 16px;color:#4a5360\">\(escape(settings.partnerName)) · \(escape(audienceTitle)) · as of \(asOf)</p>")
        func claimTable(_ rows: [ClaimFacts], headline: (ClaimFacts) -> String, urgentCheck: Bool) {
            h.append("<table style=\"border-collapse:collapse;width:100%;font-size:14px\" role=\"presentation\">")
            h.append("<tr><th style=\"\(headCell)\">Claim</th><th style=\"\(headCell)\">Customer / engagement</th><th style=\"\(headCell)\">Status</th><th style=\"\(headCell)\">Action</th></tr>")
            for facts in rows {
                let urgent = urgentCheck && facts.state.deadline == asOf
                let idHTML = link(facts).map { "<a href=\"\(escape($0))\" style=\"color:#0b5cad\">\(escape(facts.claim.id))</a>" } ?? escape(facts.claim.id)
                h.append("<tr\(urgent ? " style=\"background:#ffe3e0\"" : "")><td style=\"\(cell)\"><strong>\(idHTML)</strong><br>\(escape(facts.claim.displayName))</td>"
                         + "<td style=\"\(cell)\">\(escape(name(facts.claim.customer)))<br><span style=\"color:#4a5360\">\(escape(facts.engagement.name))</span></td>"
                         + "<td style=\"\(cell)\">\(escape(facts.state.status.label))</td><td style=\"\(cell)\">\(escape(headline(facts)))</td></tr>")
            }
            h.append("</table>")
        }
        func section(_ title: String) { h.append("<h2 style=\"font-size:16px;margin:20px 0 6px;border-bottom:2px solid #0b5cad\">\(escape(title))</h2>") }
        section("Due within \(dueSoonDays) days (\(dueSoon.count))")
        if dueSoon.isEmpty { h.append("<p>Nothing is due within \(dueSoonDays) days.</p>") } else { claimTable(dueSoon, headline: actionHeadline, urgentCheck: true) }
        section("Other open actions (\(laterActions.count))")
        if laterActions.isEmpty { h.append("<p>No other open action.</p>") } else { claimTable(laterActions, headline: actionHeadline, urgentCheck: false) }
        section("Changed in the last \(recentDays) days (\(changed.count))")
        if changed.isEmpty {
            h.append("<p>No claim changed since \(since).</p>")
        } else {
            let steps = Dictionary(changed.map { ($0.0.claim.id, $0.1) }, uniquingKeysWith: { a, _ in a })
            claimTable(changed.map(\.0), headline: { facts in
                let step = steps[facts.claim.id]!
                return "\(step.day): \(Formats.step(step))" + (facts.state.action != .none ? " — next: \(actionHeadline(facts))" : "")
            }, urgentCheck: false)
        }
        section("Claims by status")
        h.append("<table style=\"border-collapse:collapse;font-size:14px\" role=\"presentation\">")
        for (status, n) in statusCounts { h.append("<tr><td style=\"\(cell)\">\(escape(status.label))</td><td style=\"\(cell);text-align:right\">\(n)</td></tr>") }
        h.append("</table>")
        section("Claims by engagement")
        h.append("<table style=\"border-collapse:collapse;font-size:14px\" role=\"presentation\">")
        for (e, openCount, done) in engagementCounts {
            h.append("<tr><td style=\"\(cell)\">\(escape(e.engagement.name))</td><td style=\"\(cell)\">\(openCount) open</td><td style=\"\(cell)\">\(done) completed</td></tr>")
        }
        h.append("</table>")
        section("Approved payouts (\(approved.count), \(Formats.money(total)))")
        if approved.isEmpty {
            h.append("<p>No approved claim.</p>")
        } else {
            h.append("<table style=\"border-collapse:collapse;font-size:14px\" role=\"presentation\">")
            for facts in approved {
                h.append("<tr><td style=\"\(cell)\"><strong>\(escape(facts.claim.id))</strong> \(escape(facts.claim.displayName))</td>"
                         + "<td style=\"\(cell);text-align:right\">\(escape(facts.payoutUSD.map(Formats.money) ?? "—"))</td>"
                         + "<td style=\"\(cell)\">expected payment by \(facts.state.expectedPaymentBy?.description ?? "—")</td></tr>")
            }
            h.append("</table>")
        }
        h.append("<p style=\"margin-top:20px;color:#4a5360;font-size:13px\">A deadline day is still in time. Partner Center is the system of record: act there.\(settings.baseURL.map { " Portal: <a href=\"\(escape($0))\" style=\"color:#0b5cad\">\(escape($0))</a>" } ?? "")</p>")
        h.append("</body></html>")
        return EmailSummary(subject: subject, text: t.joined(separator: "\n") + "\n", html: h.joined(separator: "\n") + "\n")
    }

    static func underline(_ title: String) -> String { title + "\n" + String(repeating: "-", count: title.count) }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// HTML-escapes text.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
