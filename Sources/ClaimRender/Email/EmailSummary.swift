import ClaimModel
import ClaimRules
import Foundation
import TypedMustache

/// The email summary of an evaluation (or of one user's claims): actions due soon first, then
/// the other open actions, recent changes, counts per status and engagement, and approved
/// payouts with their expected payment dates — as plain text and as HTML with inline styles.
/// Which claims go where is decided here; the words and markup of the two parts come from the
/// templates `email/summary-text` and `email/summary-html` (a site's own
/// `Templates/email/*.mustache` replace them), rendered from the typed view model
/// `EmailSummaryModel`. The build streams the parts (`EmailExports.write`); this whole form is
/// for tests and small outputs.
public struct EmailSummary: Sendable {
    /// The subject line.
    public var subject: String
    /// The plain-text version (LF line ends).
    public var text: String
    /// The HTML version (inline styles, no scripts, nothing external).
    public var html: String

    /// The template of the plain-text part (its name under `Templates/`, without `.mustache`).
    public static let textTemplate = "email/summary-text"
    /// The template of the HTML part.
    public static let htmlTemplate = "email/summary-html"

    /// The summary of `claims` (all of the evaluation's claims, or one user's), rendered with
    /// `templates` (check them first with `EmailExports.checkTemplates`).
    public static func build(
        claims: [ClaimFacts], evaluation: Evaluation, settings: SiteSettings, paths: PagePaths,
        audienceTitle: String, templates: TemplateSet
    ) -> EmailSummary {
        let model = viewModel(
            claims: claims, evaluation: evaluation, settings: settings, paths: paths, audienceTitle: audienceTitle,
            speech: Speech(templates.catalogue))
        return build(model, renderer: templates.compiled().renderer)
    }

    /// The summary of `model` rendered whole by `renderer`. A template the renderer lacks
    /// renders as nothing; the callers check the templates before (`EmailExports.checkTemplates`).
    package static func build(_ model: EmailSummaryModel, renderer: MRenderer) -> EmailSummary {
        let text = renderer.render(textTemplate, model) ?? []
        let html = renderer.render(htmlTemplate, model) ?? []
        return EmailSummary(
            subject: model.subject, text: String(decoding: text, as: UTF8.self),
            html: String(decoding: html, as: UTF8.self))
    }

