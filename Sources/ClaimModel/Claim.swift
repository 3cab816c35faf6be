import Foundation

/// One customer nominated for one engagement, with its history (docs/input-format.md).
public struct Claim: Hashable, Sendable {
    /// The claim ID, unique across all claim files.
    public var id: String
    /// The claim's friendly name.
    public var displayName: String
    /// The engagement's ID.
    public var engagement: String
    /// The customer's ID.
    public var customer: String
    /// Added by an ID, or claimed as a known customer.
    public var origin: Origin
    /// Claims created together in one add/claim flow share this.
    public var flow: String?
    /// The ID an added claim was nominated by.
    public var nominatedBy: TypedID?
    /// Why a tenant nomination does not match the customer's email domain.
    public var tenantMismatchReason: String?
    /// The partner location that claims.
    public var location: String
    /// The user who created the claim, by email.
    public var createdBy: String?
    /// The day the claim was created.
    public var createdOn: Day
    /// Hours of a variable-pay claim.
    public var hours: Int?
    /// The customer's contact.
    public var customerContact: Contact
    /// The partner's contact.
    public var partnerContact: Contact
    /// The referral the system created, as exported.
    public var referral: Referral?
    /// Markdown notes.
    public var notes: String?
    /// The payment of an approved claim, as Partner Center's payments report gives it.
    public var payment: Payment?
    /// The proof of execution recorded (docs/input-format.md, A claim); empty when none.
    public var proof: ClaimProof
    /// The history, in date order.
    public var events: [ClaimEvent]
    /// Positions of the values (`events.N.on` and so on).
    public var source: SourceMap

    /// A claim.
    public init(
        id: String, displayName: String, engagement: String, customer: String,
        origin: Origin, flow: String? = nil, nominatedBy: TypedID? = nil,
        tenantMismatchReason: String? = nil, location: String, createdBy: String? = nil,
        createdOn: Day, hours: Int? = nil, customerContact: Contact, partnerContact: Contact,
        referral: Referral? = nil, notes: String? = nil, events: [ClaimEvent] = [],
        payment: Payment? = nil, proof: ClaimProof = ClaimProof(), source: SourceMap
    ) {
        self.payment = payment
        self.proof = proof
        self.id = id
        self.displayName = displayName
        self.engagement = engagement
        self.customer = customer
        self.origin = origin
        self.flow = flow
        self.nominatedBy = nominatedBy
        self.tenantMismatchReason = tenantMismatchReason
        self.location = location
        self.createdBy = createdBy
        self.createdOn = createdOn
        self.hours = hours
        self.customerContact = customerContact
        self.partnerContact = partnerContact
        self.referral = referral
        self.notes = notes
        self.events = events
        self.source = source
    }
}

/// A payment Microsoft made for a claim (docs/input-format.md, A claim).
public struct Payment: Hashable, Sendable {
    /// The day it was paid.
    public var on: Day
    /// The amount paid in USD.
    public var amountUSD: Decimal
    /// The payment's reference, when given.
    public var reference: String?

    /// A payment.
    public init(on: Day, amountUSD: Decimal, reference: String? = nil) {
        self.on = on
        self.amountUSD = amountUSD
        self.reference = reference
    }
}

/// A person to contact.
public struct Contact: Hashable, Sendable {
    /// Name, when given.
    public var name: String?
    /// Email address.
    public var email: String
    /// Phone number, when given.
    public var phone: String?

    /// A contact.
    public init(name: String? = nil, email: String, phone: String? = nil) {
        self.name = name
        self.email = email
        self.phone = phone
    }
}

/// A referral as exported from Partner Center.
public struct Referral: Hashable, Sendable {
    /// The referral's ID.
    public var id: String
    /// The day it was created, when known.
    public var createdOn: Day?

    /// A referral.
    public init(id: String, createdOn: Day? = nil) {
        self.id = id
        self.createdOn = createdOn
    }
}

/// One event in a claim's history.
public struct ClaimEvent: Hashable, Sendable {
    /// The day it happened.
    public var on: Day
    /// What happened.
    public var type: EventType
    /// The deal size given with `consentRequested`.
    public var dealSizeUSD: Decimal?
    /// Microsoft's comment with `actionRequired`.
    public var comment: String?
    /// The amount approved with `approved`.
    public var amountUSD: Decimal?
    /// Microsoft's reason with `rejected`.
    public var reason: String?
    /// Where the event's mapping starts.
    public var location: SourceLocation

    /// An event.
    public init(
        on: Day, type: EventType, dealSizeUSD: Decimal? = nil, comment: String? = nil,
        amountUSD: Decimal? = nil, reason: String? = nil, location: SourceLocation
    ) {
        self.on = on
        self.type = type
        self.dealSizeUSD = dealSizeUSD
        self.comment = comment
        self.amountUSD = amountUSD
        self.reason = reason
        self.location = location
    }
}
