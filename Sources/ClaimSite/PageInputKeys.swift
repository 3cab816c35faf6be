import ClaimLoad
import ClaimModel
import ClaimRender
import ClaimRules
import Crypto
import OutputFiles

/// The input keys of claims, customers and engagements, and of the pages made from one of them:
/// a SHA-256 of everything such a page or export piece is made from, taken without making it
/// (docs/output.md, Cache). A page whose key is the one the page memo holds for it is kept
/// without making its view model; an export piece whose key the piece cache holds is copied.
/// Pages of other kinds (the overview, the work list, payouts, Markdown pages: a few pages that
/// read every claim, or none) have no input key: their view model's digest decides.
///
/// What the rules work out for a claim depends on the claim, on the inputs that are not claims
/// (its engagement, customer, the directory, eligibility lists, opportunities, users,
/// locations, settings, words, the as-of day, audience and language: `siteKey`) and on the other
/// claims of its customer (their consents make it a known customer and give its candidate IDs).
/// No rule reads a claim's display name. So each customer has two keys over its claims in file
/// order: the whole key, each claim as its values without positions (`Claim.contentBytes`), and
/// the shared key, each claim as those values less its name (`contentBytesWithoutName`); and:
///
/// - a **claim** is keyed by `siteKey`, its ID, its page's file name (which depends on every
///   claim ID), its own values, its customer's shared key and its problems (severity and
///   message);
/// - a **customer** by `siteKey`, its ID, its whole key and the file names of its claims' pages;
/// - an **engagement** by `siteKey`, its ID, every known customer with the day it became known and
///   its candidate IDs (the Eligible and Ineligible tabs place every known customer), and the keys
///   of its claims;
/// - a **location's page** and a **status list** by `siteKey`, the location's ID or the status,
///   and the keys of the claims they list.
struct PageInputKeys: Sendable {
    /// By claim of the evaluation: the key of what its facts are made from (`siteKey`, its ID,
    /// its page's file name, its values, its customer's shared key, its problems).
    let claims: [PageDigest?]
    /// By customer of `PortalContexts.customers`: its page's key.
    let customers: [PageDigest?]
    /// By engagement of the evaluation: the key of its facts, tabs and page.
    let engagements: [PageDigest?]
    /// By page of the plan.
    private let keys: [PageDigest?]

