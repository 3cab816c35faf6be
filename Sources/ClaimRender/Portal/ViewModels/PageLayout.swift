/// What every page shows around its content (`layout.mustache`): the site's title, the
/// navigation, the footer. A class, so that the pages that embed it read its fields through
/// one reference.
final class PageLayout: ViewModel {
    let lang: String, title: String, siteTitle: String, partnerName: String, asOf: String
    /// `../` once per folder level of the page.
    let root: String
    let homeHref: String, stylesheet: String
    let nav: [NavItem]
    let contactsHidden: Bool
    let audienceLabel: String

    init(lang: String, title: String, siteTitle: String, partnerName: String, asOf: String, root: String,
         homeHref: String, stylesheet: String, nav: [NavItem], contactsHidden: Bool, audienceLabel: String) {
        (self.lang, self.title, self.siteTitle, self.partnerName, self.asOf) = (lang, title, siteTitle, partnerName, asOf)
        (self.root, self.homeHref, self.stylesheet, self.nav) = (root, homeHref, stylesheet, nav)
        (self.contactsHidden, self.audienceLabel) = (contactsHidden, audienceLabel)
    }

    static let fields = FieldTable<PageLayout>([
        .text("lang") { $0.lang }, .text("title") { $0.title }, .text("siteTitle") { $0.siteTitle },
        .text("partnerName") { $0.partnerName }, .text("asOf") { $0.asOf }, .text("root") { $0.root },
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

/// A page's view model: the layout every page shares, and its own fields.
protocol PageViewModel: ViewModel {
    var layout: PageLayout { get }
}


extension PageViewModel {
    /// A page's table: the layout's fields, then `own` (which replace layout fields of the same name).
    static func pageFields(_ own: [Field<Self>]) -> FieldTable<Self> {
        FieldTable(embedding: { $0.layout }, own)
    }
}
