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

    /// The bytes of the report (tests and small sites); the build streams them with `write`.
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
    /// made, so the report never sits in memory whole (keys sorted by their UTF-8 bytes, two
    /// spaces, as `JSONValue` writes them).
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
            func array<T>(
                _ items: [T], key: (Int) -> PieceKey? = { _ in nil }, _ value: (T, inout JSONWriter) -> Void
            ) {
                if items.isEmpty { piece.append(contentsOf: "[]".utf8); return }
                piece.append(contentsOf: "[\n".utf8)
                for (i, item) in items.enumerated() {
                    JSONValue.indent(4, &piece)
                    let location = out.path.map { PieceLocation(file: $0, offset: out.count + piece.count) }
                    pieces.piece(key(i), into: &piece, at: location) { bytes in
                        JSONWriter.write(into: &bytes, indent: 4) { value(item, &$0) }
                    }
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
                    settings: settings, into: &$1)
            }
            piece.append(contentsOf: ",\n".utf8)
            key("customers")
            array(evaluation.site.customers.keys.sorted()) {
                customer($0, evaluation: evaluation, paths: paths, ledger: lists.ledger, into: &$1)
            }
            piece.append(contentsOf: ",\n".utf8)
            key("diagnostics"); array(diagnostics) { $1.value(diagnostic($0)) }
            piece.append(contentsOf: ",\n".utf8)
            key("engagements");
            array(evaluation.engagements, key: { pieces?.engagement(.reportEngagement, $0) }) {
                engagement($0, evaluation: evaluation, paths: paths, ledger: lists.ledger, into: &$1)
            }
            piece.append(contentsOf: ",\n".utf8)
            key("partner"); JSONValue.object(partner).write(to: &piece, indent: 2); piece.append(contentsOf: ",\n".utf8)
            key("recentlyChanged"); array(lists.recent) { $1.value(change($0)) }
            piece.append(contentsOf: ",\n".utf8)
            key("schemaVersion"); JSONValue.int(schemaVersion).write(to: &piece, indent: 2);
            piece.append(contentsOf: ",\n".utf8)
            key("totals"); JSONWriter.write(into: &piece, indent: 2) { totals(lists.ledger.site, into: &$0) }
            piece.append(contentsOf: "\n}\n".utf8)
            flush()
        }
    }

    /// An entry of `engagements`: the engagement, its tabs as rows, its timeline and totals.
    static func engagement(
        _ facts: EngagementFacts, evaluation: Evaluation, paths: PagePaths, ledger: PaymentLedger,
        into w: inout JSONWriter
    ) {
        let e = facts.engagement, t = facts.timeline
        w.beginObject()
        w.field("activity", e.activity.rawValue)
        w.field("id", e.id)
        w.field("name", e.name)
        w.field("page", paths.engagement(e.id))
        w.field("pay", e.pay.rawValue)
        w.key("tabs"); w.beginObject()
        w.key("completed"); w.beginArray()
        for c in facts.tabs.completed {
            w.item(); w.beginObject()
            w.field("claimId", c.claim.id)
            w.field("customer", c.claim.customer)
            w.field("status", c.state.status.rawValue)
            w.endObject()
        }
        w.endArray()
        w.key("eligible"); w.beginArray()
        for row in facts.tabs.eligible {
            w.item(); w.beginObject()
            switch row {
            case .claim(let c):
                w.field("action", c.state.action.rawValue)
                w.field("claimId", c.claim.id)
                w.field("customer", c.claim.customer)
                w.field("deadline", optional: c.state.deadline?.description)
                w.field("kind", "claim")
                w.field("status", c.state.status.rawValue)
            case .customer(let customer, let qualifying):
                w.field("action", ClaimAction.claimCustomer.rawValue)
                w.field("customer", customer)
                w.field("kind", "customer")
                w.key("qualifyingId"); w.beginObject()
                w.field("type", qualifying.type.rawValue)
                w.field("value", qualifying.value)
                w.endObject()
            }
            w.endObject()
        }
        w.endArray()
        w.key("ineligible"); w.beginObject()
        w.field("detailsHidden", facts.tabs.detailsHidden)
        w.key("rows"); w.beginArray()
        for row in facts.tabs.shownIneligible {
            w.item(); w.beginObject()
            w.field("customer", row.customer)
            w.field("detail", speech.detail(row.why, engagement: e))
            w.field("reason", row.reason.rawValue)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endObject()
        w.key("timeline"); w.beginObject()
        w.key("consent"); w.int(t.consent)
        w.key("dispute"); w.int(t.dispute)
        w.key("review"); w.int(t.review)
        w.key("submit"); w.int(t.submit)
        w.endObject()
        w.key("totals"); totals(ledger.engagement(e.id), into: &w)
        w.endObject()
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
    static func totals(_ t: PaymentTotals, into w: inout JSONWriter) {
        w.beginObject()
        w.field("approvedUSD", t.approved.moneyText)
        w.field("expectedUSD", t.expected.moneyText)
        w.field("overdueUSD", t.overdue.moneyText)
        w.field("paidUSD", t.paid.moneyText)
        w.field("proposedUSD", t.proposed.moneyText)
        w.endObject()
    }

    /// An entry of `customers`: a customer of `customers.yaml` (by ID, its bytes), with its
    /// page and totals.
    static func customer(
        _ key: ByteKey, evaluation: Evaluation, paths: PagePaths, ledger: PaymentLedger, into w: inout JSONWriter
    ) {
        w.beginObject()
        w.field("id", key.string)
        w.field("name", evaluation.site.customers[key]?.name ?? key.string)
        w.field("page", paths.customer(key.string))
        w.key("totals"); totals(ledger.customer(key.string), into: &w)
        w.endObject()
    }

    /// A claim's `payment`: `null` unless it is approved.
    static func payment(_ facts: ClaimFacts, into w: inout JSONWriter) {
        guard let p = facts.payment else { return w.null() }
        w.beginObject()
        w.field("amountUSD", optional: p.paid?.amountUSD.moneyText)
        w.field("expectedBy", p.expectedBy.description)
        w.field("paidOn", optional: p.paid?.on.description)
        w.field("reference", optional: p.paid?.reference)
        w.field("state", p.state.rawValue)
        w.endObject()
    }

    /// A claim's `proof`: `null` when its engagement asks for nothing
    /// (docs/output.md, report.json). `explain --format json` adds to it.
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

    /// An entry of `claims`: the claim, its state, deadlines, payout, payment and proof.
    static func claim(
        _ facts: ClaimFacts, evaluation: Evaluation, audience: Audience, paths: PagePaths,
        dueSoonDays: Int, settings: SiteSettings, into w: inout JSONWriter
    ) {
        let c = facts.claim, s = facts.state, d = s.deadlines
        w.beginObject()
        w.field("action", s.action.rawValue)
        w.field("createdOn", c.createdOn.description)
        w.field("customer", c.customer)
        w.field("deadline", optional: s.deadline?.description)
        w.key("deadlines"); w.beginObject()
        w.field("consent", optional: d.consent?.description)
        w.field("dispute", optional: d.dispute?.description)
        w.field("review", optional: d.review?.description)
        w.field("submit", optional: d.submit?.description)
        w.endObject()
        w.field("displayName", c.displayName)
        w.field("dueSoon", s.isDueSoon(asOf: evaluation.asOf, days: dueSoonDays))
        w.field("engagement", c.engagement)
        w.field("expectedPaymentBy", optional: s.expectedPaymentBy?.description)
        w.field("id", c.id)
        w.field("location", c.location)
        w.field("origin", c.origin.rawValue)
        w.field("page", paths.claim(c.id))
        w.field("partnerCenterUrl", optional: settings.claimURL.map { Payout.referralURL(pattern: $0, id: c.id) })
        w.key("payment"); payment(facts, into: &w)
        w.field("payoutKind", facts.payoutIsApproved ? "approved" : "proposed")
        w.field("payoutUSD", optional: facts.payoutUSD?.moneyText)
        w.key("proof"); w.value(proof(facts))
        w.key("referral")
        if let r = facts.referral {
            w.beginObject()
            w.field("id", r.id)
            w.field("type", r.kind.rawValue)
            w.field("url", optional: audience.showsReferralLinks ? r.url : nil)
            w.endObject()
        } else {
            w.null()
        }
        w.field("status", s.status.rawValue)
        w.field("statusLabel", speech.status(s.status))
        w.field("terminal", s.status.isTerminal)
        w.endObject()
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
