import ClaimModel
import ClaimRules
import Foundation
import OutputFiles

/// `deadlines.ics`: an RFC 5545 calendar with one all-day event per open action deadline, for
/// Outlook and Google Calendar (import or subscription).
///
/// Every open claim whose action is not `none` gives one event on its action's deadline. An
/// event's `UID` is made of the claim ID and the deadline kind only (`MCI-000154.review@claimsite`),
/// so when a later build moves the deadline or changes the action, a subscribed calendar updates
/// the event instead of adding a second one. Nothing depends on the clock: `DTSTAMP` is the
/// as-of date at midnight UTC, and the same input gives the same bytes. The calendar carries no
/// contact details and no referral links, so it is the same for every audience.
public enum CalendarExport {
    /// The `PRODID` of the calendar.
    public static let productID = "-//ClaimSite//MCI claim deadlines//EN"

    /// The calendar of the open action deadlines of `evaluation`, sorted by deadline, then
    /// claim ID (UTF-8). `settings` gives the calendar's name (`title`), the reminder
    /// (`email.dueSoonDays`, default 7, days before) and, with `baseURL`, the claim pages' URLs.
    public static func deadlines(
        evaluation: Evaluation, model: SiteModel, settings: SiteSettings,
        paths: PagePaths
    ) -> Data {
        let sink = MemorySink()
        write(evaluation: evaluation, model: model, settings: settings, paths: paths, to: sink)
        return sink.files[path] ?? Data()
    }

    /// Where the calendar goes in the output.
    public static let path = "deadlines.ics"

    /// Writes `deadlines.ics` into `sink` event by event, as it is made.
    public static func write(
        evaluation: Evaluation, model: SiteModel, settings: SiteSettings,
        paths: PagePaths, speech: Speech = .english, pieces: ExportPieces? = nil, to sink: OutputSink
    ) {
        sink.stream(path) { out in
            write(
                evaluation: evaluation, model: model, settings: settings, paths: paths, speech: speech, pieces: pieces,
                into: &out)
        }
    }

