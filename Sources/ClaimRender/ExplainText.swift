import ClaimModel
import ClaimRules

/// `claimsite explain CLAIM-ID`: how a claim's status, deadlines, action and tab were derived,
/// in plain words, step by step.
public enum ExplainText {
    /// The explanation of the claim `id`, or `nil` when no evaluated claim has that ID.
    public static func explain(_ id: String, evaluation: Evaluation, settings: SiteSettings?,
                               diagnostics: [Diagnostic]) -> String? {
        guard let facts = evaluation.claim(id) else { return nil }
        let claim = facts.claim, engagement = facts.engagement, state = facts.state
        let site = evaluation.site
        let asOf = evaluation.asOf
        let customerName = site.customers[claim.customer]?.name ?? claim.customer
        var out: [String] = []

        out.append("Claim \(claim.id) — \(claim.displayName)")
        out.append("  Engagement: \(engagement.id) (\(engagement.name)), \(engagement.activity.rawValue), \(engagement.pay.rawValue) pay")
        out.append("  Customer:   \(claim.customer) (\(customerName))")
        var origin = "  Origin:     \(claim.origin.rawValue)"
        if let n = claim.nominatedBy { origin += ", nominated by \(n.type.rawValue) \(n.value)" }
        if let flow = claim.flow { origin += ", flow \(flow)" }
        out.append(origin)
        let location = site.locations[claim.location]
        out.append("  Location:   \(claim.location)\(location.map { " (\($0.name))" } ?? ""), created \(claim.createdOn)")
        out.append("  As of:      \(asOf)")
        out.append("")

        let t = Timeline(for: engagement), d = Timeline.defaults(for: engagement.activity)
        var timeline = "Timeline: consent \(t.consent) days from creation; submit \(t.submit) and review \(t.review) days from consent; dispute \(t.dispute) days from rejection"
        timeline += t == d ? " (\(engagement.activity.rawValue) defaults)." : " (\(engagement.activity.rawValue) defaults \(d.consent)/\(d.submit)/\(d.review)/\(d.dispute), overridden by the engagement)."
        out.append(timeline)
        out.append("A deadline day is still in time; a deadline passes on the day after it.")
        out.append("")

        out.append("History, replayed:")
        for step in state.steps {
            let what: String
            switch step.cause {
            case .created: what = "created"
            case .event(_, let type): what = type.rawValue
            case .deadlinePassed(let kind, _): what = "\(kind.rawValue) deadline passed"
            }
            let move = step.from.map { "\($0.rawValue) → \(step.to.rawValue)" } ?? "→ \(step.to.rawValue)"
            out.append("  \(step.day)  \(pad(what, 24)) \(move)")
            for note in step.notes { out.append("              \(note)") }
        }
        let ignored = claim.events.filter { $0.on > asOf }
        if !ignored.isEmpty {
            out.append("  Not yet counted (dated after the as-of date): " + ignored.map { "\($0.type.rawValue) on \($0.on)" }.joined(separator: ", "))
        }
        out.append("")

        out.append("Status on \(asOf): \(state.status.label) (\(state.status.rawValue)), \(state.status.isTerminal ? "terminal" : "not terminal")")
        if let ended = state.endedOn, state.status.isTerminal { out.append("  ended on \(ended)") }
        let deadlineLines = DeadlineKind.allCases.map { kind -> String in
            var text = "\(kind.rawValue) \(state.deadlines[kind]?.description ?? "—")"
            if kind == .review, state.reviewWasReset { text += " (reset after the dispute)" }
            return text
        }
        out.append("Deadlines: " + deadlineLines.joined(separator: ", "))
        if let deadline = state.deadline, let kind = state.deadlineKind {
            let left = asOf.days(until: deadline)
            let due = state.isDueSoon(asOf: asOf, days: settings?.email?.dueSoonDays ?? 7) ? " — due soon" : ""
            if state.action == .none {
                out.append("Action: none — waiting on Microsoft; the \(kind.rawValue) deadline is \(deadline) (\(left) days left)")
            } else {
                out.append("Action: \(state.action.label) (\(state.action.rawValue)) by the \(kind.rawValue) deadline \(deadline), \(left) day\(left == 1 ? "" : "s") left\(due)")
            }
        } else {
            out.append("Action: none — the claim has ended")
        }
        if let amount = facts.payoutUSD {
            var payout = "Payout: \(amount.moneyText) USD \(facts.payoutIsApproved ? "approved" : "proposed")"
            if let paid = state.expectedPaymentBy { payout += ", expected payment by \(paid) (approval + 45 days)" }
            out.append(payout)
        }
        if let referral = facts.referral {
            let why = referral.kind == .coSell ? "consent was received and the customer is co-sell qualified"
                : (state.consentDay == nil ? "the claim never received consent" : "the customer is not co-sell qualified")
            out.append("Referral: \(referral.id), \(referral.kind.label) (\(why))")
        }
        let tab = state.status.isTerminal ? "Completed (the claim is terminal)" : "Eligible (the claim is not terminal)"
        out.append("Tab: \(tab) on the Customers page of \(engagement.id)")
        out.append("")

        out.append("Customer \(claim.customer) in \(engagement.id):")
        if let since = evaluation.knownSince[claim.customer], since <= asOf {
            out.append("  known since \(since) (first accepted consent on any of this partner's claims)")
            let candidates = Evaluator.candidates(of: claim.customer, for: engagement, index: site, consented: evaluation.candidates)
            if candidates.isEmpty {
                out.append("  candidate IDs: none")
            } else {
                let source = engagement.customerIdTypes == [.msxOpportunityId] ? "the customer's opportunities" : "IDs its consented claims were checked on"
                out.append("  candidate IDs (\(source)):")
                for candidate in candidates {
                    let check = Eligibility.check(candidate, for: engagement, index: site)
                    out.append("    \(candidate.type.rawValue) \(candidate.value): " + (check.reason(for: candidate, engagement: engagement).map { "not eligible — \($0)" } ?? "eligible"))
                }
            }
            let open = evaluation.claims.filter { $0.claim.engagement == engagement.id && $0.claim.customer == claim.customer && !$0.state.status.isTerminal }
            if !open.isEmpty {
                out.append("  has an open claim here (\(open.map(\.claim.id).joined(separator: ", "))), so it shows as claim rows, not as a customer row")
            } else {
                switch evaluation.placement(of: claim.customer, in: engagement) {
                case .eligible(let id):
                    out.append("  → Eligible: it can be claimed again (Claim customer), qualifying ID \(id.type.rawValue) \(id.value)")
                case .ineligible(let row):
                    out.append("  → Ineligible: \(row.reason.rawValue) — \(row.detail)")
                }
            }
        } else {
            out.append("  not known: it has not accepted consent on any of this partner's claims by \(asOf), so it has no customer row on any tab")
        }

        let own = diagnostics.filter { $0.message.hasPrefix("claim \(claim.id):") || $0.message.hasPrefix("claim \(claim.id) ") }
        if !own.isEmpty {
            out.append("")
            out.append("Problems:")
            for d in own { out.append("  \(d)") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
