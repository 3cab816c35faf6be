/// The shapes of the portal's view models: what each page template may use.
enum PortalShapes {
    static let navItem: [String: Shape] = ["label": .value, "href": .value, "current": .flag]

    /// Keys every page has, for `layout.mustache`.
    static let layout: [String: Shape] = [
        "lang": .value, "title": .value, "siteTitle": .value, "partnerName": .value, "asOf": .value,
        "root": .value, "homeHref": .value, "stylesheet": .value, "nav": .list(navItem),
        "contactsHidden": .flag, "audienceLabel": .value,
    ]

    static let claimRow: [String: Shape] = [
        "id": .value, "href": .value, "displayName": .value, "customer": .value, "customerHref": .value,
        "engagement": .value, "engagementHref": .value, "statusLabel": .value, "statusClass": .value,
        "action": .value, "hasAction": .flag, "deadline": .value, "daysLeft": .value, "urgency": .value,
        "endedOn": .value,
    ]

    static let home = merged([
        "summary": .object(["openClaims": .value, "needsAction": .value, "dueSoonCount": .value,
                            "approvedTotal": .value, "approvedCount": .value, "proposedOpenTotal": .value]),
        "dueSoonDays": .value, "dueSoon": .list(claimRow), "hasDueSoon": .flag,
        "engagements": .list(["name": .value, "href": .value, "activity": .value, "pay": .value,
                              "openClaims": .value, "eligibleCount": .value, "ineligibleCount": .value,
                              "completedCount": .value, "dueSoonCount": .value]),
        "statuses": .list(["label": .value, "statusClass": .value, "count": .value]),
        "pages": .list(["title": .value, "href": .value]), "hasPages": .flag,
        "reportHref": .value, "claimsCSVHref": .value, "calendarHref": .value,
    ])

    static let engagement = merged([
        "engagement": .object(["id": .value, "name": .value, "activity": .value, "pay": .value, "payout": .value,
                               "idTypes": .value, "timeline": .value, "claimLimit": .value, "referrals": .value,
                               "locations": .value, "descriptionHTML": .value]),
        "eligibleCount": .value, "ineligibleCount": .value, "completedCount": .value,
        "openClaims": .list(claimRow), "hasOpenClaims": .flag,
        "claimable": .list(["customer": .value, "customerHref": .value, "qualifyingType": .value, "qualifyingValue": .value]),
        "hasClaimable": .flag, "detailsHidden": .flag, "hasEligibleLocation": .flag,
        "ineligible": .list(["customer": .value, "customerHref": .value, "reason": .value, "detail": .value]),
        "hasIneligible": .flag,
        "completed": .list(claimRow), "hasCompleted": .flag,
    ])

    static let claim = merged([
        "claim": .object([
            "id": .value, "displayName": .value, "statusLabel": .value, "statusClass": .value, "terminal": .flag,
            "actionLabel": .value, "hasAction": .flag, "waiting": .flag, "deadline": .value, "deadlineKind": .value,
            "daysLeft": .value, "urgency": .value, "engagement": .value, "engagementHref": .value,
            "customer": .value, "customerHref": .value, "origin": .value, "nominatedBy": .value, "flow": .value,
            "location": .value, "createdOn": .value, "createdBy": .value, "hours": .value,
            "payout": .value, "payoutKind": .value, "expectedPaymentBy": .value, "hasExpectedPayment": .flag, "notesHTML": .value, "hasNotes": .flag,
            "tab": .value, "tabHref": .value, "endedOn": .value,
        ]),
        "facts": .list(["label": .value, "value": .value]),
        "deadlines": .list(["label": .value, "date": .value, "note": .value]),
        "timeline": .list(["date": .value, "text": .value, "from": .value, "to": .value, "toClass": .value,
                           "notes": .list(["text": .value])]),
        "referral": .object(["id": .value, "type": .value, "url": .value, "hasURL": .flag]), "hasReferral": .flag,
        "contacts": .list(["role": .value, "name": .value, "hasName": .flag, "email": .value, "phone": .value, "hasPhone": .flag]), "hasContacts": .flag,
        "rules": .list(["label": .value, "value": .value]),
        "problems": .list(["severity": .value, "message": .value]), "hasProblems": .flag,
    ])

    static let customer = merged([
        "customer": .object(["id": .value, "name": .value, "knownSince": .value, "known": .flag, "country": .value, "coSell": .value]),
        "ids": .list(["type": .value, "value": .value]),
        "claims": .list(claimRow), "hasClaims": .flag,
        "engagements": .list(["name": .value, "href": .value, "verdict": .value, "verdictClass": .value, "detail": .value]),
    ])

    static let page = merged(["page": .object(["title": .value, "bodyHTML": .value])])

    static func merged(_ keys: [String: Shape]) -> [String: Shape] {
        layout.merging(keys) { _, new in new }
    }
}
