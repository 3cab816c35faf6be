import ClaimModel
import ClaimRules
import Foundation

/// How values are written on pages.
enum Formats {
    /// `USD 12,345.00`.
    static func money(_ amount: Decimal) -> String { "USD " + amount.groupedMoneyText }

    /// Items as people list them: "A", "A and B", "A, B and C" (as `CustomerIDType.listed`).
    static func listed(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// A share as a percentage without trailing zeros: 0.10 is "10%", 0.125 is "12.5%".
    static func percent(_ share: Decimal) -> String { NSDecimalNumber(decimal: share * 100).stringValue + "%" }

    /// "due today", "1 day left", "12 days left", "passed 3 days ago".
    static func daysLeft(_ deadline: Day, asOf: Day) -> String {
        let n = asOf.days(until: deadline)
        switch n {
        case 0: return "due today"
        case 1: return "1 day left"
        case 2...: return "\(n) days left"
        case -1: return "passed yesterday"
        default: return "passed \(-n) days ago"
        }
    }

    /// A CSS class for a status: needs the partner, waits on Microsoft, approved, or ended.
    static func statusClass(_ status: ClaimStatus) -> String {
        switch status {
        case .customerClaimed, .awaitingConsent, .consentReceived, .partnerActionRequired, .rejected: return "status-action"
        case .submitted, .underReview, .disputed: return "status-waiting"
        case .approved: return "status-approved"
        default: return "status-ended"
        }
    }

    /// "critical" for an action due today, "urgent" for one due soon, else "".
    static func urgency(_ state: ClaimState, asOf: Day, dueSoonDays: Int) -> String {
        guard state.isDueSoon(asOf: asOf, days: dueSoonDays), let deadline = state.deadline else { return "" }
        return deadline == asOf ? "critical" : "urgent"
    }

    /// A replay step's note in words ("submit deadline 2026-12-10 = consent day 2026-09-11 + 90 days").
    static func note(_ note: StepNote) -> String {
        switch note {
        case let .set(kind, deadline, base, baseDay, days):
            return "\(Words.deadline(kind)) deadline \(deadline) = \(deadlineBase(base)) \(baseDay) + \(days) days"
        case let .reviewReset(deadline, disputeDay, days):
            return "review deadline reset to \(deadline) = dispute day \(disputeDay) + \(days) days"
        case let .payment(expected, days):
            return "expected payment by \(expected) = approval day + \(days) days"
        case let .passed(kind, deadline):
            return "the \(Words.deadline(kind)) deadline \(deadline) passed"
        }
    }

    /// The day a deadline counts from, in words.
    static func deadlineBase(_ base: DeadlineBase) -> String {
        switch base {
        case .created: return "created"
        case .consentDay: return "consent day"
        case .rejectionDay: return "rejection day"
        }
    }

    /// What happened at a replay step, in words.
    static func step(_ step: ReplayStep) -> String {
        switch step.cause {
        case .created: return "Claim created"
        case .event(_, let type): return Words.event(type)
        case .deadlinePassed(let kind, let deadline): return "The \(Words.deadline(kind)) deadline \(deadline) passed"
        }
    }
}

/// How pages say replay steps, notes and orders in the build's language (docs/languages.md):
/// the same sentences as above, from the catalogue's `page.step.*`, `page.note.*` and `page.base.*`
/// keys, with dates as the language writes them.
extension Formats {
    /// A replay step's note in the words of `speech`.
    static func note(_ note: StepNote, speech: Speech) -> String {
        switch note {
        case let .set(kind, deadline, base, baseDay, days):
            return speech.text("page.note.set", ["deadline": speech.deadline(kind), "date": speech.date(deadline),
                                                 "base": deadlineBase(base, speech: speech), "baseDate": speech.date(baseDay), "days": "\(days)"])
        case let .reviewReset(deadline, disputeDay, days):
            return speech.text("page.note.reviewReset", ["date": speech.date(deadline), "disputeDate": speech.date(disputeDay), "days": "\(days)"])
        case let .payment(expected, days):
            return speech.text("page.note.payment", ["date": speech.date(expected), "days": "\(days)"])
        case let .passed(kind, deadline):
            return speech.text("page.note.passed", ["deadline": speech.deadline(kind), "date": speech.date(deadline)])
        }
    }

    /// The day a deadline counts from, in the words of `speech`.
    static func deadlineBase(_ base: DeadlineBase, speech: Speech) -> String {
        switch base {
        case .created: return speech.text("page.base.created")
        case .consentDay: return speech.text("page.base.consentDay")
        case .rejectionDay: return speech.text("page.base.rejectionDay")
        }
    }

    /// What happened at a replay step, in the words of `speech`.
    static func step(_ step: ReplayStep, speech: Speech) -> String {
        switch step.cause {
        case .created: return speech.text("page.step.created")
        case .event(_, let type): return speech.event(type)
        case .deadlinePassed(let kind, let deadline):
            return speech.text("page.step.deadlinePassed", ["deadline": speech.deadline(kind), "date": speech.date(deadline)])
        }
    }

    /// Whether a name people read, `a`, comes before `b` in the collation of `language`
    /// (docs/languages.md): Foundation's locale-aware comparison, so that "Müller" and "Ökonom"
    /// sort among the M and O names in every language; `nil` when the two collate as equal, for
    /// the caller's tie-break on IDs' bytes.
    static func collates(_ a: String, before b: String, in language: Language) -> Bool? {
        switch a.compare(b, options: [], range: nil, locale: Locale(identifier: language.rawValue)) {
        case .orderedAscending: return true
        case .orderedDescending: return false
        case .orderedSame: return nil
        }
    }
}

/// Relative links between pages of the output.
struct Links {
    /// The page the links are written on (relative to the output root).
    let page: String
    /// `../` once per folder level of the page.
    let root: String

    init(page: String) {
        self.page = page
        root = String(repeating: "../", count: page.split(separator: "/").count - 1)
    }

    /// A link from this page to `target` (relative to the output root).
    func to(_ target: String) -> String { root + target }
}
