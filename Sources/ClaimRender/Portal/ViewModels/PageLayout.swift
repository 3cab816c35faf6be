import TypedMustache

/// What every page shows around its content (`layout.mustache`): the site's title, the
/// navigation, the footer. Each page's view model holds one, and its table has these fields.
package struct PageLayout: ViewModel {
    package let lang: String, title: String, siteTitle: String, partnerName: String, asOf: String
    /// The as-of date as the language writes it (`asOf` is ISO, for `datetime`; docs/languages.md).
    package let asOfText: String
    /// `../` once per folder level of the page.
    package let root: String
    package let homeHref: String, stylesheet: String
    package let nav: [NavItem]
    package let contactsHidden: Bool
    package let audienceLabel: String

    package static let fields = FieldTable<PageLayout>([
        .text("lang") { $0.lang }, .text("title") { $0.title }, .text("siteTitle") { $0.siteTitle },
        .text("partnerName") { $0.partnerName }, .text("asOf") { $0.asOf }, .text("asOfText") { $0.asOfText },
        .text("root") { $0.root },
        .text("homeHref") { $0.homeHref }, .text("stylesheet") { $0.stylesheet }, .list("nav") { $0.nav },
        .flag("contactsHidden") { $0.contactsHidden }, .text("audienceLabel") { $0.audienceLabel },
    ])
}

/// An entry of the site navigation: the overview or a Markdown page.
package struct NavItem: ViewModel {
    package let label: String, href: String
    /// Whether it is the page being shown.
    package let current: Bool

    package static let fields = FieldTable<NavItem>([
        .text("label") { $0.label }, .text("href") { $0.href }, .flag("current") { $0.current },
    ])
}
