import ClaimModel
import ClaimRules
import Foundation

/// Builds the typed view model of every page (`ViewModels/`): preformatted text, escaped by the
/// templates, with Markdown already turned into safe HTML. The claim page's is built in
/// ClaimPageContext.swift.
struct PortalContexts {
    let evaluation: Evaluation
    let model: SiteModel
    let settings: SiteSettings
    let audience: Audience
    let paths: PagePaths
    let diagnostics: [Diagnostic]
    /// How the pages say things: the build's language (docs/languages.md).
    let speech: Speech
    /// Claims by customer and by engagement, in ID order. Every map here is keyed by IDs'
    /// bytes (docs/input-format.md, "Comparing IDs").
    let claimsByCustomer: [ByteKey: [ClaimFacts]]
    let claimsByEngagement: [ByteKey: [ClaimFacts]]
    /// Where each known customer without an open claim landed on each engagement's tabs
    /// (all of them, also where the page hides Ineligible details), by engagement in
    /// `evaluation.engagements` order.
    let placements: [[ByteKey: CustomerPlacement]]
    /// The path of each engagement's page, in `evaluation.engagements` order.
    let engagementPaths: [String]
    /// Each customer's name and page, by ID (rows name and link customers many times).
    let customerRefs: [ByteKey: (name: String, path: String)]
    /// Problems by claim ID.
    let problemsByClaim: [ByteKey: [Diagnostic]]
    /// Markdown pages in navigation order (every page's navigation lists them).
    let sortedPages: [Page]

    init(evaluation: Evaluation, model: SiteModel, settings: SiteSettings, audience: Audience, paths: PagePaths,
         diagnostics: [Diagnostic], speech: Speech = .english) {
        self.speech = speech
        self.evaluation = evaluation
        self.model = model
        self.settings = settings
        self.audience = audience
        self.paths = paths
        self.diagnostics = diagnostics
        sortedPages = PortalContexts.navigationOrder(model.pages)
        claimsByCustomer = Dictionary(grouping: evaluation.claims, by: { ByteKey($0.claim.customer) })
        claimsByEngagement = Dictionary(grouping: evaluation.claims, by: { ByteKey($0.claim.engagement) })
        placements = evaluation.engagements.indices.map { k in
            var map: [ByteKey: CustomerPlacement] = [:]
            for row in evaluation.engagements[k].tabs.eligible { if case .customer(let c, let id) = row { map[ByteKey(c)] = .eligible(id) } }
            for row in evaluation.engagements[k].tabs.ineligible { map[ByteKey(row.customer)] = .ineligible(row) }
            return map
        }
        engagementPaths = evaluation.engagements.indices.map { paths.engagement(evaluation.engagements[$0].engagement.id) }
        var customerRefs: [ByteKey: (name: String, path: String)] = [:]
        for (id, customer) in evaluation.site.customers { customerRefs[id] = (customer.name, paths.customer(id.string)) }
        self.customerRefs = customerRefs
        var problems: [ByteKey: [Diagnostic]] = [:]
        for d in diagnostics {
            if let record = d.record, record.kind == .claim { problems[ByteKey(record.id), default: []].append(d) }
        }
        problemsByClaim = problems
    }

    var asOf: Day { evaluation.asOf }
    var dueSoonDays: Int { settings.dueSoonDays }
    var site: SiteIndex { evaluation.site }

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

    func customerName(_ id: String) -> String { site.customers[ByteKey(id)]?.name ?? id }

    /// The name and page of customer `id`.
    func customerRef(_ id: String) -> (name: String, path: String) { customerRefs[ByteKey(id)] ?? (id, paths.customer(id)) }

    // MARK: pages

