/// The shape of the email summary's view model: what the templates under `Templates/email/`
/// may use. Every value is text already formatted (dates, amounts, days left, padded labels,
/// underlines); flags show or hide.
enum EmailShapes {
    /// A claim in the lists of actions due soon, other open actions and recent changes. The
    /// change keys are empty (and `isChange` false) outside the list of recent changes;
    /// `hasAction` is false, and the action keys empty, for a changed claim with no open action.
    static let claim: [String: Shape] = [
        "id": .value, "href": .value, "hasLink": .flag, "displayName": .value, "customer": .value,
        "engagement": .value, "status": .value,
        "hasAction": .flag, "action": .value, "deadline": .value, "daysLeft": .value, "urgent": .flag,
        "isChange": .flag, "changedOn": .value, "change": .value, "changedTo": .value,
    ]

    /// An approved claim with its payout.
    static let approved: [String: Shape] = [
        "id": .value, "displayName": .value, "customer": .value, "amount": .value, "expectedBy": .value,
    ]

    /// The whole summary (the same for `summary.*` and for each user's message).
    static let summary: [String: Shape] = [
        "subject": .value, "title": .value, "partnerName": .value, "audienceTitle": .value,
        "asOf": .value, "since": .value, "dueSoonDays": .value, "recentDays": .value,
        "baseURL": .value, "hasBaseURL": .flag,
        "dueSoonTitle": .value, "dueSoonRule": .value, "dueSoonCount": .value, "hasDueSoon": .flag, "dueSoon": .list(claim),
        "laterTitle": .value, "laterRule": .value, "laterCount": .value, "hasLater": .flag, "later": .list(claim),
        "changedTitle": .value, "changedRule": .value, "changedCount": .value, "hasChanged": .flag, "changed": .list(claim),
        "statuses": .list(["label": .value, "paddedLabel": .value, "count": .value]),
        "engagements": .list(["name": .value, "open": .value, "completed": .value]),
        "approvedTitle": .value, "approvedRule": .value, "approvedCount": .value, "approvedTotal": .value,
        "hasApproved": .flag, "approved": .list(approved),
    ]

    /// The email templates, what their view model is called in messages, and its shape.
    static let templates: [(name: String, what: String, shape: [String: Shape])] = [
        (EmailSummary.textTemplate, "email summary's view model", summary),
        (EmailSummary.htmlTemplate, "email summary's view model", summary),
    ]
}
