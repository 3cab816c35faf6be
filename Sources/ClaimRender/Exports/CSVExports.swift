import ClaimModel
import ClaimRules
import Foundation
import OutputFiles

/// The CSV exports: `claims.csv` (one row per claim with the fields of `report.json`) and, per
/// engagement, one CSV per tab of its Customers page, beside the page.
///
/// Columns of codes, dates and amounts are for machines and the same in every language; the
/// columns of words for people (`statusLabel`, an Ineligible row's `detail`) are in the build's
/// language (docs/languages.md).
///
/// No CSV carries contact details (customer or partner contacts, user emails), whatever the
/// audience; the referral link is filled in only for a `referralsAdmin` audience, as in
/// `report.json` (the column is always there, so the header does not depend on the audience).
public enum CSVExports {
    /// The columns of `claims.csv`: the claim fields of `report.json`, flattened.
    public static let claimColumns = [
        "id", "displayName", "engagement", "customer", "origin", "location", "createdOn",
        "status", "statusLabel", "terminal", "action", "deadline", "dueSoon",
        "consentDeadline", "submitDeadline", "reviewDeadline", "disputeDeadline",
        "expectedPaymentBy", "payoutUSD", "payoutKind", "referralId", "referralType", "referralUrl", "page",
    ]
    /// The columns of an engagement's `eligible.csv`.
    public static let eligibleColumns = [
        "kind", "claimId", "customer", "customerName", "status", "statusLabel", "action", "deadline",
        "qualifyingIdType", "qualifyingId",
    ]
    /// The columns of an engagement's `ineligible.csv`.
    public static let ineligibleColumns = ["customer", "customerName", "reason", "detail"]
    /// The columns of an engagement's `completed.csv`.
    public static let completedColumns = ["claimId", "customer", "customerName", "status", "statusLabel"]

    /// Every CSV file by path relative to the output folder: `claims.csv` and
    /// `engagements/NAME/{eligible,ineligible,completed}.csv` for every engagement.
    ///
    /// - Parameters:
    ///   - evaluation: the evaluated site; claims and tab rows keep its order.
    ///   - model: the site as read; customer names come from its customers.
    ///   - settings: `email.dueSoonDays` (default 7) decides the `dueSoon` column.
    ///   - paths: where the pages are; the tab CSVs go into the engagement page's folder.
    ///   - audience: who reads the output; decides whether referral links are filled in.
    public static func files(
        evaluation: Evaluation, model: SiteModel, settings: SiteSettings, paths: PagePaths,
        audience: Audience, speech: Speech = .english
    ) -> [String: Data] {
        let sink = MemorySink()
        write(
            evaluation: evaluation, model: model, settings: settings, paths: paths, audience: audience, speech: speech,
            to: sink)
        return sink.files
    }

    /// Writes every CSV file into `sink` row by row, as the rows are made (no file is held in
    /// memory whole); returns their paths.
    @discardableResult
    public static func write(
        evaluation: Evaluation, model: SiteModel, settings: SiteSettings, paths: PagePaths,
        audience: Audience, speech: Speech = .english, to sink: OutputSink
    ) -> [String] {
        var names: [ByteKey: String] = [:]  // by customer ID's bytes
        for customer in model.customers where names[ByteKey(customer.id)] == nil {
            names[ByteKey(customer.id)] = customer.name
        }
        let dueSoonDays = settings.dueSoonDays
        var written = ["claims.csv"]
        // Evaluation claims are sorted by ID already (UTF-8).
        CSV.write(
            "claims.csv", header: claimColumns,
            rows: evaluation.claims.lazy.map {
                claimRow(
                    $0, asOf: evaluation.asOf, dueSoonDays: dueSoonDays, paths: paths, audience: audience,
                    speech: speech)
            }, to: sink)
        for facts in evaluation.engagements {
            let folder = engagementFolder(facts.engagement.id, paths: paths)
            let tabs = facts.tabs
            CSV.write(
                folder + "eligible.csv", header: eligibleColumns,
                rows: tabs.eligible.lazy.map {
                    eligibleRow($0, names: names, speech: speech)
                }, to: sink)
            CSV.write(
                folder + "ineligible.csv", header: ineligibleColumns,
                rows: tabs.shownIneligible.lazy.map {
                    [
                        $0.customer, names[ByteKey($0.customer)] ?? $0.customer, $0.reason.rawValue,
                        speech.detail($0.why, engagement: facts.engagement),
                    ]
                }, to: sink)
            CSV.write(
                folder + "completed.csv", header: completedColumns,
                rows: tabs.completed.lazy.map { c in
                    [
                        c.claim.id, c.claim.customer, names[ByteKey(c.claim.customer)] ?? c.claim.customer,
                        c.state.status.rawValue, speech.status(c.state.status),
                    ]
                }, to: sink)
            written += [folder + "eligible.csv", folder + "ineligible.csv", folder + "completed.csv"]
        }
        return written
    }

    /// The folder of an engagement's page, with a final `/` (`engagements/NAME/`).
    public static func engagementFolder(_ id: String, paths: PagePaths) -> String {
        let page = paths.engagement(id)
        guard let slash = page.lastIndex(of: "/") else { return "" }
        return String(page[...slash])
    }

    /// One row of `claims.csv`; `nil` values are empty fields, booleans `true`/`false`. Codes,
    /// dates and amounts are the same in every language; the label column (`statusLabel`) is in
    /// the language of `speech` (docs/languages.md).
    static func claimRow(
        _ facts: ClaimFacts, asOf: Day, dueSoonDays: Int, paths: PagePaths,
        audience: Audience, speech: Speech = .english
    ) -> [String] {
        let c = facts.claim, s = facts.state, d = s.deadlines
        return [
            c.id, c.displayName, c.engagement, c.customer, c.origin.rawValue, c.location, c.createdOn.description,
            s.status.rawValue, speech.status(s.status), String(s.status.isTerminal), s.action.rawValue,
            s.deadline?.description ?? "", String(s.isDueSoon(asOf: asOf, days: dueSoonDays)),
            d.consent?.description ?? "", d.submit?.description ?? "", d.review?.description ?? "",
            d.dispute?.description ?? "", s.expectedPaymentBy?.description ?? "",
            facts.payoutUSD?.moneyText ?? "", facts.payoutIsApproved ? "approved" : "proposed",
            facts.referral?.id ?? "", facts.referral?.kind.rawValue ?? "",
            audience.showsReferralLinks ? (facts.referral?.url ?? "") : "",
            paths.claim(c.id),
        ]
    }

    /// One row of `eligible.csv`: a claim row, or a customer row the partner can claim.
    static func eligibleRow(_ row: EligibleRow, names: [ByteKey: String], speech: Speech = .english) -> [String] {
        switch row {
        case .claim(let c):
            let customer = c.claim.customer
            return [
                "claim", c.claim.id, customer, names[ByteKey(customer)] ?? customer, c.state.status.rawValue,
                speech.status(c.state.status),
                c.state.action.rawValue, c.state.deadline?.description ?? "", "", "",
            ]
        case .customer(let customer, let qualifying):
            return [
                "customer", "", customer, names[ByteKey(customer)] ?? customer, "", "",
                ClaimAction.claimCustomer.rawValue, "",
                qualifying.type.rawValue, qualifying.value,
            ]
        }
    }
}
