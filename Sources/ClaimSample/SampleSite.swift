import ClaimModel
import ClaimRules
import Foundation

/// Writes a deterministic synthetic site for benchmarks and tests (`claimsite sample`): valid
/// input with realistic distributions — every status, both pay kinds, customers with several
/// claims, referrals, Markdown notes, claims spread over several files.
public struct SampleSite {
    /// How large a site to make, and how.
    public struct Options: Sendable {
        public var claims: Int
        public var engagements: Int
        public var customers: Int
        public var json: Bool
        public var seed: UInt64
        /// Claims per claims file.
        public var claimsPerFile: Int = 5_000

        /// Options.
        public init(claims: Int, engagements: Int, customers: Int, json: Bool, seed: UInt64) {
            self.claims = claims
            self.engagements = engagements
            self.customers = customers
            self.json = json
            self.seed = seed
        }
    }

    /// The as-of date of every sample site.
    public static let asOf = Day("2026-11-29")!

    let options: Options
    var rng: SplitMix

    /// A generator for `options`.
    public init(_ options: Options) {
        self.options = options
        rng = SplitMix(seed: options.seed)
    }

    struct Company { var id, name, domain, tenant, tpid, subscription: String; var opportunities: [String] }

    /// The files of the site, by path relative to the site folder.
    public mutating func files() -> [String: Data] {
        var files: [String: String] = [:]
        let ext = options.json ? "json" : "yaml"
        func put(_ path: String, _ value: SampleValue) {
            files["\(path).\(ext)"] = options.json ? value.json() + "\n" : value.yaml()
        }
        put(
            "Content/site",
            .map([
                ("title", .string("Synthetic MCI claims portal")),
                ("partner", .map([("name", .string("Synthetic Partner GmbH")), ("id", .string("4400000"))])),
                ("asOf", .date(SampleSite.asOf.description)),
                ("audience", .list([.string("incentivesAdmin"), .string("referralsAdmin")])),
                ("referralURL", .string("https://partner.example/referrals/{id}")),
                ("claimURL", .string("https://partner.example/incentives/claims/{id}")),
                ("baseURL", .string("https://portal.example/mci/")),
                (
                    "email",
                    .map([
                        ("from", .string("Portal <portal@partner.example>")),
                        ("to", .list([.string("team@partner.example")])),
                    ])
                ),
            ]))
        let locations: [(String, String, Bool)] = [
            ("4400001", "Berlin", true), ("4400002", "Munich", true), ("4400003", "Vienna", true),
            ("4400004", "Zurich", false), ("4400005", "Hamburg", true),
        ]
        put(
            "Content/data/locations",
            .list(
                locations.map {
                    .map([
                        ("id", .string($0.0)), ("name", .string("Synthetic \($0.1)")), ("mciRegistered", .bool($0.2)),
                    ])
                }))

        // Customers.
        let first = [
            "Alpine", "Blue", "Coho", "Fourth", "Graphic", "Humongous", "Lamna", "Litware", "Margie's", "Northwind",
            "Proseware",
            "Relecloud", "Southridge", "Tailspin", "Trey", "VanArsdel", "Wide World", "Wingtip", "Woodgrove", "Zeta",
        ]
        let second = [
            "Energie", "Insurance", "Toys", "Traders", "Healthcare", "Bank", "Winery", "Airlines", "Publishing",
            "Logistics",
            "Foods", "Motors", "Textiles", "Pharma", "Retail",
        ]
        let suffix = ["GmbH", "AG", "SAS", "Ltd", "AS", "S.p.A."]
        var companies: [Company] = []
        for i in 1...options.customers {
            let id = "cust-\(pad(i, 6))"
            let name = "\(rng.pick(first)) \(rng.pick(second)) \(i) \(rng.pick(suffix))"
            let domain = "c\(i).\(rng.pick(["example", "example.com", "example.de"]))"
            let opportunities = (0..<rng.int(1...2)).map { k in
                "7-\(String(i * 4 + k + 0x1000_0000, radix: 16, uppercase: true))"
            }
            companies.append(
                Company(
                    id: id, name: name, domain: domain, tenant: rng.guid(), tpid: String(rng.int(100_000...999_999)),
                    subscription: rng.guid(), opportunities: opportunities))
        }
        put(
            "Content/data/customers",
            .list(
                companies.map { c in
                    .map([
                        ("id", .string(c.id)), ("name", .string(c.name)), ("emailDomain", .string(c.domain)),
                        ("tenantIds", .list([.string(c.tenant)])), ("tpid", .string(c.tpid)),
                        ("subscriptionIds", .list([.string(c.subscription)])),
                        ("coSellQualified", .bool(rng.chance(0.4))),
                    ])
                }))
        put("Content/data/directory", .map(companies.map { ($0.domain, .string($0.tenant)) }))
        put(
            "Content/data/opportunities",
            .list(
                companies.flatMap { c in
                    c.opportunities.map {
                        .map([
                            ("id", .string($0)), ("customer", .string(c.id)),
                            ("estimatedRevenueUSD", .number(String(rng.int(20...900) * 1000))),
                        ])
                    }
                }))
        let users = ["anna", "jonas", "lukas", "mira", "sophie"]
        put(
            "Content/data/users",
            .list(
                users.map {
                    .map([
                        ("email", .string("\($0)@partner.example")), ("name", .string($0.capitalized + " Example")),
                        ("roles", .list([.string("incentivesUser")])),
                    ])
                }
                    + [
                        .map([
                            ("email", .string("referrals@partner.example")),
                            ("roles", .list([.string("referralsAdmin")])),
                        ])
                    ]))

        // Engagements.
        struct Plan {
            var id: String; var pay: PayKind; var activity: Activity; var referrals: Bool; var timeline: Timeline;
            var eligible: Set<Int>
            /// The fixed payout, or the hourly rate of variable pay.
            var payoutUSD: Int = 0, hourlyRateUSD: Int = 0
            /// The proof of execution it asks for (docs/rules.md#proof-of-execution).
            var proof: [ProofItem] = []
        }
        var plans: [Plan] = []
        var eligibility: [(String, SampleValue)] = []
        for i in 1...options.engagements {
            let id = "engagement-\(pad(i, 4))"
            let activity = Activity.allCases[(i - 1) % Activity.allCases.count]
            let pay: PayKind = i % 5 == 0 ? .variable : .fixed
            let referrals = rng.chance(0.5)
            let eligible = Set((0..<companies.count).filter { _ in rng.chance(0.85) })
            var front =
                """
                ---\nname: \"\(SampleSite.activityName(activity)) \(i)\"\nactivity: \(activity.rawValue)\npay: \
                \(pay.rawValue)\nreferrals: \(referrals)\n
                """
            var fixedPayout = 0, hourlyRate = 0
            if pay == .fixed {
                fixedPayout = rng.pick([2500, 5000, 7500, 10000, 15000, 25000, 50000])
                front += "customerIdTypes: [domain, tenantId, tpid]\nfixedPayoutUSD: \(fixedPayout)\n"
            } else {
                hourlyRate = rng.pick([120, 150, 175])
                front +=
                    """
                    variablePay: { hourlyRateUSD: \(hourlyRate), minHours: 8, maxHours: 400, \
                    maxPayoutUSD: 60000, maxShareOfOpportunity: 0.1 }\n
                    """
            }
            if i % 7 == 3 { front += "locations: [\"4400001\", \"4400002\"]\n" }
            // Proof of execution: workshops and assessments ask for all four items, projects for
            // the invoice and the findings report; one engagement in six asks for nothing.
            let proof: [ProofItem] =
                i % 6 == 0
                ? []
                : (activity == .workshop || activity == .assessment ? ProofItem.allCases : [.invoice, .findingsReport])
            if !proof.isEmpty { front += "proof: [\(proof.map(\.rawValue).joined(separator: ", "))]\n" }
            front +=
                """
                ---\nA synthetic **\(activity.rawValue)** engagement for benchmarks.\n\n- Deliver the workshop or \
                project.\n- Attach the proof of execution.\n
                """
            files["Content/engagements/\(id).md"] = front
            let engagement = Engagement(
                id: id, name: id, activity: activity, pay: pay, customerIdTypes: [],
                source: SourceMap(start: SourceLocation(file: "")))
            plans.append(
                Plan(
                    id: id, pay: pay, activity: activity, referrals: referrals, timeline: Timeline(for: engagement),
                    eligible: eligible, payoutUSD: fixedPayout, hourlyRateUSD: hourlyRate, proof: proof))
            let members = eligible.sorted()
            // Verdicts (docs/rules.md#verdicts): about one in twenty customers that are not on
            // the list is shown as taken by another partner — never one of the list, so no claim
            // of the sample draws a warning for it.
            var verdicts: [(String, SampleValue)] = []
            for k in 0..<companies.count where !eligible.contains(k) && rng.chance(0.05) {
                let c = companies[k]
                let verdict = rng.pick(Verdict.allCases).rawValue
                if pay == .variable {
                    verdicts.append(("msxOpportunityId:\(c.opportunities[0])", .string(verdict)))
                } else {
                    verdicts.append((rng.chance(0.5) ? "tenantId:\(c.tenant)" : "domain:\(c.domain)", .string(verdict)))
                }
            }
            var lists: [(String, SampleValue)]
            if pay == .fixed {
                lists = [
                    ("tenantIds", .list(members.map { .string(companies[$0].tenant) })),
                    ("tpids", .list(members.map { .string(companies[$0].tpid) })),
                ]
            } else {
                lists = [
                    (
                        "msxOpportunityIds",
                        .list(members.flatMap { companies[$0].opportunities.map(SampleValue.string) })
                    )
                ]
            }
            if !verdicts.isEmpty { lists.append(("verdicts", .map(verdicts))) }
            eligibility.append((id, .map(lists)))
        }
        put("Content/data/eligibility", .map(eligibility))

        // Claims, in creation order, so that the claim flow only claims known customers.
        var created = (0..<options.claims).map { _ in SampleSite.asOf.adding(days: -rng.int(1...420)) }
        created.sort()
        var knownSince: [Int: Day] = [:]
        var claims: [SampleValue] = []
        // Every status is reached (SampleSite.steeringWindow): the statuses reached so far.
        var reached = Set<ClaimStatus>()
        for (n, createdOn) in created.enumerated() {
            let plan = plans[rng.int(0...(plans.count - 1))]
            var customer = rng.int(0...(companies.count - 1))
            for _ in 0..<8 where !plan.eligible.contains(customer) { customer = rng.int(0...(companies.count - 1)) }
            guard plan.eligible.contains(customer) else { continue }
            let company = companies[customer]
            let known = knownSince[customer].map { $0 <= createdOn } ?? false
            let claimed = known && plan.pay == .fixed && rng.chance(0.25)
            var entries: [(String, SampleValue)] = [
                ("id", .string("SYN-\(pad(n + 1, 7))")),
                ("displayName", .string("\(company.name) \(plan.activity.rawValue)")),
                ("engagement", .string(plan.id)), ("customer", .string(company.id)),
                ("origin", .string(claimed ? "claimed" : "added")),
            ]
            if !claimed {
                let nomination: (String, String)
                if plan.pay == .variable {
                    nomination = ("msxOpportunityId", rng.pick(company.opportunities))
                } else if rng.chance(0.5) {
                    nomination = ("domain", company.domain)
                } else {
                    nomination = ("tenantId", company.tenant)
                }
                entries.append(
                    ("nominatedBy", .map([("type", .string(nomination.0)), ("value", .string(nomination.1))])))
            }
            entries.append(("location", .string(rng.pick(["4400001", "4400002"]))))
            entries.append(("createdBy", .string("\(rng.pick(users))@partner.example")))
            entries.append(("createdOn", .date(createdOn.description)))
            let hours = rng.int(8...400)
            if plan.pay == .variable { entries.append(("hours", .number(String(hours)))) }
            entries.append(
                (
                    "customerContact",
                    .map([
                        ("name", .string("Contact \(customer + 1)")), ("email", .string("contact@\(company.domain)")),
                    ])
                ))
            entries.append(("partnerContact", .map([("email", .string("\(rng.pick(users))@partner.example"))])))
            var (events, status) = history(createdOn: createdOn, timeline: plan.timeline)
            // Near the end, while some status was not reached yet, the history is drawn again
            // (a bounded number of times, so still deterministic) until it ends in a missing
            // one. A site that reaches every status by itself is not changed by this.
            let missing = Set(ClaimStatus.allCases).subtracting(reached)
            if !missing.isEmpty && created.count - n <= SampleSite.steeringWindow * missing.count {
                var attempts = 0
                while !missing.contains(status) && attempts < SampleSite.steeringAttempts {
                    (events, status) = history(createdOn: createdOn, timeline: plan.timeline)
                    attempts += 1
                }
            }
            reached.insert(status)
            if plan.referrals && rng.chance(0.5) {
                entries.append(
                    (
                        "referral",
                        .map([("id", .string("REF-\(pad(n + 1, 7))")), ("createdOn", .date(createdOn.description))])
                    ))
            }
            if rng.chance(0.1) {
                entries.append(
                    (
                        "notes",
                        .string(
                            """
                            Kick-off agreed with the customer's **IT lead**.\n\n- Scope confirmed\n- Proof of \
                            execution: [agenda](https://partner.example/agenda)\n
                            """
                        )
                    ))
            }
            entries.append(
                (
                    "events",
                    .list(
                        events.map { e in
                            var fields: [(String, SampleValue)] = [
                                ("on", .date(e.day.description)), ("type", .string(e.type.rawValue)),
                            ]
                            switch e.type {
                            case .consentRequested:
                                fields.append(("dealSizeUSD", .number(String(rng.int(10...500) * 1000))))
                            case .actionRequired: fields.append(("comment", .string("Attach the attendee list")))
                            case .rejected: fields.append(("reason", .string("Proof of execution incomplete")))
                            // Partner Center approves a variable-pay claim at an amount; the sample
                            // writes hours × rate up to the engagement's maximum.
                            case .approved where plan.pay == .variable:
                                fields.append(("amountUSD", .number(String(min(hours * plan.hourlyRateUSD, 60_000)))))
                            default: break
                            }
                            return .map(fields)
                        })
                ))
            // Proof of execution (docs/rules.md#proof-of-execution): a submitted claim has every
            // listed item done between consent and its submission; a claim still to be submitted
            // has each item done with a chance of 60% (a survey is sent first, and done or not).
            if !plan.proof.isEmpty, let consent = events.first(where: { $0.type == .consentAccepted })?.day {
                let submitted = events.first(where: { $0.type == .submitted })?.day
                let last = submitted ?? min(SampleSite.asOf, consent.adding(days: 40))
                var proof: [(String, SampleValue)] = []
                for item in plan.proof {
                    let doneOn = consent.adding(days: rng.int(0...max(0, consent.days(until: last))))
                    let done = submitted != nil || rng.chance(0.6)
                    if item.isSurvey {
                        let sentOn = consent.adding(days: rng.int(0...max(0, consent.days(until: doneOn))))
                        var survey: [(String, SampleValue)] = []
                        if done || rng.chance(0.7) { survey.append(("sent", .date(sentOn.description))) }
                        if done { survey.append(("done", .date(doneOn.description))) }
                        if !survey.isEmpty { proof.append((item.rawValue, .map(survey))) }
                    } else if done {
                        proof.append((item.rawValue, .date(doneOn.description)))
                    }
                }
                if !proof.isEmpty { entries.append(("proof", .map(proof))) }
            }
            // Payments (docs/rules.md#payments), as Partner Center's payments report has them: most
            // approved claims whose payment was due are paid (some after the expected day), the
            // rest overdue; a third of those not due yet are paid already.
            if status == .approved, let approvedOn = events.last(where: { $0.type == .approved })?.day {
                let expectedBy = approvedOn.adding(days: ClaimReplay.paymentCycleDays)
                let latest = min(SampleSite.asOf, approvedOn.adding(days: 60))
                let due = expectedBy < SampleSite.asOf
                if approvedOn.days(until: latest) >= 5, rng.chance(due ? 0.88 : 0.33) {
                    let on = approvedOn.adding(days: rng.int(5...approvedOn.days(until: latest)))
                    let amount = plan.pay == .fixed ? plan.payoutUSD : min(hours * plan.hourlyRateUSD, 60_000)
                    entries.append(
                        (
                            "payment",
                            .map([
                                ("on", .date(on.description)), ("amountUSD", .number(String(amount))),
                                ("reference", .string("PAY-\(pad(n + 1, 7))")),
                            ])
                        ))
                }
            }
            // Only consents on fixed-pay claims added by domain or tenant make a customer "known"
            // here, so its candidate (its tenant) qualifies it for the claim flow later.
            if !claimed, plan.pay == .fixed, let consent = events.first(where: { $0.type == .consentAccepted })?.day,
                knownSince[customer].map({ consent < $0 }) ?? true
            {
                knownSince[customer] = consent
            }
            claims.append(.map(entries))
        }
        var start = 0, part = 1
        while start < claims.count {
            let chunk = Array(claims[start..<min(start + options.claimsPerFile, claims.count)])
            put("Content/data/claims/claims-\(pad(part, 4))", .list(chunk))
            start += options.claimsPerFile
            part += 1
        }
        files["Content/pages/about.md"] =
            """
            ---\ntitle: About this sample\norder: 1\n---\nA synthetic site made by `claimsite sample` (seed \
            \(options.seed)).\n
            """
        return files.mapValues { Data($0.utf8) }
    }

