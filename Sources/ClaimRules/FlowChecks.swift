import ClaimModel

/// Checks every claim as the add and claim flows would (`docs/rules.md#validation`): origin and
/// nomination, flows, hours, locations, users, contacts; then the warnings about eligibility,
/// claim limits and referrals.
package enum FlowChecks {
    static func run(facts: [ClaimFacts], resolver: EligibilityResolver, consentDays: [ByteKey: [Day]]) -> [Diagnostic] {
        var out = Parallel.map(facts.count) { i in
            claimChecks(facts[i], resolver: resolver, consentDays: consentDays)
        }.flatMap { $0 }
        out += flowChecks(facts)
        out += limitWarnings(facts, resolver: resolver)
        return out
    }

    // MARK: one claim

    static func claimChecks(_ fact: ClaimFacts, resolver: EligibilityResolver, consentDays: [ByteKey: [Day]])
        -> [Diagnostic]
    {
        let claim = fact.claim, engagement = fact.engagement, index = resolver.index
        // Worked out only for a diagnostic (most claims have none).
        var name: String { "claim \(claim.id)" }
        var record: RecordRef { .claim(claim.id) }
        var out: [Diagnostic] = []
        let customer = index.customers[ByteKey(claim.customer)]

        switch claim.origin {
        case .claimed:
            if claim.nominatedBy != nil {
                out.append(
                    .error(
                        .claimedWithNomination, at: claim.source["nominatedBy"], record: record,
                        """
                        \(name): origin 'claimed' takes no 'nominatedBy' (the claim flow picks a known customer, \
                        not an ID); remove nominatedBy or use origin 'added'
                        """
                    ))
            }
            let days = consentDays[ByteKey(claim.customer)] ?? []
            if !days.contains(where: { $0 <= claim.createdOn }) {
                let first = days.first.map { "first consent on \($0)" } ?? "no consent on any claim"
                out.append(
                    .error(
                        .claimedCustomerNotKnown, at: claim.source["origin"], record: record,
                        """
                        \(name): origin 'claimed' needs a known customer, but \(claim.customer) had not accepted \
                        consent on any claim by \(claim.createdOn) (\(first)); use origin 'added' with an ID
                        """
                    ))
            } else if customer != nil, !listUnreadable(index, engagement) {
                let verdict = resolver.verdict(of: claim.customer, for: engagement)
                if verdict.qualifyingID == nil {
                    let failure =
                        verdict.checks.first.flatMap { checkText($0.check, for: $0.id, engagement: engagement) }
                        ?? "no ID on record that this engagement accepts"
                    out.append(
                        .warning(
                            .customerNotEligible, at: claim.source["customer"], record: record,
                            """
                            \(name): customer \(claim.customer) is not eligible for \(engagement.id) on the \
                            current list (\(failure)); lists change over time, so check the claim in Partner Center
                            """
                        ))
                }
            }
        case .added:
            if let nominated = claim.nominatedBy, let customer {
                out += nominationChecks(
                    nominated, claim: claim, customer: customer, engagement: engagement, resolver: resolver)
            }
        }

        // Hours.
        switch engagement.pay {
        case .variable:
            if let terms = engagement.variablePay {
                if let hours = claim.hours {
                    if hours < terms.minHours || hours > terms.maxHours {
                        out.append(
                            .error(
                                .hoursOutOfRange, at: claim.source["hours"], record: record,
                                """
                                \(name): \(hours) hours is outside the \(terms.minHours)–\(terms.maxHours) hours \
                                that engagement \(engagement.id) allows; use a number in that range
                                """
                            ))
                    }
                } else {
                    out.append(
                        .error(
                            .missingHours, at: claim.source.start, record: record,
                            """
                            \(name): variable-pay engagement \(engagement.id) needs 'hours' \
                            (\(terms.minHours)–\(terms.maxHours)); add it
                            """
                        ))
                }
            }
        case .fixed:
            if claim.hours != nil {
                out.append(
                    .error(
                        .hoursOnFixedPay, at: claim.source["hours"], record: record,
                        "\(name): 'hours' applies to variable pay only, and \(engagement.id) is fixed pay; remove it"))
            }
        }

        // Location.
        if let location = index.locations[ByteKey(claim.location)] {
            if !location.mciRegistered {
                out.append(
                    .error(
                        .locationNotRegistered, at: claim.source["location"], record: record,
                        """
                        \(name): location \(location.id) (\(location.name)) is not registered for MCI; only \
                        MCI-registered locations may claim — use another location
                        """
                    ))
            } else if claim.origin == .claimed, !index.isEligible(location: location, for: engagement) {
                let allowed = (engagement.locations ?? []).joined(separator: ", ")
                out.append(
                    .error(
                        .locationNotEligible, at: claim.source["location"], record: record,
                        """
                        \(name): location \(location.id) (\(location.name)) is not eligible for \(engagement.id), \
                        which is limited to \(allowed); use one of those
                        """
                    ))
            }
        }

        // Creator.
        if let users = index.users, let creator = claim.createdBy, let user = users[ByteKey(creator.asciiLowercased())],
            !user.roles.contains(.incentivesAdmin), !user.roles.contains(.incentivesUser)
        {
            let roles = user.roles.map(\.rawValue).joined(separator: ", ")
            out.append(
                .error(
                    .creatorWithoutRole, at: claim.source["createdBy"], record: record,
                    """
                    \(name): \(creator) has the roles [\(roles)]; creating a claim needs incentivesAdmin or \
                    incentivesUser — give the user one of them or name another creator
                    """
                ))
        }

        // Contacts.
        for (key, contact) in [("customerContact", claim.customerContact), ("partnerContact", claim.partnerContact)]
        where !isEmailAddress(contact.email) {
            out.append(
                .error(
                    .invalidEmail, at: claim.source["\(key).email"], record: record,
                    "\(name): \(key) email '\(contact.email)' is not an email address; write it as name@domain"))
        }

        // Referral.
        if claim.referral != nil, !engagement.referrals {
            out.append(
                .warning(
                    .referralNotEnabled, at: claim.source["referral"], record: record,
                    """
                    \(name): has a referral, but engagement \(engagement.id) has 'referrals: false' (the referral \
                    is still shown)
                    """
                ))
        }
        return out
    }

    static func nominationChecks(
        _ nominated: TypedID, claim: Claim, customer: Customer, engagement: Engagement,
        resolver: EligibilityResolver
    ) -> [Diagnostic] {
        let index = resolver.index
        // Worked out only for a diagnostic (most claims have none): a lookup in the claim's
        // source map each.
        var name: String { "claim \(claim.id)" }
        var record: RecordRef { .claim(claim.id) }
        var typeAt: SourceLocation { claim.source["nominatedBy.type"] }
        var valueAt: SourceLocation { claim.source["nominatedBy.value"] }
        guard engagement.customerIdTypes.contains(nominated.type) else {
            if engagement.pay == .variable {
                return [
                    .error(
                        .idTypeNotAccepted, at: typeAt, record: record,
                        """
                        \(name): variable-pay engagement \(engagement.id) nominates by msxOpportunityId only, not \
                        \(nominated.type.rawValue); nominate by one of the customer's MSX opportunities
                        """
                    )
                ]
            }
            let accepted = engagement.customerIdTypes.map(\.rawValue).joined(separator: ", ")
            return [
                .error(
                    .idTypeNotAccepted, at: typeAt, record: record,
                    """
                    \(name): engagement \(engagement.id) does not accept \(nominated.type.rawValue) nominations; \
                    nominate by one of \(accepted)
                    """
                )
            ]
        }
        var out: [Diagnostic] = []
        switch nominated.type {
        case .msxOpportunityId:
            if let opportunity = index.opportunities[ByteKey(nominated.value)],
                !opportunity.customer.sameUTF8(claim.customer),
                index.customers[ByteKey(opportunity.customer)] != nil
            {
                out.append(
                    .error(
                        .opportunityOfOtherCustomer, at: valueAt, record: record,
                        """
                        \(name): opportunity \(nominated.value) belongs to customer \(opportunity.customer), not \
                        \(claim.customer); nominate by one of \(claim.customer)'s opportunities
                        """
                    ))
                return out
            }
        case .domain:
            if index.tenant(ofDomain: nominated.value) == nil, !directoryUnreadable(index) {
                out.append(
                    .error(
                        .domainNotInDirectory, at: valueAt, record: record,
                        """
                        \(name): domain \(nominated.value) is not in directory.yaml, so its tenant cannot be \
                        derived; add it to the directory or nominate by tenantId
                        """
                    ))
                return out
            }
            if !customer.domains.contains(where: { $0.sameUTF8(nominated.value) }) {
                out.append(
                    .error(
                        .domainNotOfCustomer, at: valueAt, record: record,
                        """
                        \(name): domain \(nominated.value) is not one of \(customer.id)'s domains \
                        (\(customer.domains.joined(separator: ", "))); fix the value or add the domain to the \
                        customer
                        """
                    ))
                return out
            }
        case .tenantId:
            let expected = index.tenant(ofDomain: customer.emailDomain)
            if !(expected.map { nominated.value.sameUTF8($0) } ?? false), claim.tenantMismatchReason == nil,
                !directoryUnreadable(index)
            {
                let known = expected.map { "its tenant is \($0)" } ?? "which is not in directory.yaml"
                out.append(
                    .error(
                        .tenantMismatchWithoutReason, at: valueAt, record: record,
                        """
                        \(name): tenant \(nominated.value) is not the tenant of \(customer.id)'s email domain \
                        \(customer.emailDomain) (\(known)); add 'tenantMismatchReason' saying why, or nominate by \
                        the right tenant
                        """
                    ))
                return out
            }
        case .tpid, .subscriptionId:
            break
        }
        if !listUnreadable(index, engagement),
            let why = checkText(resolver.check(nominated, for: engagement), for: nominated, engagement: engagement)
        {
            out.append(
                .warning(
                    .nominatedIDNotEligible, at: valueAt, record: record,
                    """
                    \(name): the nominated ID is not eligible for \(engagement.id) on the current list (\(why)); \
                    lists change over time, so check the claim in Partner Center
                    """
                ))
        }
        return out
    }

    // MARK: the words of the eligibility warnings

    /// Why `id` failed its check for `engagement`, as the eligibility warnings say it; `nil`
    /// when it is eligible. The warning names the ID by its value only: its type is in the
    /// file the warning points at, and an ID type's words belong to the catalogue, which the
    /// rules do not speak (docs/diagnostics.md).
    static func checkText(_ check: IDCheck, for id: TypedID, engagement: Engagement) -> String? {
        switch check {
        case .eligible:
            return nil
        case .typeNotAccepted:
            return "\(id.value): this engagement does not accept IDs of its type"
        case .verdict(let recorded):
            let words =
                recorded.verdict == .consentGivenToAnotherPartner
                ? "the customer gave consent to another partner"
                : "the customer already took part in this engagement with another partner"
            let on = recorded.on == id ? "" : " (recorded on \(recorded.on.value) in eligibility.yaml)"
            return "\(id.value): \(words)\(on)"
        case .domainNotInDirectory:
            return "\(id.value): not in the directory (directory.yaml), so its tenant cannot be checked"
        case .notListed(let checked):
            return checked == id
                ? "\(id.value): not on this engagement's eligibility list"
                : "\(id.value): its tenant \(checked.value) is not on this engagement's eligibility list"
        }
    }

    // MARK: files that could not be read

    /// Whether `directory.yaml` could not be read as a whole: a check that looks a domain up in
    /// it would only repeat that file's error.
    static func directoryUnreadable(_ index: SiteIndex) -> Bool {
        index.model.unreadable.contains(ByteKey("directory:*"))
    }

    /// Whether the eligibility of `engagement` cannot be judged because a file it needs could
    /// not be read: `eligibility.yaml`, the engagement's entry in it, or `directory.yaml`. Its
    /// warnings that an ID is not on the list would be wrong.
    static func listUnreadable(_ index: SiteIndex, _ engagement: Engagement) -> Bool {
        let unreadable = index.model.unreadable
        return !unreadable.isEmpty
            && (unreadable.contains(ByteKey("eligibility:*"))
                || unreadable.contains(ByteKey("eligibility:\(engagement.id)"))
                || directoryUnreadable(index))
    }

    // MARK: flows

    static func flowChecks(_ facts: [ClaimFacts]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // Flows by their ID's bytes (docs/input-format.md, "Comparing IDs").
        var flows: [ByteKey: [ClaimFacts]] = [:]
        var order: [ByteKey] = []
        for fact in facts {
            guard let flow = fact.claim.flow.map({ ByteKey($0) }) else { continue }
            if flows[flow] == nil { order.append(flow) }
            flows[flow, default: []].append(fact)
        }
        for flow in order {
            let members = flows[flow]!
            guard let first = members.first else { continue }
            for other in members.dropFirst() {
                let name = "claim \(other.claim.id)"
                if !other.claim.customer.sameUTF8(first.claim.customer) {
                    out.append(
                        .error(
                            .flowMixesCustomers, at: other.claim.source["flow"], record: .claim(other.claim.id),
                            """
                            \(name): flow \(flow) mixes customers (\(other.claim.customer) here, \
                            \(first.claim.customer) on claim \(first.claim.id)); a flow adds or claims one \
                            customer — give this claim its own flow
                            """
                        ))
                }
                if other.claim.origin != first.claim.origin {
                    out.append(
                        .error(
                            .flowMixesOrigins, at: other.claim.source["flow"], record: .claim(other.claim.id),
                            """
                            \(name): flow \(flow) mixes origins ('\(other.claim.origin.rawValue)' here, \
                            '\(first.claim.origin.rawValue)' on claim \(first.claim.id)); a flow either adds a \
                            customer or claims one, never both
                            """
                        ))
                }
            }
            if members.count > 1 {
                for member in members where member.engagement.pay == .variable {
                    out.append(
                        .error(
                            .variablePayFlowNotAlone, at: member.claim.source["flow"], record: .claim(member.claim.id),
                            """
                            claim \(member.claim.id): flow \(flow) holds \(members.count) claims, but a \
                            variable-pay claim must be alone in its flow; give it its own flow
                            """
                        ))
                }
            }
        }
        return out
    }

    // MARK: claim limits

    static func limitWarnings(_ facts: [ClaimFacts], resolver: EligibilityResolver) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var groups: [ByteKey: [ClaimFacts]] = [:]
        var order: [ByteKey] = []
        for fact in facts where !fact.state.status.isTerminal && fact.engagement.maxActiveClaimsPerCustomer != nil {
            let key = ByteKey("\(fact.engagement.id)\u{0}\(fact.claim.customer)")
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(fact)
        }
        for key in order {
            let group = groups[key]!
            let last = group.last!
            let engagement = last.engagement
            let limit = engagement.maxActiveClaimsPerCustomer!
            var elsewhere = 0
            var via = ""
            for fact in group {
                guard let id = resolver.limitID(of: fact.claim, engagement: engagement) else { continue }
                let count = resolver.activeClaimsElsewhere(id, in: engagement)
                guard count > elsewhere else { continue }
                elsewhere = count
                via = " + \(count) elsewhere for \(id)"
            }
            let total = group.count + elsewhere
            if total > limit {
                out.append(
                    .warning(
                        .claimLimitExceeded, at: last.claim.source["customer"], record: .claim(last.claim.id),
                        """
                        claim \(last.claim.id): customer \(last.claim.customer) has \(total) active claims for \
                        \(engagement.id) (\(group.count) here\(via)), more than its limit of \(limit); Partner \
                        Center would refuse one of them
                        """
                    ))
            }
        }
        return out
    }

    /// A plain check that `text` looks like `local@domain.tld` with no spaces.
    package static func isEmailAddress(_ text: String) -> Bool {
        // ASCII (nearly every address) is checked on its bytes; other text by its characters.
        isASCIIEmailAddress(text.utf8) ?? isEmailAddressByCharacters(text)
    }

    /// `isEmailAddress`, character by character.
    package static func isEmailAddressByCharacters(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty,
            !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
        else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }

    /// `isEmailAddress` of an ASCII text, on its bytes; `nil` when `utf8` is not all ASCII.
    package static func isASCIIEmailAddress(_ utf8: String.UTF8View) -> Bool? {
        var ats = 0, localLength = 0, labels = 1, labelLength = 0, emptyLabel = false
        for byte in utf8 {
            guard byte < 0x80 else { return nil }
            switch byte {
            case 0x09...0x0D, 0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ","): return false
            case UInt8(ascii: "@"):
                ats += 1
            case UInt8(ascii: ".") where ats == 1:
                if labelLength == 0 { emptyLabel = true }
                labels += 1
                labelLength = 0
            default:
                if ats == 0 { localLength += 1 } else { labelLength += 1 }
            }
        }
        return ats == 1 && localLength > 0 && labels >= 2 && labelLength > 0 && !emptyLabel
    }
}