    static func write(
        evaluation: Evaluation, model: SiteModel, settings: SiteSettings, paths: PagePaths,
        speech: Speech = .english, pieces: ExportPieces? = nil, into out: inout StreamWriter
    ) {
        func emit(_ lines: [String]) {
            for line in lines { out.append(folded(line) + "\r\n") }
        }
        var names: [ByteKey: String] = [:]  // by customer ID's bytes
        for customer in model.customers where names[ByteKey(customer.id)] == nil {
            names[ByteKey(customer.id)] = customer.name
        }
        let open = evaluation.claims.indices.compactMap {
            i -> (facts: ClaimFacts, deadline: Day, kind: DeadlineKind, index: Int)? in
            let s = evaluation.claims[i].state
            guard !s.status.isTerminal, s.action != .none, let deadline = s.deadline, let kind = s.deadlineKind else {
                return nil
            }
            return (evaluation.claims[i], deadline, kind, i)
        }.sorted { a, b in
            a.deadline != b.deadline ? a.deadline < b.deadline : a.facts.claim.id.precedesByUTF8(b.facts.claim.id)
        }

        let calendarDescription = speech.text(
            "calendar.description", ["partner": settings.partnerName, "asOf": "\(evaluation.asOf)"])
        emit([
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:\(productID)",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:\(escaped(settings.title))",
            "X-WR-CALDESC:\(escaped(calendarDescription))",
        ])
        let stamp = "\(compact(evaluation.asOf))T000000Z"
        let reminderDays = max(0, settings.dueSoonDays)
        // An event is copied from the last build's pieces when its claim's key is the same (the
        // key covers the as-of day, the settings and the language: DTSTAMP, the reminder and the words).
        for item in open {
            pieces.append(pieces?.claim(.calendarEvent, item.index), to: &out) { bytes in
                var lines: [String] = []
                event(item, into: &lines)
                for line in lines { bytes += (folded(line) + "\r\n").utf8 }
            }
        }
        emit(["END:VCALENDAR"])

        func event(_ item: (facts: ClaimFacts, deadline: Day, kind: DeadlineKind, index: Int), into out: inout [String])
        {
            let facts = item.facts, claim = facts.claim
            let customer = names[ByteKey(claim.customer)] ?? claim.customer
            let summary = "\(title(for: facts.state.action, claim: claim.id, speech: speech)) – \(customer)"
            let url = pageURL(settings.baseURL, page: paths.claim(claim.id))
            let about = description(
                facts, deadline: item.deadline, kind: item.kind, customer: customer, url: url,
                asOf: evaluation.asOf, speech: speech)
            var lines = [
                "BEGIN:VEVENT",
                "UID:\(uid(claim: claim.id, kind: item.kind))",
                "SEQUENCE:\(max(0, facts.state.steps.count - 1))",
                "DTSTAMP:\(stamp)",
                "DTSTART;VALUE=DATE:\(compact(item.deadline))",
                "DTEND;VALUE=DATE:\(compact(item.deadline.adding(days: 1)))",
                "SUMMARY:\(escaped(summary))",
                "DESCRIPTION:\(escaped(about))",
            ]
            if let url, url.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) {
                lines.append("URL:\(url)")
            }
            lines += [
                "CATEGORIES:MCI",
                "TRANSP:TRANSPARENT",
                "STATUS:CONFIRMED",
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                "DESCRIPTION:\(escaped(summary))",
                "TRIGGER:-P\(reminderDays)D",
                "END:VALARM",
                "END:VEVENT",
            ]
            out = lines
        }
    }

    /// A stable, safe `UID` for a claim's deadline: the claim ID with every byte other than
    /// letters, digits, `-`, `.`, `_` and `~` percent-encoded, then `.KIND@claimsite`.
    public static func uid(claim id: String, kind: DeadlineKind) -> String {
        var out = ""
        for byte in id.utf8 {
            let plain =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "~")
            if plain {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return "\(out).\(kind.rawValue)@claimsite"
    }

    /// `text` as an RFC 5545 TEXT value: `\` `;` `,` escaped with a backslash, every line
    /// break (CRLF, CR or LF) written `\n`, and other control characters but TAB dropped.
    public static func escaped(_ text: String) -> String {
        var out = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousWasCR { out += "\\n" }
            case "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A content line folded after RFC 5545 section 3.1: no physical line longer than 75
    /// octets, continuation lines start with a space, a UTF-8 sequence is never split (and a
    /// character made of several scalars, such as `⚡️`, is kept whole when it fits a line).
    /// The lines are joined by CRLF; the final CRLF is not included.
    public static func folded(_ line: String) -> String {
        let utf8 = line.utf8
        if utf8.count <= 75 { return line }
        // When every character is a single scalar (no combining marks, emoji sequences or
        // CRLF), a character is the UTF-8 sequence of one scalar: fold on those boundaries
        // straight over the bytes.
        guard line.unicodeScalars.count == line.count else { return foldedByCharacter(line) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + utf8.count / 70 * 3 + 3)
        var used = 0
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let lead = utf8[i]
            let size = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            let end = utf8.index(i, offsetBy: size, limitedBy: utf8.endIndex) ?? utf8.endIndex
            if used + size > 75 {
                bytes += [0x0D, 0x0A, 0x20]
                used = 1
            }
            bytes += utf8[i..<end]
            used += size
            i = end
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `folded` for any line, character by character (the general path).
    static func foldedByCharacter(_ line: String) -> String {
        var out = ""
        var used = 0
        func append(_ piece: Substring.UnicodeScalarView, size: Int) {
            if used + size > 75 {
                out += "\r\n "
                used = 1
            }
            out.unicodeScalars.append(contentsOf: piece)
            used += size
        }
        for character in line {
            let text = String(character)
            let size = text.utf8.count
            if size <= 74 {
                append(Substring(text).unicodeScalars, size: size)
            } else {
                for scalar in text.unicodeScalars {
                    append(Substring(String(scalar)).unicodeScalars, size: String(scalar).utf8.count)
                }
            }
        }
        return out
    }

    /// `YYYYMMDD`, the form of an RFC 5545 DATE.
    static func compact(_ day: Day) -> String { day.description.replacingOccurrences(of: "-", with: "") }

    /// "Resubmit claim MCI-000154", "Send consent email for claim MCI-000123".
    static func title(for action: ClaimAction, claim id: String, speech: Speech = .english) -> String {
        switch action {
        case .submitClaim, .resubmitClaim, .disputeClaim:
            return speech.text("calendar.title", ["action": speech.action(action), "id": id])
        default: return speech.text("calendar.titleForClaim", ["action": speech.action(action), "id": id])
        }
    }

    /// What to do, and why by that day.
    static func instruction(for action: ClaimAction, speech: Speech = .english) -> String {
        switch action {
        case .sendConsentEmail, .resendConsentEmail, .submitClaim, .resubmitClaim, .disputeClaim:
            return speech.text("calendar.instruction.\(action.rawValue)")
        case .claimCustomer, .none:
            return speech.text("calendar.instruction.other")
        }
    }

    /// The event's description: what to do, the claim, its status, the deadline rule, the page.
    /// Its words, dates and amounts are in the language of `speech`, as the pages write them
    /// (`10.12.2026`, `5.000,00 USD`); the calendar's own values (`DTSTART`) stay ISO
    /// (docs/languages.md).
    static func description(
        _ facts: ClaimFacts, deadline: Day, kind: DeadlineKind, customer: String, url: String?,
        asOf: Day, speech: Speech = .english
    ) -> String {
        let claim = facts.claim, state = facts.state, engagement = facts.engagement
        var lines = [instruction(for: state.action, speech: speech)]
        let latest = claim.events.last { $0.on <= asOf && ($0.type == .actionRequired || $0.type == .rejected) }
        if state.action == .resubmitClaim, let comment = latest?.comment {
            lines.append(speech.text("calendar.comment", ["comment": comment]))
        }
        if state.action == .disputeClaim, let reason = latest?.reason {
            lines.append(speech.text("calendar.reason", ["reason": reason]))
        }
        lines.append("")
        lines.append(speech.text("calendar.claim", ["id": claim.id, "name": claim.displayName]))
        lines.append(speech.text("calendar.customer", ["name": customer, "id": claim.customer]))
        lines.append(speech.text("calendar.engagement", ["name": engagement.name, "id": engagement.id]))
        lines.append(
            speech.text("calendar.status", ["asOf": speech.date(asOf), "status": speech.status(state.status)]))
        let rule =
            state.steps.flatMap(\.notes).last { $0.sets(kind) != nil }.map { speech.replayNote($0, day: speech.date) }
            ?? speech.text("calendar.deadlineRule", ["kind": speech.deadline(kind), "date": speech.date(deadline)])
        lines.append(speech.text("calendar.deadline", ["rule": rule]))
        if let expiry = Lifecycle.timedChange(state.status, state.deadlines) {
            lines.append(
                speech.text(
                    "calendar.expiry",
                    ["day": speech.date(deadline.adding(days: 1)), "status": speech.status(expiry.to)]))
        }
        if let amount = facts.payoutUSD {
            lines.append(
                speech.text(
                    "calendar.payout",
                    [
                        "amount": speech.money(amount),
                        "state": speech.text(facts.payoutIsApproved ? "calendar.approved" : "calendar.proposed"),
                    ]))
        }
        if let url { lines.append(speech.text("calendar.page", ["url": url])) }
        return lines.joined(separator: "\n")
    }

    /// The claim page's address under `baseURL`, or `nil` without one.
    static func pageURL(_ baseURL: String?, page: String) -> String? {
        guard let base = baseURL?.trimmingCharacters(in: .whitespaces), !base.isEmpty else { return nil }
        return base.hasSuffix("/") ? base + page : base + "/" + page
    }
}
