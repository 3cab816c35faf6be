import ClaimModel
import ClaimRules

/// `claimsite explain CLAIM-ID`: the rules' `Explanation` of a claim in plain words, step by step.
public enum ExplainText {
    /// The explanation of the claim `id`, or `nil` when no evaluated claim has that ID.
    public static func explain(_ id: String, evaluation: Evaluation, settings: SiteSettings?,
                               diagnostics: [Diagnostic]) -> String? {
        Explanation.of(id, in: evaluation, dueSoonDays: settings?.dueSoonDays ?? SiteSettings.defaultDueSoonDays,
                       diagnostics: diagnostics).map { text($0) }
    }

    /// The explanation in words.
    public static func text(_ x: Explanation, speech: Speech = .english) -> String {
        let facts = x.facts, claim = x.claim, engagement = facts.engagement, state = facts.state
        let asOf = x.asOf
        var out: [String] = []

        out.append("Claim \(claim.id) — \(claim.displayName)")
        out.append("  Engagement: \(engagement.id) (\(engagement.name)), \(Words.activity(engagement.activity)), \(Words.pay(engagement.pay).lowercased())")
        out.append("  Customer:   \(claim.customer) (\(x.customerName ?? claim.customer))")
        var origin = "  Origin:     \(Words.origin(claim.origin))"
        if let n = claim.nominatedBy { origin += ", nominated by \(Words.id(n))" }
        if let flow = claim.flow { origin += ", flow \(flow)" }
        out.append(origin)
        out.append("  Location:   \(claim.location)\(x.location.map { " (\($0.name))" } ?? ""), created \(claim.createdOn)")
        out.append("  As of:      \(asOf)")
        out.append("")

        let t = x.timeline, d = x.defaultTimeline
        var timeline = "Timeline: consent \(t.consent) days from creation; submit \(t.submit) and review \(t.review) days from consent; dispute \(t.dispute) days from rejection"
        timeline += x.timelineOverridden
            ? " (the defaults for \(Words.activity(engagement.activity)) are \(d.consent)/\(d.submit)/\(d.review)/\(d.dispute), overridden by the engagement)."
            : " (the defaults for \(Words.activity(engagement.activity)))."
        out.append(timeline)
        out.append("A deadline day is still in time; a deadline passes on the day after it.")
        out.append("")

        out.append("History, replayed:")
        for step in state.steps {
            let what: String
            switch step.cause {
            case .created: what = "Claim created"
            case .event(_, let type): what = Words.event(type)
            case .deadlinePassed(let kind, _): what = "The \(Words.deadline(kind)) deadline passed"
            }
            let move = step.from.map { "\(Words.status($0)) → \(Words.status(step.to))" } ?? "→ \(Words.status(step.to))"
            out.append("  \(step.day)  \(pad(what, 35)) \(move)")
            for note in step.notes { out.append("              \(Formats.note(note))") }
        }
        if !x.notCounted.isEmpty {
            out.append("  Not yet counted (dated after the as-of date): " + x.notCounted.map { "\(Words.event($0.type)) on \($0.on)" }.joined(separator: ", "))
        }
        out.append("")

        out.append("Status on \(asOf): \(Words.status(state.status)), \(state.status.isTerminal ? "ended (nothing more can happen to it)" : "open")")
        if let ended = state.endedOn, state.status.isTerminal { out.append("  ended on \(ended)") }
        let deadlineLines = DeadlineKind.allCases.map { kind -> String in
            var text = "\(Words.deadline(kind)) \(state.deadlines[kind]?.description ?? "—")"
            if kind == .review, state.reviewWasReset { text += " (reset after the dispute)" }
            return text
        }
        out.append("Deadlines: " + deadlineLines.joined(separator: ", "))
        if let deadline = state.deadline, let kind = state.deadlineKind, let left = x.daysLeft {
            let due = x.dueSoon ? " — due soon" : ""
            if state.action == .none {
                out.append("Action: \(Words.action(.none)) (waiting on Microsoft); the \(Words.deadline(kind)) deadline is \(deadline) (\(left) days left)")
            } else {
                out.append("Action: \(Words.action(state.action)) by the \(Words.deadline(kind)) deadline \(deadline), \(left) day\(left == 1 ? "" : "s") left\(due)")
            }
        } else {
            out.append("Action: \(Words.action(.none)) (the claim has ended)")
        }
        if let amount = facts.payoutUSD {
            var payout = "Payout: \(Formats.money(amount)) \(facts.payoutIsApproved ? "approved" : "proposed")"
            if let paid = state.expectedPaymentBy { payout += ", expected payment by \(paid) (approval + \(x.paymentCycleDays) days)" }
            out.append(payout)
        }
        if let referral = facts.referral, let reason = x.referralReason {
            let why: String
            switch reason {
            case .consentedAndCoSellQualified: why = "consent was received and the customer is co-sell qualified"
            case .neverConsented: why = "the claim never received consent"
            case .notCoSellQualified: why = "the customer is not co-sell qualified"
            }
            out.append("Referral: \(referral.id), \(Words.referral(referral.kind)) (\(why))")
        }
        let tab = x.tab == .completed ? "Completed (the claim is terminal)" : "Eligible (the claim is not terminal)"
        out.append("Tab: \(tab) on the Customers page of \(engagement.id)")
        out.append("")

        out.append("Customer \(claim.customer) in \(engagement.id):")
        let standing = x.customer
        if let since = standing.knownSince, let verdict = standing.verdict {
            out.append("  known since \(since) (first accepted consent on any of this partner's claims)")
            if verdict.checks.isEmpty {
                out.append("  candidate IDs: none")
            } else {
                let source = verdict.source == .opportunities ? "the customer's opportunities" : "IDs its consented claims were checked on"
                out.append("  candidate IDs (\(source)):")
                for candidate in verdict.checks {
                    let id = candidate.id
                    out.append("    " + (Words.idCheck(candidate.check, for: id, engagement: engagement).map { "not eligible — \($0)" } ?? "\(Words.id(id)): eligible"))
                }
            }
            if !standing.openClaims.isEmpty {
                out.append("  has an open claim here (\(standing.openClaims.joined(separator: ", "))), so it shows as claim rows, not as a customer row")
            } else {
                switch standing.placement {
                case .eligible(let id)?:
                    out.append("  → Eligible: it can be claimed again (\(Words.action(.claimCustomer))), qualifying ID \(Words.id(id))")
                case .ineligible(let row)?:
                    out.append("  → Ineligible: \(Words.reason(row.reason)) — \(row.detail)")
                case nil:
                    break
                }
            }
        } else {
            out.append("  not known: it has not accepted consent on any of this partner's claims by \(asOf), so it has no customer row on any tab")
        }

        if !x.problems.isEmpty {
            out.append("")
            out.append("Problems:")
            for d in x.problems { out.append("  \(d)") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
