import TypedMustache

/// An engagement's Customers page (`engagement.mustache`): its rules, who can be nominated for
/// it, and the tabs Eligible, Ineligible and Completed.
package struct EngagementPage: ViewModel {
    package let layout: PageLayout
    package let engagement: EngagementInfo
    package let nomination: NominationInfo
    package let eligibleCount: String, ineligibleCount: String, completedCount: String
    package let openClaims: [ClaimRow]
    package let claimable: [ClaimableRow]
    package let detailsHidden: Bool
    package let hasEligibleLocation: Bool
    package let ineligible: [IneligibleCustomerRow]
    package let completed: [ClaimRow]
    /// The engagement's payout totals (docs/rules.md#payments).
    package let totals: TotalsInfo
    /// Whether the engagement asks for proof of execution: the open claims' Proof column.
    package let showProof: Bool

    package static let fields = FieldTable<EngagementPage>(
        embedding: \.layout,
        [
            .object("engagement", \.engagement), .object("nomination", \.nomination),
            .text("eligibleCount", \.eligibleCount), .text("ineligibleCount", \.ineligibleCount),
            .text("completedCount", \.completedCount),
            .list("openClaims", \.openClaims), .flag("hasOpenClaims", notEmpty: \.openClaims),
            .list("claimable", \.claimable), .flag("hasClaimable", notEmpty: \.claimable),
            .flag("detailsHidden", \.detailsHidden), .flag("hasEligibleLocation", \.hasEligibleLocation),
            .list("ineligible", \.ineligible), .flag("hasIneligible", notEmpty: \.ineligible),
            .list("completed", \.completed), .flag("hasCompleted", notEmpty: \.completed),
            .object("totals", \.totals),
            // The claim tables' Customer and Engagement columns (partials/claim-head and claim-row):
            // every claim here is of this engagement, so no Engagement column (docs/output.md, Layout).
            .flag("showCustomer", always: true), .flag("showEngagement", always: false),
            .flag("showOwner", always: false), .flag("showProof", \.showProof),
        ])
}

/// An engagement's rules, as its page states them.
package struct EngagementInfo: ViewModel {
    package let id: String, name: String, activity: String, timeline: String, referrals: String
    /// The description, already safe HTML.
    package let descriptionHTML: String

    package static let fields = FieldTable<EngagementInfo>([
        .text("id", \.id), .text("name", \.name), .text("activity", \.activity),
        .text("timeline", \.timeline), .text("referrals", \.referrals),
        .text("descriptionHTML", \.descriptionHTML),
    ])
}

/// Who can be nominated for the engagement, in words (docs/output.md, Layout: the engagement
/// page's "Who can be nominated"; the rules in docs/rules.md, Eligibility, Locations, Payouts and
/// Claim limit).
package struct NominationInfo: ViewModel {
    /// The ID types accepted: "Domain, Tenant ID, TPID and Azure subscription ID".
    package let idTypes: String
    /// How a domain is checked, when the engagement accepts domains; else "".
    package let domainRule: String
    /// The partner's locations that may claim, "Name (ID)" each, or a sentence saying none may.
    package let locations: String
    /// The pay and its amounts: "Fixed pay: USD 5,000.00 a claim".
    package let payout: String
    /// That a variable-pay engagement is nominated alone in its flow; "" for fixed pay.
    package let flowRule: String
    /// "At most 1 active claim per customer"; "" without a limit.
    package let claimLimit: String

    package static let fields = FieldTable<NominationInfo>([
        .text("idTypes", \.idTypes),
        .text("domainRule", \.domainRule), .flag("hasDomainRule", notEmpty: \.domainRule),
        .text("locations", \.locations), .text("payout", \.payout),
        .text("flowRule", \.flowRule), .flag("hasFlowRule", notEmpty: \.flowRule),
        .text("claimLimit", \.claimLimit), .flag("hasClaimLimit", notEmpty: \.claimLimit),
    ])
}

/// A known customer the partner can claim for the engagement (Eligible tab), with the ID that qualifies.
package struct ClaimableRow: ViewModel {
    /// The page's way up to the output root, which its links start with.
    package let root: String
    package let customer: String, customerPath: String, qualifyingType: String, qualifyingValue: String

    package static let fields = FieldTable<ClaimableRow>([
        .text("customer", \.customer), .link("customerHref", root: \.root, path: \.customerPath),
        .text("qualifyingType", \.qualifyingType), .text("qualifyingValue", \.qualifyingValue),
    ])
}

/// A known customer that cannot be claimed (Ineligible tab), with why.
package struct IneligibleCustomerRow: ViewModel {
    /// The page's way up to the output root, which its links start with.
    package let root: String
    package let customer: String, customerPath: String, reason: String, detail: String
    /// The reason's code as in `report.json`, for the Reason filter (docs/output.md, Filters and sorting).
    package let reasonCode: String

    package static let fields = FieldTable<IneligibleCustomerRow>([
        .text("customer", \.customer), .link("customerHref", root: \.root, path: \.customerPath),
        .text("reason", \.reason), .text("detail", \.detail), .text("reasonCode", \.reasonCode),
    ])
}
