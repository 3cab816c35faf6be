import ClaimModel
import ClaimRules
import Foundation

/// The view models of the work list and the status lists (docs/output.md, The work list), and
/// what the overview's cards count.
extension PortalContexts {
    /// How many rows a work-list group or a status list shows; the rest are counted and in
    /// the CSV files.
    package static let listLimit = 1_000
    /// How many recently changed claims the overview shows; the rest are counted (`report.json`
    /// and the email hold them all).
    package static let recentLimit = 100

    /// How many claims are open: every one of them is in one of the work list's groups.
    package var openCount: Int { WorkGroup.allCases.reduce(0) { $0 + workList[$1].count } }

    /// The proposed payout of every open claim.
    package var proposedTotal: Decimal {
        WorkGroup.allCases.reduce(Decimal(0)) { $0 + payoutTotal(workList[$1]) }
    }

    /// The sum of the payouts of `claims` (each already rounded to cents; unknown ones count 0).
    package func payoutTotal(_ claims: [ClaimFacts]) -> Decimal {
        claims.reduce(Decimal(0)) { $0 + ($1.payoutUSD ?? 0) }
    }

    /// Who looks after a claim (docs/output.md, The work list): its partner contact's name,
    /// else the name of the user who created it; an audience that sees no contact details
    /// gets only the user's name. Never an address; "" when nobody is named.
    package func owner(of claim: Claim) -> String {
        if audience.showsContacts, let name = claim.partnerContact.name, !name.isEmpty { return name }
        if let creator = claim.createdBy, let name = site.users?[ByteKey(creator.asciiLowercased())]?.name,
            !name.isEmpty
        {
            return name
        }
        return ""
    }

    /// The claim's page in Partner Center: `claimURL` with `{id}` replaced by the claim's ID,
    /// percent-encoded as in `referralURL` (docs/input-format.md); `nil` without a `claimURL`.
    package func partnerCenterURL(_ id: String) -> String? {
        settings.claimURL.map { Payout.referralURL(pattern: $0, id: id) }
    }

    /// The work list, `actions.html`.
    package func actions() -> ActionsPage {
        let page = PagePaths.actions, links = Links(page: page)
        let csv = links.to(PagePaths.actionsCSV)
        func group(_ g: WorkGroup) -> ActionGroup {
            let all = workList[g]
            let rows = all.prefix(PortalContexts.listLimit).map { facts -> ClaimRow in
                var row = claimRow(facts, links: links)
                row.owner = owner(of: facts.claim)
                row.partnerCenterURL = partnerCenterURL(facts.claim.id) ?? ""
                return row
            }
            let more = all.count - rows.count
            return ActionGroup(
                id: g.rawValue,
                heading: speech.text("page.actions.group.\(g.rawValue)", ["days": "\(dueSoonDays)"]),
                level: g == .microsoft ? "2" : g == .today || g == .soon ? "4" : "3",
                total: String(all.count), rows: rows,
                more: more > 0 ? speech.text("page.list.more", ["n": "\(more)"]) : "",
                empty: speech.text("page.actions.empty.\(g.rawValue)"), csvHref: csv)
        }
        return ActionsPage(
            layout: layout(page: page, title: speech.text("page.actions.title")),
            openTotal: String(openCount), proposedTotal: speech.money(proposedTotal),
            partnerTotal: String(workList.partnerCount),
            dueTotal: String(workList[.today].count + workList[.soon].count), dueSoonDays: String(dueSoonDays),
            today: group(.today), soon: group(.soon), month: group(.month), later: group(.later),
            microsoft: group(.microsoft), csvHref: csv, hasPartnerCenter: settings.claimURL != nil,
            showProof: site.model.engagements.contains { !$0.proof.isEmpty })
    }

    /// The claims with `status`, `statuses/STATUS.html`: the first `listLimit` by claim ID.
    package func statusList(_ status: ClaimStatus) -> StatusListPage {
        let page = paths.status(status), links = Links(page: page)
        let all = claimsByStatus[status] ?? []
        let rows = all.prefix(PortalContexts.listLimit).map { facts -> ClaimRow in
            var row = claimRow(facts, links: links)
            if status.isTerminal { row.payout = facts.payoutUSD.map(speech.money) ?? "—" }
            return row
        }
        let more = all.count - rows.count
        return StatusListPage(
            layout: layout(page: page, title: speech.status(status)), statusLabel: speech.status(status),
            statusClass: Formats.statusClass(status), terminal: status.isTerminal, total: String(all.count),
            payoutTotal: speech.money(payoutTotal(all)), rows: Array(rows),
            more: more > 0 ? speech.text("page.list.more", ["n": "\(more)"]) : "",
            claimsCSVHref: links.to("claims.csv"))
    }
}
