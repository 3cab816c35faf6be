/// The stable name of every kind of problem ClaimSite reports, as editors and CI read it
/// (`claimsite check --format json`, `report.json`). Every code is listed, with an example and
/// the fix, in `docs/diagnostics.md`. Codes never change meaning; new ones may be added.
public enum DiagnosticCode: String, CaseIterable, Sendable, Hashable, Comparable {
    // MARK: files and syntax
    /// There is no site folder at the path given.
    case noSiteFolder = "no-site-folder"
    /// The site folder has no `Content/` folder.
    case noContentFolder = "no-content-folder"
    /// `Content/site.yaml` does not exist.
    case missingSiteSettings = "missing-site-settings"
    /// A file cannot be read from disk.
    case unreadableFile = "unreadable-file"
    /// A file that is not UTF-8 (UTF-16, Latin-1, …): the message names the encoding it looks like.
    case notUTF8 = "not-utf8"
    case linkOutsideSite = "link-outside-site"
    /// A YAML file (or front matter) does not parse.
    case yamlSyntax = "yaml-syntax"
    /// A JSON file does not parse.
    case jsonSyntax = "json-syntax"
    /// Lists and mappings (arrays and objects) nested deeper than the readers allow.
    case nestingTooDeep = "nesting-too-deep"
    /// YAML aliases that would repeat more values than the reader allows ("billion laughs").
    case aliasExpansionLimit = "alias-expansion-limit"
    /// A Markdown file of an engagement or page does not start with front matter.
    case missingFrontMatter = "missing-front-matter"
    /// The same data file is given in two forms (`.yaml` and `.json`, say).
    case duplicateFile = "duplicate-file"
    /// A file or folder under `Content/` that ClaimSite does not read.
    case unknownFile = "unknown-file"

    // MARK: fields and values
    /// A required field is missing.
    case missingField = "missing-field"
    /// A field that the record does not have (the closest known one is suggested).
    case unknownField = "unknown-field"
    /// The same key twice in one mapping.
    case duplicateKey = "duplicate-key"
    /// A value of the wrong kind: a list where text is expected, text where a number is, and so on.
    case wrongType = "wrong-type"
    /// A boolean field holding anything but `true` or `false`.
    case notABoolean = "not-a-boolean"
    /// A value that is not one of the names the field allows.
    case unknownValue = "unknown-value"
    /// A date that is not a real `YYYY-MM-DD` day.
    case invalidDate = "invalid-date"
    /// A number outside the range its field allows.
    case valueOutOfRange = "value-out-of-range"
    /// A negative amount of money.
    case negativeAmount = "negative-amount"
    /// An `activeClaimsElsewhere` key that is not `TYPE:VALUE`.
    case invalidTypedID = "invalid-typed-id"
    /// A list that must not be empty is empty.
    case emptyList = "empty-list"
    /// A list names the same value twice.
    case duplicateListItem = "duplicate-list-item"
    /// A field that applies to the other kind of pay (`variablePay` on fixed pay, say).
    case fieldNotForPay = "field-not-for-pay"
    /// An engagement's `customerIdTypes` that its kind of pay cannot nominate by.
    case idTypeNotForPay = "id-type-not-for-pay"
    /// An event field that belongs to another event type.
    case fieldNotForEvent = "field-not-for-event"
    /// `referralURL` without `{id}`.
    case referralURLWithoutID = "referral-url-without-id"
    /// `claimURL` without `{id}`.
    case claimURLWithoutID = "claim-url-without-id"
    /// `claimURL` that is not an `https://` address.
    case claimURLNotHTTPS = "claim-url-not-https"
    /// `SOURCE_DATE_EPOCH` that is not a number of seconds.
    case invalidSourceDateEpoch = "invalid-source-date-epoch"

    // MARK: identity and references
    /// Two records of one kind with the same ID.
    case duplicateID = "duplicate-id"
    /// A reference to an engagement, customer, location, opportunity or user that does not exist.
    case unknownReference = "unknown-reference"
    /// Two IDs of one kind that differ only in Unicode normalisation or letter case: two records
    /// that look like one (a warning; IDs compare by their UTF-8 bytes).
    case lookAlikeID = "look-alike-id"

    // MARK: the add and claim flows
    /// `origin: claimed` with a `nominatedBy`.
    case claimedWithNomination = "claimed-with-nomination"
    /// `origin: claimed` for a customer that was not known on the claim's `createdOn`.
    case claimedCustomerNotKnown = "claimed-customer-not-known"
    /// A nomination by an ID type the engagement does not accept.
    case idTypeNotAccepted = "id-type-not-accepted"
    /// A verdict in `eligibility.yaml` on an ID of a type the engagement does not accept.
    case verdictIDTypeNotAccepted = "verdict-id-type-not-accepted"
    /// A nomination by an opportunity of another customer.
    case opportunityOfOtherCustomer = "opportunity-of-other-customer"
    /// A domain nomination whose domain is not in `directory.yaml`.
    case domainNotInDirectory = "domain-not-in-directory"
    /// A domain nomination whose domain is not among the customer's domains.
    case domainNotOfCustomer = "domain-not-of-customer"
    /// A tenant nomination that is not the tenant of the customer's email domain, without a reason.
    case tenantMismatchWithoutReason = "tenant-mismatch-without-reason"
    /// Claims of one flow with different customers.
    case flowMixesCustomers = "flow-mixes-customers"
    /// Claims of one flow with different origins.
    case flowMixesOrigins = "flow-mixes-origins"
    /// A variable-pay claim that shares its flow with other claims.
    case variablePayFlowNotAlone = "variable-pay-flow-not-alone"
    /// A variable-pay claim without `hours`.
    case missingHours = "missing-hours"
    /// `hours` outside the engagement's range.
    case hoursOutOfRange = "hours-out-of-range"
    /// `hours` on a fixed-pay claim.
    case hoursOnFixedPay = "hours-on-fixed-pay"
    /// A location that is not registered for MCI.
    case locationNotRegistered = "location-not-registered"
    /// A claimed claim at a location the engagement does not allow.
    case locationNotEligible = "location-not-eligible"
    /// A creator without the incentivesAdmin or incentivesUser role.
    case creatorWithoutRole = "creator-without-role"
    /// A contact email that is not an address.
    case invalidEmail = "invalid-email"

