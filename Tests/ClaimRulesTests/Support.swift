import ClaimModel
import ClaimRules

/// Small builders for rules tests: a model in code, no files.
enum Build {
    static func at(_ path: String = "t.yaml", _ line: Int = 1) -> SourceMap {
        SourceMap(start: SourceLocation(file: path, line: line, column: 1))
    }

    static func day(_ text: String) -> Day { Day(text)! }

    static func engagement(
        _ id: String = "ws", activity: Activity = .workshop, pay: PayKind = .fixed,
        types: [CustomerIDType] = CustomerIDType.fixedPayTypes, limit: Int? = nil,
        timeline: TimelineOverrides = TimelineOverrides(), referrals: Bool = false,
        locations: [String]? = nil
    ) -> Engagement {
        Engagement(
            id: id, name: id, activity: activity, pay: pay,
            customerIdTypes: pay == .variable ? [.msxOpportunityId] : types,
            maxActiveClaimsPerCustomer: limit, timeline: timeline,
            fixedPayoutUSD: pay == .fixed ? 5000 : nil,
            variablePay: pay == .variable ? VariablePay(hourlyRateUSD: 150, minHours: 8, maxHours: 120) : nil,
            referrals: referrals, locations: locations, source: at())
    }

    static func claim(
        _ id: String = "C-1", engagement: String = "ws", customer: String = "fabrikam",
        origin: Origin = .added, nominatedBy: TypedID? = TypedID(type: .tpid, value: "100"),
        location: String = "L1", createdOn: String = "2026-01-01", hours: Int? = nil,
        events: [(String, EventType)] = []
    ) -> Claim {
        Claim(
            id: id, displayName: id, engagement: engagement, customer: customer, origin: origin,
            nominatedBy: origin == .claimed ? nil : nominatedBy, location: location, createdOn: day(createdOn),
            hours: hours,
            customerContact: Contact(email: "c@fabrikam.example"), partnerContact: Contact(email: "p@partner.example"),
            events: events.map {
                ClaimEvent(
                    on: day($0.0), type: $0.1, dealSizeUSD: $0.1 == .consentRequested ? 1000 : nil,
                    location: SourceLocation(file: "t.yaml"))
            },
            source: at())
    }
}
