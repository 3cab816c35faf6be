import ClaimModel
import ClaimRules

/// `claimsite explain CLAIM-ID`: the rules' `Explanation` of a claim in plain words, step by step.
///
/// Its sentences are in the language of the build (the `explain` section of the catalogue,
/// docs/languages.md); its dates are ISO (`2026-12-10`) in every language, as the replay's
/// own arithmetic shows them: explain is a terminal tool for the team. The problems at its end
/// are diagnostics, which are English.
public enum ExplainText {
    /// The explanation of the claim `id`, or `nil` when no evaluated claim has that ID.
    public static func explain(
        _ id: String, evaluation: Evaluation, settings: SiteSettings?,
        diagnostics: [Diagnostic], speech: Speech = .english
    ) -> String? {
        Explanation.of(
            id, in: evaluation, dueSoonDays: settings?.dueSoonDays ?? SiteSettings.defaultDueSoonDays,
            diagnostics: diagnostics
        ).map { text($0, speech: speech) }
    }

    /// The explanation in words.
    public static func text(_ x: Explanation, speech: Speech = .english) -> String {
        let facts = x.facts, claim = x.claim, engagement = facts.engagement, state = facts.state
        let asOf = x.asOf
        func t(_ key: String) -> String { speech.text("explain." + key) }
        func t(_ key: String, _ values: KeyValuePairs<String, String>) -> String {
            speech.text("explain." + key, values)
        }
        var out: [String] = []

        // The labels of the heading, in one column: "Customer:   " as wide as "Engagement: ".
        let labels = ["engagement", "customer", "origin", "location", "asOf"].map { t("label." + $0) + ":" }
        let width = max(11, labels.map(\.count).max() ?? 0)
        func label(_ index: Int) -> String { "  " + pad(labels[index], width) + " " }

        out.append(t("claim", ["id": claim.id, "name": claim.displayName]))
        out.append(
            label(0)
                + """
                \(engagement.id) (\(engagement.name)), \(speech.activity(engagement.activity)), \
                \(t("pay.\(engagement.pay.rawValue)"))
                """
        )
        out.append(label(1) + "\(claim.customer) (\(x.customerName ?? claim.customer))")
        var origin = label(2) + speech.origin(claim.origin)
        if let n = claim.nominatedBy { origin += ", " + t("nominatedBy", ["id": speech.id(n)]) }
        if let flow = claim.flow { origin += ", " + t("flow", ["flow": flow]) }
        out.append(origin)
        out.append(
            label(3) + "\(claim.location)\(x.location.map { " (\($0.name))" } ?? ""), "
                + t("created", ["date": "\(claim.createdOn)"]))
        out.append(label(4) + "\(asOf)")
        out.append("")

        let tl = x.timeline, d = x.defaultTimeline
        var timeline = t(
            "timeline",
            [
                "consent": "\(tl.consent)", "submit": "\(tl.submit)", "review": "\(tl.review)",
                "dispute": "\(tl.dispute)",
            ])
        timeline +=
            " "
            + (x.timelineOverridden
                ? t(
                    "timelineOverridden",
                    [
                        "activity": speech.activity(engagement.activity),
                        "defaults": "\(d.consent)/\(d.submit)/\(d.review)/\(d.dispute)",
                    ])
                : t("timelineDefault", ["activity": speech.activity(engagement.activity)]))
        out.append(timeline)
        out.append(t("deadlineDay"))
        out.append("")

        out.append(t("history"))
        for step in state.steps {
            let what: String
            switch step.cause {
            case .created: what = t("stepCreated")
            case .event(_, let type): what = speech.event(type)
            case .deadlinePassed(let kind, _): what = t("stepDeadlinePassed", ["kind": speech.deadline(kind)])
            }
            let move =
                step.from.map { "\(speech.status($0)) → \(speech.status(step.to))" } ?? "→ \(speech.status(step.to))"
            out.append("  \(step.day)  \(pad(what, 35)) \(move)")
            for note in step.notes { out.append("              \(speech.replayNote(note))") }
        }
        if !x.notCounted.isEmpty {
            out.append(
                "  " + t("notCounted") + ": "
                    + x.notCounted.map { t("eventOn", ["event": speech.event($0.type), "date": "\($0.on)"]) }.joined(
                        separator: ", "))
        }
        out.append("")

        out.append(
            t(
                "status",
                [
                    "asOf": "\(asOf)", "status": speech.status(state.status),
                    "state": t(state.status.isTerminal ? "ended" : "open"),
                ]))
        if let ended = state.endedOn, state.status.isTerminal { out.append("  " + t("endedOn", ["date": "\(ended)"])) }
        let deadlineLines = DeadlineKind.allCases.map { kind -> String in
            var text = "\(speech.deadline(kind)) \(state.deadlines[kind]?.description ?? "—")"
            if kind == .review, state.reviewWasReset { text += " " + t("reviewReset") }
            return text
        }
        out.append(t("deadlines") + ": " + deadlineLines.joined(separator: ", "))
        if let deadline = state.deadline, let kind = state.deadlineKind, let left = x.daysLeft {
            if state.action == .none {
                out.append(
                    t(
                        "actionWaiting",
                        [
                            "action": speech.action(.none), "kind": speech.deadline(kind),
                            "deadline": "\(deadline)", "n": "\(left)",
                        ]))
            } else {
                let days = left == 1 ? t("daysLeftOne") : t("daysLeft", ["n": "\(left)"])
                out.append(
                    t(
                        "actionBy",
                        [
                            "action": speech.action(state.action), "kind": speech.deadline(kind),
                            "deadline": "\(deadline)", "left": days,
                        ]) + (x.dueSoon ? " — " + t("dueSoon") : ""))
            }
        } else {
            out.append(t("actionEnded", ["action": speech.action(.none)]))
        }
        if let proof = facts.proof {
            var line = t("proof", ["done": "\(proof.done.count)", "listed": "\(proof.listed.count)"])
            if let readiness = speech.proofReadiness(proof) { line += " — " + readiness }
            out.append(line)
            for item in proof.listed {
                out.append("  \(speech.proofItem(item)): \(speech.proofState(item, in: proof))")
            }
        }
        if let amount = facts.payoutUSD {
            var payout = t(
                "payout",
                ["amount": speech.money(amount), "state": t(facts.payoutIsApproved ? "approved" : "proposed")])
            if let paid = state.expectedPaymentBy {
                payout += ", " + t("expectedPayment", ["date": "\(paid)", "days": "\(x.paymentCycleDays)"])
            }
            out.append(payout)
        }
        if let referral = facts.referral, let reason = x.referralReason {
            let why: String
            switch reason {
            case .consentedAndCoSellQualified: why = t("referralWhy.consentedAndCoSellQualified")
            case .neverConsented: why = t("referralWhy.neverConsented")
            case .notCoSellQualified: why = t("referralWhy.notCoSellQualified")
            }
            out.append(t("referral", ["id": referral.id, "kind": speech.referral(referral.kind), "why": why]))
        }
        let tab =
            x.tab == .completed
            ? t("tabCompleted", ["tab": speech.tab(.completed)]) : t("tabEligible", ["tab": speech.tab(.eligible)])
        out.append(t("tab", ["tab": tab, "engagement": engagement.id]))
        out.append("")

        out.append(t("customerIn", ["customer": claim.customer, "engagement": engagement.id]))
        let standing = x.customer
        if let since = standing.knownSince, let verdict = standing.verdict {
            out.append("  " + t("knownSince", ["date": "\(since)"]))
            if verdict.checks.isEmpty {
                out.append("  " + t("candidatesNone"))
            } else {
                let source = t(verdict.source == .opportunities ? "source.opportunities" : "source.consented")
                out.append("  " + t("candidates", ["source": source]))
                for candidate in verdict.checks {
                    let id = candidate.id
                    out.append(
                        "    "
                            + (speech.idCheck(candidate.check, for: id, engagement: engagement).map {
                                t("notEligible", ["why": $0])
                            }
                                ?? t("idEligible", ["id": speech.id(id)])))
                }
            }
            if !standing.openClaims.isEmpty {
                out.append("  " + t("openClaimHere", ["claims": standing.openClaims.joined(separator: ", ")]))
            } else {
                switch standing.placement {
                case .eligible(let id)?:
                    out.append(
                        "  → "
                            + t(
                                "placedEligible",
                                [
                                    "tab": speech.tab(.eligible), "action": speech.action(.claimCustomer),
                                    "id": speech.id(id),
                                ]))
                case .ineligible(let row)?:
                    out.append(
                        "  → "
                            + t(
                                "placedIneligible",
                                [
                                    "tab": speech.text("tab.ineligible"), "reason": speech.reason(row.reason),
                                    "detail": speech.detail(row.why, engagement: engagement),
                                ]))
                case nil:
                    break
                }
            }
        } else {
            out.append("  " + t("notKnown", ["asOf": "\(asOf)"]))
        }

        if !x.problems.isEmpty {
            out.append("")
            out.append(t("problems"))
            for d in x.problems { out.append("  \(d)") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

extension Speech {
    /// A replay step's note in words ("submit deadline 2026-12-10 = consent day 2026-09-11 + 90
    /// days"): pages write the days as the language does (`day: date`), `explain` and the
    /// calendar's events keep them ISO in every language (docs/languages.md).
    func replayNote(_ note: StepNote, day: (Day) -> String) -> String {
        switch note {
        case let .set(kind, deadline, base, baseDay, days):
            return text(
                "page.note.set",
                [
                    "deadline": self.deadline(kind), "date": day(deadline),
                    "base": text("page.base.\(base.rawValue)"), "baseDate": day(baseDay), "days": "\(days)",
                ])
        case let .reviewReset(deadline, disputeDay, days):
            return text(
                "page.note.reviewReset", ["date": day(deadline), "disputeDate": day(disputeDay), "days": "\(days)"])
        case let .payment(expected, days):
            return text("page.note.payment", ["date": day(expected), "days": "\(days)"])
        case let .passed(kind, deadline):
            return text("page.note.passed", ["deadline": self.deadline(kind), "date": day(deadline)])
        }
    }

    /// A replay note with ISO days.
    func replayNote(_ note: StepNote) -> String { replayNote(note, day: \.description) }
}
