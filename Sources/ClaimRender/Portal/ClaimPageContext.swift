import ClaimModel
import ClaimRules

extension PortalContexts {
    /// The view model of a claim's page.
    package func claim(_ facts: ClaimFacts) -> ClaimPage {
        let c = facts.claim, s = facts.state, e = facts.engagement
        let page = paths.claim(c.id), links = Links(page: page)
        var createdBy = ""
        if let creator = c.createdBy {
            let user = site.users?[ByteKey(creator.asciiLowercased())]
            if audience.showsContacts {
                createdBy = user?.name.map { "\($0) <\(creator)>" } ?? creator
            } else {
                createdBy = user?.name ?? speech.text("page.claim.partnerUser")
            }
        }
        let location = site.locations[ByteKey(c.location)].map { "\($0.name) (\($0.id))" } ?? c.location
        let origin = speech.origin(c.origin)
        var details = ClaimDetails(
            id: c.id, displayName: c.displayName, statusLabel: speech.status(s.status),
            statusClass: Formats.statusClass(s.status),
            terminal: s.status.isTerminal, actionLabel: speech.action(s.action), hasAction: s.action != .none,
            waiting: !s.status.isTerminal && s.action == .none,
            deadline: s.deadline?.description ?? "", deadlineText: s.deadline.map(speech.date) ?? "",
            deadlineKind: s.deadlineKind.map(speech.deadline) ?? "",
            daysLeft: s.deadline.map { speech.daysLeft($0, asOf: asOf) } ?? "",
            urgency: Formats.urgency(s, asOf: asOf, dueSoonDays: dueSoonDays),
            engagement: e.name, engagementHref: links.to(engagementLink(e.id)),
            customer: customerName(c.customer), customerHref: links.to(paths.customer(c.customer)),
            origin: origin, nominatedBy: c.nominatedBy.map(speech.id) ?? "",
            flow: c.flow ?? "", location: location, createdOn: speech.date(c.createdOn), createdBy: createdBy,
            hours: c.hours.map(String.init) ?? "",
            payout: facts.payoutUSD.map(speech.money) ?? "",
            payoutKind: speech.text(facts.payoutIsApproved ? "page.claim.approved" : "page.claim.proposed"),
            expectedPaymentBy: s.expectedPaymentBy.map(speech.date) ?? "",
            hasExpectedPayment: s.expectedPaymentBy != nil,
            notesHTML: c.notes.map(Markdown.html) ?? "", hasNotes: !(c.notes ?? "").isEmpty,
            tab: speech.tab(facts.tab),
            tabHref: links.to(paths.engagement(e.id)) + "#" + facts.tab.rawValue,
            endedOn: s.status.isTerminal ? (s.endedOn.map(speech.date) ?? "") : "")
        if let said = ClaimPageContext.microsoftSays(facts) {
            details.microsoftSays = said.text
            details.microsoftSaysIntro = speech.text(
                said.type == .actionRequired ? "page.claim.microsoftAsked" : "page.claim.microsoftRejected",
                ["date": speech.date(said.on)])
        }
        details.partnerCenterURL = partnerCenterURL(c.id) ?? ""
        details.proofNote = speech.proofReadiness(facts.proof) ?? ""
        details.proofReady = facts.proof?.ready == true
        if let p = facts.payment {
            if let paid = p.paid {
                details.payment = speech.text(
                    "page.payment.paidAmount", ["date": speech.date(paid.on), "amount": speech.money(paid.amountUSD)])
                if let reference = paid.reference {
                    details.payment += " (" + speech.text("page.payment.reference", ["reference": reference]) + ")"
                }
            } else {
                details.payment = paymentText(facts)
            }
        }
        var claimFacts = [
            LabeledValue(label: speech.text("page.fact.engagement"), value: "\(e.name) (\(e.id))"),
            LabeledValue(label: speech.text("page.fact.origin"), value: origin),
        ]
        if let n = c.nominatedBy {
            claimFacts.append(LabeledValue(label: speech.text("page.fact.nominatedBy"), value: speech.id(n)))
        }
        if let flow = c.flow { claimFacts.append(LabeledValue(label: speech.text("page.fact.flow"), value: flow)) }
        // A location of locations.yaml links to its page; an unknown one is an error of the input.
        let locationPage = site.locations[ByteKey(c.location)].map { paths.location($0.id) } ?? ""
        claimFacts.append(
            LabeledValue(
                label: speech.text("page.fact.location"), value: location, root: links.root,
                path: locationPage))
        claimFacts.append(
            LabeledValue(
                label: speech.text("page.fact.created"),
                value: createdBy.isEmpty
                    ? speech.date(c.createdOn)
                    : speech.text("page.claim.createdBy", ["date": speech.date(c.createdOn), "user": createdBy])))
        if let hours = c.hours {
            claimFacts.append(LabeledValue(label: speech.text("page.fact.hours"), value: String(hours)))
        }
        let deadlines = DeadlineKind.allCases.map { kind -> DeadlineRow in
            var note = ""
            if kind == .review && s.reviewWasReset { note = speech.text("page.deadline.reset") }
            if s.deadlineKind == kind && !s.status.isTerminal {
                note =
                    note.isEmpty
                    ? speech.text("page.deadline.current") : speech.text("page.deadline.currentAnd", ["note": note])
            }
            let word = speech.deadline(kind), day = s.deadlines[kind]
            return DeadlineRow(
                label: word.prefix(1).uppercased() + word.dropFirst(), date: day.map(speech.date) ?? "—",
                sortKey: day.flatMap { speech.date($0) == $0.description ? nil : $0.description } ?? "", note: note)
        }
        let timeline = s.steps.map { step -> TimelineStep in
            var text = Formats.step(step, speech: speech)
            if case .event(let index, _) = step.cause {
                let event = c.events[index]
                if let comment = event.comment {
                    text = speech.text("page.step.comment", ["text": text, "comment": comment])
                }
                if let reason = event.reason {
                    text = speech.text("page.step.comment", ["text": text, "comment": reason])
                }
                if let deal = event.dealSizeUSD {
                    text = speech.text("page.step.dealSize", ["text": text, "amount": speech.money(deal)])
                }
                if let amount = event.amountUSD {
                    text = speech.text("page.step.amount", ["text": text, "amount": speech.money(amount)])
                }
            }
            return TimelineStep(
                date: step.day.description, dateText: speech.date(step.day), text: text,
                from: step.from.map(speech.status) ?? "", to: speech.status(step.to),
                toClass: Formats.statusClass(step.to),
                notes: step.notes.map { TimelineNote(text: Formats.note($0, speech: speech)) })
        }
        var referral = ReferralInfo(id: "", type: "", url: nil)
        if let r = facts.referral {
            referral = ReferralInfo(
                id: r.id, type: speech.referral(r.kind), url: audience.showsReferralLinks ? r.url : nil)
        }
        var contacts: [ContactRow] = []
        if audience.showsContacts {
            for (role, contact) in [
                (speech.text("page.contact.customer"), c.customerContact),
                (speech.text("page.contact.partner"), c.partnerContact),
            ] {
                contacts.append(ContactRow(role: role, name: contact.name, email: contact.email, phone: contact.phone))
            }
        }
        var result = ClaimPage(
            layout: layout(page: page, title: speech.text("page.claimTitle", ["id": c.id])), claim: details,
            facts: claimFacts, deadlines: deadlines,
            timeline: timeline, referral: referral, hasReferral: facts.referral != nil, contacts: contacts,
            rules: engagementRules[ByteKey(e.id)] ?? rules(of: e, timeline: facts.timeline),
            problems: (problemsByClaim[ByteKey(c.id)] ?? []).map {
                ProblemRow(severity: speech.text("page.severity.\($0.severity.rawValue)"), message: $0.message)
            })
        if let proof = facts.proof {
            result.proof = proof.listed.map { item in
                ProofRow(
                    code: item.rawValue, item: speech.proofItem(item), state: speech.proofState(item, in: proof),
                    done: proof.records[item]?.done != nil)
            }
            result.proofLead = speech.text(
                "page.claim.proofLead", ["done": "\(proof.done.count)", "listed": "\(proof.listed.count)"])
        }
        return result
    }

