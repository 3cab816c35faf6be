import ClaimModel
import ClaimRules
import Foundation

/// How the portal, the emails, the calendar's events, the CSV label columns and `explain` say
/// things in the build's language (docs/languages.md): every code as its word from the
/// catalogue, sentences from the catalogue's patterns, dates and money by the language's
/// conventions. Machine-read output keeps its codes; its few words for people (report.json's
/// and `explain --json`'s `statusLabel` and `detail`, `nominate`'s `detail`) are said by
/// `Speech.english`, the built-in English catalogue, in every language.
public struct Speech: Sendable {
    /// The words.
    public let catalogue: Catalogue

    /// Speech in the words of `catalogue`.
    public init(_ catalogue: Catalogue) { self.catalogue = catalogue }

    /// English with the built-in words.
    public static let english = Speech(.builtIn(.en))

    /// The language spoken.
    public var language: Language { catalogue.language }

    /// The text of `key`.
    public func text(_ key: String) -> String { catalogue.text(key) }

    /// The text of `key` with its `{name}` placeholders filled.
    public func text(_ key: String, _ values: KeyValuePairs<String, String>) -> String { catalogue.text(key, values) }

    // MARK: codes

    public func status(_ status: ClaimStatus) -> String { text("status.\(status.rawValue)") }
    public func action(_ action: ClaimAction) -> String { text("action.\(action.rawValue)") }
    public func reason(_ reason: IneligibleReason) -> String { text("reason.\(reason.rawValue)") }
    public func reason(_ reason: NominationReason) -> String { text("nominationReason.\(reason.rawValue)") }
    public func idType(_ type: CustomerIDType) -> String { text("idType.\(type.rawValue)") }
    public func idTypes(_ types: [CustomerIDType]) -> String { listed(types.map(idType)) }
    public func id(_ id: TypedID) -> String { "\(idType(id.type)) \(id.value)" }
    public func activity(_ activity: Activity) -> String { text("activity.\(activity.rawValue)") }
    public func pay(_ pay: PayKind) -> String { text("pay.\(pay.rawValue)") }
    public func origin(_ origin: Origin) -> String { text("origin.\(origin.rawValue)") }
    public func event(_ type: EventType) -> String { text("event.\(type.rawValue)") }
    public func deadline(_ kind: DeadlineKind) -> String { text("deadline.\(kind.rawValue)") }
    public func role(_ role: AudienceRole) -> String { text("role.\(role.rawValue)") }
    public func role(_ role: UserRole) -> String { text("role.\(role.rawValue)") }
    public func referral(_ kind: ReferralFacts.Kind) -> String { text("referral.\(kind.rawValue)") }
    public func tab(_ tab: ClaimTab) -> String { text("tab.\(tab.rawValue)") }

    public func proofItem(_ item: ProofItem) -> String { text("proof.item.\(item.rawValue)") }

    // MARK: proof of execution (docs/rules.md#proof-of-execution)

    /// "3 of 4": the listed items done.
    public func proofCount(_ proof: ProofFacts) -> String {
        text("proof.count", ["done": "\(proof.done.count)", "listed": "\(proof.listed.count)"])
    }

    /// What a claim to submit or resubmit still needs: "Ready to submit…" or "Missing proof: …";
    /// `nil` unless its action is to submit or resubmit it under an engagement that asks for proof.
    public func proofReadiness(_ proof: ProofFacts?, short: Bool = false) -> String? {
        guard let proof, let ready = proof.ready else { return nil }
        if ready { return text(short ? "proof.readyShort" : "proof.ready") }
        return text("proof.missing", ["items": listed(proof.missing.map(proofItem))])
    }

    /// One item of the checklist: done on a day, sent and not completed, or not done.
    public func proofState(_ item: ProofItem, in proof: ProofFacts) -> String {
        let record = proof.records[item]
        if let done = record?.done {
            if let sent = record?.sent, sent != done {
                return text("proof.doneAfterSent", ["sent": date(sent), "date": date(done)])
            }
            return text("proof.done", ["date": date(done)])
        }
        if let sent = record?.sent { return text("proof.sentNotDone", ["date": date(sent)]) }
        return text("proof.notDone")
    }

