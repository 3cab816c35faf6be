import ClaimModel
import ClaimRules
import TypedMustache

/// Every page of the portal in a fixed order — its kinds in `PageKind.all`'s order, each
/// kind's pages in its own — with its path, template and (made on demand) view model.
package struct PagePlan: Sendable {
    /// A page: where it goes, its kind (in `PageKind.all`) and which of that kind's pages it is.
    package struct Page: Sendable {
        package var kind: Int
        package var item: Int
        package var path: String
        package var template: String
    }

    /// What every page and export is made from.
    package let site: PortalContexts
    /// Every page, in order.
    package let pages: [Page]
    /// What the exports may copy from the last build (`nil`: every piece is made).
    package var pieces: ExportPieces?

    /// The plan of the portal for `evaluation`, saying things in `speech`'s language.
    package init(
        evaluation: Evaluation, model: SiteModel, settings: SiteSettings, audience: Audience,
        diagnostics: [Diagnostic], speech: Speech = .english
    ) {
        site = PortalContexts(
            evaluation: evaluation, model: model, settings: settings, audience: audience,
            paths: PagePaths(model), diagnostics: diagnostics, speech: speech)
        var pages: [Page] = []
        for (k, kind) in PageKind.all.enumerated() {
            for (i, path) in kind.paths(site).enumerated() {
                pages.append(Page(kind: k, item: i, path: path, template: kind.template))
            }
        }
        self.pages = pages
    }

    /// The paths of every page made from an ID.
    package var paths: PagePaths { site.paths }

    /// The view model of page `i`.
    package func viewModel(_ i: Int) -> any ViewModel {
        PageKind.all[pages[i].kind].viewModel(site, pages[i].item)
    }

    /// What page `i` is made from.
    package enum Subject {
        /// Claim `Int` of the evaluation, customer `Int` of `site.customers`, engagement `Int`
        /// of the evaluation, location `Int` of `site.locations`, the claims with status
        /// `ClaimStatus.allCases[Int]`.
        case claim(Int)
        case customer(Int)
        case engagement(Int)
        case location(Int)
        case status(Int)
        /// Many records (the overview, the work list, payouts, a Markdown page).
        case other
    }

    /// What page `i` is made from.
    package func subject(ofPage i: Int) -> Subject {
        switch PageKind.all[pages[i].kind].template {
        case PageKind.claim.template: return .claim(pages[i].item)
        case PageKind.customer.template: return .customer(pages[i].item)
        case PageKind.engagement.template: return .engagement(pages[i].item)
        case PageKind.location.template: return .location(pages[i].item)
        case PageKind.statuses.template: return .status(pages[i].item)
        default: return .other
        }
    }

    /// The keys page `i`'s template may use.
    package func shape(_ i: Int) -> [String: Shape] { PageKind.all[pages[i].kind].shape }

    /// Page `i` made: its view model built once, for its digest and its rendering.
    package func make(_ i: Int) -> MadePage {
        MadePage(template: pages[i].template, model: viewModel(i))
    }

    /// Page `i` rendered by `engine` from its typed view model, or `nil` when its template is missing.
    package func render(_ i: Int, with engine: MRenderer) -> [UInt8]? { make(i).render(with: engine) }
}

/// A page of the plan with its view model built.
package struct MadePage {
    let template: String
    let model: any ViewModel

    /// The page rendered by `engine`, or `nil` when its template is missing.
    package func render(with engine: MRenderer) -> [UInt8]? {
        MadePage.render(model, template: template, with: engine)
    }

    /// The bytes the page's digest is taken over: its template's name and every value of its
    /// view model (`FieldTable.write`), so two pages give the same bytes exactly when they
    /// render the same.
    package func digestInput() -> [UInt8] { MadePage.digestInput(model, template: template) }

    private static func render<Model: ViewModel>(_ model: Model, template: String, with engine: MRenderer) -> [UInt8]? {
        engine.render(template, model)
    }

    private static func digestInput<Model: ViewModel>(_ model: Model, template: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8_192)
        ViewModelBytes.text(template, into: &bytes)
        Model.fields.write(model, into: &bytes)
        return bytes
    }
}
