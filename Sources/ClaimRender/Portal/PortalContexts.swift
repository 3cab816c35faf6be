import ClaimModel
import ClaimRules
import Foundation
import TypedMustache

/// Builds the typed view model of every page (`ViewModels/`): preformatted text, escaped by the
/// templates, with Markdown already turned into safe HTML. The claim page's is built in
/// ClaimPageContext.swift.
package struct PortalContexts {
    package let evaluation: Evaluation
    package let model: SiteModel
    package let settings: SiteSettings
    package let audience: Audience
    package let paths: PagePaths
    package let diagnostics: [Diagnostic]
    /// How the pages say things: the build's language (docs/languages.md).
    package let speech: Speech
    /// Claims by customer, by engagement and by location, in ID order. Every map here is keyed
    /// by IDs' bytes (docs/input-format.md, "Comparing IDs").
    package let claimsByCustomer: [ByteKey: [ClaimFacts]]
    package let claimsByEngagement: [ByteKey: [ClaimFacts]]
    package let claimsByLocation: [ByteKey: [ClaimFacts]]
    /// The link to each engagement's page, at its Eligible tab (`engagementLink`), in
    /// `evaluation.engagements` order.
    package let engagementPaths: [String]
    /// Indices into `evaluation.engagements`, by name in the language's collation, equal names
    /// by ID bytes: the order every list of engagements on a page follows (docs/languages.md).
    package let engagementsByName: [Int]
    /// Each customer's name and page, by ID (rows name and link customers many times).
    package let customerRefs: [ByteKey: (name: String, path: String)]
    /// Problems by claim ID.
    package let problemsByClaim: [ByteKey: [Diagnostic]]
    /// Markdown pages in navigation order (every page's navigation lists them).
    package let sortedPages: [Page]
    /// Customers and partner locations in file order, each ID once (by its bytes): one page each.
    package let customers: [Customer]
    package let locations: [Location]
    /// The work list of every claim (docs/rules.md#the-work-list), made once: its page,
    /// `actions.csv`, `report.json` and the overview read it.
    package let workList: WorkList
    /// The claims that changed recently (docs/rules.md#recently-changed), newest first.
    package let recentChanges: [RecentChange]
    /// Claims by status, in ID order.
    package let claimsByStatus: [ClaimStatus: [ClaimFacts]]
    /// The payout totals of the site, each engagement and each customer (docs/rules.md#payments).
    package let ledger: PaymentLedger
    /// Each engagement's rules as its claims' pages list them, by engagement ID: made once per
    /// engagement, not once per claim.
    package private(set) var engagementRules: [ByteKey: [LabeledValue]] = [:]
    /// The layout of a page that is not in the navigation, by its `root` (`../` per folder
    /// level), without a title: all but the title is the same for every such page of a folder
    /// depth (100,000 claim pages share one).
    private var layoutFrames: [String: PageLayout] = [:]
    /// The pages the navigation links to: their layouts mark their own entry as current.
    private var navigationPaths: Set<String> = []

    package init(
        evaluation: Evaluation, model: SiteModel, settings: SiteSettings, audience: Audience, paths: PagePaths,
        diagnostics: [Diagnostic], speech: Speech = .english
    ) {
        self.speech = speech
        self.evaluation = evaluation
        self.model = model
        self.settings = settings
        self.audience = audience
        self.paths = paths
        self.diagnostics = diagnostics
        sortedPages = PortalContexts.navigationOrder(model.pages, language: speech.language)
        var seenCustomers = Set<ByteKey>(), seenLocations = Set<ByteKey>()
        customers = model.customers.filter { seenCustomers.insert(ByteKey($0.id)).inserted }
        locations = model.locations.filter { seenLocations.insert(ByteKey($0.id)).inserted }
        // The claims grouped four ways on one core, the lists worked out from all of them on another.
        let claims = evaluation.claims, asOf = evaluation.asOf, days = settings.dueSoonDays
        let (groups, lists) = Parallel.both(
            {
                (
                    Dictionary(grouping: claims, by: { ByteKey($0.claim.customer) }),
                    Dictionary(grouping: claims, by: { ByteKey($0.claim.location) }),
                    Dictionary(grouping: claims, by: { ByteKey($0.claim.engagement) }),
                    Dictionary(grouping: claims, by: { $0.state.status })
                )
            },
            {
                (
                    WorkList(claims: claims, asOf: asOf, dueSoonDays: days),
                    RecentChange.of(claims, asOf: asOf, days: days), PaymentLedger(claims)
                )
            })
        (claimsByCustomer, claimsByLocation, claimsByEngagement, claimsByStatus) = groups
        (workList, recentChanges, ledger) = lists
        engagementPaths = evaluation.engagements.indices.map {
            paths.engagement(evaluation.engagements[$0].engagement.id) + "#eligible"
        }
        let language = speech.language
        engagementsByName = evaluation.engagements.indices.sorted { i, j in
            let a = evaluation.engagements[i].engagement, b = evaluation.engagements[j].engagement
            return Formats.collates(a.name, before: b.name, in: language) ?? a.id.precedesByUTF8(b.id)
        }
        var customerRefs: [ByteKey: (name: String, path: String)] = [:]
        for (id, customer) in evaluation.site.customers {
            customerRefs[id] = (customer.name, paths.customer(id.string))
        }
        self.customerRefs = customerRefs
        var problems: [ByteKey: [Diagnostic]] = [:]
        for d in diagnostics {
            if let record = d.record, record.kind == .claim { problems[ByteKey(record.id), default: []].append(d) }
        }
        problemsByClaim = problems
        for facts in evaluation.engagements where engagementRules[ByteKey(facts.engagement.id)] == nil {
            engagementRules[ByteKey(facts.engagement.id)] = rules(of: facts.engagement, timeline: facts.timeline)
        }
        navigationPaths = Set(
            ["index.html", PagePaths.actions, PagePaths.payouts] + sortedPages.map { paths.page($0.slug) })
        for depth in 0..<4 {
            let links = Links(page: String(repeating: "folder/", count: depth) + "page.html")
            layoutFrames[links.root] = layout(links: links, current: nil, title: "")
        }
    }

    package var asOf: Day { evaluation.asOf }
    package var dueSoonDays: Int { settings.dueSoonDays }
    package var site: SiteIndex { evaluation.site }

    /// Markdown pages in navigation order: by `order`, pages without one after, by title in the
    /// collation of `language` (docs/languages.md), equal titles by their slugs' bytes.
    package static func navigationOrder(_ pages: [Page], language: Language = .en) -> [Page] {
        pages.sorted { a, b in
            switch (a.order, b.order) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default:
                if let before = Formats.collates(a.title, before: b.title, in: language) { return before }
                return a.slug.precedesByUTF8(b.slug)
            }
        }
    }

    /// The link to engagement `id`'s page, relative to the output root: at its Eligible tab
    /// (docs/output.md, Layout), the tab a reader opens it for.
    package func engagementLink(_ id: String) -> String { paths.engagement(id) + "#eligible" }

    package func customerName(_ id: String) -> String { site.customers[ByteKey(id)]?.name ?? id }

    /// The name and page of customer `id`.
    package func customerRef(_ id: String) -> (name: String, path: String) {
        customerRefs[ByteKey(id)] ?? (id, paths.customer(id))
    }

    // MARK: pages

    package func customer(_ customer: Customer) -> CustomerPage {
        let page = paths.customer(customer.id), links = Links(page: page)
        let since = evaluation.knownSince[ByteKey(customer.id)]
        let info = CustomerInfo(
            id: customer.id, name: customer.name, knownSince: since?.description ?? "",
            knownSinceText: since.map(speech.date) ?? "", known: since != nil,
            country: customer.country.map(speech.country) ?? "—",
            coSell: speech.text(customer.coSellQualified ? "page.yes" : "page.no"))
        var ids = customer.domains.map { IDRow(type: speech.idType(.domain), value: $0) }
        ids += customer.tenantIds.map { IDRow(type: speech.idType(.tenantId), value: $0) }
        if let tpid = customer.tpid { ids.append(IDRow(type: speech.idType(.tpid), value: tpid)) }
        ids += customer.subscriptionIds.map { IDRow(type: speech.idType(.subscriptionId), value: $0) }
        ids += (site.opportunitiesByCustomer[ByteKey(customer.id)] ?? []).map {
            IDRow(type: speech.idType(.msxOpportunityId), value: $0.id)
        }
        let claims = claimsByCustomer[ByteKey(customer.id)] ?? []
        var openByEngagement: [ByteKey: [String]] = [:]
        for c in claims where !c.state.status.isTerminal {
            openByEngagement[ByteKey(c.claim.engagement), default: []].append(c.claim.id)
        }
        var engagements: [CustomerEngagementRow] = []
        engagements.reserveCapacity(evaluation.engagements.count)
        for k in engagementsByName {
            let id = evaluation.engagements[k].engagement.id
            var verdict = speech.text("page.verdict.notKnown"), verdictClass = "verdict-none",
                detail = speech.text("page.verdict.notKnownDetail")
            if let open = openByEngagement[ByteKey(id)] {
                verdict = speech.text("page.verdict.openClaim"); verdictClass = "verdict-open"
                detail = open.joined(separator: ", ")
            } else if since != nil {
                // Where the evaluation placed it (every row, also where the page hides details).
                switch evaluation.engagements[k].placement(of: customer.id) {
                case nil:
                    break
                case .eligible(let id):
                    verdict = speech.tab(.eligible); verdictClass = "verdict-eligible"
                    detail = speech.text("page.verdict.claimWith", ["id": speech.id(id)])
                case .ineligible(let row):
                    verdict = speech.reason(row.reason); verdictClass = "verdict-ineligible"
                    detail =
                        evaluation.engagements[k].tabs.detailsHidden
                        ? speech.text("page.detailsHidden")
                        : speech.detail(row.why, engagement: evaluation.engagements[k].engagement)
                }
            }
            engagements.append(
                CustomerEngagementRow(
                    root: links.root, name: evaluation.engagements[k].engagement.name, path: engagementPaths[k],
                    verdict: verdict, verdictClass: verdictClass, detail: detail))
        }
        return CustomerPage(
            layout: layout(page: page, title: customer.name), customer: info, ids: ids,
            claims: claims.map { claimRow($0, links: links) }, engagements: engagements,
            totals: totalsInfo(ledger.customer(customer.id)))
    }

    /// A partner location's page: the engagements it may claim or has claims in, with its open
    /// and completed claims in each, and its open claims.
    package func location(_ location: Location) -> LocationPage {
        let page = paths.location(location.id), links = Links(page: page)
        let mine = claimsByLocation[ByteKey(location.id)] ?? []
        let open = mine.filter { !$0.state.status.isTerminal }.sorted(by: ClaimFacts.byDeadline)
        let byEngagement = Dictionary(grouping: mine, by: { ByteKey($0.claim.engagement) })
        var engagements: [LocationEngagementRow] = []
        for k in engagementsByName {
            let e = evaluation.engagements[k].engagement
            let claims = byEngagement[ByteKey(e.id)] ?? []
            let mayClaim = site.isEligible(location: location, for: e)
            guard mayClaim || !claims.isEmpty else { continue }
            let openHere = claims.filter { !$0.state.status.isTerminal }.count
            engagements.append(
                LocationEngagementRow(
                    root: links.root, name: e.name, path: engagementPaths[k],
                    mayClaim: speech.text(mayClaim ? "page.yes" : "page.no"), openClaims: String(openHere),
                    completedClaims: String(claims.count - openHere)))
        }
        let info = LocationInfo(
            id: location.id, name: location.name, country: location.country.map(speech.country) ?? "—",
            registered: speech.text(location.mciRegistered ? "page.yes" : "page.no"), claims: String(mine.count),
            openClaims: String(open.count), completedClaims: String(mine.count - open.count))
        return LocationPage(
            layout: layout(page: page, title: location.name), location: info, engagements: engagements,
            openClaims: open.map { claimRow($0, links: links) })
    }

    package func page(_ page: Page) -> MarkdownPage {
        MarkdownPage(
            layout: layout(page: paths.page(page.slug), title: page.title),
            page: PageContent(title: page.title, bodyHTML: Markdown.html(page.body)))
    }
}

