/// What every page shows around its content (`layout.mustache`): the site's title, the
/// navigation, the footer. Each page's view model holds one, and its table has these fields.
struct PageLayout: ViewModel {
    let lang: String, title: String, siteTitle: String, partnerName: String, asOf: String
    /// The as-of date as the language writes it (`asOf` is ISO, for `datetime`; docs/languages.md).
    let asOfText: String
    /// `../` once per folder level of the page.
    let root: String
    let homeHref: String, stylesheet: String
    let nav: [NavItem]
    let contactsHidden: Bool
    let audienceLabel: String

    static let fields = FieldTable<PageLayout>([
        .text("lang") { $0.lang }, .text("title") { $0.title }, .text("siteTitle") { $0.siteTitle },
        .text("partnerName") { $0.partnerName }, .text("asOf") { $0.asOf }, .text("asOfText") { $0.asOfText }, .text("root") { $0.root },
        .text("homeHref") { $0.homeHref }, .text("stylesheet") { $0.stylesheet }, .list("nav") { $0.nav },
        .flag("contactsHidden") { $0.contactsHidden }, .text("audienceLabel") { $0.audienceLabel },
    ])
}

/// An entry of the site navigation: the overview or a Markdown page.
struct NavItem: ViewModel {
    let label: String, href: String
    /// Whether it is the page being shown.
    let current: Bool

    static let fields = FieldTable<NavItem>([
        .text("label") { $0.label }, .text("href") { $0.href }, .flag("current") { $0.current },
    ])
}
