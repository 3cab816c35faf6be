import ClaimLoad
import ClaimModel
import ClaimRender
import ClaimRules
import Crypto

/// The input key of every page made from one claim, customer or engagement: a SHA-256 of
/// everything the page is made from, taken without making its view model (docs/output.md,
/// Incremental rebuilds). A page whose key is the one the page memo holds for it is kept
/// without making its view model; pages of other kinds (the overview, the work list, payouts,
/// status lists, locations, Markdown pages: a few pages that read every claim) have no input
/// key, and their view model's digest decides.
///
/// What the rules work out for a claim depends on the claim, on the inputs that are not claims
/// (its engagement, customer, the directory, eligibility lists, opportunities, users,
/// locations, settings, words, the as-of day, audience and language: `siteKey`) and on the other
/// claims of its customer (their consents make it a known customer and give its candidate IDs).
/// So each customer has a key over its claims in file order, each as its values without
/// positions (`Claim.contentBytes`), and:
///
/// - a **claim page** reads `siteKey`, the claim's ID, its customer's key and the claim's
///   problems as the page shows them (severity and message);
/// - a **customer page** reads `siteKey`, the customer's ID, its key, and where each of its
///   claims' pages is (a claim's file name depends on every claim ID: docs/output.md);
/// - an **engagement page** reads `siteKey`, the engagement's ID, every known customer with the
///   day it became known and its candidate IDs (the Eligible and Ineligible tabs place every known
///   customer), and each of its claims' ID, page and customer key.
struct PageInputKeys: Sendable {
    /// By page of the plan.
    private let keys: [PageDigest?]

    /// The keys of `plan`'s pages, made from `model`, with `siteKey`.
    init(plan: PagePlan, model: SiteModel, siteKey: String) {
        let claims = model.claims
        let digests = Parallel.map(claims.count) { i -> PageDigest? in
            claims[i].contentBytes.map { bytes in bytes.withUnsafeBytes { PageDigest(of: $0) } }
        }
        var byCustomer: [ByteKey: [Int]] = [:]
        for (i, claim) in claims.enumerated() { byCustomer[ByteKey(claim.customer), default: []].append(i) }
        var customerKeys: [ByteKey: PageDigest] = [:]
        customerKeys.reserveCapacity(byCustomer.count)
        // A customer without claims has the key of no claims; one with a claim whose values
        // cannot be written exactly has none (its pages fall back to their view models).
        for (customer, members) in byCustomer {
            var hasher = FieldHasher()
            hasher.add(UInt64(members.count))
            var whole = true
            for i in members {
                guard let digest = digests[i] else {
                    whole = false
                    break
                }
                hasher.add(digest)
            }
            if whole { customerKeys[customer] = hasher.digest() }
        }
        let noClaims: PageDigest = {
            var hasher = FieldHasher()
            hasher.add(UInt64(0))
            return hasher.digest()
        }()
        let customerKey: @Sendable (String) -> PageDigest? = { [byCustomer, customerKeys] id in
            byCustomer[ByteKey(id)] == nil ? noClaims : customerKeys[ByteKey(id)]
        }
        let site = plan.site
        let known = PageInputKeys.knownCustomers(plan.site.evaluation)
        keys = Parallel.map(plan.pages.count) { i -> PageDigest? in
            var hasher = FieldHasher()
            hasher.add(siteKey)
            if let facts = plan.claim(ofPage: i) {
                guard let customer = customerKey(facts.claim.customer) else { return nil }
                hasher.add("claimsite claim page 1")
                hasher.add(facts.claim.id)
                hasher.add(customer)
                let problems = site.problemsByClaim[ByteKey(facts.claim.id)] ?? []
                hasher.add(UInt64(problems.count))
                for problem in problems {
                    hasher.add(problem.severity.rawValue)
                    hasher.add(problem.message)
                }
            } else if let customer = plan.customer(ofPage: i) {
                guard let key = customerKey(customer.id) else { return nil }
                hasher.add("claimsite customer page 1")
                hasher.add(customer.id)
                hasher.add(key)
                let mine = site.claimsByCustomer[ByteKey(customer.id)] ?? []
                hasher.add(UInt64(mine.count))
                for facts in mine { hasher.add(site.paths.claim(facts.claim.id)) }
            } else if let engagement = plan.engagement(ofPage: i) {
                hasher.add("claimsite engagement page 1")
                hasher.add(engagement.engagement.id)
                hasher.add(known)
                let mine = site.claimsByEngagement[ByteKey(engagement.engagement.id)] ?? []
                hasher.add(UInt64(mine.count))
                for facts in mine {
                    guard let customer = customerKey(facts.claim.customer) else { return nil }
                    hasher.add(facts.claim.id)
                    hasher.add(site.paths.claim(facts.claim.id))
                    hasher.add(customer)
                }
            } else {
                return nil
            }
            return hasher.digest()
        }
    }

    /// Every known customer in ID order (bytes), with the day it became known and its candidate IDs.
    private static func knownCustomers(_ evaluation: Evaluation) -> PageDigest {
        var hasher = FieldHasher()
        let known = evaluation.knownSince.keys.sorted()
        hasher.add(UInt64(known.count))
        for customer in known {
            hasher.add(customer.string)
            hasher.add(UInt64(bitPattern: Int64(evaluation.knownSince[customer]!.ordinal)))
            let candidates = evaluation.resolver.consented[customer] ?? []
            hasher.add(UInt64(candidates.count))
            for candidate in candidates {
                hasher.add(candidate.type.rawValue)
                hasher.add(candidate.value)
            }
        }
        return hasher.digest()
    }

    /// The input key of page `i`, or `nil` when its view model decides.
    func key(_ i: Int) -> PageDigest? { keys[i] }

    /// How many pages have an input key.
    var count: Int { keys.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }
}
