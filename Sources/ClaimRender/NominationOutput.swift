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
            "otherIds": .array(
                answer.otherIDs.map { other in
                    .object([
                        "type": .string(other.id.type.rawValue), "value": .string(other.id.value),
                        "eligible": .bool(other.eligible), "reason": .optional(other.reason?.rawValue),
                    ])
                }),
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

    /// The answer for one ID in words (the English catalogue's `nominate.text.*`).
    public static func text(_ result: NominationResult, asOf: Day, locations: [ByteKey: Location]) -> String {
        let id = speech.id(result.id)
        var out: String
        if let checked = result.checked, checked != result.id {
            out = speech.text("nominate.text.checkedAs", ["id": id, "checked": speech.id(checked)])
        } else if result.checked == nil {
            out = speech.text("nominate.text.notInDirectory", ["id": id])
        } else {
            out = id
        }
        out += "\n"
        if let customer = result.customer {
            let key =
                result.answers.first?.flow == .claim ? "nominate.text.customerKnown" : "nominate.text.customerNotKnown"
            out += speech.text(key, ["customer": customer]) + "\n"
        } else {
            out += speech.text("nominate.text.noCustomer") + "\n"
        }
        if let mismatch = result.tenantMismatch {
            out += speech.text(
                "nominate.text.emailTenant", ["domain": mismatch.emailDomain, "tenant": speech.emailTenant(mismatch)])
            out += "\n"
        }
        out += speech.text("nominate.text.asOf", ["asOf": "\(asOf)", "on": "\(result.on)"]) + "\n"
        for answer in result.answers {
            let engagement = answer.engagement
            let verdict =
                answer.reason.map { speech.text("nominate.text.notEligible", ["reason": speech.reason($0)]) }
                ?? speech.text("nominate.text.eligible")
            let heading = speech.text(
                "nominate.text.heading", ["name": engagement.name, "id": engagement.id, "verdict": verdict])
            out += "\n" + heading + "\n"
            out += "  \(speech.nominationDetail(answer, for: result.id))\n"
            if !answer.otherIDs.isEmpty, let customer = result.customer {
                out += "  " + speech.text("nominate.otherIds", ["customer": customer]) + "\n"
                for other in answer.otherIDs {
                    let verdict =
                        other.reason.map { speech.text("nominate.text.notEligible", ["reason": speech.reason($0)]) }
                        ?? speech.text("nominate.text.eligible")
                    out += "    - \(speech.id(other.id)): \(verdict)\n"
                }
            }
            let places = answer.locations.map { id in locations[ByteKey(id)].map { "\($0.name) (\(id))" } ?? id }
            let placesText = places.isEmpty ? speech.text("nominate.text.noLocations") : places.joined(separator: ", ")
            out += "  " + speech.text("nominate.text.locations", ["locations": placesText]) + "\n"
            let pay = speech.text(engagement.pay == .fixed ? "nominate.text.payFixed" : "nominate.text.payVariable")
            let payout =
                answer.payoutUSD.map { speech.text("nominate.text.payout", ["amount": speech.money($0), "pay": pay]) }
                ?? speech.text("nominate.text.payoutUnknown", ["pay": pay])
            out += "  " + payout + "\n"
            let deadlines = answer.deadlines
            out +=
                "  "
                + speech.text(
                    "nominate.text.deadlines",
                    [
                        "consent": "\(deadlines.consent)", "submit": "\(deadlines.submit)",
                        "review": "\(deadlines.review)",
                    ])
            out += "\n"
        }
        return out
    }
}