// MARK: shared parts and the overview and engagement pages

extension PortalContexts {
    package func layout(page: String, title: String) -> PageLayout {
        let links = Links(page: page)
        if var frame = layoutFrames[links.root], !navigationPaths.contains(page) {
            frame.title = title
            return frame
        }
        return layout(links: links, current: page, title: title)
    }

    /// The layout of the page `links` are written on, whose navigation entry is the one of
    /// `current` (none for `nil`).
    private func layout(links: Links, current page: String?, title: String) -> PageLayout {
        var nav = [
            NavItem(label: speech.text("page.overview"), href: links.to("index.html"), current: page == "index.html"),
            NavItem(
                label: speech.text("page.actions.title"), href: links.to(PagePaths.actions),
                current: page == PagePaths.actions),
            NavItem(
                label: speech.text("page.payouts.title"), href: links.to(PagePaths.payouts),
                current: page == PagePaths.payouts),
        ]
        for p in sortedPages {
            let path = paths.page(p.slug)
            nav.append(NavItem(label: p.title, href: links.to(path), current: page == path))
        }
        return PageLayout(
            lang: speech.language.rawValue, title: title, siteTitle: settings.title, partnerName: settings.partnerName,
            asOf: asOf.description, asOfText: speech.date(asOf), root: links.root, homeHref: links.to("index.html"),
            stylesheet: links.to("assets/claimsite.css"), nav: nav, contactsHidden: !audience.showsContacts,
            audienceLabel: speech.listed(audience.roles.map(speech.role)))
    }

