import TypedMustache

/// A claim in a table (`partials/claim-row.mustache`): the overview's actions due soon, an
/// engagement's open and completed claims, a customer's claims. Whether the Customer and
/// Engagement columns show is the page's `showCustomer` and `showEngagement` (docs/output.md,
/// Layout: a page's tables do not repeat its own subject in every row).
package struct ClaimRow: ViewModel {
    /// The page's way up to the output root, which its links start with.
    package let root: String
    package let id: String, path: String, displayName: String
    package let customer: String, customerPath: String, engagement: String, engagementPath: String
    package let statusLabel: String, statusClass: String
    /// The action, "Waiting on Microsoft" or "—".
    package let action: String
    package let hasAction: Bool
    /// The deadline as ISO `YYYY-MM-DD` (the Deadline column's `data-sort`) and as the language
    /// writes it (docs/languages.md); "—" without one.
    package let deadline: String, deadlineText: String, daysLeft: String, urgency: String, endedOn: String
    /// The end day as ISO `YYYY-MM-DD` when `endedOn` (in the language's way) would not sort as a
    /// date, else "": the Ended on column's `data-sort` (docs/output.md, Filters and sorting).
    package let endedOnSort: String
    /// What the table filters read (docs/output.md, Filters and sorting): the claim's location
    /// (name and ID), its engagement's pay kind, and its deadline window relative to the as-of
    /// date ("Due soon", "Later" or "No deadline").
    package let location: String, pay: String, window: String
    /// The same as codes, the same in every language, which the filters and the addresses of
    /// bookmarked views use (docs/output.md, Filters and sorting): the status's and the action's
    /// codes as in `report.json`, the location's ID, `fixed` or `variable`, and `dueSoon`,
    /// `later` or `none`.
    package let statusCode: String, actionCode: String, locationId: String, payCode: String, windowCode: String
    /// Who looks after the claim (the work list's Owner column and filter, docs/output.md, The
    /// work list); "" elsewhere, or when nobody is named.
    package var owner = ""
    /// The claim's page in Partner Center (`claimURL`), in work-list rows; "" elsewhere.
    package var partnerCenterURL = ""
    /// The payout as the language writes it, in the status lists of ended claims and the
    /// Completed tab; "" elsewhere.
    package var payout = ""
    /// An approved claim's payment in words and its state's label (the Completed tab's Payment
    /// column and filter, docs/output.md, Payouts); "" elsewhere.
    package var payment = "", paymentLabel = ""
    /// The payment state's code (`paid`, `expected`, `overdue`) for the Payment filter; "" elsewhere.
    package var paymentCode = ""
    /// The proof of execution done, "3 of 4" (the Proof column of the engagement page and the
    /// work list), or "—" when the engagement asks for none (docs/output.md, Proof of execution).
    package var proof = "—"
    /// For a claim to submit or resubmit: "Ready to submit" or what proof is missing, under the
    /// action; "" otherwise. `proofReady` says which.
    package var proofNote = "", proofReady = false

    package static let fields = FieldTable<ClaimRow>([
        .text("id", \.id), .link("href", root: \.root, path: \.path), .text("displayName", \.displayName),
        .text("customer", \.customer), .link("customerHref", root: \.root, path: \.customerPath),
        .text("engagement", \.engagement), .link("engagementHref", root: \.root, path: \.engagementPath),
        .text("statusLabel", \.statusLabel), .text("statusClass", \.statusClass),
        .text("action", \.action), .flag("hasAction", \.hasAction),
        .text("deadline", \.deadline), .text("deadlineText", \.deadlineText), .text("daysLeft", \.daysLeft),
        .text("urgency", \.urgency),
        .text("endedOn", \.endedOn), .text("endedOnSort", \.endedOnSort),
        .flag("hasEndedOnSort", notEmpty: \.endedOnSort),
        .text("location", \.location), .text("pay", \.pay), .text("window", \.window),
        .text("statusCode", \.statusCode), .text("actionCode", \.actionCode),
        .text("locationId", \.locationId), .text("payCode", \.payCode), .text("windowCode", \.windowCode),
        .text("paymentCode", \.paymentCode),
        .text("owner", \.owner), .text("partnerCenterURL", \.partnerCenterURL),
        .flag("hasPartnerCenterURL", notEmpty: \.partnerCenterURL), .text("payout", \.payout),
        .text("payment", \.payment), .text("paymentLabel", \.paymentLabel),
        .text("proof", \.proof), .text("proofNote", \.proofNote),
        .flag("hasProofNote", notEmpty: \.proofNote), .flag("proofReady", \.proofReady),
    ])
}
