import ClaimModel
import ClaimRules

/// Builders for the Customers-page tests (docs/rules.md#tabs): a small model in code, no files.
/// Everything the tests expect is written literally in the tests; these only assemble input.
enum TabFixture {
    /// The as-of date most tab tests are judged on.
    static let asOf = Build.day("2026-11-29")

    /// A partner location; registered for MCI unless told otherwise.
    static func location(_ id: String = "L1", registered: Bool = true) -> Location {
        Location(id: id, name: "Location \(id)", mciRegistered: registered, source: Build.at("locations.yaml"))
    }

    /// A customer with an email domain of `ID.example`.
    static func customer(
        _ id: String, tenantIds: [String] = [], tpid: String? = nil,
        subscriptionIds: [String] = []
    ) -> Customer {
        Customer(
            id: id, name: "Customer \(id)", emailDomain: "\(id).example", tenantIds: tenantIds, tpid: tpid,
            subscriptionIds: subscriptionIds, source: Build.at("customers.yaml"))
    }

    /// An engagement's eligibility list (tenant IDs lower-cased as the loader does).
    static func list(
        _ engagement: String, tenantIds: [String] = [], tpids: [String] = [],
        subscriptionIds: [String] = [], msx: [String] = [],
        elsewhere: [TypedID: Int] = [:]
    ) -> EligibilityList {
        var ids: [CustomerIDType: Set<ByteKey>] = [:]
        if !tenantIds.isEmpty { ids[.tenantId] = Set(tenantIds.map { ByteKey($0.asciiLowercased()) }) }
        if !tpids.isEmpty { ids[.tpid] = Set(tpids.map { ByteKey($0) }) }
        if !subscriptionIds.isEmpty { ids[.subscriptionId] = Set(subscriptionIds.map { ByteKey($0) }) }
        if !msx.isEmpty { ids[.msxOpportunityId] = Set(msx.map { ByteKey($0) }) }
        return EligibilityList(
            engagement: engagement, ids: ids, activeClaimsElsewhere: elsewhere,
            source: Build.at("eligibility.yaml"))
    }

    /// An MSX opportunity.
    static func opportunity(_ id: String, customer: String) -> Opportunity {
        Opportunity(id: id, customer: customer, estimatedRevenueUSD: 100_000, source: Build.at("opportunities.yaml"))
    }

    /// A claim that received consent on `day`: created, consent requested and accepted that day.
    static func consented(
        _ id: String, engagement: String = "other", customer: String, by nominated: TypedID?,
        on day: String, origin: Origin = .added
    ) -> Claim {
        Build.claim(
            id, engagement: engagement, customer: customer, origin: origin, nominatedBy: nominated,
            createdOn: day, events: [(day, .consentRequested), (day, .consentAccepted)])
    }

    /// A model; the customers named in `customers` are created plainly unless given in `records`.
    static func model(
        engagements: [Engagement], claims: [Claim], customers: [String] = [],
        records: [Customer] = [], locations: [Location] = [location()],
        directory: [String: String] = [:], eligibility: [EligibilityList] = [],
        opportunities: [Opportunity] = []
    ) -> SiteModel {
        var model = SiteModel()
        model.engagements = engagements
        model.claims = claims
        model.customers = records + customers.map { customer($0) }
        model.locations = locations
        model.directory = Dictionary(uniqueKeysWithValues: directory.map { (ByteKey($0.key), $0.value) })
        model.eligibility = eligibility
        model.opportunities = opportunities
        return model
    }

    /// The tabs of engagement `id` evaluated on `asOf`.
    static func tabs(_ model: SiteModel, _ id: String, asOf: Day = asOf) -> Tabs? {
        Evaluator.evaluate(model, asOf: asOf).engagements.first { $0.engagement.id == id }?.tabs
    }
}

/// Typed IDs, short.
enum TID {
    static func tpid(_ value: String) -> TypedID { TypedID(type: .tpid, value: value) }
    static func tenant(_ value: String) -> TypedID { TypedID(type: .tenantId, value: value) }
    static func domain(_ value: String) -> TypedID { TypedID(type: .domain, value: value) }
    static func sub(_ value: String) -> TypedID { TypedID(type: .subscriptionId, value: value) }
    static func msx(_ value: String) -> TypedID { TypedID(type: .msxOpportunityId, value: value) }
}

/// An Ineligible row as the tests write it (the model's row has no public initializer).
struct IRow: Equatable, CustomStringConvertible {
    var customer: String
    var reason: IneligibleReason
    var why: IneligibleWhy

    init(_ customer: String, _ reason: IneligibleReason, _ why: IneligibleWhy) {
        self.customer = customer
        self.reason = reason
        self.why = why
    }

    var description: String { "\(customer) \(reason.rawValue): \(why)" }
}

/// A row of the Eligible tab as the tests write it: a claim by its ID.
enum Row: Equatable {
    case claim(String)
    case customer(String, qualifyingID: TypedID)
}

extension Tabs {
    /// The Eligible rows, claims by ID.
    var rows: [Row] {
        eligible.map { row in
            switch row {
            case .claim(let facts): return .claim(facts.claim.id)
            case .customer(let customer, let id): return .customer(customer, qualifyingID: id)
            }
        }
    }

    /// The Completed claims' IDs.
    var completedIDs: [String] { completed.map(\.claim.id) }
}

extension IneligibleWhy {
    /// The first candidate `id`, not on the list.
    static func notListed(_ id: TypedID) -> IneligibleWhy { .candidate(id, .notListed(checked: id)) }
    /// The first candidate `id`, of a type the engagement does not accept.
    static func typeNotAccepted(_ id: TypedID) -> IneligibleWhy { .candidate(id, .typeNotAccepted) }
}

extension TabFixture {
    /// The Ineligible rows of `tabs`, in order, as `IRow`s.
    static func rows(_ tabs: Tabs) -> [IRow] {
        tabs.ineligible.map { IRow($0.customer, $0.reason, $0.why) }
    }
}
