import ClaimModel

/// Decoders for the data files under `Content/data/` other than claims (docs/input-format.md).
package enum DataDecoders {
    /// The items of a list file; a mapping or scalar at the top is an error, and then every
    /// record of `kind` counts as unreadable (`KIND:*`), so references to them are not reported.
    package static func items(_ root: Node?, noun: String, kind: RecordKind, sink: DiagnosticSink) -> [Node] {
        guard let root else { return [] }
        guard case .sequence(let items, _) = root else {
            sink.error(
                .wrongType, root.mark,
                "this file must be a list of \(noun) (each item starting with '- '), not \(root.kindDescription)")
            sink.markAllUnreadable(kind.rawValue)
            return []
        }
        return items
    }

    /// The entries of a map file, with duplicate keys reported (the first one wins). When the
    /// file is not a mapping, `unreadable` (`directory`, `eligibility`) is marked unreadable as a
    /// whole. With `caseInsensitive`, keys that differ only in ASCII letter case are duplicates.
    package static func entries(
        _ root: Node?, what: String, sink: DiagnosticSink, caseInsensitive: Bool = false,
        record: RecordRef? = nil, unreadable: String? = nil
    ) -> [MappingEntry] {
        guard let root else { return [] }
        guard case .mapping(let entries, _) = root else {
            sink.error(
                .wrongType, root.mark, record: record,
                "this file must be a mapping of \(what), not \(root.kindDescription)")
            if let unreadable { sink.markAllUnreadable(unreadable) }
            return []
        }
        // Keys are IDs (engagements, domains, TYPE:VALUE): they compare by their bytes, domains
        // after ASCII lower-casing (docs/input-format.md, "Comparing IDs").
        var seen: [ByteKey: MappingEntry] = [:]
        var result: [MappingEntry] = []
        for entry in entries {
            let key = ByteKey(caseInsensitive ? entry.key.text.asciiLowercased() : entry.key.text)
            if let first = seen[key] {
                let same =
                    first.key.text.sameUTF8(entry.key.text) ? "" : " as '\(first.key.text)'; case does not matter here"
                sink.error(
                    .duplicateKey, entry.key.mark, record: record,
                    "duplicate key '\(entry.key.text)' (first at line \(first.key.mark.line)\(same)); remove one")
                continue
            }
            seen[key] = entry
            result.append(entry)
        }
        return result
    }

    package static func locations(_ root: Node?, sink: DiagnosticSink) -> [Location] {
        items(root, noun: "locations", kind: .location, sink: sink).compactMap { node in
            guard let f = Fields(node, what: "location", known: ["id", "name", "country", "mciRegistered"], sink: sink)
            else { return nil }
            defer { f.finish() }
            let id = f.text("id", required: true)
            if let id { f.identify(.location, id) }
            let name = f.text("name", required: true)
            let country = f.text("country")
            let registered = f.bool("mciRegistered", required: true)
            guard f.isValid, let id, let name, let registered else { return nil }
            return Location(id: id, name: name, country: country, mciRegistered: registered, source: f.recorder.map)
        }
    }

    package static let customerKeys = [
        "id", "name", "emailDomain", "country", "domains", "tenantIds", "tpid",
        "subscriptionIds", "coSellQualified",
    ]

    package static func customers(_ root: Node?, sink: DiagnosticSink) -> [Customer] {
        items(root, noun: "customers", kind: .customer, sink: sink).compactMap { node in
            guard let f = Fields(node, what: "customer", known: customerKeys, sink: sink) else { return nil }
            defer { f.finish() }
            let id = f.text("id", required: true)
            if let id { f.identify(.customer, id) }
            let name = f.text("name", required: true)
            let emailDomain = f.text("emailDomain", required: true)
            let country = f.text("country")
            let domains = f.textList("domains") ?? []
            let tenants = f.textList("tenantIds") ?? []
            let tpid = f.text("tpid")
            let subscriptions = f.textList("subscriptionIds") ?? []
            let coSell = f.bool("coSellQualified") ?? false
            guard f.isValid, let id, let name, let emailDomain else { return nil }
            return Customer(
                id: id, name: name, emailDomain: emailDomain, country: country, domains: domains,
                tenantIds: tenants, tpid: tpid, subscriptionIds: subscriptions,
                coSellQualified: coSell, source: f.recorder.map)
        }
    }

    package static func directory(_ root: Node?, sink: DiagnosticSink) -> [ByteKey: String] {
        var result: [ByteKey: String] = [:]
        for entry in entries(
            root, what: "domains to tenant IDs", sink: sink, caseInsensitive: true, unreadable: "directory")
        {
            guard case .scalar(let value) = entry.value, !value.isNull, value.style != .jsonBool else {
                sink.error(
                    .wrongType, entry.value.mark,
                    "directory: the tenant ID of '\(entry.key.text)' must be text, not \(entry.value.kindDescription)")
                continue
            }
            result[ByteKey(entry.key.text.asciiLowercased())] = value.text.asciiLowercased()
        }
        return result
    }

    package static let eligibilityKeys = [
        "tenantIds", "tpids", "subscriptionIds", "msxOpportunityIds", "activeClaimsElsewhere", "verdicts",
    ]

    package static func eligibility(_ root: Node?, sink: DiagnosticSink) -> [EligibilityList] {
        entries(root, what: "engagement IDs to eligible IDs", sink: sink, unreadable: "eligibility").compactMap {
            entry in
            let engagement = entry.key.text
            guard
                let f = Fields(
                    entry.value, what: "eligibility of \(engagement)", known: eligibilityKeys, sink: sink,
                    record: RecordRef(.engagement, engagement))
            else {
                sink.markUnreadable("eligibility", engagement)
                return nil
            }
            defer { f.finish() }
            f.recorder.record("engagement", sink.location(entry.key.mark))
            var ids: [CustomerIDType: Set<ByteKey>] = [:]
            let lists: [(String, CustomerIDType)] = [
                ("tenantIds", .tenantId), ("tpids", .tpid),
                ("subscriptionIds", .subscriptionId), ("msxOpportunityIds", .msxOpportunityId),
            ]
            for (key, type) in lists {
                if let values = f.textList(key) {
                    ids[type] = Set(values.map { ByteKey(TypedID.normalized($0, for: type)) })
                }
            }
            var elsewhere: [TypedID: Int] = [:]
            for (id, item) in typedKeys("activeClaimsElsewhere", what: "TYPE:VALUE keys to counts", f, engagement) {
                guard
                    let count = f.intValue(
                        item.value, field: "activeClaimsElsewhere.\(item.key.text)", maximum: ReaderLimits.maxCount)
                else { continue }
                elsewhere[id] = count
            }
            var verdicts: [TypedID: Verdict] = [:]
            for (id, item) in typedKeys("verdicts", what: "TYPE:VALUE keys to verdicts", f, engagement) {
                f.recorder.record("verdicts.\(id.type.rawValue):\(id.value)", sink.location(item.key.mark))
                if let verdict = f.enumOf(item.value, Verdict.self, noun: "verdict") { verdicts[id] = verdict }
            }
            guard f.isValid else {
                // Its rules do not warn that an ID is not on a list that could not be read.
                sink.markUnreadable("eligibility", engagement)
                return nil
            }
            return EligibilityList(
                engagement: engagement, ids: ids, activeClaimsElsewhere: elsewhere, verdicts: verdicts,
                source: f.recorder.map)
        }
    }

    /// The entries of the mapping `key` of an eligibility list whose keys are `TYPE:VALUE`
    /// (`activeClaimsElsewhere`, `verdicts`), each key read as an ID (its value normalised as
    /// the lists' are); a key that is not one is an error at the key.
    static func typedKeys(
        _ key: String, what: String, _ f: Fields, _ engagement: String
    ) -> [(id: TypedID, entry: MappingEntry)] {
        guard let node = f.node(key) else { return [] }
        var result: [(id: TypedID, entry: MappingEntry)] = []
        for item in entries(node, what: what, sink: f.sink, record: f.record) {
            let text = item.key.text
            guard let colon = text.firstIndex(of: ":") else {
                f.fail(
                    .invalidTypedID, item.key.mark,
                    """
                    eligibility of \(engagement): '\(key)' key '\(text)' must be TYPE:VALUE, for example \
                    tenantId:0f8fad5b-…
                    """
                )
                continue
            }
            let typeName = String(text[..<colon])
            guard let type = CustomerIDType(rawValue: typeName) else {
                let hint = Suggestion.didYouMean(typeName, in: CustomerIDType.allCases.map(\.rawValue))
                f.fail(
                    .unknownValue, item.key.mark,
                    "eligibility of \(engagement): unknown customer ID type '\(typeName)' in '\(key)'\(hint)")
                continue
            }
            let value = TypedID.normalized(String(text[text.index(after: colon)...]), for: type)
            result.append((TypedID(type: type, value: value), item))
        }
        return result
    }

    package static func opportunities(_ root: Node?, sink: DiagnosticSink) -> [Opportunity] {
        items(root, noun: "opportunities", kind: .opportunity, sink: sink).compactMap { node in
            guard
                let f = Fields(node, what: "opportunity", known: ["id", "customer", "estimatedRevenueUSD"], sink: sink)
            else { return nil }
            defer { f.finish() }
            let id = f.text("id", required: true)
            if let id { f.identify(.opportunity, id) }
            let customer = f.text("customer", required: true)
            let revenue = f.decimal("estimatedRevenueUSD", required: true)
            guard f.isValid, let id, let customer, let revenue else { return nil }
            return Opportunity(id: id, customer: customer, estimatedRevenueUSD: revenue, source: f.recorder.map)
        }
    }

    package static func users(_ root: Node?, sink: DiagnosticSink) -> [User] {
        items(root, noun: "users", kind: .user, sink: sink).compactMap { node in
            guard let f = Fields(node, what: "user", known: ["email", "name", "roles"], sink: sink) else { return nil }
            defer { f.finish() }
            let email = f.text("email", required: true)
            if let email { f.identify(.user, email) }
            let name = f.text("name")
            let roles = f.enumList("roles", UserRole.self, noun: "role", required: true)
            guard f.isValid, let email, let roles else { return nil }
            return User(email: email, name: name, roles: roles, source: f.recorder.map)
        }
    }
}
