import ClaimModel
import ClaimRules
import Foundation

/// How `claimsite nominate` prints its answers: in words, as one JSON document, or one row per
/// ID and engagement as CSV or JSON lines (docs/nominate.md). Machine forms keep codes and ISO
/// dates; money is a string with two decimals. Every form says its `detail` and the ID types in
/// the words of the English catalogue (`speech`), whatever the site's language.
public enum NominationOutput {
    /// The words of every form: English (docs/languages.md).
    static let speech = Speech.english

    /// The columns of the batch form, in order.
    public static let columns = [
        "type", "value", "engagement", "eligible", "reason", "detail", "flow", "locations",
        "payoutUSD", "consent", "submit", "review",
    ]

    /// The answer for one ID as JSON with sorted keys.
    public static func json(_ result: NominationResult, asOf: Day) -> JSONValue {
        var top: JSONObject = [
            "id": idValue(result.id),
            "checked": result.checked.map(idValue) ?? .null,
            "customer": .optional(result.customer),
            "asOf": .string(asOf.description),
            "on": .string(result.on.description),
            "engagements": .array(result.answers.map { answerValue($0, id: result.id) }),
        ]
        top["tenantMismatch"] =
            result.tenantMismatch.map { mismatch in
                .object([
                    "emailDomain": .string(mismatch.emailDomain), "emailTenant": .optional(mismatch.emailTenant),
                    "reasonNeeded": .bool(true),
                ])
            } ?? .null
        return .object(top)
    }

    static func idValue(_ id: TypedID) -> JSONValue {
        .object(["type": .string(id.type.rawValue), "value": .string(id.value)])
    }

    static func answerValue(_ answer: NominationAnswer, id: TypedID) -> JSONValue {
        .object([
            "engagement": .string(answer.engagement.id),
            "pay": .string(answer.engagement.pay.rawValue),
            "eligible": .bool(answer.eligible),
            "reason": .optional(answer.reason?.rawValue),
            "detail": .string(speech.nominationDetail(answer, for: id)),
            "flow": .string(answer.flow.rawValue),
            "locations": .array(answer.locations.map(JSONValue.string)),
            "payoutUSD": .optional(answer.payoutUSD?.moneyText),
            "deadlines": .object([
                "consent": .string(answer.deadlines.consent.description),
                "submit": .string(answer.deadlines.submit.description),
                "review": .string(answer.deadlines.review.description),
            ]),
        ])
    }

    /// One row per engagement, in `columns` order: codes, `true`/`false`, locations separated
    /// by spaces, ISO dates.
    public static func csvRows(_ result: NominationResult) -> [[String]] {
        result.answers.map { answer in
            [
                result.id.type.rawValue, result.id.value, answer.engagement.id, answer.eligible ? "true" : "false",
                answer.reason?.rawValue ?? "", speech.nominationDetail(answer, for: result.id), answer.flow.rawValue,
                answer.locations.joined(separator: " "),
                answer.payoutUSD?.moneyText ?? "", answer.deadlines.consent.description,
                answer.deadlines.submit.description, answer.deadlines.review.description,
            ]
        }
    }

    /// One compact JSON object per engagement, each ended by a newline: the `columns` as keys,
    /// `eligible` a boolean, `locations` a list, `reason` and `payoutUSD` null when empty.
    public static func jsonLines(_ result: NominationResult) -> String {
        result.answers.map { answer in
            let value: JSONValue = .object([
                "type": .string(result.id.type.rawValue), "value": .string(result.id.value),
                "engagement": .string(answer.engagement.id), "eligible": .bool(answer.eligible),
                "reason": .optional(answer.reason?.rawValue),
                "detail": .string(speech.nominationDetail(answer, for: result.id)),
                "flow": .string(answer.flow.rawValue), "locations": .array(answer.locations.map(JSONValue.string)),
                "payoutUSD": .optional(answer.payoutUSD?.moneyText),
                "consent": .string(answer.deadlines.consent.description),
                "submit": .string(answer.deadlines.submit.description),
                "review": .string(answer.deadlines.review.description),
            ])
            return String(decoding: value.compactBytes(), as: UTF8.self) + "\n"
        }.joined()
    }

    /// The answer for one ID in words.
    public static func text(_ result: NominationResult, asOf: Day, locations: [ByteKey: Location]) -> String {
        var out = speech.id(result.id)
        if let checked = result.checked, checked != result.id {
            out += " (checked as \(speech.id(checked)))"
        } else if result.checked == nil {
            out += " (not in directory.yaml: its tenant cannot be checked)"
        }
        out += "\n"
        if let customer = result.customer {
            let flow =
                result.answers.first?.flow == .claim
                ? "known, so the partner may claim it (Claim customer)"
                : "not known yet, so it is added by this ID (Add customer)"
            out += "Customer: \(customer), \(flow)\n"
        } else {
            out += "Customer: none in customers.yaml holds this ID (Add customer)\n"
        }
        if let mismatch = result.tenantMismatch {
            out +=
                """
                Email domain \(mismatch.emailDomain) maps to \(speech.emailTenant(mismatch)): a \
                tenantMismatchReason will be needed\n
                """
        }
        out += "As of \(asOf), for a claim created on \(result.on):\n"
        for answer in result.answers {
            let engagement = answer.engagement
            let verdict = answer.reason.map { "not eligible — \(speech.reason($0))" } ?? "eligible"
            out += "\n\(engagement.name) (\(engagement.id)): \(verdict)\n"
            out += "  \(speech.nominationDetail(answer, for: result.id))\n"
            let places = answer.locations.map { id in locations[ByteKey(id)].map { "\($0.name) (\(id))" } ?? id }
            out += "  Locations: \(places.isEmpty ? "none" : places.joined(separator: ", "))\n"
            let pay = engagement.pay == .fixed ? "fixed" : "variable, proposed"
            out += "  Payout: \(answer.payoutUSD.map { "\(speech.money($0)) (\(pay))" } ?? "not known (\(pay))")\n"
            out +=
                """
                  Deadlines: consent \(answer.deadlines.consent), submit \(answer.deadlines.submit), review \
                \(answer.deadlines.review)\n
                """
        }
        return out
    }
}