    func customer(_ customer: Customer) -> CustomerPage {
        let page = paths.customer(customer.id), links = Links(page: page)
        let since = evaluation.knownSince[ByteKey(customer.id)]
        let info = CustomerInfo(id: customer.id, name: customer.name, knownSince: since?.description ?? "", known: since != nil,
                                country: customer.country ?? "—", coSell: customer.coSellQualified ? "Yes" : "No")
        var ids = customer.domains.map { IDRow(type: "Domain", value: $0) }
        ids += customer.tenantIds.map { IDRow(type: "Tenant ID", value: $0) }
        if let tpid = customer.tpid { ids.append(IDRow(type: "TPID", value: tpid)) }
        ids += customer.subscriptionIds.map { IDRow(type: "Azure subscription ID", value: $0) }
        ids += (site.opportunitiesByCustomer[ByteKey(customer.id)] ?? []).map { IDRow(type: "MSX opportunity ID", value: $0.id) }
        let claims = claimsByCustomer[ByteKey(customer.id)] ?? []
        var openByEngagement: [ByteKey: [String]] = [:]
        for c in claims where !c.state.status.isTerminal { openByEngagement[ByteKey(c.claim.engagement), default: []].append(c.claim.id) }
        var engagements: [CustomerEngagementRow] = []
        engagements.reserveCapacity(evaluation.engagements.count)
        for k in evaluation.engagements.indices {
            let id = evaluation.engagements[k].engagement.id
            var verdict = "Not known", verdictClass = "verdict-none", detail = "No accepted consent yet, so no customer row"
            if let open = openByEngagement[ByteKey(id)] {
                verdict = "Open claim"; verdictClass = "verdict-open"
                detail = open.joined(separator: ", ")
            } else if since != nil {
                switch placements[k][ByteKey(customer.id)] {
                case nil:
                    break
                case .eligible(let id):
                    verdict = "Eligible"; verdictClass = "verdict-eligible"
                    detail = "Claim customer with \(Words.idType(id.type)) \(id.value)"
                case .ineligible(let row):
                    verdict = row.reason.label; verdictClass = "verdict-ineligible"
                    detail = evaluation.engagements[k].tabs.detailsHidden ? "Details are not shown for engagements nominated by MSX opportunity only" : row.detail
                }
            }
            engagements.append(CustomerEngagementRow(root: links.root, name: evaluation.engagements[k].engagement.name, path: engagementPaths[k],
                                                     verdict: verdict, verdictClass: verdictClass, detail: detail))
        }
        return CustomerPage(layout: layout(page: page, title: customer.name), customer: info, ids: ids,
                            claims: claims.map { claimRow($0, links: links) }, engagements: engagements)
    }

    func page(_ page: Page) -> MarkdownPage {
        MarkdownPage(layout: layout(page: paths.page(page.slug), title: page.title),
                     page: PageContent(title: page.title, bodyHTML: Markdown.html(page.body)))
    }
}

// MARK: shared parts and the overview and engagement pages

extension PortalContexts {
    func layout(page: String, title: String) -> PageLayout {
        let links = Links(page: page)
        var nav = [NavItem(label: "Overview", href: links.to("index.html"), current: page == "index.html")]
        for p in sortedPages {
            let path = paths.page(p.slug)
            nav.append(NavItem(label: p.title, href: links.to(path), current: page == path))
        }
        return PageLayout(
            lang: "en", title: title, siteTitle: settings.title, partnerName: settings.partnerName,
            asOf: asOf.description, root: links.root, homeHref: links.to("index.html"),
            stylesheet: links.to("assets/claimsite.css"), nav: nav, contactsHidden: !audience.showsContacts,
            audienceLabel: Words.listed(audience.roles.map(Words.role)))
    }

