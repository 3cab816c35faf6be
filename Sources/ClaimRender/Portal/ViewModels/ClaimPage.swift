import TypedMustache

/// A claim's page (`claim.mustache`): status, deadlines, history, payout, referral, contacts,
/// notes, the engagement's rules and the problems found in its data.
package struct ClaimPage: ViewModel {
    package let layout: PageLayout
    package let claim: ClaimDetails
    package let facts: [LabeledValue]
    package let deadlines: [DeadlineRow]
    package let timeline: [TimelineStep]
    /// Blank (and without a URL) when the claim has no referral.
    package let referral: ReferralInfo
    package let hasReferral: Bool
    /// Empty when the audience may not see contact details.
    package let contacts: [ContactRow]
    package let rules: [LabeledValue]
    package let problems: [ProblemRow]
    /// The proof of execution the engagement asks for, item by item (docs/output.md, Claim
    /// pages); empty when it asks for none. `proofLead` says how many are done.
    package var proof: [ProofRow] = [], proofLead = ""

    package static let fields = FieldTable<ClaimPage>(
        embedding: \.layout,
        [
            .object("claim", \.claim), .list("facts", \.facts), .list("deadlines", \.deadlines),
            .list("timeline", \.timeline),
            .object("referral", \.referral), .flag("hasReferral", \.hasReferral),
            .list("contacts", \.contacts), .flag("hasContacts", notEmpty: \.contacts),
            .list("rules", \.rules),
            .list("problems", \.problems), .flag("hasProblems", notEmpty: \.problems),
            .list("proof", \.proof), .flag("hasProof", notEmpty: \.proof), .text("proofLead", \.proofLead),
        ])
}

/// An item of a claim's proof of execution: its name and where it stands.
package struct ProofRow: ViewModel {
    /// The item's code (`invoice`, …), its name and its state in words.
    package let code: String, item: String, state: String
    package let done: Bool

    package static let fields = FieldTable<ProofRow>([
        .text("code", \.code), .text("item", \.item), .text("state", \.state),
        .flag("done", \.done),
    ])
}

/// The claim itself: status, action and deadline, where it belongs, payout, notes.
package struct ClaimDetails: ViewModel {
    package let id: String, displayName: String, statusLabel: String, statusClass: String
    package let terminal: Bool
    package let actionLabel: String
    package let hasAction: Bool
    /// Open with no action for the partner: waiting on Microsoft.
    package let waiting: Bool
    /// The deadline as ISO (for `datetime`) and as the language writes it (docs/languages.md).
    package let deadline: String, deadlineText: String, deadlineKind: String, daysLeft: String, urgency: String
    package let engagement: String, engagementHref: String, customer: String, customerHref: String
    package let origin: String, nominatedBy: String, flow: String, location: String, createdOn: String,
        createdBy: String
    package let hours: String, payout: String, payoutKind: String, expectedPaymentBy: String
    package let hasExpectedPayment: Bool
    /// The notes, already safe HTML.
    package let notesHTML: String
    package let hasNotes: Bool
    /// The tab of the engagement page the claim is on, and a link to it.
    package let tab: String, tabHref: String
    package let endedOn: String
    /// What Microsoft wrote with the request the action answers (docs/output.md, Claim pages):
    /// the `actionRequired` event's comment for `resubmitClaim`, the `rejected` event's reason
    /// for `disputeClaim`, with who said it when; "" otherwise.
    package var microsoftSays = "", microsoftSaysIntro = ""
    /// The claim's page in Partner Center (`claimURL`); "" without one.
    package var partnerCenterURL = ""
    /// An approved claim's payment in words (docs/output.md, Payouts); "" for other claims.
    package var payment = ""
    /// For a claim to submit or resubmit under an engagement that asks for proof: that it is
    /// ready, or what is missing (docs/rules.md#proof-of-execution); "" otherwise.
    package var proofNote = "", proofReady = false

    package static let fields = FieldTable<ClaimDetails>([
        .text("id", \.id), .text("displayName", \.displayName), .text("statusLabel", \.statusLabel),
        .text("statusClass", \.statusClass), .flag("terminal", \.terminal),
        .text("actionLabel", \.actionLabel),
        .flag("hasAction", \.hasAction), .flag("waiting", \.waiting), .text("deadline", \.deadline),
        .text("deadlineText", \.deadlineText),
        .text("deadlineKind", \.deadlineKind), .text("daysLeft", \.daysLeft), .text("urgency", \.urgency),
        .text("engagement", \.engagement), .text("engagementHref", \.engagementHref),
        .text("customer", \.customer), .text("customerHref", \.customerHref), .text("origin", \.origin),
        .text("nominatedBy", \.nominatedBy), .text("flow", \.flow), .text("location", \.location),
        .text("createdOn", \.createdOn), .text("createdBy", \.createdBy), .text("hours", \.hours),
        .text("payout", \.payout), .text("payoutKind", \.payoutKind),
        .text("expectedPaymentBy", \.expectedPaymentBy), .flag("hasExpectedPayment", \.hasExpectedPayment),
        .text("notesHTML", \.notesHTML), .flag("hasNotes", \.hasNotes),
        .text("tab", \.tab), .text("tabHref", \.tabHref), .text("endedOn", \.endedOn),
        .text("microsoftSays", \.microsoftSays), .text("microsoftSaysIntro", \.microsoftSaysIntro),
        .flag("hasMicrosoftSays", notEmpty: \.microsoftSays),
        .text("payment", \.payment), .flag("hasPayment", notEmpty: \.payment),
        .text("partnerCenterURL", \.partnerCenterURL),
        .flag("hasPartnerCenterURL", notEmpty: \.partnerCenterURL),
        .text("proofNote", \.proofNote), .flag("hasProofNote", notEmpty: \.proofNote),
        .flag("proofReady", \.proofReady),
    ])
}

