import ClaimModel
import Foundation

/// How one claim was judged, as the rules built it: its history replayed, its deadlines,
/// action, payout, referral and tab, and how its customer fares in the claim's engagement.
/// `claimsite explain` prints it as text, and with `--json` as data (`docs/output.md`).
public struct Explanation: Hashable, Sendable {
    /// The claim's facts on the as-of date.
    public var facts: ClaimFacts
    /// The day everything was judged for.
    public var asOf: Day
    /// The customer's name, when the customer exists.
    public var customerName: String?
    /// The claim's location, when it exists.
    public var location: Location?
    /// The engagement's timeline after overrides.
    public var timeline: Timeline
    /// Its activity's default timeline.
    public var defaultTimeline: Timeline
    /// Events dated after the as-of date, not yet counted.
    public var notCounted: [ClaimEvent]
    /// How many days are left until the current deadline (negative when it passed).
    public var daysLeft: Int?
    /// The site's due-soon window in days.
    public var dueSoonDays: Int
    /// Whether the claim is due soon.
    public var dueSoon: Bool
    /// Why the referral has its type, when there is one.
    public var referralReason: ReferralReason?
    /// The tab the claim itself is on.
    public var tab: ClaimTab
    /// How the claim's customer fares in the claim's engagement.
    public var customer: CustomerStanding
    /// The problems found with this claim.
    public var problems: [Diagnostic]

    /// The claim this explains.
    public var claim: Claim { facts.claim }

    /// Whether the engagement overrides its activity's timeline.
    public var timelineOverridden: Bool { timeline != defaultTimeline }

    /// Days from approval to the expected payment.
    public var paymentCycleDays: Int { ClaimReplay.paymentCycleDays }
}

/// Why a referral is partner-led or co-sell (`docs/rules.md#referrals`).
public enum ReferralReason: String, Hashable, Sendable {
    /// Co-sell: consent was received and the customer is co-sell qualified.
    case consentedAndCoSellQualified
    /// Partner-led: the claim never received consent.
    case neverConsented
    /// Partner-led: the customer is not co-sell qualified.
    case notCoSellQualified
}

/// How a claim's customer fares in the claim's engagement.
public struct CustomerStanding: Hashable, Sendable {
    /// The day the customer first accepted consent on any claim; `nil` when it is not known.
    public var knownSince: Day?
    /// Its candidate IDs checked for the engagement (for a known customer).
    public var verdict: CustomerVerdict?
    /// Its non-terminal claims in the engagement, by ID: with any, it shows as claim rows.
    public var openClaims: [String]
    /// Where it landed as a customer row, for a known customer without an open claim.
    public var placement: CustomerPlacement?
    /// Whether the engagement's pages hide Ineligible details (MSX-opportunity-only engagements).
    public var detailsHidden: Bool
}

extension Explanation {
    /// The explanation of claim `id` in `evaluation`, or `nil` when no evaluated claim has that
    /// ID. `diagnostics` are every problem of the run; those about the claim are kept.
    public static func of(
        _ id: String, in evaluation: Evaluation, dueSoonDays: Int,
        diagnostics: [Diagnostic]
    ) -> Explanation? {
        guard let facts = evaluation.claim(id) else { return nil }
        let claim = facts.claim, engagement = facts.engagement, state = facts.state
        let site = evaluation.site, asOf = evaluation.asOf

        var reason: ReferralReason?
        if let referral = facts.referral {
            reason =
                referral.kind == .coSell
                ? .consentedAndCoSellQualified
                : (state.consentDay == nil ? .neverConsented : .notCoSellQualified)
        }

        let engagementFacts = evaluation.engagement(engagement.id)
        let open = evaluation.claims.filter {
            $0.claim.engagement.sameUTF8(engagement.id) && $0.claim.customer.sameUTF8(claim.customer)
                && $0.tab == .eligible
        }.map(\.claim.id)
        let since = evaluation.knownSince[ByteKey(claim.customer)]
        var standing = CustomerStanding(
            knownSince: since, verdict: nil, openClaims: open, placement: nil,
            detailsHidden: engagementFacts?.tabs.detailsHidden ?? false)
        if since != nil {
            standing.verdict = evaluation.resolver.verdict(of: claim.customer, for: engagement)
            if open.isEmpty, let engagementFacts {
                standing.placement = engagementFacts.placement(of: claim.customer)
            }
        }

        return Explanation(
            facts: facts, asOf: asOf, customerName: site.customers[ByteKey(claim.customer)]?.name,
            location: site.locations[ByteKey(claim.location)], timeline: facts.timeline,
            defaultTimeline: Timeline.defaults(for: engagement.activity),
            notCounted: claim.events.filter { $0.on > asOf },
            daysLeft: state.deadline.map { asOf.days(until: $0) }, dueSoonDays: dueSoonDays,
            dueSoon: state.isDueSoon(asOf: asOf, days: dueSoonDays), referralReason: reason,
            tab: facts.tab, customer: standing,
            problems: diagnostics.filter { $0.record == .claim(claim.id) })
    }
}
