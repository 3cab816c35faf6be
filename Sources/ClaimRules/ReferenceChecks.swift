import ClaimModel

/// The cross-record checks of loading (docs/rules.md#validation): duplicate IDs and references to
/// engagements, customers, locations, opportunities and users that do not exist.
public enum ReferenceChecks {
    /// Every duplicate ID and unknown reference in `model`.
    public static func run(_ model: SiteModel) -> [Diagnostic] {
        var out: [Diagnostic] = []
        out += duplicates(model.engagements, kind: .engagement, id: \.id, source: \.source)
        out += duplicates(model.locations, kind: .location, id: \.id, source: \.source)
        out += duplicates(model.customers, kind: .customer, id: \.id, source: \.source)
        out += duplicates(model.opportunities, kind: .opportunity, id: \.id, source: \.source)
        out += duplicates(model.claims, kind: .claim, id: \.id, source: \.source)
        out += duplicates(
            model.users ?? [], kind: .user, id: { $0.email.asciiLowercased() }, source: \.source, key: "email")
        out += lookAlikes(model.engagements, kind: .engagement, id: \.id, source: \.source)
        out += lookAlikes(model.locations, kind: .location, id: \.id, source: \.source)
        out += lookAlikes(model.customers, kind: .customer, id: \.id, source: \.source)
        out += lookAlikes(model.opportunities, kind: .opportunity, id: \.id, source: \.source)
        out += lookAlikes(model.claims, kind: .claim, id: \.id, source: \.source)

        let skip = model.unreadable
        let engagements = IDIndex(model.engagements.map(\.id), kind: "engagement", unreadable: skip)
        let customers = IDIndex(model.customers.map(\.id), kind: "customer", unreadable: skip)
        let locations = IDIndex(model.locations.map(\.id), kind: "location", unreadable: skip)
        let opportunities = IDIndex(model.opportunities.map(\.id), kind: "opportunity", unreadable: skip)
        let users = model.users.map { IDIndex($0.map(\.email), kind: "user", unreadable: skip, caseInsensitive: true) }

        for engagement in model.engagements {
            for (i, location) in (engagement.locations ?? []).enumerated() {
                out += locations.check(
                    location, at: engagement.source["locations.\(i)"], record: RecordRef(.engagement, engagement.id),
                    "engagement \(engagement.id): unknown location")
            }
        }
        let engagementByID = Dictionary(
            model.engagements.map { (ByteKey($0.id), $0) }, uniquingKeysWith: { a, _ in a })
        for list in model.eligibility {
            out += engagements.check(
                list.engagement, at: list.source["engagement"], record: RecordRef(.engagement, list.engagement),
                "eligibility: unknown engagement")
            if let engagement = engagementByID[ByteKey(list.engagement)] {
                out += verdictTypes(list, engagement: engagement)
            }
        }
        for opportunity in model.opportunities {
            out += customers.check(
                opportunity.customer, at: opportunity.source["customer"],
                record: RecordRef(.opportunity, opportunity.id),
                "opportunity \(opportunity.id): unknown customer")
        }
        for claim in model.claims {
            // Worked out only for a reference that is not known.
            var name: String { "claim \(claim.id)" }
            var record: RecordRef { .claim(claim.id) }
            out += engagements.check(
                claim.engagement, at: claim.source["engagement"], record: record, "\(name): unknown engagement")
            out += customers.check(
                claim.customer, at: claim.source["customer"], record: record, "\(name): unknown customer")
            out += locations.check(
                claim.location, at: claim.source["location"], record: record, "\(name): unknown location")
            if let nominated = claim.nominatedBy, nominated.type == .msxOpportunityId {
                out += opportunities.check(
                    nominated.value, at: claim.source["nominatedBy.value"], record: record,
                    "\(name): unknown opportunity")
            }
            if let users, let creator = claim.createdBy {
                out += users.check(creator, at: claim.source["createdBy"], record: record, "\(name): unknown user")
            }
        }
        return out
    }

    /// A duplicate ID is reported at its second occurrence, naming the first. IDs are the same
    /// when their UTF-8 bytes are (docs/input-format.md, "Comparing IDs").
    static func duplicates<T>(
        _ items: [T], kind: RecordKind, id: (T) -> String, source: (T) -> SourceMap,
        key: String = "id"
    ) -> [Diagnostic] {
        let noun = kind.rawValue
        // Positions are looked up only for a duplicate: most IDs are not.
        var first: [ByteKey: Int] = [:]
        first.reserveCapacity(items.count)
        var out: [Diagnostic] = []
        for (i, item) in items.enumerated() {
            let value = id(item)
            if let j = first[ByteKey(value)] {
                let earlier = source(items[j])[key]
                out.append(
                    .error(
                        .duplicateID, at: source(item)[key], record: RecordRef(kind, value),
                        "duplicate \(noun) ID '\(value)' (first at \(earlier)); give every \(noun) its own ID"))
            } else {
                first[ByteKey(value)] = i
            }
        }
        return out
    }