/// A label and its value: a fact about the claim, or a rule of its engagement.
package struct LabeledValue: ViewModel {
    package let label: String, value: String
    /// The page the value links to, from the page's way up to the output root; no link when
    /// `path` is empty.
    package var root = "", path = ""

    package init(label: String, value: String, root: String = "", path: String = "") {
        (self.label, self.value, self.root, self.path) = (label, value, root, path)
    }

    package static let fields = FieldTable<LabeledValue>([
        .text("label", \.label), .text("value", \.value),
        .flag("hasHref", notEmpty: \.path), .link("href", root: \.root, path: \.path),
    ])
}

/// One of the claim's deadlines, with a note when it is the current one or was reset.
package struct DeadlineRow: ViewModel {
    package let label: String, date: String
    /// The day as ISO when `date` (in the language's way) would not sort as a date, else "":
    /// the Date column's `data-sort` (docs/output.md, Filters and sorting).
    package let sortKey: String
    package let note: String

    package static let fields = FieldTable<DeadlineRow>([
        .text("label", \.label), .text("date", \.date), .text("note", \.note),
        .text("sortKey", \.sortKey), .flag("hasSortKey", notEmpty: \.sortKey),
    ])
}

/// A step of the claim's history: an event or a timed change, and the status it led to.
package struct TimelineStep: ViewModel {
    /// The day as ISO (for `datetime`) and as the language writes it (docs/languages.md).
    package let date: String, dateText: String
    package let text: String, from: String, to: String, toClass: String
    package let notes: [TimelineNote]

    package static let fields = FieldTable<TimelineStep>([
        .text("date", \.date), .text("dateText", \.dateText), .text("text", \.text),
        .text("from", \.from), .text("to", \.to),
        .text("toClass", \.toClass), .list("notes", \.notes),
    ])
}

/// A note on a step of the history.
package struct TimelineNote: ViewModel {
    package let text: String

    package static let fields = FieldTable<TimelineNote>([.text("text", \.text)])
}

/// The claim's referral; the URL only for an audience that may follow it.
package struct ReferralInfo: ViewModel {
    package let id: String, type: String
    package let url: String?

    package static let fields = FieldTable<ReferralInfo>([
        .text("id", \.id), .text("type", \.type), .text("url") { $0.url ?? "" },
        .flag("hasURL") { $0.url != nil },
    ])
}

/// The customer's or the partner's contact on the claim.
package struct ContactRow: ViewModel {
    package let role: String
    package let name: String?
    package let email: String
    package let phone: String?

    package static let fields = FieldTable<ContactRow>([
        .text("role", \.role), .text("name") { $0.name ?? "" }, .flag("hasName") { $0.name != nil },
        .text("email", \.email), .text("phone") { $0.phone ?? "" }, .flag("hasPhone") { $0.phone != nil },
    ])
}

/// A problem found in the claim's data.
package struct ProblemRow: ViewModel {
    package let severity: String, message: String

    package static let fields = FieldTable<ProblemRow>([
        .text("severity", \.severity), .text("message", \.message),
    ])
}
