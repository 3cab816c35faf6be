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
        audience: Audience, speech: Speech = .english, pieces: ExportPieces? = nil, to sink: OutputSink
    ) -> [String] {
        var names: [ByteKey: String] = [:]  // by customer ID's bytes
        for customer in model.customers where names[ByteKey(customer.id)] == nil {
            names[ByteKey(customer.id)] = customer.name
        }
        let dueSoonDays = settings.dueSoonDays
        var written = ["claims.csv"]
        // Evaluation claims are sorted by ID already (UTF-8). A claim's row, and an engagement
        // tab's rows, are copied from the last build's pieces when their key is the same.
        sink.stream("claims.csv") { out in
            out.append(CSV.record(claimColumns))
            for (i, facts) in evaluation.claims.enumerated() {
                func row(_ bytes: inout [UInt8]) {
                    CSV.append(
                        record: claimRow(
                            facts, asOf: evaluation.asOf, dueSoonDays: dueSoonDays, paths: paths,
                            audience: audience, speech: speech),
                        to: &bytes)
                }
                pieces.append(pieces?.claim(.csvClaim, i), to: &out, make: row)
            }
        }
        for (k, facts) in evaluation.engagements.enumerated() {
            let folder = engagementFolder(facts.engagement.id, paths: paths)
            let tabs = facts.tabs
            func tab<Row>(
                _ name: String, _ kind: ExportPieces.Kind, _ header: [String], _ rows: [Row],
                _ fields: (Row) -> [String]
            ) {
                sink.stream(folder + name) { out in
                    out.append(CSV.record(header))
                    func all(_ bytes: inout [UInt8]) { for row in rows { CSV.append(record: fields(row), to: &bytes) } }
                    pieces.append(pieces?.engagement(kind, k), to: &out, make: all)
                }
            }
            tab("eligible.csv", .csvEligible, eligibleColumns, tabs.eligible) {
                eligibleRow($0, names: names, speech: speech)
            }
            tab("ineligible.csv", .csvIneligible, ineligibleColumns, tabs.shownIneligible) {
                [
                    $0.customer, names[ByteKey($0.customer)] ?? $0.customer, $0.reason.rawValue,
                    speech.detail($0.why, engagement: facts.engagement),
                ]
            }
            tab("completed.csv", .csvCompleted, completedColumns, tabs.completed) { c in
                [
                    c.claim.id, c.claim.customer, names[ByteKey(c.claim.customer)] ?? c.claim.customer,
                    c.state.status.rawValue, speech.status(c.state.status),
                ]
            }
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