    /// A country's name in the language, from Foundation's locale data, for its ISO 3166 code
    /// ("GB" → "United Kingdom" / "Vereinigtes Königreich"); the code itself when unknown.
    public func country(_ code: String) -> String {
        Locale(identifier: language.rawValue).localizedString(forRegionCode: code) ?? code
    }

    /// Words joined as the language lists them: "A, B and C" / "A, B und C".
    public func listed(_ words: [String]) -> String {
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + text("list.lastSeparator") + words.last!
    }

    // MARK: sentences

    /// Why an ID failed its check for `engagement`; `nil` when it is eligible.
    public func idCheck(_ check: IDCheck, for id: TypedID, engagement: Engagement) -> String? {
        switch check {
        case .eligible: return nil
        case .typeNotAccepted:
            return text("detail.typeNotAccepted", ["id": self.id(id), "types": idTypes(engagement.customerIdTypes)])
        case .verdict(let recorded):
            let words = reason(IneligibleReason(recorded.verdict))
            if recorded.on != id {
                return text(
                    "detail.verdictRecordedOn", ["id": self.id(id), "verdict": words, "on": self.id(recorded.on)])
            }
            return text("detail.verdict", ["id": self.id(id), "verdict": words])
        case .domainNotInDirectory:
            return text("detail.domainNotInDirectory", ["id": self.id(id)])
        case .notListed(let checked):
            if checked != id { return text("detail.tenantNotListed", ["id": self.id(id), "tenant": checked.value]) }
            return text("detail.notListed", ["id": self.id(id)])
        }
    }

    /// An Ineligible row's detail.
    public func detail(_ why: IneligibleWhy, engagement: Engagement) -> String {
        switch why {
        case .noEligibleLocation: return text("detail.noEligibleLocation")
        case .noCandidate: return text("detail.noCandidate")
        case .candidate(let id, let check): return idCheck(check, for: id, engagement: engagement) ?? ""
        case .claimLimit(let active, let limit):
            return text("detail.claimLimit", ["active": "\(active)", "limit": "\(limit)"])
        }
    }

    // MARK: dates, money, numbers

    /// A day: `2026-11-29` in English, `29.11.2026` in German.
    public func date(_ day: Day) -> String {
        switch language {
        case .en: return day.description
        case .de:
            let parts = day.components
            return "\(pad(parts.day)).\(pad(parts.month)).\(parts.year)"
        }
    }

    private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// An amount: `USD 5,000.00` in English, `5.000,00 USD` in German.
    /// The currency and the number are joined by a no-break space (U+00A0), so that no line
    /// ever breaks between them (docs/languages.md).
    public func money(_ amount: Decimal) -> String {
        let grouped = amount.groupedMoneyText
        switch language {
        case .en: return "USD\u{A0}\(grouped)"
        case .de:
            let swapped = String(grouped.map { $0 == "," ? "." : $0 == "." ? "," : $0 })
            return "\(swapped)\u{A0}USD"
        }
    }

    /// A share as a percentage: `10%` / `10 %`.
    public func percent(_ share: Decimal) -> String {
        var value = share * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        let number = NSDecimalNumber(decimal: rounded).stringValue
        // Each language names its decimal separator (docs/languages.md): no default, so a new
        // Language does not compile until it says which.
        switch language {
        case .en: return text("number.percent", ["n": number])
        case .de: return text("number.percent", ["n": number.replacingOccurrences(of: ".", with: ",")])
        }
    }

    /// How far `deadline` is from `asOf`: "due today", "1 day left", "12 days left",
    /// "passed yesterday", "passed 3 days ago" (German: "heute fällig", "noch 6 Tage", …).
    public func daysLeft(_ deadline: Day, asOf: Day) -> String {
        let n = asOf.days(until: deadline)
        switch n {
        case 0: return text("days.dueToday")
        case 1: return text("days.leftOne")
        case 2...: return text("days.left", ["n": "\(n)"])
        case -1: return text("days.passedYesterday")
        default: return text("days.passed", ["n": "\(-n)"])
        }
    }
}
