import ClaimModel
import ClaimRules

/// `claimsite explain CLAIM-ID --json`: the rules' `Explanation` as data, keys sorted. The
/// schema is described in `docs/output.md#claimsite-explain---json`. Its words for people
/// (`statusLabel`, a candidate's `reason`, a placement's `detail`, a note's `text`) come from
/// the English catalogue in every language (docs/languages.md).
public enum ExplainJSON {
    /// The words of the JSON: English.
    static let speech = Speech.english

    /// The schema's version; it grows only by added keys.
    public static let schemaVersion = 1

    /// The explanation as a JSON value.
    public static func value(_ x: Explanation) -> JSONValue {
        let facts = x.facts, claim = x.claim, engagement = facts.engagement, state = facts.state
        var payout = JSONValue.null
        if let amount = facts.payoutUSD {
            payout = .object([
                "amountUSD": .string(amount.moneyText),
                "kind": .string(facts.payoutIsApproved ? "approved" : "proposed"),
                "expectedPaymentBy": .optional(state.expectedPaymentBy?.description),
                "paymentCycleDays": .int(x.paymentCycleDays),
            ])
        }
        var referral = JSONValue.null
        if let r = facts.referral {
            referral = .object([
                "id": .string(r.id), "type": .string(r.kind.rawValue),
                "reason": .optional(x.referralReason?.rawValue),
            ])
        }
        // report.json's claim `proof`, with each listed item's days.
        var proof = ReportJSON.proof(facts)
        if let p = facts.proof, case .object(var object) = proof {
            object["items"] = .array(
                p.listed.map { item in
                    .object([
                        "item": .string(item.rawValue), "sent": .optional(p.records[item]?.sent?.description),
                        "done": .optional(p.records[item]?.done?.description),
                    ])
                })
            proof = .object(object)
        }
        return .object([
            "schemaVersion": .int(schemaVersion),
            "proof": proof,
            "asOf": .string(x.asOf.description),
            "claim": .object([
                "id": .string(claim.id), "displayName": .string(claim.displayName),
                "customer": .string(claim.customer), "customerName": .optional(x.customerName),
                "origin": .string(claim.origin.rawValue), "nominatedBy": claim.nominatedBy.map(typedID) ?? .null,
                "flow": .optional(claim.flow), "location": .string(claim.location),
                "locationName": .optional(x.location?.name), "createdOn": .string(claim.createdOn.description),
            ]),
            "engagement": .object([
                "id": .string(engagement.id), "name": .string(engagement.name),
                "activity": .string(engagement.activity.rawValue), "pay": .string(engagement.pay.rawValue),
            ]),
            "timeline": .object([
                "days": timeline(x.timeline), "defaults": timeline(x.defaultTimeline),
                "overridden": .bool(x.timelineOverridden),
            ]),
            "history": .array(state.steps.map(step)),
            "notCounted": .array(
                x.notCounted.map { .object(["type": .string($0.type.rawValue), "on": .string($0.on.description)]) }),
            "status": .string(state.status.rawValue), "statusLabel": .string(speech.status(state.status)),
            "terminal": .bool(state.status.isTerminal),
            "endedOn": .optional(state.status.isTerminal ? state.endedOn?.description : nil),
            "deadlines": .object(
                DeadlineKind.allCases.reduce(into: JSONObject()) {
                    $0[$1.rawValue] = JSONValue.optional(state.deadlines[$1]?.description)
                }),
            "reviewWasReset": .bool(state.reviewWasReset),
            "action": .string(state.action.rawValue), "deadline": .optional(state.deadline?.description),
            "deadlineKind": .optional(state.deadlineKind?.rawValue),
            "daysLeft": x.daysLeft.map { .int($0) } ?? .null,
            "dueSoon": .bool(x.dueSoon), "dueSoonDays": .int(x.dueSoonDays),
            "payout": payout, "referral": referral, "tab": .string(x.tab.rawValue),
            "customer": standing(x.customer, id: claim.customer, engagement: engagement),
            "problems": .array(x.problems.map(ReportJSON.diagnostic)),
        ])
    }

    /// The bytes of `value(x)` with a final newline.
    public static func bytes(_ x: Explanation) -> [UInt8] { value(x).bytes() }