    func claimRow(_ facts: ClaimFacts, links: Links) -> ClaimRow {
        let state = facts.state, customer = customerRef(facts.claim.customer)
        let window = Formats.window(state, asOf: asOf, dueSoonDays: dueSoonDays)
        var row = ClaimRow(
            root: links.root, id: facts.claim.id, path: paths.claim(facts.claim.id),
            displayName: facts.claim.displayName,
            customer: customer.name, customerPath: customer.path,
            engagement: facts.engagement.name, engagementPath: engagementLink(facts.engagement.id),
            statusLabel: speech.status(state.status), statusClass: Formats.statusClass(state.status),
            action: speech.action(state.action),
            hasAction: state.action != .none,
            deadline: state.deadline?.description ?? "—", deadlineText: state.deadline.map(speech.date) ?? "—",
            daysLeft: state.deadline.map { speech.daysLeft($0, asOf: asOf) } ?? "",
            urgency: Formats.urgency(state, asOf: asOf, dueSoonDays: dueSoonDays),
            endedOn: state.endedOn.map(speech.date) ?? "—",
            endedOnSort: state.endedOn.flatMap { speech.date($0) == $0.description ? nil : $0.description } ?? "",
            location: site.locations[ByteKey(facts.claim.location)].map { "\($0.name) (\($0.id))" }
                ?? facts.claim.location,
            pay: payShort(facts.engagement.pay), window: speech.text("page.window.\(window)"),
            statusCode: state.status.rawValue, actionCode: state.action.rawValue, locationId: facts.claim.location,
            payCode: facts.engagement.pay.rawValue, windowCode: window)
        if let proof = facts.proof {
            row.proof = speech.proofCount(proof)
            row.proofNote = speech.proofReadiness(proof, short: true) ?? ""
            row.proofReady = proof.ready == true
        }
        return row
    }

