import TypedMustache

/// What every page shows around its content (`layout.mustache`): the site's title, the
/// navigation, the footer. Each page's view model holds one, and its table has these fields.
package struct PageLayout: ViewModel {
    package let lang: String
    package var title: String
    package let siteTitle: String, partnerName: String, asOf: String
    /// The as-of date as the language writes it (`asOf` is ISO, for `datetime`; docs/languages.md).
    package let asOfText: String
    /// `../` once per folder level of the page.
    package let root: String
    package let homeHref: String, stylesheet: String
    package let nav: [NavItem]
    package let contactsHidden: Bool
    package let audienceLabel: String

    package static let fields = FieldTable<PageLayout>([
        .text("lang", \.lang), .text("title", \.title), .text("siteTitle", \.siteTitle),
        .text("partnerName", \.partnerName), .text("asOf", \.asOf), .text("asOfText", \.asOfText),
        .text("root", \.root),
        .text("homeHref", \.homeHref), .text("stylesheet", \.stylesheet), .list("nav", \.nav),
        .flag("contactsHidden", \.contactsHidden), .text("audienceLabel", \.audienceLabel),
    ])
}

/// An entry of the site navigation: the overview or a Markdown page.
package struct NavItem: ViewModel {
    package let label: String, href: String
    /// Whether it is the page being shown.
    package let current: Bool

    package static let fields = FieldTable<NavItem>([
        .text("label", \.label), .text("href", \.href), .flag("current", \.current),
    ])
}