    static func typedID(_ id: TypedID) -> JSONValue {
        .object(["type": .string(id.type.rawValue), "value": .string(id.value)])
    }

    static func timeline(_ t: Timeline) -> JSONValue {
        .object([
            "consent": .int(t.consent), "submit": .int(t.submit), "review": .int(t.review), "dispute": .int(t.dispute),
        ])
    }

    static func step(_ step: ReplayStep) -> JSONValue {
        var object: JSONObject = [
            "day": .string(step.day.description), "from": .optional(step.from?.rawValue),
            "to": .string(step.to.rawValue),
            "notes": .array(step.notes.map(note)),
            "event": .null, "eventIndex": .null, "deadlineKind": .null,
        ]
        switch step.cause {
        case .created:
            object["cause"] = .string("created")
        case let .event(index, type):
            object["cause"] = .string("event")
            object["event"] = .string(type.rawValue)
            object["eventIndex"] = .int(index)
        case let .deadlinePassed(kind, _):
            object["cause"] = .string("deadlinePassed")
            object["deadlineKind"] = .string(kind.rawValue)
        }
        return .object(object)
    }

    static func note(_ note: StepNote) -> JSONValue {
        var object: JSONObject = ["text": .string(speech.replayNote(note))]
        switch note {
        case let .set(kind, deadline, base, baseDay, days):
            object["kind"] = .string("deadlineSet")
            object["deadlineKind"] = .string(kind.rawValue)
            object["date"] = .string(deadline.description)
            object["base"] = .string(base.rawValue)
            object["baseDay"] = .string(baseDay.description)
            object["days"] = .int(days)
        case let .reviewReset(deadline, disputeDay, days):
            object["kind"] = .string("reviewReset")
            object["deadlineKind"] = .string(DeadlineKind.review.rawValue)
            object["date"] = .string(deadline.description)
            object["base"] = .string("disputeDay")
            object["baseDay"] = .string(disputeDay.description)
            object["days"] = .int(days)
        case let .payment(expected, days):
            object["kind"] = .string("paymentExpected")
            object["date"] = .string(expected.description)
            object["base"] = .string("approvalDay")
            object["days"] = .int(days)
        case let .passed(kind, deadline):
            object["kind"] = .string("deadlinePassed")
            object["deadlineKind"] = .string(kind.rawValue)
            object["date"] = .string(deadline.description)
        }
        return .object(object)
    }

    static func standing(_ s: CustomerStanding, id: String, engagement: Engagement) -> JSONValue {
        var placement = JSONValue.null
        switch s.placement {
        case .eligible(let qualifying)?:
            placement = .object([
                "tab": .string("eligible"), "action": .string(ClaimAction.claimCustomer.rawValue),
                "qualifyingId": typedID(qualifying),
            ])
        case .ineligible(let row)?:
            placement = .object([
                "tab": .string("ineligible"), "reason": .string(row.reason.rawValue),
                "detail": .string(speech.detail(row.why, engagement: engagement)),
            ])
        case nil:
            break
        }
        let candidates: [JSONValue] = (s.verdict?.checks ?? []).map { c in
            var checked = JSONValue.null
            let result: String
            switch c.check {
            case .eligible: result = "eligible"
            case .typeNotAccepted: result = "typeNotAccepted"
            case .verdict(let recorded):
                result = recorded.verdict.rawValue
                checked = typedID(recorded.on)
            case .domainNotInDirectory: result = "domainNotInDirectory"
            case .notListed(let id):
                result = "notListed"
                checked = typedID(id)
            }
            return .object([
                "type": .string(c.id.type.rawValue), "value": .string(c.id.value), "result": .string(result),
                "checked": checked, "reason": .optional(speech.idCheck(c.check, for: c.id, engagement: engagement)),
            ])
        }
        return .object([
            "id": .string(id), "known": .bool(s.knownSince != nil), "knownSince": .optional(s.knownSince?.description),
            "candidateSource": .optional(s.verdict?.source.rawValue), "candidates": .array(candidates),
            "qualifyingId": s.verdict?.qualifyingID.map(typedID) ?? .null,
            "openClaims": .array(s.openClaims.map(JSONValue.string)), "placement": placement,
            "detailsHidden": .bool(s.detailsHidden),
        ])
    }
}