    // MARK: events
    /// An event that the claim's status does not allow at that time.
    case eventNotAllowed = "event-not-allowed"
    /// An event after the claim turned terminal.
    case eventAfterTerminal = "event-after-terminal"
    /// An event dated before the claim was created.
    case eventBeforeCreation = "event-before-creation"
    /// A payment on a day the claim is not approved.
    case paymentBeforeApproval = "payment-before-approval"
    /// An event dated before the event listed above it.
    case eventsOutOfOrder = "events-out-of-order"
    /// A second `consentRequested`.
    case secondConsentRequest = "second-consent-request"
    /// A `consentRequested` without `dealSizeUSD`.
    case missingDealSize = "missing-deal-size"
    /// A survey of the proof of execution done before it was sent.
    case proofDoneBeforeSent = "proof-done-before-sent"
    /// A proof-of-execution date before the claim's consent, or on a claim without consent by then.
    case proofBeforeConsent = "proof-before-consent"

    // MARK: warnings of the rules
    /// The nominated ID is not eligible on the engagement's current list.
    case nominatedIDNotEligible = "nominated-id-not-eligible"
    /// A claimed claim's customer is not eligible on the engagement's current list.
    case customerNotEligible = "customer-not-eligible"
    /// More active claims than the engagement's limit.
    case claimLimitExceeded = "claim-limit-exceeded"
    /// A referral on an engagement with `referrals: false`.
    case referralNotEnabled = "referral-not-enabled"
    /// An event dated after the as-of date (left out).
    case eventAfterAsOf = "event-after-as-of"
    /// A payment dated after the as-of date (left out).
    case paymentAfterAsOf = "payment-after-as-of"
    /// A payment whose amount is not the claim's payout.
    case paymentAmountDiffers = "payment-amount-differs"
    /// A claim created after the as-of date (left out).
    case claimAfterAsOf = "claim-after-as-of"
    /// A proof item the claim's engagement does not ask for.
    case proofItemNotListed = "proof-item-not-listed"
    /// A proof-of-execution date after the as-of date (left out).
    case proofAfterAsOf = "proof-after-as-of"
    /// A `submitted` event on a day when listed proof items were not done.
    case submittedWithoutProof = "submitted-without-proof"

    // MARK: templates and pages
    /// A template does not parse.
    case templateSyntax = "template-syntax"
    /// A template uses a key its view model does not have, or misuses one.
    case templateUnknownKey = "template-unknown-key"
    /// A template includes or extends a template that does not exist, or a built-in one is missing.
    case templateMissing = "template-missing"
    /// A template could not render a page.
    case templateRenderFailed = "template-render-failed"
    /// A page links to a file the build does not write.
    case brokenLink = "broken-link"

    // MARK: languages
    /// A catalogue line (`Templates/i18n/LANG.yaml`) is not `key: value`.
    case catalogueSyntax = "catalogue-syntax"
    /// A catalogue lacks a key the portal needs.
    case catalogueKeyMissing = "catalogue-key-missing"
    /// A site's catalogue gives a key the portal does not have, or a template asks for one.
    case catalogueKeyUnknown = "catalogue-key-unknown"

    /// Codes sort by their names.
    public static func < (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.rawValue < b.rawValue }
}

/// The kinds of record a diagnostic can concern.
public enum RecordKind: String, CaseIterable, Sendable, Hashable {
    case claim, customer, engagement, location, opportunity, user, page, site
}

/// The record a diagnostic concerns: `{kind: claim, id: MCI-000123}`.
public struct RecordRef: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// What kind of record.
    public var kind: RecordKind
    /// Its ID as written (a user's email; `site` for the site's own settings).
    public var id: String

    /// A reference to the record of `kind` with `id`.
    public init(_ kind: RecordKind, _ id: String) {
        self.kind = kind
        self.id = id
    }

    /// The site's own settings (`Content/site.yaml`, the as-of date).
    public static let site = RecordRef(.site, "site")

    /// A claim.
    public static func claim(_ id: String) -> RecordRef { RecordRef(.claim, id) }

    /// `KIND ID`.
    public var description: String { "\(kind.rawValue) \(id)" }

    /// The same record when the kind and the ID's bytes are (docs/input-format.md, "Comparing IDs").
    public static func == (a: RecordRef, b: RecordRef) -> Bool { a.kind == b.kind && a.id.sameUTF8(b.id) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(ByteKey(id))
    }

    public static func < (a: RecordRef, b: RecordRef) -> Bool {
        a.kind != b.kind ? a.kind.rawValue < b.kind.rawValue : a.id.precedesByUTF8(b.id)
    }
}