    /// The view model of the summary of `claims`: every value is text already formatted, or a
    /// flag; words, dates, amounts and days left in the language of `speech` (docs/languages.md).
    package static func viewModel(
        claims: [ClaimFacts], evaluation: Evaluation, settings: SiteSettings, paths: PagePaths,
        audienceTitle: String, speech: Speech = .english
    ) -> EmailSummaryModel {
        let asOf = evaluation.asOf
        let dueSoonDays = settings.dueSoonDays
        let open = claims.filter { $0.state.action != .none }
            .sorted {
                $0.state.deadline! != $1.state.deadline!
                    ? $0.state.deadline! < $1.state.deadline! : $0.claim.id.precedesByUTF8($1.claim.id)
            }
        let dueSoon = open.filter { $0.state.isDueSoon(asOf: asOf, days: dueSoonDays) }
        let laterActions = open.filter { !$0.state.isDueSoon(asOf: asOf, days: dueSoonDays) }
        // The rule of the overview and report.json (docs/rules.md#recently-changed): each claim's
        // latest change of status within the due-soon days.
        let recentDays = dueSoonDays
        let since = asOf.adding(days: -(recentDays - 1))
        let changed = RecentChange.of(claims, asOf: asOf, days: recentDays).map { ($0.facts, $0.step) }
        // Among approved claims only those not paid: expected ones, and overdue ones in their own
        // list, most days overdue first (docs/output.md, Email).
        let overdue = claims.filter { $0.payment?.state == .overdue }
            .sorted {
                $0.payment!.expectedBy != $1.payment!.expectedBy
                    ? $0.payment!.expectedBy < $1.payment!.expectedBy : $0.claim.id.precedesByUTF8($1.claim.id)
            }
        let approved = claims.filter { $0.payment?.state == .expected }
            .sorted {
                ($0.state.expectedPaymentBy ?? asOf) != ($1.state.expectedPaymentBy ?? asOf)
                    ? ($0.state.expectedPaymentBy ?? asOf) > ($1.state.expectedPaymentBy ?? asOf)
                    : $0.claim.id.precedesByUTF8($1.claim.id)
            }

        let name = { (id: String) in evaluation.site.customers[ByteKey(id)]?.name ?? id }
        let base = settings.baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        let actions =
            dueSoon.count == 1
            ? speech.text("email.actionsOne") : speech.text("email.actionsMany", ["n": "\(dueSoon.count)"])
        let subject = speech.text(
            "email.subject",
            [
                "title": settings.title, "actions": actions, "days": "\(dueSoonDays)",
                "asOf": speech.date(asOf),
            ])

        /// A claim of the lists of actions and changes.
        func item(_ facts: ClaimFacts, urgent: Bool = false, change: ReplayStep? = nil) -> EmailClaimItem {
            let deadline = facts.state.action != .none ? facts.state.deadline : nil
            return EmailClaimItem(
                id: facts.claim.id, href: base.map { $0 + paths.claim(facts.claim.id) },
                displayName: facts.claim.displayName,
                customer: name(facts.claim.customer), engagement: facts.engagement.name,
                status: speech.status(facts.state.status),
                action: deadline.map {
                    .init(
                        label: speech.action(facts.state.action), deadline: speech.date($0),
                        daysLeft: speech.daysLeft($0, asOf: asOf), proof: speech.proofReadiness(facts.proof) ?? "")
                },
                urgent: urgent && deadline == asOf,
                change: change.map {
                    .init(on: speech.date($0.day), what: Formats.step($0, speech: speech), to: speech.status($0.to))
                })
        }
        // Counted in one pass over the claims (not once per status and per engagement).
        var byStatus: [ClaimStatus: Int] = [:]
        var byEngagement: [ByteKey: (open: Int, completed: Int)] = [:]  // by engagement ID's bytes
        for facts in claims {
            byStatus[facts.state.status, default: 0] += 1
            let terminal = facts.state.status.isTerminal
            byEngagement[ByteKey(facts.claim.engagement), default: (0, 0)].open += terminal ? 0 : 1
            byEngagement[ByteKey(facts.claim.engagement), default: (0, 0)].completed += terminal ? 1 : 0
        }
        let total = approved.compactMap(\.payoutUSD).reduce(Decimal(0), +)
        let overdueTotal = overdue.compactMap(\.payoutUSD).reduce(Decimal(0), +)
        /// An approved claim's row.
        func approvedRow(_ facts: ClaimFacts) -> EmailApprovedRow {
            var row = EmailApprovedRow(
                id: facts.claim.id, displayName: facts.claim.displayName, customer: name(facts.claim.customer),
                amount: facts.payoutUSD.map(speech.money) ?? "—",
                expectedBy: facts.state.expectedPaymentBy.map(speech.date) ?? "—")
            if let p = facts.payment, p.state == .overdue {
                row.overdue = speech.text("email.daysOverdue", ["n": "\(p.daysOverdue(asOf: asOf))"])
            }
            return row
        }
        // The text part pads status labels to 36 characters, or to the longest label of the
        // language and one space, so that the counts stand in a column.
        let labelWidth = max(36, (ClaimStatus.allCases.map { speech.status($0).count }.max() ?? 0) + 1)

        return EmailSummaryModel(
            subject: subject, title: settings.title, partnerName: settings.partnerName, audienceTitle: audienceTitle,
            asOf: speech.date(asOf), since: speech.date(since), dueSoonDays: "\(dueSoonDays)",
            recentDays: "\(recentDays)",
            baseURL: settings.baseURL,
            dueSoonTitle: speech.text("email.dueSoonTitle", ["days": "\(dueSoonDays)", "n": "\(dueSoon.count)"]),
            dueSoon: dueSoon.map { item($0, urgent: true) },
            laterTitle: speech.text("email.laterTitle", ["n": "\(laterActions.count)"]),
            later: laterActions.map { item($0) },
            changedTitle: speech.text("email.changedTitle", ["days": "\(recentDays)", "n": "\(changed.count)"]),
            changed: changed.map { item($0.0, change: $0.1) },
            statuses: ClaimStatus.allCases.compactMap { status in
                byStatus[status].map { EmailStatusCount(label: speech.status(status), count: $0, width: labelWidth) }
            },
            engagements: evaluation.engagements.compactMap { e in
                byEngagement[ByteKey(e.engagement.id)].map {
                    EmailEngagementCount(name: e.engagement.name, open: $0.open, completed: $0.completed)
                }
            },
            approvedTitle: speech.text(
                "email.approvedTitle", ["n": "\(approved.count)", "total": speech.money(total)]),
            approvedTotal: speech.money(total),
            approved: approved.map(approvedRow),
            overdueTitle: speech.text(
                "email.overdueTitle", ["n": "\(overdue.count)", "total": speech.money(overdueTotal)]),
            overdueTotal: speech.money(overdueTotal), overdue: overdue.map(approvedRow))
    }

    package static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