    /// "Fixed" or "Variable", as the tables' Pay column and filter say it.
    package func payShort(_ pay: PayKind) -> String {
        speech.text(pay == .fixed ? "page.payShort.fixed" : "page.payShort.variable")
    }

    package func home() -> HomePage {
        let page = "index.html", links = Links(page: page)
        // The cards count what the work list and the status lists show (docs/output.md, The
        // work list): every open claim is in one of the work list's groups.
        let dueSoon = workList[.today] + workList[.soon]
        let approved = claimsByStatus[.approved] ?? []
        let approvedTotal = payoutTotal(approved)
        let actions = links.to(PagePaths.actions)
        let summary = HomeSummary(
            openClaims: String(openCount), needsAction: String(workList.partnerCount),
            dueSoonCount: String(dueSoon.count), approvedTotal: speech.money(approvedTotal),
            approvedCount: String(approved.count), proposedOpenTotal: speech.money(proposedTotal),
            openHref: actions, needsActionHref: actions + "#partner", dueSoonHref: actions + "#due",
            approvedHref: links.to(PagePaths.payouts))
        let engagements = engagementsByName.map { evaluation.engagements[$0] }.map { e -> HomeEngagementRow in
            let mine = claimsByEngagement[ByteKey(e.engagement.id)] ?? []
            return HomeEngagementRow(
                name: e.engagement.name, href: links.to(engagementLink(e.engagement.id)),
                activity: speech.activity(e.engagement.activity), pay: payShort(e.engagement.pay),
                openClaims: String(mine.filter { !$0.state.status.isTerminal }.count),
                eligibleCount: String(e.tabs.eligible.count),
                ineligibleCount: e.tabs.detailsHidden
                    ? speech.text("page.hidden") : String(e.tabs.shownIneligible.count),
                completedCount: String(e.tabs.completed.count),
                dueSoonCount: String(mine.filter { $0.state.isDueSoon(asOf: asOf, days: dueSoonDays) }.count))
        }
        let statuses = ClaimStatus.allCases.compactMap { status -> StatusCount? in
            let count = claimsByStatus[status]?.count ?? 0
            return count == 0
                ? nil
                : StatusCount(
                    label: speech.status(status), statusClass: Formats.statusClass(status), count: String(count),
                    href: links.to(paths.status(status)))
        }
        let recent = recentChanges.prefix(PortalContexts.recentLimit).map { change -> RecentRow in
            let c = change.facts.claim
            return RecentRow(
                root: links.root, id: c.id, path: paths.claim(c.id), displayName: c.displayName,
                customer: customerName(c.customer), engagement: change.facts.engagement.name,
                on: change.on.description, onText: speech.date(change.on),
                from: change.step.from.map(speech.status) ?? speech.text("page.recent.created"),
                fromClass: change.step.from.map(Formats.statusClass) ?? "status-new",
                to: speech.status(change.step.to), toClass: Formats.statusClass(change.step.to))
        }
        let recentMore = recentChanges.count - recent.count
        return HomePage(
            layout: layout(page: page, title: speech.text("page.overview")), summary: summary,
            dueSoonDays: String(dueSoonDays),
            dueSoon: dueSoon.map { claimRow($0, links: links) }, engagements: engagements, statuses: statuses,
            pages: sortedPages.map { PageLink(title: $0.title, href: links.to(paths.page($0.slug))) },
            // By name in the language's collation (docs/languages.md), equal names by ID bytes.
            locations: locations.sorted { a, b in
                Formats.collates(a.name, before: b.name, in: speech.language) ?? a.id.precedesByUTF8(b.id)
            }.map { location in
                let open = (claimsByLocation[ByteKey(location.id)] ?? []).filter { !$0.state.status.isTerminal }.count
                return LocationLink(
                    root: links.root, name: location.name, id: location.id,
                    path: paths.location(location.id), openClaims: String(open))
            },
            reportHref: links.to("report.json"), claimsCSVHref: links.to("claims.csv"),
            calendarHref: links.to("deadlines.ics"), recent: recent, recentTotal: String(recentChanges.count),
            recentMore: recentMore > 0 ? speech.text("page.recent.more", ["n": "\(recentMore)"]) : "",
            actionsHref: actions)
    }