    func claimRow(_ facts: ClaimFacts, links: Links) -> ClaimRow {
        let state = facts.state, customer = customerRef(facts.claim.customer)
        return ClaimRow(
            root: links.root, id: facts.claim.id, path: paths.claim(facts.claim.id), displayName: facts.claim.displayName,
            customer: customer.name, customerPath: customer.path,
            engagement: facts.engagement.name, engagementPath: paths.engagement(facts.engagement.id),
            statusLabel: state.status.label, statusClass: Formats.statusClass(state.status),
            action: Words.action(state.action),
            hasAction: state.action != .none,
            deadline: state.deadline?.description ?? "—",
            daysLeft: state.deadline.map { Formats.daysLeft($0, asOf: asOf) } ?? "",
            urgency: Formats.urgency(state, asOf: asOf, dueSoonDays: dueSoonDays),
            endedOn: state.endedOn?.description ?? "—",
            location: site.locations[ByteKey(facts.claim.location)].map { "\($0.name) (\($0.id))" } ?? facts.claim.location,
            pay: facts.engagement.pay == .fixed ? "Fixed" : "Variable",
            window: state.action == .none || state.deadline == nil ? "No deadline"
                : (state.isDueSoon(asOf: asOf, days: dueSoonDays) ? "Due soon" : "Later"))
    }

    func home() -> HomePage {
        let page = "index.html", links = Links(page: page)
        let open = evaluation.claims.filter { !$0.state.status.isTerminal }
        let dueSoon = open.filter { $0.state.isDueSoon(asOf: asOf, days: dueSoonDays) }
            .sorted { $0.state.deadline! != $1.state.deadline! ? $0.state.deadline! < $1.state.deadline! : $0.claim.id.precedesByUTF8($1.claim.id) }
        let approved = evaluation.claims.filter { $0.state.status == .approved }
        let approvedTotal = approved.compactMap(\.payoutUSD).reduce(Decimal(0), +)
        let proposedOpen = open.compactMap(\.payoutUSD).reduce(Decimal(0), +)
        let summary = HomeSummary(
            openClaims: String(open.count), needsAction: String(open.filter { $0.state.action != .none }.count),
            dueSoonCount: String(dueSoon.count), approvedTotal: Formats.money(approvedTotal),
            approvedCount: String(approved.count), proposedOpenTotal: Formats.money(proposedOpen))
        let engagements = evaluation.engagements.map { e -> HomeEngagementRow in
            let mine = claimsByEngagement[ByteKey(e.engagement.id)] ?? []
            return HomeEngagementRow(
                name: e.engagement.name, href: links.to(paths.engagement(e.engagement.id)),
                activity: Words.activity(e.engagement.activity), pay: e.engagement.pay == .fixed ? "Fixed" : "Variable",
                openClaims: String(mine.filter { !$0.state.status.isTerminal }.count),
                eligibleCount: String(e.tabs.eligible.count),
                ineligibleCount: e.tabs.detailsHidden ? "hidden" : String(e.tabs.shownIneligible.count),
                completedCount: String(e.tabs.completed.count),
                dueSoonCount: String(mine.filter { $0.state.isDueSoon(asOf: asOf, days: dueSoonDays) }.count))
        }
        let statuses = ClaimStatus.allCases.compactMap { status -> StatusCount? in
            let count = evaluation.claims.filter { $0.state.status == status }.count
            return count == 0 ? nil : StatusCount(label: status.label, statusClass: Formats.statusClass(status), count: String(count))
        }
        return HomePage(
            layout: layout(page: page, title: "Overview"), summary: summary, dueSoonDays: String(dueSoonDays),
            dueSoon: dueSoon.map { claimRow($0, links: links) }, engagements: engagements, statuses: statuses,
            pages: sortedPages.map { PageLink(title: $0.title, href: links.to(paths.page($0.slug))) },
            reportHref: links.to("report.json"), claimsCSVHref: links.to("claims.csv"), calendarHref: links.to("deadlines.ics"))
    }