    /// Two IDs of one kind that are not the same bytes but are the same after Unicode
    /// normalisation and case folding are two records that a reader cannot tell apart: a
    /// warning at the second, naming the first (docs/rules.md#validation). One pass, keyed by
    /// the folded form; a byte-identical repeat is a duplicate ID instead, reported above.
    static func lookAlikes<T>(_ items: [T], kind: RecordKind, id: (T) -> String, source: (T) -> SourceMap)
        -> [Diagnostic]
    {
        let noun = kind.rawValue
        var first: [ByteKey: Int] = [:]
        first.reserveCapacity(items.count)
        var out: [Diagnostic] = []
        for (i, item) in items.enumerated() {
            let value = id(item)
            let folded = ByteKey(value.lookAlikeForm)
            guard let j = first[folded] else {
                first[folded] = i
                continue
            }
            let earlier = (id: id(items[j]), at: source(items[j])["id"])
            guard !earlier.id.sameUTF8(value) else { continue }
            let plural = kind == .opportunity ? "opportunities" : "\(noun)s"
            out.append(
                .warning(
                    .lookAlikeID, at: source(item)["id"], record: RecordRef(kind, value),
                    """
                    \(noun) \(value): its ID looks like \(noun) \(earlier.id) at \(earlier.at), but they differ \
                    \(value.lookAlikeDifference(from: earlier.id)), so they are two \(plural); write both IDs \
                    alike if they are meant to be one \(noun), else rename one
                    """
                ))
        }
        return out
    }

    /// A verdict on an ID of a type the engagement does not accept (docs/rules.md#verdicts).
    static func verdictTypes(_ list: EligibilityList, engagement: Engagement) -> [Diagnostic] {
        let accepted = engagement.customerIdTypes
        let wrong = list.verdicts.keys.filter { !accepted.contains($0.type) }.sorted {
            $0.type != $1.type ? $0.type.rawValue < $1.type.rawValue : $0.value.precedesByUTF8($1.value)
        }
        return wrong.map { id in
            let key = "\(id.type.rawValue):\(id.value)"
            return .error(
                .verdictIDTypeNotAccepted, at: list.source["verdicts.\(key)"],
                record: RecordRef(.engagement, list.engagement),
                """
                eligibility of \(list.engagement): a verdict on '\(key)', but the engagement does not accept \
                \(id.type.rawValue) IDs (it accepts \(accepted.map(\.rawValue).joined(separator: ", "))); record \
                the verdict on the ID Partner Center shows it for, or remove it
                """)
        }
    }
}

/// A set of known IDs that answers "is this one known, and if not, which was meant?".
/// IDs of records that were written but could not be read count as known, so one broken
/// record is reported once, not again at every reference to it.
struct IDIndex {
    let ids: [String]
    let lookup: Set<ByteKey>
    let kind: String
    let unreadable: Set<ByteKey>
    let caseInsensitive: Bool

    /// IDs compare by bytes; with `caseInsensitive` (user emails) after ASCII lower-casing
    /// (docs/input-format.md, "Comparing IDs").
    init(_ ids: [String], kind: String, unreadable: Set<ByteKey>, caseInsensitive: Bool = false) {
        self.ids = ids
        self.kind = kind
        self.unreadable = unreadable
        self.caseInsensitive = caseInsensitive
        lookup = Set(ids.map { ByteKey(caseInsensitive ? $0.asciiLowercased() : $0) })
        var alike: [ByteKey: String] = [:]
        for id in ids {
            let key = ByteKey(id.lookAlikeForm)
            if alike[key] == nil { alike[key] = id }
        }
        self.alike = alike
    }

    /// The first ID of each look-alike form (`String.lookAlikeForm`).
    let alike: [ByteKey: String]

    func contains(_ id: String) -> Bool {
        lookup.contains(ByteKey(caseInsensitive ? id.asciiLowercased() : id))
            || unreadable.contains(ByteKey("\(kind):\(id)")) || unreadable.contains(ByteKey("\(kind):*"))
    }

    /// What to do when no record of the kind is defined at all: where they are written
    /// (docs/input-format.md).
    func noneDefined(_ id: String) -> String {
        switch kind {
        case "engagement": return "no engagements are defined — add Content/engagements/\(id).md"
        case "customer", "location", "opportunity", "user":
            let file = kind == "opportunity" ? "opportunities" : "\(kind)s"
            return "no \(file) are defined — add them to Content/data/\(file).yaml"
        default: return "none are defined"
        }
    }

    /// An error `"<prefix> 'ID' — did you mean 'X'?"` at `location` when `id` is unknown.
    /// `location`, `record` and `prefix` are worked out only then (most references are known).
    func check(
        _ id: String, at location: @autoclosure () -> SourceLocation, record makeRecord: @autoclosure () -> RecordRef?,
        _ makePrefix: @autoclosure () -> String
    ) -> [Diagnostic] {
        guard !contains(id) else { return [] }
        let location = location(), record = makeRecord(), prefix = makePrefix()
        // A reference that differs from a known ID only in Unicode normalisation or letter case
        // looks right but is not: say so, rather than suggest what looks like the same ID.
        if let alike = alike[ByteKey(id.lookAlikeForm)] {
            return [
                .error(
                    .unknownReference, at: location, record: record,
                    """
                    \(prefix) '\(id)': it looks like \(kind) '\(alike)', but IDs must match byte for byte and \
                    these differ \(id.lookAlikeDifference(from: alike)); write it exactly as the \(kind)'s ID is \
                    written
                    """
                )
            ]
        }
        let hint = Suggestion.didYouMean(id, in: ids)
        let fix = hint.isEmpty ? (ids.isEmpty ? "; \(noneDefined(id))" : "; check the spelling") : hint
        return [.error(.unknownReference, at: location, record: record, "\(prefix) '\(id)'\(fix)")]
    }
}