    package func engagement(_ facts: EngagementFacts) -> EngagementPage {
        let e = facts.engagement, page = paths.engagement(e.id), links = Links(page: page)
        let t = facts.timeline
        let eligibleLocations = model.locations.filter { site.isEligible(location: $0, for: e) }
        let info = EngagementInfo(
            id: e.id, name: e.name, activity: speech.activity(e.activity),
            timeline: speech.text(
                "page.timeline",
                [
                    "consent": "\(t.consent)", "submit": "\(t.submit)", "review": "\(t.review)",
                    "dispute": "\(t.dispute)",
                ]),
            referrals: speech.text(e.referrals ? "page.referrals.on" : "page.referrals.off"),
            descriptionHTML: Markdown.html(e.description))
        let nomination = nominationInfo(e, eligibleLocations: eligibleLocations)
        let claims = facts.tabs.eligible.compactMap { row -> ClaimFacts? in
            if case .claim(let c) = row { return c }
            return nil
        }
        // On the page, claims with a partner action come first (by deadline), then those waiting
        // on Microsoft (docs/output.md, Layout); `report.json` keeps the tab's own order.
        let open = claims.filter { $0.state.action != .none } + claims.filter { $0.state.action == .none }
        let claimable = facts.tabs.eligible.compactMap { row -> ClaimableRow? in
            guard case .customer(let customer, let id) = row else { return nil }
            let ref = customerRef(customer)
            return ClaimableRow(
                root: links.root, customer: ref.name, customerPath: ref.path,
                qualifyingType: speech.idType(id.type), qualifyingValue: id.value)
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
                return IneligibleCustomerRow(
                    root: links.root, customer: ref.name, customerPath: ref.path, reason: speech.reason($0.reason),
                    detail: speech.detail($0.why, engagement: e), reasonCode: $0.reason.rawValue)
            },
            completed: facts.tabs.completed.map { c in
                var row = claimRow(c, links: links)
                if c.payment != nil {
                    row.payout = c.payoutUSD.map(speech.money) ?? "—"
                    row.payment = paymentText(c)
                    row.paymentLabel = c.payment.map { speech.text("page.totals.\($0.state.rawValue)") } ?? ""
                    row.paymentCode = c.payment?.state.rawValue ?? ""
                }
                return row
            },
            totals: totalsInfo(ledger.engagement(e.id)), showProof: !e.proof.isEmpty)
    }

    /// The engagement page's "Who can be nominated" (docs/output.md, Layout), in words made from
    /// the engagement's data: the ID types it accepts (docs/rules.md#eligibility), the partner's
    /// locations that may claim it in file order (docs/rules.md#locations), its pay
    /// (docs/rules.md#payouts) and its claim limit (docs/rules.md#claim-limit).
    package func nominationInfo(_ e: Engagement, eligibleLocations: [Location]) -> NominationInfo {
        let payout: String, flowRule: String
        switch e.pay {
        case .fixed:
            payout =
                e.fixedPayoutUSD.map { speech.text("page.nominate.fixedPay", ["amount": speech.money($0)]) }
                ?? speech.pay(.fixed)
            flowRule = ""
        case .variable:
            if let v = e.variablePay {
                let caps = [
                    v.maxPayoutUSD.map { speech.text("page.nominate.capAmount", ["amount": speech.money($0)]) },
                    v.maxShareOfOpportunity.map {
                        speech.text("page.nominate.capShare", ["percent": speech.percent($0)])
                    },
                ]
                .compactMap { $0 }
                payout =
                    speech.text(
                        "page.nominate.variablePay",
                        ["rate": speech.money(v.hourlyRateUSD), "min": "\(v.minHours)", "max": "\(v.maxHours)"])
                    + (caps.isEmpty ? "" : ", " + speech.listed(caps))
            } else {
                payout = speech.pay(.variable)
            }
            flowRule = speech.text("page.nominate.flowRule")
        }
        return NominationInfo(
            idTypes: speech.idTypes(e.customerIdTypes),
            domainRule: e.customerIdTypes.contains(.domain) ? speech.text("page.nominate.domainRule") : "",
            locations: eligibleLocations.isEmpty
                ? speech.text("page.nominate.noLocation")
                : speech.listed(eligibleLocations.map { "\($0.name) (\($0.id))" }),
            payout: payout, flowRule: flowRule,
            claimLimit: e.maxActiveClaimsPerCustomer.map {
                speech.text($0 == 1 ? "page.nominate.claimLimitOne" : "page.nominate.claimLimit", ["n": "\($0)"])
            } ?? "")
    }
}
