import ClaimModel
import ClaimRules
import Foundation
import OutputFiles

/// `report.json` (`docs/output.md#reportjson`): the evaluation, machine-readable. Its words
/// for people (`statusLabel`, an Ineligible row's `detail`) come from the English catalogue in
/// every language (docs/languages.md).
public enum ReportJSON {
    /// The words of the report: English.
    static let speech = Speech.english

    /// The report's schema version.
    public static let schemaVersion = 1

    /// The report for an evaluation; `diagnostics` are the run's warnings.
    public static func build(
        _ evaluation: Evaluation, settings: SiteSettings, audience: Audience,
        paths: PagePaths, diagnostics: [Diagnostic]
    ) -> JSONValue {
        var partner: JSONObject = ["name": .string(settings.partnerName)]
        partner["id"] = .optional(settings.partnerID)
        let dueSoonDays = settings.dueSoonDays
        let lists = Lists(evaluation, settings: settings)
        return .object([
            "totals": totals(lists.ledger.site),
            "customers": .array(customers(evaluation, paths: paths, ledger: lists.ledger)),
            "actions": actions(lists.workList),
            "recentlyChanged": .array(lists.recent.map(change)),
            "schemaVersion": .int(schemaVersion),
            "asOf": .string(evaluation.asOf.description),
            "partner": .object(partner),
            "audience": .array(audience.roles.map { .string($0.rawValue) }),
            "engagements": .array(
                evaluation.engagements.map {
                    engagement($0, evaluation: evaluation, paths: paths, ledger: lists.ledger)
                }),
            "claims": .array(
                evaluation.claims.map {
                    claim(
                        $0, evaluation: evaluation, audience: audience, paths: paths, dueSoonDays: dueSoonDays,
                        settings: settings)
                }),
            "diagnostics": .array(diagnostics.map(diagnostic)),
        ])
    }

    /// The bytes of `build(...)` (tests and small sites); the build streams them with `write`.
    public static func bytes(
        _ evaluation: Evaluation, settings: SiteSettings, audience: Audience,
        paths: PagePaths, diagnostics: [Diagnostic]
    ) -> [UInt8] {
        let sink = MemorySink()
        write(evaluation, settings: settings, audience: audience, paths: paths, diagnostics: diagnostics, to: sink)
        return Array(sink.files[path] ?? Data())
    }

    /// Where the report goes in the output.
    public static let path = "report.json"

    /// Writes `report.json` into `sink` one engagement and one claim at a time, as they are
    /// made, so the report never sits in memory whole (the same text as `build(...)`: keys
    /// sorted, two spaces).
    public static func write(
        _ evaluation: Evaluation, settings: SiteSettings, audience: Audience,
        paths: PagePaths, diagnostics: [Diagnostic], lists: Lists? = nil, pieces: ExportPieces? = nil,
        to sink: OutputSink
    ) {
        let lists = lists ?? Lists(evaluation, settings: settings)
        var partner: JSONObject = ["name": .string(settings.partnerName)]
        partner["id"] = .optional(settings.partnerID)
        let dueSoonDays = settings.dueSoonDays
        sink.stream(path) { out in
            var piece: [UInt8] = []
            func key(_ name: String) {
                piece.append(contentsOf: "  ".utf8)
                JSONValue.quote(name, into: &piece)
                piece.append(contentsOf: ": ".utf8)
            }
            func flush() {
                out.append(piece)
                piece.removeAll(keepingCapacity: true)
            }
            // An item whose key (`ExportPieces`) the last build had is copied from its pieces.
            func array<T>(_ items: [T], key: (Int) -> PieceKey? = { _ in nil }, _ value: (T) -> JSONValue) {
                if items.isEmpty { piece.append(contentsOf: "[]".utf8); return }
                piece.append(contentsOf: "[\n".utf8)
                for (i, item) in items.enumerated() {
                    JSONValue.indent(4, &piece)
                    pieces.piece(key(i), into: &piece) { value(item).write(to: &$0, indent: 4) }
                    piece.append(contentsOf: (i < items.count - 1 ? ",\n" : "\n").utf8)
                    flush()
                }
                piece.append(contentsOf: "  ]".utf8)
            }
            piece.append(contentsOf: "{\n".utf8)
            key("actions"); actions(lists.workList).write(to: &piece, indent: 2); piece.append(contentsOf: ",\n".utf8)
            flush()
            key("asOf"); JSONValue.string(evaluation.asOf.description).write(to: &piece, indent: 2);
            piece.append(contentsOf: ",\n".utf8)
            key("audience"); JSONValue.array(audience.roles.map { .string($0.rawValue) }).write(to: &piece, indent: 2);
            piece.append(contentsOf: ",\n".utf8)
            key("claims");
            array(evaluation.claims, key: { pieces?.claim(.reportClaim, $0) }) {
                claim(
                    $0, evaluation: evaluation, audience: audience, paths: paths, dueSoonDays: dueSoonDays,
                    settings: settings)
            }
            piece.append(contentsOf: ",\n".utf8)
            key("customers"); array(customers(evaluation, paths: paths, ledger: lists.ledger)) { $0 }
            piece.append(contentsOf: ",\n".utf8)
            key("diagnostics"); array(diagnostics, diagnostic); piece.append(contentsOf: ",\n".utf8)
            key("engagements");
            array(evaluation.engagements, key: { pieces?.engagement(.reportEngagement, $0) }) {
                engagement($0, evaluation: evaluation, paths: paths, ledger: lists.ledger)
            }
            piece.append(contentsOf: ",\n".utf8)
            key("partner"); JSONValue.object(partner).write(to: &piece, indent: 2); piece.append(contentsOf: ",\n".utf8)
            key("recentlyChanged"); array(lists.recent, change); piece.append(contentsOf: ",\n".utf8)
            key("schemaVersion"); JSONValue.int(schemaVersion).write(to: &piece, indent: 2);
            piece.append(contentsOf: ",\n".utf8)
            key("totals"); totals(lists.ledger.site).write(to: &piece, indent: 2)
            piece.append(contentsOf: "\n}\n".utf8)
            flush()
        }
    }

