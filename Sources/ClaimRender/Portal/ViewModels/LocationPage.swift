import TypedMustache

/// A partner location's page (`location.mustache`): the engagements it may claim with its
/// claim counts in each, and its open claims.
package struct LocationPage: ViewModel {
    package let layout: PageLayout
    package let location: LocationInfo
    package let engagements: [LocationEngagementRow]
    package let openClaims: [ClaimRow]

    package static let fields = FieldTable<LocationPage>(
        embedding: \.layout,
        [
            .object("location", \.location), .list("engagements", \.engagements),
            .flag("hasEngagements", notEmpty: \.engagements),
            .list("openClaims", \.openClaims), .flag("hasOpenClaims", notEmpty: \.openClaims),
            // The claim table's Customer and Engagement columns (partials/claim-head and claim-row).
            .flag("showCustomer", always: true), .flag("showEngagement", always: true),
            .flag("showOwner", always: false), .flag("showProof", always: false),
        ])
}

/// The location itself, with its claims counted.
package struct LocationInfo: ViewModel {
    package let id: String, name: String, country: String, registered: String
    /// Its claims on the as-of date: all, open (not in a final status), completed.
    package let claims: String, openClaims: String, completedClaims: String

    package static let fields = FieldTable<LocationInfo>([
        .text("id", \.id), .text("name", \.name), .text("country", \.country),
        .text("registered", \.registered), .text("claims", \.claims), .text("openClaims", \.openClaims),
        .text("completedClaims", \.completedClaims),
    ])
}

/// An engagement on a location's page: whether the location may claim it, and its claims there.
package struct LocationEngagementRow: ViewModel {
    /// The page's way up to the output root, which its links start with.
    package let root: String
    package let name: String, path: String, mayClaim: String, openClaims: String, completedClaims: String

    package static let fields = FieldTable<LocationEngagementRow>([
        .text("name", \.name), .link("href", root: \.root, path: \.path), .text("mayClaim", \.mayClaim),
        .text("openClaims", \.openClaims), .text("completedClaims", \.completedClaims),
    ])
}

/// A location in the home page's Locations list.
package struct LocationLink: ViewModel {
    package let root: String
    package let name: String, id: String, path: String, openClaims: String

    package static let fields = FieldTable<LocationLink>([
        .text("name", \.name), .text("id", \.id), .link("href", root: \.root, path: \.path),
        .text("openClaims", \.openClaims),
    ])
}
