import ClaimModel
import ClaimRules
import Foundation

/// Builds the view model of every page: plain dictionaries of preformatted text, escaped by the
/// templates, with Markdown already turned into safe HTML. (Typed view models are to replace
/// them; see BENCHMARKS.md.)
struct PortalContexts {
    let evaluation: Evaluation
    let model: SiteModel
    let settings: SiteSettings
    let audience: Audience
    let paths: PagePaths
    let diagnostics: [Diagnostic]
    /// Claims by customer and by engagement, in ID order.
    let claimsByCustomer: [String: [ClaimFacts]]
    let claimsByEngagement: [String: [ClaimFacts]]
    /// Where each known customer without an open claim landed on each engagement's tabs
    /// (all of them, also where the page hides Ineligible details).
    let placements: [String: [String: CustomerPlacement]]
    /// Problems by claim ID.
    let problemsByClaim: [String: [Diagnostic]]
    /// Markdown pages in navigation order (every page's navigation lists them).
    let sortedPages: [Page]

    init(evaluation: Evaluation, model: SiteModel, settings: SiteSettings, audience: Audience, paths: PagePaths,
         diagnostics: [Diagnostic]) {
        self.evaluation = evaluation
        self.model = model
        self.settings = settings
        self.audience = audience
        self.paths = paths
        self.diagnostics = diagnostics
        sortedPages = PortalContexts.navigationOrder(model.pages)
        claimsByCustomer = Dictionary(grouping: evaluation.claims, by: \.claim.customer)
        claimsByEngagement = Dictionary(grouping: evaluation.claims, by: \.claim.engagement)
        var placements: [String: [String: CustomerPlacement]] = [:]
        for e in evaluation.engagements {
            var map: [String: CustomerPlacement] = [:]
            for row in e.tabs.eligible { if case .customer(let c, let id) = row { map[c] = .eligible(id) } }
            for row in e.tabs.ineligible { map[row.customer] = .ineligible(row) }
            placements[e.engagement.id] = map
        }
        self.placements = placements
        var problems: [String: [Diagnostic]] = [:]
        for d in diagnostics {
            if let record = d.record, record.kind == .claim { problems[record.id, default: []].append(d) }
        }
        problemsByClaim = problems
    }

    var asOf: Day { evaluation.asOf }
    var dueSoonDays: Int { settings.dueSoonDays }
    var site: SiteIndex { evaluation.site }

    // MARK: shared parts

    func layout(page: String, title: String) -> [String: Any] {
        let links = Links(page: page)
        var nav: [[String: Any]] = [["label": "Overview", "href": links.to("index.html"), "current": page == "index.html"]]
        for p in sortedPages {
            let path = paths.page(p.slug)
            nav.append(["label": p.title, "href": links.to(path), "current": page == path])
        }
        return [
            "lang": "en", "title": title, "siteTitle": settings.title, "partnerName": settings.partnerName,
            "asOf": asOf.description, "root": links.root, "homeHref": links.to("index.html"),
            "stylesheet": links.to("assets/claimsite.css"), "nav": nav,
            "contactsHidden": !audience.showsContacts,
            "audienceLabel": audience.roles.map(\.rawValue).joined(separator: ", "),
        ]
    }