    /// The keys of `plan`'s claims, customers, engagements and pages, made from `model`, with `siteKey`.
    init(plan: PagePlan, model: SiteModel, siteKey: String) {
        let claims = model.claims
        // By claim: the digest of its values without its name (what its customer's other claims
        // may read of it), and of all its values (what its own pages and pieces show).
        let digests = Parallel.map(claims.count) { i -> (shared: PageDigest, whole: PageDigest)? in
            claims[i].contentBytesWithoutName.map { bytes in
                let shared = bytes.withUnsafeBytes { PageDigest(of: $0) }
                var hasher = FieldHasher()
                hasher.add(shared)
                hasher.add(claims[i].displayName)
                return (shared, hasher.digest())
            }
        }
        var byCustomer: [ByteKey: [Int]] = [:]
        for (i, claim) in claims.enumerated() { byCustomer[ByteKey(claim.customer), default: []].append(i) }
        // Each customer's keys over its claims in file order: `whole` over all their values (its
        // page lists them), `shared` without their names (what each claim's facts may read of the
        // others).
        var customerKeys: [ByteKey: (shared: PageDigest, whole: PageDigest)] = [:]
        customerKeys.reserveCapacity(byCustomer.count)
        // A customer without claims has the key of no claims; one with a claim whose values
        // cannot be written exactly has none (its pages fall back to their view models).
        for (customer, members) in byCustomer {
            var shared = FieldHasher(), whole = FieldHasher()
            shared.add(UInt64(members.count))
            whole.add(UInt64(members.count))
            var complete = true
            for i in members {
                guard let digest = digests[i] else {
                    complete = false
                    break
                }
                shared.add(digest.shared)
                whole.add(digest.whole)
            }
            if complete { customerKeys[customer] = (shared.digest(), whole.digest()) }
        }
        let noClaims: PageDigest = {
            var hasher = FieldHasher()
            hasher.add(UInt64(0))
            return hasher.digest()
        }()
        let customerKey: @Sendable (String) -> (shared: PageDigest, whole: PageDigest)? = {
            [byCustomer, customerKeys] id in
            byCustomer[ByteKey(id)] == nil ? (noClaims, noClaims) : customerKeys[ByteKey(id)]
        }
        // Each claim's own digest by its ID; none for an ID two claims share (an error of the input).
        var ownDigests: [ByteKey: PageDigest?] = [:]
        ownDigests.reserveCapacity(claims.count)
        for (i, claim) in claims.enumerated() {
            let id = ByteKey(claim.id)
            ownDigests[id] = .some(ownDigests.index(forKey: id) == nil ? digests[i]?.whole : nil)
        }
        let own = ownDigests
        let site = plan.site
        let evaluation = site.evaluation
        let claimKeys = Parallel.map(evaluation.claims.count) { i -> PageDigest? in
            let facts = evaluation.claims[i]
            guard let customer = customerKey(facts.claim.customer), let mine = own[ByteKey(facts.claim.id)] ?? nil
            else { return nil }
            var hasher = FieldHasher()
            hasher.add("claimsite claim 2")
            hasher.add(siteKey)
            hasher.add(facts.claim.id)
            hasher.add(site.paths.claim(facts.claim.id))
            hasher.add(mine)
            hasher.add(customer.shared)
            let problems = site.problemsByClaim[ByteKey(facts.claim.id)] ?? []
            hasher.add(UInt64(problems.count))
            for problem in problems {
                hasher.add(problem.severity.rawValue)
                hasher.add(problem.message)
            }
            return hasher.digest()
        }
        // By the facts themselves (the lists below hold the evaluation's objects): cheaper to
        // hash than an ID.
        var claimIndex: [ObjectIdentifier: Int] = [:]
        claimIndex.reserveCapacity(evaluation.claims.count)
        for (i, facts) in evaluation.claims.enumerated() { claimIndex[ObjectIdentifier(facts)] = i }
        let indexOfClaim = claimIndex
        self.claims = claimKeys
        let customers = site.customers
        self.customers = Parallel.map(customers.count) { c in
            let customer = customers[c]
            guard let key = customerKey(customer.id) else { return nil }
            var hasher = FieldHasher()
            hasher.add("claimsite customer 1")
            hasher.add(siteKey)
            hasher.add(customer.id)
            hasher.add(key.whole)
            let mine = site.claimsByCustomer[ByteKey(customer.id)] ?? []
            hasher.add(UInt64(mine.count))
            for facts in mine { hasher.add(site.paths.claim(facts.claim.id)) }
            return hasher.digest()
        }
        // A page listing claims reads their keys. An engagement's page also places every known
        // customer on its tabs; a location's page and a status list show only their claims' rows
        // (with the engagements a location may claim, from the site's inputs).
        @Sendable func byClaims(_ kind: String, _ id: String, _ members: [ClaimFacts], also: PageDigest? = nil)
            -> PageDigest?
        {
            var hasher = FieldHasher()
            hasher.add(kind)
            hasher.add(siteKey)
            hasher.add(id)
            if let also { hasher.add(also) }
            hasher.add(UInt64(members.count))
            for facts in members {
                guard let i = indexOfClaim[ObjectIdentifier(facts)], let key = claimKeys[i] else { return nil }
                hasher.add(key)
            }
            return hasher.digest()
        }
        let known = PageInputKeys.knownCustomers(evaluation)
        self.engagements = Parallel.map(evaluation.engagements.count) {
            let id = evaluation.engagements[$0].engagement.id
            return byClaims("claimsite engagement 1", id, site.claimsByEngagement[ByteKey(id)] ?? [], also: known)
        }
        let locations = site.locations
        let locationPages = Parallel.map(locations.count) {
            byClaims("claimsite location 1", locations[$0].id, site.claimsByLocation[ByteKey(locations[$0].id)] ?? [])
        }
        let statusPages = ClaimStatus.allCases.map {
            byClaims("claimsite status list 1", $0.rawValue, site.claimsByStatus[$0] ?? [])
        }
        let (claimPages, customerPages, engagementPages) = (self.claims, self.customers, self.engagements)
        keys = Parallel.map(plan.pages.count) { i -> PageDigest? in
            let base: PageDigest?, kind: String
            switch plan.subject(ofPage: i) {
            case .claim(let item): (base, kind) = (claimPages[item], "claim page")
            case .customer(let item): (base, kind) = (customerPages[item], "customer page")
            case .engagement(let item): (base, kind) = (engagementPages[item], "engagement page")
            case .location(let item): (base, kind) = (locationPages[item], "location page")
            case .status(let item): (base, kind) = (statusPages[item], "status list")
            case .other: return nil
            }
            guard let base else { return nil }
            var hasher = FieldHasher()
            hasher.add(kind)
            hasher.add(base)
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

    /// The keys as the exports take them.
    func pieces(_ cache: PieceCache) -> ExportPieces {
        ExportPieces(
            cache: cache, claims: claims.map { $0?.words }, engagements: engagements.map { $0?.words },
            digest: { PageDigest(of: $0).words })
    }
}
