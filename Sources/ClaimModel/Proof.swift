/// What Microsoft asks for as proof of execution before a claim is submitted
/// (docs/rules.md#proof-of-execution), in the order the output lists them.
public enum ProofItem: String, CaseIterable, Hashable, Sendable, Comparable {
    /// The invoice to the customer.
    case invoice
    /// The findings and recommendations (or proof of execution) document.
    case findingsReport
    /// The customer survey, which the partner sends to the customer.
    case customerSurvey
    /// The partner survey.
    case partnerSurvey

    /// Whether the item is a survey, which is sent and then done; the others are only done.
    public var isSurvey: Bool { self == .customerSurvey || self == .partnerSurvey }

    /// The items in the order above.
    public static func < (a: ProofItem, b: ProofItem) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// What a claim records of one proof item: the day a survey was sent, and the day the item was
/// done (docs/input-format.md, A claim).
public struct ProofRecord: Hashable, Sendable {
    /// The day a survey was sent; `nil` for the other items and for a survey not recorded as sent.
    public var sent: Day?
    /// The day the item was done; `nil` when not done.
    public var done: Day?

    /// A record of an item sent on `sent` and done on `done`.
    public init(sent: Day? = nil, done: Day? = nil) {
        self.sent = sent
        self.done = done
    }
}

/// The proof of execution a claim records, by item (docs/input-format.md, A claim).
public struct ClaimProof: Hashable, Sendable {
    /// The items recorded, in the order of `ProofItem`.
    public var records: [(item: ProofItem, record: ProofRecord)] {
        ProofItem.allCases.compactMap { item in byItem[item].map { (item, $0) } }
    }
    /// The records by item.
    public var byItem: [ProofItem: ProofRecord]

    /// Proof with the given records.
    public init(_ byItem: [ProofItem: ProofRecord] = [:]) { self.byItem = byItem }
}