    /// The rules of engagement `e`, whose timeline is `t`, that a claim's page states.
    package func rules(of e: Engagement, timeline t: Timeline) -> [LabeledValue] {
        var rules = [
            LabeledValue(label: speech.text("page.rule.activity"), value: speech.activity(e.activity)),
            LabeledValue(
                label: speech.text("page.rule.timeline"),
                value: speech.text(
                    "page.rule.timelineValue",
                    [
                        "consent": "\(t.consent)", "submit": "\(t.submit)", "review": "\(t.review)",
                        "dispute": "\(t.dispute)",
                    ])),
            LabeledValue(
                label: speech.text("page.rule.idTypes"),
                value: e.customerIdTypes.map(speech.idType).joined(separator: ", ")),
        ]
        switch e.pay {
        case .fixed:
            rules.append(
                LabeledValue(
                    label: speech.text("page.rule.fixedPayout"), value: e.fixedPayoutUSD.map(speech.money) ?? "—"))
        case .variable:
            if let v = e.variablePay {
                rules.append(
                    LabeledValue(
                        label: speech.text("page.rule.variablePay"),
                        value: speech.text(
                            "page.rule.variablePayValue",
                            [
                                "rate": speech.money(v.hourlyRateUSD), "min": "\(v.minHours)", "max": "\(v.maxHours)",
                            ])))
            }
        }
        if let limit = e.maxActiveClaimsPerCustomer {
            rules.append(
                LabeledValue(
                    label: speech.text("page.rule.claimLimit"),
                    value: speech.text("page.rule.claimLimitValue", ["limit": "\(limit)"])))
        }
        return rules
    }
}

/// What the claim page takes from the claim's history.
enum ClaimPageContext {
    /// What Microsoft wrote with the request the claim's action answers: the comment of the
    /// latest `actionRequired` event when the action is `resubmitClaim`, the reason of the
    /// latest `rejected` event when it is `disputeClaim` (docs/output.md, Claim pages); `nil`
    /// for other actions, or when Microsoft wrote nothing.
    static func microsoftSays(_ facts: ClaimFacts) -> (type: EventType, on: Day, text: String)? {
        let wanted: EventType
        switch facts.state.action {
        case .resubmitClaim: wanted = .actionRequired
        case .disputeClaim: wanted = .rejected
        default: return nil
        }
        for step in facts.state.steps.reversed() {
            guard case .event(let index, let type) = step.cause, type == wanted else { continue }
            let event = facts.claim.events[index]
            let text = (wanted == .actionRequired ? event.comment : event.reason) ?? event.comment ?? event.reason
            guard let text, !text.isEmpty else { return nil }
            return (type, event.on, text)
        }
        return nil
    }
}
