import ClaimModel

/// Decodes a claims file: a list of claims with their events (docs/input-format.md).
package enum ClaimDecoder {
    package static let known = [
        "id", "displayName", "engagement", "customer", "origin", "flow", "nominatedBy",
        "tenantMismatchReason", "location", "createdBy", "createdOn", "hours",
        "customerContact", "partnerContact", "referral", "notes", "events", "payment",
        "proof",
    ]
    package static let contactKeys = ["name", "email", "phone"]
    package static let eventKeys = ["on", "type", "dealSizeUSD", "comment", "amountUSD", "reason"]
    /// Event fields that belong to one event type only.
    package static let eventFieldOwner: [String: EventType] = [
        "dealSizeUSD": .consentRequested, "comment": .actionRequired, "amountUSD": .approved, "reason": .rejected,
    ]

    package static func decode(_ root: Node?, sink: DiagnosticSink) -> [Claim] {
        DataDecoders.items(root, noun: "claims", kind: .claim, sink: sink).compactMap { claim($0, sink: sink) }
    }

    package static func claim(_ node: Node, sink: DiagnosticSink) -> Claim? {
        guard let f = Fields(node, what: "claim", known: known, sink: sink) else { return nil }
        defer { f.finish() }
        let id = f.text("id", required: true)
        if let id { f.identify(.claim, id) }
        let name = f.what
        let displayName = f.text("displayName", required: true)
        let engagement = f.text("engagement", required: true)
        let customer = f.text("customer", required: true)
        let origin = f.enumValue("origin", Origin.self, required: true)
        let flow = f.text("flow")
        var nominatedBy: TypedID?
        if let n = f.nested(
            "nominatedBy", what: "\(name) nominatedBy", known: ["type", "value"],
            required: origin == .added)
        {
            let type = n.enumValue("type", CustomerIDType.self, required: true, noun: "customer ID type")
            let value = n.text("value", required: true)
            f.absorb(n)
            if let type, let value { nominatedBy = TypedID(type: type, value: value) }
        }
        let mismatchReason = f.text("tenantMismatchReason")
        let location = f.text("location", required: true)
        let createdBy = f.text("createdBy")
        let createdOn = f.day("createdOn", required: true)
        let hours = f.int("hours")
        let customerContact = contact("customerContact", f, name)
        let partnerContact = contact("partnerContact", f, name)
        var referral: Referral?
        if let r = f.nested("referral", what: "\(name) referral", known: ["id", "createdOn"]) {
            let refID = r.text("id", required: true)
            let refDay = r.day("createdOn")
            f.absorb(r)
            if let refID { referral = Referral(id: refID, createdOn: refDay) }
        }
        let notes = f.text("notes")
        var payment: Payment?
        if let p = f.nested("payment", what: "\(name) payment", known: ["on", "amountUSD", "reference"]) {
            let on = p.day("on", required: true)
            let amount = p.decimal("amountUSD", required: true)
            let reference = p.text("reference")
            f.absorb(p)
            if let on, let amount { payment = Payment(on: on, amountUSD: amount, reference: reference) }
        }
        let proof = proof(f, name)
        var events: [ClaimEvent] = []
        if let items = f.list("events") {
            events.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                if let event = event(item, index: i, claim: f, name: name) { events.append(event) }
            }
        }
        guard f.isValid, let id, let displayName, let engagement, let customer, let origin, let location,
            let createdOn, let customerContact, let partnerContact
        else { return nil }
        return Claim(
            id: id, displayName: displayName, engagement: engagement, customer: customer, origin: origin,
            flow: flow, nominatedBy: nominatedBy, tenantMismatchReason: mismatchReason, location: location,
            createdBy: createdBy, createdOn: createdOn, hours: hours, customerContact: customerContact,
            partnerContact: partnerContact, referral: referral, notes: notes, events: events, payment: payment,
            proof: proof, source: f.recorder.map)
    }

    /// The proof of execution: `invoice` and `findingsReport` are the day they were done; a
    /// survey is `{ sent, done }`, either may be missing (docs/input-format.md, A claim).
    static func proof(_ f: Fields, _ name: String) -> ClaimProof {
        let keys = ProofItem.allCases.map(\.rawValue)
        guard let p = f.nested("proof", what: "\(name) proof", known: keys) else { return ClaimProof() }
        var records: [ProofItem: ProofRecord] = [:]
        for item in ProofItem.allCases where p.has(item.rawValue) {
            if !item.isSurvey {
                if let done = p.day(item.rawValue) { records[item] = ProofRecord(done: done) }
                continue
            }
            if let value = p.node(item.rawValue), case .scalar = value {
                p.fail(
                    .wrongType, value.mark,
                    """
                    \(name): '\(item.rawValue)' is a survey: write { sent: YYYY-MM-DD, done: YYYY-MM-DD } \
                    (leave out what has not happened)
                    """)
                continue
            }
            guard
                let survey = p.nested(
                    item.rawValue, what: "\(name) proof \(item.rawValue)", known: ["sent", "done"])
            else { continue }
            let sent = survey.day("sent"), done = survey.day("done")
            p.absorb(survey)
            if sent != nil || done != nil { records[item] = ProofRecord(sent: sent, done: done) }
        }
        f.absorb(p)
        return ClaimProof(records)
    }

    static func contact(_ key: String, _ f: Fields, _ name: String) -> Contact? {
        guard let c = f.nested(key, what: "\(name) \(key)", known: contactKeys, required: true) else { return nil }
        let person = c.text("name")
        let email = c.text("email", required: true)
        let phone = c.text("phone")
        f.absorb(c)
        guard let email else { return nil }
        return Contact(name: person, email: email, phone: phone)
    }

    static func event(_ node: Node, index: Int, claim f: Fields, name: String) -> ClaimEvent? {
        let path = "events.\(index)"
        f.recorder.record(path, f.sink.location(node.mark))
        guard
            let e = Fields(
                node, what: "\(name) event \(index + 1)", known: eventKeys, sink: f.sink,
                prefix: path + ".", recorder: f.recorder, record: f.record)
        else {
            f.invalidate()
            return nil
        }
        let on = e.day("on", required: true)
        let type = e.enumValue("type", EventType.self, required: true, noun: "event type")
        if let type { e.what = "\(name) event \(index + 1) (\(type.rawValue))" }
        let dealSize = e.decimal("dealSizeUSD")
        let comment = e.text("comment")
        let amount = e.decimal("amountUSD")
        let reason = e.text("reason")
        if let type {
            for (field, owner) in eventFieldOwner.sorted(by: { $0.key < $1.key }) where owner != type && e.has(field) {
                e.fail(
                    .fieldNotForEvent, e.keyMark(of: field),
                    "\(e.what): '\(field)' belongs only on '\(owner.rawValue)' events; remove it")
            }
            if type == .consentRequested, dealSize == nil, !e.has("dealSizeUSD") {
                e.fail(
                    .missingDealSize, e.start,
                    "\(e.what): missing required field 'dealSizeUSD'; consent is requested for a deal size, add it")
            }
        }
        f.absorb(e)
        guard let on, let type else { return nil }
        return ClaimEvent(
            on: on, type: type, dealSizeUSD: dealSize, comment: comment, amountUSD: amount,
            reason: reason, location: f.sink.location(node.mark))
    }
}