    static func engagement(
        _ facts: EngagementFacts, evaluation: Evaluation, paths: PagePaths, ledger: PaymentLedger
    ) -> JSONValue {
        let e = facts.engagement
        let eligible: [JSONValue] = facts.tabs.eligible.map { row in
            switch row {
            case .claim(let c):
                return .object([
                    "kind": .string("claim"), "claimId": .string(c.claim.id), "customer": .string(c.claim.customer),
                    "status": .string(c.state.status.rawValue), "action": .string(c.state.action.rawValue),
                    "deadline": .optional(c.state.deadline?.description),
                ])
            case .customer(let customer, let qualifying):
                return .object([
                    "kind": .string("customer"), "customer": .string(customer),
                    "action": .string(ClaimAction.claimCustomer.rawValue),
                    "qualifyingId": .object([
                        "type": .string(qualifying.type.rawValue), "value": .string(qualifying.value),
                    ]),
                ])
            }
        }
        let ineligible: [JSONValue] = facts.tabs.shownIneligible.map {
            .object([
                "customer": .string($0.customer), "reason": .string($0.reason.rawValue),
                "detail": .string(speech.detail($0.why, engagement: e)),
            ])
        }
        let completed: [JSONValue] = facts.tabs.completed.map { c in
            .object([
                "claimId": .string(c.claim.id), "customer": .string(c.claim.customer),
                "status": .string(c.state.status.rawValue),
            ])
        }
        let t = facts.timeline
        return .object([
            "id": .string(e.id), "name": .string(e.name), "pay": .string(e.pay.rawValue),
            "activity": .string(e.activity.rawValue),
            "page": .string(paths.engagement(e.id)),
            "timeline": .object([
                "consent": .int(t.consent), "submit": .int(t.submit), "review": .int(t.review),
                "dispute": .int(t.dispute),
            ]),
            "tabs": .object([
                "eligible": .array(eligible),
                "ineligible": .object(["detailsHidden": .bool(facts.tabs.detailsHidden), "rows": .array(ineligible)]),
                "completed": .array(completed),
            ]),
            "totals": totals(ledger.engagement(e.id)),
        ])
    }

    /// The lists the report holds beside the claims: the work list and the recent changes
    /// (docs/rules.md). The build makes them once for the pages and the report.
    public struct Lists: Sendable {
        public var workList: WorkList
        public var recent: [RecentChange]
        /// The payout totals of the site, each engagement and each customer.
        public var ledger: PaymentLedger

        /// The lists of `evaluation`, with `settings`' due-soon days.
        public init(_ evaluation: Evaluation, settings: SiteSettings) {
            workList = WorkList(claims: evaluation.claims, asOf: evaluation.asOf, dueSoonDays: settings.dueSoonDays)
            recent = RecentChange.of(evaluation.claims, asOf: evaluation.asOf, days: settings.dueSoonDays)
            ledger = PaymentLedger(evaluation.claims)
        }

        /// Lists already made.
        public init(workList: WorkList, recent: [RecentChange], ledger: PaymentLedger) {
            self.workList = workList
            self.recent = recent
            self.ledger = ledger
        }
    }

    /// Payout totals as `report.json` writes them: amounts as text with two decimals.
    static func totals(_ t: PaymentTotals) -> JSONValue {
        .object([
            "approvedUSD": .string(t.approved.moneyText), "paidUSD": .string(t.paid.moneyText),
            "expectedUSD": .string(t.expected.moneyText), "overdueUSD": .string(t.overdue.moneyText),
            "proposedUSD": .string(t.proposed.moneyText),
        ])
    }