    /// Claims per status still missing at which the generator starts steering histories
    /// towards the missing statuses (counted from the end of the claims).
    static let steeringWindow = 4
    /// Histories drawn at most for one steered claim.
    static let steeringAttempts = 300

    /// A random history that the lifecycle allows, every event before the deadline it races,
    /// and the status it leaves the claim in on the as-of date (after the timed change whose
    /// deadline passed before then, as the rules replay it).
    mutating func history(createdOn: Day, timeline: Timeline) -> (
        events: [(day: Day, type: EventType)], status: ClaimStatus
    ) {
        var status = ClaimStatus.customerClaimed, day = createdOn
        var deadlines = Deadlines(consent: createdOn.adding(days: timeline.consent))
        var disputed = false, reset = false
        var events: [(Day, EventType)] = []
        let choices: [ClaimStatus: [(EventType?, Double)]] = [
            .customerClaimed: [(.consentRequested, 0.85), (.canceled, 0.03), (nil, 0.12)],
            .awaitingConsent: [
                (.consentAccepted, 0.62), (.consentReminderSent, 0.15), (.consentDeclined, 0.06), (.canceled, 0.03),
                (nil, 0.14),
            ],
            .consentReceived: [(.submitted, 0.8), (.canceled, 0.03), (nil, 0.17)],
            .submitted: [
                (.reviewStarted, 0.7), (.approved, 0.08), (.actionRequired, 0.05), (.rejected, 0.05), (nil, 0.12),
            ],
            .underReview: [(.approved, 0.5), (.rejected, 0.15), (.actionRequired, 0.15), (nil, 0.2)],
            .partnerActionRequired: [(.submitted, 0.75), (nil, 0.25)],
            .rejected: [(.disputed, 0.5), (nil, 0.5)],
            .disputed: [
                (.reviewStarted, 0.15), (.approved, 0.35), (.rejected, 0.3), (.actionRequired, 0.1), (nil, 0.1),
            ],
        ]
        while let options = choices[status] {
            var roll = Double(rng.next() >> 11) / Double(1 << 53)
            var chosen: EventType?? = nil
            for (event, p) in options {
                roll -= p
                if roll < 0 { chosen = .some(event); break }
            }
            guard let event = chosen ?? options.last?.0 else { break }
            let latest = min(Lifecycle.timedChange(status, deadlines)?.deadline ?? SampleSite.asOf, SampleSite.asOf)
            guard latest >= day else { break }
            let next = day.adding(days: min(rng.int(0...25), day.days(until: latest)))
            guard let to = Lifecycle.next(status, on: event, disputedBefore: disputed) else { break }
            switch event {
            case .consentAccepted:
                deadlines.submit = next.adding(days: timeline.submit)
                deadlines.review = next.adding(days: timeline.review)
            case .rejected where !disputed:
                deadlines.dispute = next.adding(days: timeline.dispute)
            case .disputed:
                disputed = true
                if !reset { reset = true; deadlines.review = next.adding(days: timeline.dispute) }
            default: break
            }
            events.append((next, event))
            status = to
            day = next
        }
        // The timed change happens the day after its deadline.
        if let change = Lifecycle.timedChange(status, deadlines), change.deadline < SampleSite.asOf {
            status = change.to
        }
        return (events, status)
    }

    func pad(_ n: Int, _ width: Int) -> String {
        let text = String(n)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

extension SampleSite {
    /// A plausible engagement name for an activity.
    static func activityName(_ activity: Activity) -> String {
        switch activity {
        case .assessment: return "Readiness assessment"
        case .workshop: return "Modernization workshop"
        case .projectXS: return "Quick start project (XS)"
        case .projectS: return "Deployment project (S)"
        case .projectM: return "Data and AI project (M)"
        case .projectL: return "Migration project (L)"
        case .projectXL: return "Platform project (XL)"
        case .projectXXL: return "Transformation project (XXL)"
        }
    }
}
extension SampleSite {
    /// Why the sample site could not be written.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong and what to do.
        public var description: String
    }

    /// Writes the site into `folder`, which must not exist or be empty (nothing is overwritten).
    public mutating func write(to folder: URL) throws {
        let manager = FileManager.default
        if let existing = try? manager.contentsOfDirectory(atPath: folder.path), !existing.isEmpty {
            throw Failure(description: "'\(folder.path)' is not empty; the sample site needs a new or empty folder")
        }
        for (path, data) in files() {
            let url = folder.appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
    }
}
