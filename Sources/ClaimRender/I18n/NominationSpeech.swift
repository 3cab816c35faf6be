import ClaimModel
import ClaimRules
import Foundation

/// How `claimsite nominate` says its answers (docs/nominate.md): the rule that decided and what
/// else the claim needs, from the `nominate.` keys of the catalogue. `nominate` speaks English
/// (docs/languages.md): its output uses `Speech.english`.
extension Speech {
    /// An answer's `detail`: the rule that decided, then each note, joined by "; ".
    public func nominationDetail(_ answer: NominationAnswer, for id: TypedID) -> String {
        ([nominationWhy(answer.why, for: id, engagement: answer.engagement)]
            + answer.notes.map { nominationNote($0, for: id) }).joined(separator: "; ")
    }

    /// The rule that decided an answer for `id`, in a sentence.
    public func nominationWhy(_ why: NominationWhy, for id: TypedID, engagement: Engagement) -> String {
        switch why {
        case .noEligibleLocation:
            // The Ineligible tab's sentence; in nominate's detail it follows on in lower case.
            return lowercasedFirst(text("detail.noEligibleLocation"))
        case let .locationNotRegistered(location, name):
            return text("nominate.locationNotRegistered", ["id": location, "name": name])
        case let .locationNotAllowed(location, name, allowed):
            return text(
                "nominate.locationNotAllowed",
                ["id": location, "name": name, "allowed": allowed.joined(separator: ", ")])
        case .idTypeNotAccepted:
            return text(
                "nominate.typeNotAccepted",
                [
                    "engagement": engagement.name, "types": idTypes(engagement.customerIdTypes),
                    "type": idType(id.type),
                ])
        case .verdict(let recorded):
            let words = reason(NominationReason(recorded.verdict))
            return recorded.on == id
                ? text("nominate.verdict", ["id": self.id(id), "verdict": words])
                : text("nominate.verdictRecordedOn", ["id": self.id(id), "on": self.id(recorded.on), "verdict": words])
        case .domainNotInDirectory:
            return text("nominate.domainNotInDirectory", ["id": self.id(id)])
        case .notListed(let checked):
            return checked == id
                ? text("nominate.notListed", ["id": self.id(id)])
                : text("nominate.tenantNotListed", ["id": self.id(id), "tenant": checked.value])
        case let .listed(checked, claims):
            let listed =
                checked == id
                ? text("nominate.listed", ["id": self.id(id)])
                : text("nominate.tenantListed", ["id": self.id(id), "tenant": checked.value])
            guard let claims else { return text("nominate.noLimit", ["listed": listed]) }
            let counted = text(
                "nominate.claims",
                [
                    "total": "\(claims.total)", "limit": "\(claims.limit)",
                    "here": "\(claims.here)", "elsewhere": "\(claims.elsewhere)",
                ])
            return text(
                claims.reached ? "nominate.limitReached" : "nominate.withinLimit",
                ["listed": listed, "claims": counted])
        }
    }

    /// What else a claim for `id` needs, in a sentence.
    public func nominationNote(_ note: NominationNote, for id: TypedID) -> String {
        switch note {
        case .domainNotOfCustomer(let customer):
            return text("nominate.note.domainNotOfCustomer", ["domain": id.value, "customer": customer])
        case .opportunityNotListed:
            return text("nominate.note.opportunityNotListed", ["id": id.value])
        case .tenantMismatch(let mismatch):
            return text(
                "nominate.note.tenantMismatch", ["domain": mismatch.emailDomain, "tenant": emailTenant(mismatch)])
        case let .hoursNeeded(min, max):
            return text("nominate.pay.hoursNeeded", ["min": "\(min)", "max": "\(max)"])
        case let .hoursOutOfRange(hours, min, max):
            return text("nominate.pay.hoursOutOfRange", ["hours": "\(hours)", "min": "\(min)", "max": "\(max)"])
        case .variablePayout(let steps):
            return text("nominate.pay.steps", ["steps": steps.map(payoutStep).joined(separator: ", ")])
        }
    }

    /// The tenant an email domain maps to: "tenant …", or that the directory has none.
    public func emailTenant(_ mismatch: TenantMismatch) -> String {
        mismatch.emailTenant.map { text("nominate.tenant", ["tenant": $0]) } ?? text("nominate.noTenant")
    }

    /// One step of a variable-pay amount.
    public func payoutStep(_ step: PayoutStep) -> String {
        switch step {
        case let .hours(hours, rate, amount):
            return text("nominate.pay.hours", ["hours": "\(hours)", "rate": money(rate), "amount": money(amount)])
        case .cappedAtMaximum(let cap):
            return text("nominate.pay.cappedAtMaximum", ["cap": money(cap)])
        case let .cappedAtShare(share, opportunity, revenue, cap):
            return text(
                "nominate.pay.cappedAtShare",
                [
                    "percent": percent(share), "opportunity": opportunity,
                    "revenue": money(revenue), "cap": money(cap),
                ])
        case .shareCapSkipped:
            return text("nominate.pay.shareCapSkipped")
        }
    }

    /// `text` with its first letter in lower case, for a sentence that goes on after another.
    func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
