/// An engagement's Customers page (`engagement.mustache`): its rules and the tabs Eligible,
/// Ineligible and Completed.
struct EngagementPage: ViewModel {
    let layout: PageLayout
    let engagement: EngagementInfo
    let eligibleCount: String, ineligibleCount: String, completedCount: String
    let openClaims: [ClaimRow]
    let claimable: [ClaimableRow]
    let detailsHidden: Bool
    let hasEligibleLocation: Bool
    let ineligible: [IneligibleCustomerRow]
    let completed: [ClaimRow]

    static let fields = FieldTable<EngagementPage>(embedding: \.layout, [
        .object("engagement", \.engagement),
        .text("eligibleCount") { $0.eligibleCount }, .text("ineligibleCount") { $0.ineligibleCount },
        .text("completedCount") { $0.completedCount },
        .list("openClaims") { $0.openClaims }, .flag("hasOpenClaims") { !$0.openClaims.isEmpty },
        .list("claimable") { $0.claimable }, .flag("hasClaimable") { !$0.claimable.isEmpty },
        .flag("detailsHidden") { $0.detailsHidden }, .flag("hasEligibleLocation") { $0.hasEligibleLocation },
        .list("ineligible") { $0.ineligible }, .flag("hasIneligible") { !$0.ineligible.isEmpty },
        .list("completed") { $0.completed }, .flag("hasCompleted") { !$0.completed.isEmpty },
    ])
}

/// An engagement's rules, as its page states them.
struct EngagementInfo: ViewModel {
    let id: String, name: String, activity: String, pay: String, payout: String, idTypes: String
    let timeline: String, claimLimit: String, referrals: String, locations: String
    /// The description, already safe HTML.
    let descriptionHTML: String

    static let fields = FieldTable<EngagementInfo>([
        .text("id") { $0.id }, .text("name") { $0.name }, .text("activity") { $0.activity }, .text("pay") { $0.pay },
        .text("payout") { $0.payout }, .text("idTypes") { $0.idTypes }, .text("timeline") { $0.timeline },
        .text("claimLimit") { $0.claimLimit }, .text("referrals") { $0.referrals }, .text("locations") { $0.locations },
        .text("descriptionHTML") { $0.descriptionHTML },
    ])
}

/// A known customer the partner can claim for the engagement (Eligible tab), with the ID that qualifies.
struct ClaimableRow: ViewModel {
    /// The page's way up to the output root, which its links start with.
    let root: String
    let customer: String, customerPath: String, qualifyingType: String, qualifyingValue: String

    static let fields = FieldTable<ClaimableRow>([
        .text("customer") { $0.customer }, .link("customerHref") { ($0.root, $0.customerPath) },
        .text("qualifyingType") { $0.qualifyingType }, .text("qualifyingValue") { $0.qualifyingValue },
    ])
}

/// A known customer that cannot be claimed (Ineligible tab), with why.
struct IneligibleCustomerRow: ViewModel {
    /// The page's way up to the output root, which its links start with.
    let root: String
    let customer: String, customerPath: String, reason: String, detail: String

    static let fields = FieldTable<IneligibleCustomerRow>([
        .text("customer") { $0.customer }, .link("customerHref") { ($0.root, $0.customerPath) },
        .text("reason") { $0.reason }, .text("detail") { $0.detail },
    ])
}