    /// Markdown pages in navigation order: by `order`, pages without one after, by title.
    static func navigationOrder(_ pages: [Page]) -> [Page] {
        pages.sorted { a, b in
            switch (a.order, b.order) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.title == b.title ? a.slug.precedesByUTF8(b.slug) : a.title.precedesByUTF8(b.title)
            }
        }
    }

    func customerName(_ id: String) -> String { site.customers[id]?.name ?? id }

    func claimRow(_ facts: ClaimFacts, on page: String) -> [String: Any] {
        let links = Links(page: page), state = facts.state
        return [
            "id": facts.claim.id, "href": links.to(paths.claim(facts.claim.id)), "displayName": facts.claim.displayName,
            "customer": customerName(facts.claim.customer), "customerHref": links.to(paths.customer(facts.claim.customer)),
            "engagement": facts.engagement.name, "engagementHref": links.to(paths.engagement(facts.engagement.id)),
            "statusLabel": state.status.label, "statusClass": Formats.statusClass(state.status),
            "action": state.action == .none ? (state.status.isTerminal ? "—" : "Waiting on Microsoft") : state.action.label,
            "hasAction": state.action != .none,
            "deadline": state.deadline?.description ?? "—",
            "daysLeft": state.deadline.map { Formats.daysLeft($0, asOf: asOf) } ?? "",
            "urgency": Formats.urgency(state, asOf: asOf, dueSoonDays: dueSoonDays),
            "endedOn": state.endedOn?.description ?? "—",
        ]
    }

    // MARK: pages

    func home() -> [String: Any] {
        let page = "index.html", links = Links(page: page)
        let open = evaluation.claims.filter { !$0.state.status.isTerminal }
        let dueSoon = open.filter { $0.state.isDueSoon(asOf: asOf, days: dueSoonDays) }
            .sorted { $0.state.deadline! != $1.state.deadline! ? $0.state.deadline! < $1.state.deadline! : $0.claim.id.precedesByUTF8($1.claim.id) }
        let approved = evaluation.claims.filter { $0.state.status == .approved }
        let approvedTotal = approved.compactMap(\.payoutUSD).reduce(Decimal(0), +)
        let proposedOpen = open.compactMap(\.payoutUSD).reduce(Decimal(0), +)
        var context = layout(page: page, title: "Overview")
        context["summary"] = [
            "openClaims": String(open.count), "needsAction": String(open.filter { $0.state.action != .none }.count),
            "dueSoonCount": String(dueSoon.count), "approvedTotal": Formats.money(approvedTotal),
            "approvedCount": String(approved.count), "proposedOpenTotal": Formats.money(proposedOpen),
        ] as [String: Any]
        context["dueSoonDays"] = String(dueSoonDays)
        context["dueSoon"] = dueSoon.map { claimRow($0, on: page) }
        context["hasDueSoon"] = !dueSoon.isEmpty
        context["engagements"] = evaluation.engagements.map { e -> [String: Any] in
            let mine = claimsByEngagement[e.engagement.id] ?? []
            return [
                "name": e.engagement.name, "href": links.to(paths.engagement(e.engagement.id)),
                "activity": Formats.activity(e.engagement.activity), "pay": e.engagement.pay == .fixed ? "Fixed" : "Variable",
                "openClaims": String(mine.filter { !$0.state.status.isTerminal }.count),
                "eligibleCount": String(e.tabs.eligible.count),
                "ineligibleCount": e.tabs.detailsHidden ? "hidden" : String(e.tabs.shownIneligible.count),
                "completedCount": String(e.tabs.completed.count),
                "dueSoonCount": String(mine.filter { $0.state.isDueSoon(asOf: asOf, days: dueSoonDays) }.count),
            ]
        }
        context["statuses"] = ClaimStatus.allCases.compactMap { status -> [String: Any]? in
            let count = evaluation.claims.filter { $0.state.status == status }.count
            return count == 0 ? nil : ["label": status.label, "statusClass": Formats.statusClass(status), "count": String(count)]
        }
        context["pages"] = sortedPages.map { ["title": $0.title, "href": links.to(paths.page($0.slug))] as [String: Any] }
        context["hasPages"] = !model.pages.isEmpty
        context["reportHref"] = links.to("report.json")
        context["claimsCSVHref"] = links.to("claims.csv")
        context["calendarHref"] = links.to("deadlines.ics")
        return context
    }

    func engagement(_ facts: EngagementFacts) -> [String: Any] {
        let e = facts.engagement, page = paths.engagement(e.id), links = Links(page: page)
        var context = layout(page: page, title: e.name)
        let payout: String
        switch e.pay {
        case .fixed: payout = e.fixedPayoutUSD.map { "\(Formats.money($0)) per claim" } ?? "—"
        case .variable:
            if let v = e.variablePay {
                var text = "\(Formats.money(v.hourlyRateUSD)) per hour, \(v.minHours)–\(v.maxHours) hours"
                if let cap = v.maxPayoutUSD { text += "; at most \(Formats.money(cap))" }
                if let share = v.maxShareOfOpportunity { text += "; at most \(NSDecimalNumber(decimal: share * 100).stringValue)% of the opportunity's estimated revenue" }
                payout = text
            } else { payout = "—" }
        }
        let t = facts.timeline
        let eligibleLocations = model.locations.filter { site.isEligible(location: $0, for: e) }
        context["engagement"] = [
            "id": e.id, "name": e.name, "activity": Formats.activity(e.activity),
            "pay": e.pay == .fixed ? "Fixed pay" : "Variable pay", "payout": payout,
            "idTypes": e.customerIdTypes.map(Formats.idType).joined(separator: ", "),
            "timeline": "Consent within \(t.consent) days of creation; submit within \(t.submit) days and review within \(t.review) days of consent; dispute within \(t.dispute) days of a rejection",
            "claimLimit": e.maxActiveClaimsPerCustomer.map { "\($0) active claim\($0 == 1 ? "" : "s") per customer" } ?? "No limit",
            "referrals": e.referrals ? "Referrals and co-sell enabled" : "No referrals",
            "locations": eligibleLocations.isEmpty ? "None of the partner's locations is eligible" : eligibleLocations.map { "\($0.name) (\($0.id))" }.joined(separator: ", "),
            "descriptionHTML": Markdown.html(e.description),
        ] as [String: Any]
        let open = facts.tabs.eligible.compactMap { row -> ClaimFacts? in
            if case .claim(let id) = row { return evaluation.claim(id) }
            return nil
        }
        let claimable = facts.tabs.eligible.compactMap { row -> [String: Any]? in
            guard case .customer(let customer, let id) = row else { return nil }
            return ["customer": customerName(customer), "customerHref": links.to(paths.customer(customer)),
                    "qualifyingType": Formats.idType(id.type), "qualifyingValue": id.value]
        }
        context["eligibleCount"] = String(facts.tabs.eligible.count)
        context["ineligibleCount"] = facts.tabs.detailsHidden ? "–" : String(facts.tabs.shownIneligible.count)
        context["completedCount"] = String(facts.tabs.completed.count)
        context["openClaims"] = open.map { claimRow($0, on: page) }
        context["hasOpenClaims"] = !open.isEmpty
        context["claimable"] = claimable
        context["hasClaimable"] = !claimable.isEmpty
        context["detailsHidden"] = facts.tabs.detailsHidden
        context["hasEligibleLocation"] = facts.hasEligibleLocation
        context["ineligible"] = facts.tabs.shownIneligible.map {
            ["customer": customerName($0.customer), "customerHref": links.to(paths.customer($0.customer)),
             "reason": $0.reason.label, "detail": $0.detail] as [String: Any]
        }
        context["hasIneligible"] = !facts.tabs.shownIneligible.isEmpty
        let completed = facts.tabs.completed.compactMap { evaluation.claim($0) }
        context["completed"] = completed.map { claimRow($0, on: page) }
        context["hasCompleted"] = !completed.isEmpty
        return context
    }

    func claim(_ facts: ClaimFacts) -> [String: Any] {
        let c = facts.claim, s = facts.state, e = facts.engagement
        let page = paths.claim(c.id), links = Links(page: page)
        var context = layout(page: page, title: "Claim \(c.id)")
        var createdBy = ""
        if let creator = c.createdBy {
            let user = site.users?[creator.lowercased()]
            if audience.showsContacts {
                createdBy = user?.name.map { "\($0) <\(creator)>" } ?? creator
            } else {
                createdBy = user?.name ?? "a partner user"
            }
        }
        let location = site.locations[c.location].map { "\($0.name) (\($0.id))" } ?? c.location
        context["claim"] = [
            "id": c.id, "displayName": c.displayName, "statusLabel": s.status.label, "statusClass": Formats.statusClass(s.status),
            "terminal": s.status.isTerminal, "actionLabel": s.action.label, "hasAction": s.action != .none,
            "waiting": !s.status.isTerminal && s.action == .none,
            "deadline": s.deadline?.description ?? "", "deadlineKind": s.deadlineKind?.rawValue ?? "",
            "daysLeft": s.deadline.map { Formats.daysLeft($0, asOf: asOf) } ?? "",
            "urgency": Formats.urgency(s, asOf: asOf, dueSoonDays: dueSoonDays),
            "engagement": e.name, "engagementHref": links.to(paths.engagement(e.id)),
            "customer": customerName(c.customer), "customerHref": links.to(paths.customer(c.customer)),
            "origin": c.origin == .added ? "Added (Add customer)" : "Claimed (Claim customer)",
            "nominatedBy": c.nominatedBy.map { "\(Formats.idType($0.type)) \($0.value)" } ?? "",
            "flow": c.flow ?? "", "location": location, "createdOn": c.createdOn.description, "createdBy": createdBy,
            "hours": c.hours.map(String.init) ?? "",
            "payout": facts.payoutUSD.map(Formats.money) ?? "",
            "payoutKind": facts.payoutIsApproved ? "approved" : "proposed",
            "expectedPaymentBy": s.expectedPaymentBy?.description ?? "",
            "hasExpectedPayment": s.expectedPaymentBy != nil,
            "notesHTML": c.notes.map(Markdown.html) ?? "",
            "hasNotes": !(c.notes ?? "").isEmpty,
            "tab": s.status.isTerminal ? "Completed" : "Eligible",
            "tabHref": links.to(paths.engagement(e.id)) + (s.status.isTerminal ? "#completed" : "#eligible"),
            "endedOn": s.status.isTerminal ? (s.endedOn?.description ?? "") : "",
        ] as [String: Any]
        var facts2: [[String: Any]] = [
            ["label": "Engagement", "value": "\(e.name) (\(e.id))"],
            ["label": "Origin", "value": c.origin == .added ? "Added (Add customer)" : "Claimed (Claim customer)"],
        ]
        if let n = c.nominatedBy { facts2.append(["label": "Nominated by", "value": "\(Formats.idType(n.type)) \(n.value)"]) }
        if let flow = c.flow { facts2.append(["label": "Flow", "value": flow]) }
        facts2.append(["label": "Location", "value": location])
        facts2.append(["label": "Created", "value": c.createdOn.description + (createdBy.isEmpty ? "" : " by \(createdBy)")])
        if let hours = c.hours { facts2.append(["label": "Hours", "value": String(hours)]) }
        context["facts"] = facts2
        context["deadlines"] = DeadlineKind.allCases.map { kind -> [String: Any] in
            var note = ""
            if kind == .review && s.reviewWasReset { note = "reset after the dispute" }
            if s.deadlineKind == kind && !s.status.isTerminal { note = note.isEmpty ? "current" : "current; \(note)" }
            return ["label": kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst(), "date": s.deadlines[kind]?.description ?? "—", "note": note]
        }
        context["timeline"] = s.steps.map { step -> [String: Any] in
            var text = Formats.step(step)
            if case .event(let index, _) = step.cause {
                let event = c.events[index]
                if let comment = event.comment { text += ": “\(comment)”" }
                if let reason = event.reason { text += ": “\(reason)”" }
                if let deal = event.dealSizeUSD { text += " (deal size \(Formats.money(deal)))" }
                if let amount = event.amountUSD { text += " (\(Formats.money(amount)))" }
            }
            return ["date": step.day.description, "text": text, "from": step.from?.label ?? "", "to": step.to.label,
                    "toClass": Formats.statusClass(step.to), "notes": step.notes.map { ["text": Formats.note($0)] as [String: Any] }]
        }
        if let r = facts.referral {
            let url = audience.showsReferralLinks ? r.url : nil
            context["referral"] = ["id": r.id, "type": r.kind.label, "url": url ?? "", "hasURL": url != nil] as [String: Any]
        } else {
            context["referral"] = ["id": "", "type": "", "url": "", "hasURL": false] as [String: Any]
        }
        context["hasReferral"] = facts.referral != nil
        var contacts: [[String: Any]] = []
        if audience.showsContacts {
            for (role, contact) in [("Customer contact", c.customerContact), ("Partner contact", c.partnerContact)] {
                contacts.append(["role": role, "name": contact.name ?? "", "hasName": contact.name != nil, "email": contact.email,
                                 "phone": contact.phone ?? "", "hasPhone": contact.phone != nil])
            }
        }
        context["contacts"] = contacts
        context["hasContacts"] = !contacts.isEmpty
        let t = Timeline(for: e)
        var rules: [[String: Any]] = [
            ["label": "Activity", "value": Formats.activity(e.activity)],
            ["label": "Timeline", "value": "consent \(t.consent), submit \(t.submit), review \(t.review), dispute \(t.dispute) days"],
            ["label": "Customer ID types", "value": e.customerIdTypes.map(Formats.idType).joined(separator: ", ")],
        ]
        switch e.pay {
        case .fixed: rules.append(["label": "Fixed payout", "value": e.fixedPayoutUSD.map(Formats.money) ?? "—"])
        case .variable:
            if let v = e.variablePay { rules.append(["label": "Variable pay", "value": "\(Formats.money(v.hourlyRateUSD)) per hour, \(v.minHours)–\(v.maxHours) hours"]) }
        }
        if let limit = e.maxActiveClaimsPerCustomer { rules.append(["label": "Claim limit", "value": "\(limit) per customer"]) }
        context["rules"] = rules
        let problems = problemsByClaim[c.id] ?? []
        context["problems"] = problems.map { ["severity": $0.severity.rawValue, "message": $0.message] as [String: Any] }
        context["hasProblems"] = !problems.isEmpty
        return context
    }

    func customer(_ customer: Customer) -> [String: Any] {
        let page = paths.customer(customer.id), links = Links(page: page)
        var context = layout(page: page, title: customer.name)
        let since = evaluation.knownSince[customer.id]
        context["customer"] = ["id": customer.id, "name": customer.name,
                               "knownSince": since?.description ?? "", "known": since != nil,
                               "country": customer.country ?? "—", "coSell": customer.coSellQualified ? "Yes" : "No"] as [String: Any]
        var ids: [[String: Any]] = customer.domains.map { ["type": "Domain", "value": $0] }
        ids += customer.tenantIds.map { ["type": "Tenant ID", "value": $0] }
        if let tpid = customer.tpid { ids.append(["type": "TPID", "value": tpid]) }
        ids += customer.subscriptionIds.map { ["type": "Azure subscription ID", "value": $0] }
        ids += (site.opportunitiesByCustomer[customer.id] ?? []).map { ["type": "MSX opportunity ID", "value": $0.id] }
        context["ids"] = ids
        let claims = claimsByCustomer[customer.id] ?? []
        context["claims"] = claims.map { claimRow($0, on: page) }
        context["hasClaims"] = !claims.isEmpty
        context["engagements"] = evaluation.engagements.map { e -> [String: Any] in
            let open = claims.filter { $0.claim.engagement == e.engagement.id && !$0.state.status.isTerminal }
            var verdict = "Not known", verdictClass = "verdict-none", detail = "No accepted consent yet, so no customer row"
            if !open.isEmpty {
                verdict = "Open claim"; verdictClass = "verdict-open"
                detail = open.map(\.claim.id).joined(separator: ", ")
            } else if since != nil {
                switch placements[e.engagement.id]?[customer.id] {
                case nil:
                    break
                case .eligible(let id):
                    verdict = "Eligible"; verdictClass = "verdict-eligible"
                    detail = "Claim customer with \(Formats.idType(id.type)) \(id.value)"
                case .ineligible(let row):
                    verdict = row.reason.label; verdictClass = "verdict-ineligible"
                    detail = e.tabs.detailsHidden ? "Details are not shown for engagements nominated by MSX opportunity only" : row.detail
                }
            }
            return ["name": e.engagement.name, "href": links.to(paths.engagement(e.engagement.id)),
                    "verdict": verdict, "verdictClass": verdictClass, "detail": detail]
        }
        return context
    }

    func page(_ page: Page) -> [String: Any] {
        var context = layout(page: paths.page(page.slug), title: page.title)
        context["page"] = ["title": page.title, "bodyHTML": Markdown.html(page.body)] as [String: Any]
        return context
    }
}