    func engagement(_ facts: EngagementFacts) -> EngagementPage {
        let e = facts.engagement, page = paths.engagement(e.id), links = Links(page: page)
        let t = facts.timeline
        let eligibleLocations = model.locations.filter { site.isEligible(location: $0, for: e) }
        let info = EngagementInfo(
            id: e.id, name: e.name, activity: Words.activity(e.activity),
            timeline: "Consent within \(t.consent) days of creation; submit within \(t.submit) days and review within \(t.review) days of consent; dispute within \(t.dispute) days of a rejection",
            referrals: e.referrals ? "Referrals and co-sell enabled" : "No referrals",
            descriptionHTML: Markdown.html(e.description))
        let nomination = nominationInfo(e, eligibleLocations: eligibleLocations)
        let open = facts.tabs.eligible.compactMap { row -> ClaimFacts? in
            if case .claim(let id) = row { return evaluation.claim(id) }
            return nil
        }
        let claimable = facts.tabs.eligible.compactMap { row -> ClaimableRow? in
            guard case .customer(let customer, let id) = row else { return nil }
            let ref = customerRef(customer)
            return ClaimableRow(root: links.root, customer: ref.name, customerPath: ref.path,
                                qualifyingType: Words.idType(id.type), qualifyingValue: id.value)
        }
        return EngagementPage(
            layout: layout(page: page, title: e.name), engagement: info, nomination: nomination,
            eligibleCount: String(facts.tabs.eligible.count),
            ineligibleCount: facts.tabs.detailsHidden ? "–" : String(facts.tabs.shownIneligible.count),
            completedCount: String(facts.tabs.completed.count),
            openClaims: open.map { claimRow($0, links: links) }, claimable: claimable,
            detailsHidden: facts.tabs.detailsHidden, hasEligibleLocation: facts.hasEligibleLocation,
            ineligible: facts.tabs.shownIneligible.map {
                let ref = customerRef($0.customer)
                return IneligibleCustomerRow(root: links.root, customer: ref.name, customerPath: ref.path, reason: $0.reason.label, detail: $0.detail)
            },
            completed: facts.tabs.completed.compactMap { evaluation.claim($0) }.map { claimRow($0, links: links) })
    }

    /// The engagement page's "Who can be nominated" (docs/output.md, Layout), in words made from
    /// the engagement's data: the ID types it accepts (docs/rules.md#eligibility), the partner's
    /// locations that may claim it in file order (docs/rules.md#locations), its pay
    /// (docs/rules.md#payouts) and its claim limit (docs/rules.md#claim-limit).
    func nominationInfo(_ e: Engagement, eligibleLocations: [Location]) -> NominationInfo {
        let payout: String, flowRule: String
        switch e.pay {
        case .fixed:
            payout = e.fixedPayoutUSD.map { "Fixed pay: \(Formats.money($0)) a claim" } ?? "Fixed pay"
            flowRule = ""
        case .variable:
            if let v = e.variablePay {
                let caps = [v.maxPayoutUSD.map { "at most \(Formats.money($0))" },
                            v.maxShareOfOpportunity.map { "at most \(Formats.percent($0)) of the opportunity's estimated revenue" }]
                    .compactMap { $0 }
                payout = "Variable pay: \(Formats.money(v.hourlyRateUSD)) an hour for \(v.minHours)–\(v.maxHours) hours"
                    + (caps.isEmpty ? "" : ", " + Formats.listed(caps))
            } else {
                payout = "Variable pay"
            }
            flowRule = "A variable-pay engagement is nominated alone, in a flow of its own."
        }
        return NominationInfo(
            idTypes: Words.idTypes(e.customerIdTypes),
            domainRule: e.customerIdTypes.contains(.domain) ? "A domain is checked by its tenant, looked up in the directory." : "",
            locations: eligibleLocations.isEmpty ? "No partner location may claim this engagement."
                : Formats.listed(eligibleLocations.map { "\($0.name) (\($0.id))" }),
            payout: payout, flowRule: flowRule,
            claimLimit: e.maxActiveClaimsPerCustomer.map { "At most \($0) active claim\($0 == 1 ? "" : "s") per customer" } ?? "")
    }
}
