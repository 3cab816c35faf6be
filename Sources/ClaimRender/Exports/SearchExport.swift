import ClaimModel
import ClaimRules
import Search

/// The portal's search index (docs/output.md, Search): every claim and customer with what it
/// is found by. Only what every page shows the audience is indexed: claim IDs, friendly names,
/// customer and engagement names, referral IDs, the ID a claim was nominated with, and a
/// customer's ID, name, domains, tenant IDs and TPID; never a contact's name, email or phone.
extension SearchIndex {
    /// The index of the evaluation's claims and the model's customers. A claim's record and
    /// tokens are copied from `pieces` when its key did not change.
    package init(evaluation: Evaluation, model: SiteModel, paths: PagePaths, pieces: ExportPieces? = nil) {
        self.init()
        // The evaluation holds its claims in ID order (bytes) already; sorted again, stably, so
        // the order does not rest on that.
        let all = evaluation.claims
        let claims = all.indices.sorted { all[$0].claim.id.precedesByUTF8(all[$1].claim.id) }
        // Customers are told apart by their IDs' bytes (docs/input-format.md, "Comparing IDs").
        var seen = Set<ByteKey>()
        let customers = model.customers.filter { seen.insert(ByteKey($0.id)).inserted }.sorted {
            $0.id.precedesByUTF8($1.id)
        }
        let names = Dictionary(model.customers.map { (ByteKey($0.id), $0.name) }, uniquingKeysWith: { a, _ in a })
        var piece: [UInt8] = []
        for i in claims {
            piece.removeAll(keepingCapacity: true)
            pieces.piece(pieces?.claim(.searchRecord, i), into: &piece) { out in
                let facts = all[i]
                let claim = facts.claim
                let customer = names[ByteKey(claim.customer)] ?? claim.customer
                appendPiece(
                    Record(
                        kind: "c", id: claim.id, label: claim.displayName,
                        detail: "\(customer) · \(facts.engagement.name)", path: paths.claim(claim.id)),
                    identifiers: [claim.id, facts.referral?.id, claim.nominatedBy?.value].compactMap { $0 },
                    words: [claim.displayName, customer, facts.engagement.name], to: &out)
            }
            piece.withUnsafeBytes { add(piece: $0) }
        }
        for customer in customers {
            let domains = customer.domains.isEmpty ? [customer.emailDomain] : customer.domains
            add(
                Record(
                    kind: "u", id: customer.id, label: customer.name, detail: domains.joined(separator: ", "),
                    path: paths.customer(customer.id)),
                identifiers: [customer.id] + domains + customer.tenantIds + [customer.tpid].compactMap { $0 },
                words: [customer.name])
        }
    }
}
