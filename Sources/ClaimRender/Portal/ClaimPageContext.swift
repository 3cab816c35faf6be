import ClaimModel
import ClaimRules

extension PortalContexts {
    /// The view model of a claim's page.
    func claim(_ facts: ClaimFacts) -> ClaimPage {
        let c = facts.claim, s = facts.state, e = facts.engagement
        let page = paths.claim(c.id), links = Links(page: page)
        var createdBy = ""
        if let creator = c.createdBy {
            let user = site.users?[ByteKey(creator.asciiLowercased())]
            if audience.showsContacts {
                createdBy = user?.name.map { "\($0) <\(creator)>" } ?? creator
            } else {
                createdBy = user?.name ?? "a partner user"
            }
        }
        let location = site.locations[ByteKey(c.location)].map { "\($0.name) (\($0.id))" } ?? c.location
        let origin = c.origin == .added ? "Added (Add customer)" : "Claimed (Claim customer)"
        let details = ClaimDetails(
            id: c.id, displayName: c.displayName, statusLabel: s.status.label, statusClass: Formats.statusClass(s.status),
            terminal: s.status.isTerminal, actionLabel: s.action.label, hasAction: s.action != .none,
            waiting: !s.status.isTerminal && s.action == .none,
            deadline: s.deadline?.description ?? "", deadlineKind: s.deadlineKind.map(Words.deadline) ?? "",
            daysLeft: s.deadline.map { Formats.daysLeft($0, asOf: asOf) } ?? "",
            urgency: Formats.urgency(s, asOf: asOf, dueSoonDays: dueSoonDays),
            engagement: e.name, engagementHref: links.to(paths.engagement(e.id)),
            customer: customerName(c.customer), customerHref: links.to(paths.customer(c.customer)),
            origin: origin, nominatedBy: c.nominatedBy.map { "\(Words.idType($0.type)) \($0.value)" } ?? "",
            flow: c.flow ?? "", location: location, createdOn: c.createdOn.description, createdBy: createdBy,
            hours: c.hours.map(String.init) ?? "",
            payout: facts.payoutUSD.map(Formats.money) ?? "",
            payoutKind: facts.payoutIsApproved ? "approved" : "proposed",
            expectedPaymentBy: s.expectedPaymentBy?.description ?? "", hasExpectedPayment: s.expectedPaymentBy != nil,
            notesHTML: c.notes.map(Markdown.html) ?? "", hasNotes: !(c.notes ?? "").isEmpty,
            tab: s.status.isTerminal ? "Completed" : "Eligible",
            tabHref: links.to(paths.engagement(e.id)) + (s.status.isTerminal ? "#completed" : "#eligible"),
            endedOn: s.status.isTerminal ? (s.endedOn?.description ?? "") : "")
        var claimFacts = [
            LabeledValue(label: "Engagement", value: "\(e.name) (\(e.id))"),
            LabeledValue(label: "Origin", value: origin),
        ]
        if let n = c.nominatedBy { claimFacts.append(LabeledValue(label: "Nominated by", value: "\(Words.idType(n.type)) \(n.value)")) }
        if let flow = c.flow { claimFacts.append(LabeledValue(label: "Flow", value: flow)) }
        claimFacts.append(LabeledValue(label: "Location", value: location))
        claimFacts.append(LabeledValue(label: "Created", value: c.createdOn.description + (createdBy.isEmpty ? "" : " by \(createdBy)")))
        if let hours = c.hours { claimFacts.append(LabeledValue(label: "Hours", value: String(hours))) }
        let deadlines = DeadlineKind.allCases.map { kind -> DeadlineRow in
            var note = ""
            if kind == .review && s.reviewWasReset { note = "reset after the dispute" }
            if s.deadlineKind == kind && !s.status.isTerminal { note = note.isEmpty ? "current" : "current; \(note)" }
            return DeadlineRow(label: Words.deadlineTitle(kind),
                               date: s.deadlines[kind]?.description ?? "—", note: note)
        }
        let timeline = s.steps.map { step -> TimelineStep in
            var text = Formats.step(step)
            if case .event(let index, _) = step.cause {
                let event = c.events[index]
                if let comment = event.comment { text += ": “\(comment)”" }
                if let reason = event.reason { text += ": “\(reason)”" }
                if let deal = event.dealSizeUSD { text += " (deal size \(Formats.money(deal)))" }
                if let amount = event.amountUSD { text += " (\(Formats.money(amount)))" }
            }
            return TimelineStep(date: step.day.description, text: text, from: step.from?.label ?? "", to: step.to.label,
                                toClass: Formats.statusClass(step.to), notes: step.notes.map { TimelineNote(text: Formats.note($0)) })
        }
        var referral = ReferralInfo(id: "", type: "", url: nil)
        if let r = facts.referral {
            referral = ReferralInfo(id: r.id, type: r.kind.label, url: audience.showsReferralLinks ? r.url : nil)
        }
        var contacts: [ContactRow] = []
        if audience.showsContacts {
            for (role, contact) in [("Customer contact", c.customerContact), ("Partner contact", c.partnerContact)] {
                contacts.append(ContactRow(role: role, name: contact.name, email: contact.email, phone: contact.phone))
            }
        }
        return ClaimPage(
            layout: layout(page: page, title: "Claim \(c.id)"), claim: details, facts: claimFacts, deadlines: deadlines,
            timeline: timeline, referral: referral, hasReferral: facts.referral != nil, contacts: contacts,
            rules: rules(of: e), problems: (problemsByClaim[ByteKey(c.id)] ?? []).map { ProblemRow(severity: $0.severity.rawValue, message: $0.message) })
    }

    /// The rules of engagement `e` that a claim's page states.
    func rules(of e: Engagement) -> [LabeledValue] {
        let t = Timeline(for: e)
        var rules = [
            LabeledValue(label: "Activity", value: Words.activity(e.activity)),
            LabeledValue(label: "Timeline", value: "consent \(t.consent), submit \(t.submit), review \(t.review), dispute \(t.dispute) days"),
            LabeledValue(label: "Customer ID types", value: e.customerIdTypes.map(Words.idType).joined(separator: ", ")),
        ]
        switch e.pay {
        case .fixed: rules.append(LabeledValue(label: "Fixed payout", value: e.fixedPayoutUSD.map(Formats.money) ?? "—"))
        case .variable:
            if let v = e.variablePay {
                rules.append(LabeledValue(label: "Variable pay", value: "\(Formats.money(v.hourlyRateUSD)) per hour, \(v.minHours)–\(v.maxHours) hours"))
            }
        }
        if let limit = e.maxActiveClaimsPerCustomer { rules.append(LabeledValue(label: "Claim limit", value: "\(limit) per customer")) }
        return rules
    }
}
