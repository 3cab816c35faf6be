import ClaimModel
import ClaimRules
import Foundation

/// How values are written on pages.
enum Formats {
    /// A CSS class for a status: needs the partner, waits on Microsoft, approved, or ended.
    static func statusClass(_ status: ClaimStatus) -> String {
        switch status {
        case .customerClaimed, .awaitingConsent, .consentReceived, .partnerActionRequired, .rejected:
            return "status-action"
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

    /// The claim's deadline window relative to the as-of date, as the Deadline filter's code
    /// (docs/output.md, Filters and sorting): "dueSoon" for an open action due within
    /// `dueSoonDays`, "later" for one due after, "none" when nothing is due of the partner.
    static func window(_ state: ClaimState, asOf: Day, dueSoonDays: Int) -> String {
        guard state.action != .none, state.deadline != nil else { return "none" }
        return state.isDueSoon(asOf: asOf, days: dueSoonDays) ? "dueSoon" : "later"
    }

}

/// How pages say replay steps, notes and orders in the build's language (docs/languages.md):
/// from the catalogue's `page.step.*`, `page.note.*` and `page.base.*` keys, with dates as the
/// language writes them.
extension Formats {
    /// A replay step's note in the words of `speech`, days as the language writes them.
    static func note(_ note: StepNote, speech: Speech) -> String { speech.replayNote(note, day: speech.date) }

    /// What happened at a replay step, in the words of `speech`.
    static func step(_ step: ReplayStep, speech: Speech) -> String {
        switch step.cause {
        case .created: return speech.text("page.step.created")
        case .event(_, let type): return speech.event(type)
        case .deadlinePassed(let kind, let deadline):
            return speech.text(
                "page.step.deadlinePassed", ["deadline": speech.deadline(kind), "date": speech.date(deadline)])
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
