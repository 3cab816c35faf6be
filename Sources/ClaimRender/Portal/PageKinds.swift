import ClaimModel
import ClaimRules
import TypedMustache

/// A kind of page of the portal (docs/output.md): the template that renders it, what its view
/// model is called in messages, the keys the template may use (from the view model's field
/// table), where its pages go and how each page's view model is made. A new kind of page is
/// one entry in `PageKind.all`, its view model and its template.
package struct PageKind: Sendable {
    /// The template's name (`Templates/NAME.mustache`).
    package let template: String
    /// What the view model is called in the template check's messages.
    package let what: String
    /// The keys the template may use.
    package let shape: [String: Shape]
    /// The paths of this kind's pages, in output order.
    package let paths: @Sendable (PortalContexts) -> [String]
    /// The view model of page `i` of `paths`.
    package let viewModel: @Sendable (PortalContexts, Int) -> any ViewModel

    /// A kind of page whose view model is a `Model`.
    init<Model: ViewModel>(
        template: String, what: String, model: Model.Type,
        paths: @escaping @Sendable (PortalContexts) -> [String],
        viewModel: @escaping @Sendable (PortalContexts, Int) -> Model
    ) {
        self.template = template
        self.what = what
        shape = Model.fields.shape
        self.paths = paths
        self.viewModel = viewModel
    }
}

extension PageKind {
    /// Every kind of page, in the order the plan lists their pages.
    package static let all: [PageKind] = [
        home, actions, payouts, statuses, engagement, claim, customer, location, markdown,
    ]

    /// The overview, `index.html`.
    static let home = PageKind(
        template: "home", what: "home page's view model", model: HomePage.self,
        paths: { _ in ["index.html"] }, viewModel: { site, _ in site.home() })

    /// The work list, `actions.html`.
    static let actions = PageKind(
        template: "actions", what: "work list's view model", model: ActionsPage.self,
        paths: { _ in [PagePaths.actions] }, viewModel: { site, _ in site.actions() })

    /// Where the money is, `payouts.html`.
    static let payouts = PageKind(
        template: "payouts", what: "payouts page's view model", model: PayoutsPage.self,
        paths: { _ in [PagePaths.payouts] }, viewModel: { site, _ in site.payouts() })

    /// The claims with one status, `statuses/STATUS.html`, one page for every status.
    static let statuses = PageKind(
        template: "status-list", what: "status list's view model", model: StatusListPage.self,
        paths: { site in ClaimStatus.allCases.map { site.paths.status($0) } },
        viewModel: { site, i in site.statusList(ClaimStatus.allCases[i]) })

    /// An engagement's Customers page, `engagements/ID/index.html`.
    static let engagement = PageKind(
        template: "engagement", what: "engagement page's view model", model: EngagementPage.self,
        paths: { site in site.evaluation.engagements.map { site.paths.engagement($0.engagement.id) } },
        viewModel: { site, i in site.engagement(site.evaluation.engagements[i]) })

    /// A claim's page, `claims/ID.html`.
    static let claim = PageKind(
        template: "claim", what: "claim page's view model", model: ClaimPage.self,
        paths: { site in site.evaluation.claims.map { site.paths.claim($0.claim.id) } },
        viewModel: { site, i in site.claim(site.evaluation.claims[i]) })

    /// A customer's page, `customers/ID.html`.
    static let customer = PageKind(
        template: "customer", what: "customer page's view model", model: CustomerPage.self,
        paths: { site in site.customers.map { site.paths.customer($0.id) } },
        viewModel: { site, i in site.customer(site.customers[i]) })

    /// A partner location's page, `locations/ID.html`.
    static let location = PageKind(
        template: "location", what: "location page's view model", model: LocationPage.self,
        paths: { site in site.locations.map { site.paths.location($0.id) } },
        viewModel: { site, i in site.location(site.locations[i]) })

    /// A Markdown page, `pages/SLUG.html`.
    static let markdown = PageKind(
        template: "page", what: "Markdown page's view model", model: MarkdownPage.self,
        paths: { site in site.sortedPages.map { site.paths.page($0.slug) } },
        viewModel: { site, i in site.page(site.sortedPages[i]) })
}