    /// `customers`: every customer of `customers.yaml` once, by ID (its bytes), with its page
    /// and totals.
    static func customers(_ evaluation: Evaluation, paths: PagePaths, ledger: PaymentLedger) -> [JSONValue] {
        evaluation.site.customers.keys.sorted().map { key in
            .object([
                "id": .string(key.string), "name": .string(evaluation.site.customers[key]?.name ?? key.string),
                "page": .string(paths.customer(key.string)), "totals": totals(ledger.customer(key.string)),
            ])
        }
    }

    /// A claim's `payment`: `null` unless it is approved.
    static func payment(_ facts: ClaimFacts) -> JSONValue {
        guard let p = facts.payment else { return .null }
        return .object([
            "state": .string(p.state.rawValue), "expectedBy": .string(p.expectedBy.description),
            "paidOn": .optional(p.paid?.on.description), "amountUSD": .optional(p.paid?.amountUSD.moneyText),
            "reference": .optional(p.paid?.reference),
        ])
    }

    /// A claim's `proof`: `null` when its engagement asks for nothing
    /// (docs/output.md, report.json).
    static func proof(_ facts: ClaimFacts) -> JSONValue {
        guard let p = facts.proof else { return .null }
        func items(_ list: [ProofItem]) -> JSONValue { .array(list.map { .string($0.rawValue) }) }
        return .object([
            "listed": items(p.listed), "done": items(p.done), "missing": items(p.missing),
            "ready": p.ready.map(JSONValue.bool) ?? .null,
        ])
    }

    /// `actions`: each group's claim IDs in order (docs/output.md, The work list).
    static func actions(_ workList: WorkList) -> JSONValue {
        var groups: JSONObject = [:]
        for g in WorkGroup.allCases { groups[g.rawValue] = .array(workList[g].map { .string($0.claim.id) }) }
        return .object(groups)
    }

    /// An entry of `recentlyChanged`.
    static func change(_ change: RecentChange) -> JSONValue {
        .object([
            "claimId": .string(change.facts.claim.id), "on": .string(change.on.description),
            "from": .optional(change.step.from?.rawValue), "to": .string(change.step.to.rawValue),
        ])
    }

    static func claim(
        _ facts: ClaimFacts, evaluation: Evaluation, audience: Audience, paths: PagePaths,
        dueSoonDays: Int, settings: SiteSettings
    ) -> JSONValue {
        let c = facts.claim, s = facts.state
        var referral = JSONValue.null
        if let r = facts.referral {
            referral = .object([
                "id": .string(r.id), "type": .string(r.kind.rawValue),
                "url": audience.showsReferralLinks ? .optional(r.url) : .null,
            ])
        }
        let d = s.deadlines
        return .object([
            "id": .string(c.id), "displayName": .string(c.displayName), "engagement": .string(c.engagement),
            "customer": .string(c.customer), "origin": .string(c.origin.rawValue), "location": .string(c.location),
            "createdOn": .string(c.createdOn.description),
            "status": .string(s.status.rawValue), "statusLabel": .string(speech.status(s.status)),
            "terminal": .bool(s.status.isTerminal),
            "action": .string(s.action.rawValue), "deadline": .optional(s.deadline?.description),
            "dueSoon": .bool(s.isDueSoon(asOf: evaluation.asOf, days: dueSoonDays)),
            "deadlines": .object([
                "consent": .optional(d.consent?.description), "submit": .optional(d.submit?.description),
                "review": .optional(d.review?.description), "dispute": .optional(d.dispute?.description),
            ]),
            "expectedPaymentBy": .optional(s.expectedPaymentBy?.description),
            "payoutUSD": .optional(facts.payoutUSD?.moneyText),
            "payoutKind": .string(facts.payoutIsApproved ? "approved" : "proposed"),
            "referral": referral,
            "page": .string(paths.claim(c.id)),
            "partnerCenterUrl": .optional(settings.claimURL.map { Payout.referralURL(pattern: $0, id: c.id) }),
            "payment": payment(facts),
            "proof": proof(facts),
        ])
    }

    /// A diagnostic as data, with exactly the keys `file`, `line`, `column`, `severity`,
    /// `code`, `message` and `record`; an unknown file, line or column is `null`, never 0
    /// (`docs/output.md#diagnostics-as-json`). `check --format json` prints the same.
    public static func diagnostic(_ d: Diagnostic) -> JSONValue {
        let location = d.location
        return .object([
            "file": .optional(location?.file),
            "line": location.flatMap { $0.line > 0 ? .int($0.line) : nil } ?? .null,
            "column": location.flatMap { $0.line > 0 && $0.column > 0 ? .int($0.column) : nil } ?? .null,
            "severity": .string(d.severity.rawValue),
            "code": .string(d.code.rawValue),
            "message": .string(d.message),
            "record": d.record.map { .object(["kind": .string($0.kind.rawValue), "id": .string($0.id)]) } ?? .null,
        ])
    }

    /// Diagnostics as one JSON array, keys sorted, two-space indentation, a final newline.
    public static func diagnosticsBytes(_ diagnostics: [Diagnostic]) -> [UInt8] {
        JSONValue.array(diagnostics.map(diagnostic)).bytes()
    }
}
