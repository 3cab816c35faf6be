import TypedMustache

/// A customer's page (`customer.mustache`): its IDs, its claims, and where it stands on each
/// engagement's tabs.
package struct CustomerPage: ViewModel {
    package let layout: PageLayout
    package let customer: CustomerInfo
    package let ids: [IDRow]
    package let claims: [ClaimRow]
    package let engagements: [CustomerEngagementRow]
    /// The customer's payout totals (docs/rules.md#payments).
    package let totals: TotalsInfo

    package static let fields = FieldTable<CustomerPage>(
        embedding: \.layout,
        [
            .object("customer", \.customer), .list("ids", \.ids), .object("totals", \.totals),
            .list("claims", \.claims), .flag("hasClaims", notEmpty: \.claims),
            .list("engagements", \.engagements),
            // The claim table's Customer and Engagement columns (partials/claim-head and claim-row):
            // every claim here is of this customer, so no Customer column (docs/output.md, Layout).
            .flag("showCustomer", always: false), .flag("showEngagement", always: true),
            .flag("showOwner", always: false), .flag("showProof", always: false),
        ])
}

/// The customer itself.
package struct CustomerInfo: ViewModel {
    package let id: String, name: String
    /// The day of its first accepted consent, or "" when it is not a known customer.
    package let knownSince: String
    /// The same day as the language writes it (docs/languages.md).
    package let knownSinceText: String
    package let known: Bool
    package let country: String, coSell: String

    package static let fields = FieldTable<CustomerInfo>([
        .text("id", \.id), .text("name", \.name), .text("knownSince", \.knownSince),
        .text("knownSinceText", \.knownSinceText),
        .flag("known", \.known), .text("country", \.country), .text("coSell", \.coSell),
    ])
}

/// One of the customer's IDs: a domain, tenant, TPID, subscription or MSX opportunity.
package struct IDRow: ViewModel {
    package let type: String, value: String

    package static let fields = FieldTable<IDRow>([.text("type", \.type), .text("value", \.value)])
}

/// An engagement on the customer's page: the tab the customer is on there, and why.
package struct CustomerEngagementRow: ViewModel {
    /// The page's way up to the output root, which its links start with.
    package let root: String
    package let name: String, path: String, verdict: String, verdictClass: String, detail: String

    package static let fields = FieldTable<CustomerEngagementRow>([
        .text("name", \.name), .link("href", root: \.root, path: \.path), .text("verdict", \.verdict),
        .text("verdictClass", \.verdictClass), .text("detail", \.detail),
    ])
}
