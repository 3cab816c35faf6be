import ClaimModel
import ClaimRender
import ClaimRules
import TypedMustache

extension PagePlan {
    /// The view model of page `i` as swift-mustache takes one (`[String: Any]`, made by walking
    /// its field table), for tests that render it with swift-mustache as an oracle.
    package func context(_ i: Int) -> [String: Any] { PagePlan.dictionary(viewModel(i)) }

    private static func dictionary<Model: ViewModel>(_ model: Model) -> [String: Any] {
        Model.fields.dictionary(model)
    }
}

extension PortalRenderer {
    /// Where the view models, as swift-mustache takes them (`PagePlan.context`), and the
    /// shapes their templates are checked with disagree (for tests): both come from the same
    /// field tables, so this checks the conversion.
    package static func shapeProblems(
        evaluation: Evaluation, model: SiteModel, settings: SiteSettings,
        audience: Audience, diagnostics: [Diagnostic]
    ) -> [String] {
        let plan = PagePlan(
            evaluation: evaluation, model: model, settings: settings, audience: audience, diagnostics: diagnostics)
        return plan.pages.indices.flatMap {
            ShapeConformance.problems(plan.context($0), plan.shape($0), path: "\(plan.pages[$0].path): ")
        }
    }
}

extension EmailExports {
    /// Where the view models of the emails, as swift-mustache takes them (`[String: Any]`, made
    /// by walking the field table), and the shape their templates are checked with disagree
    /// (for tests): the summary of all claims and each user's, as `write` would render them.
    package static func shapeProblems(
        evaluation: Evaluation, model: SiteModel, settings: SiteSettings, paths: PagePaths
    )
        -> [String]
    {
        let shape = EmailSummaryModel.fields.shape
        var out = ShapeConformance.problems(
            EmailSummaryModel.fields.dictionary(
                EmailSummary.viewModel(
                    claims: evaluation.claims, evaluation: evaluation, settings: settings,
                    paths: paths, audienceTitle: "summary of all claims")),
            shape, path: "summary: ")
        for user in model.users ?? [] {
            let mine = evaluation.claims.filter {
                $0.claim.createdBy?.asciiLowercased().sameUTF8(user.email.asciiLowercased()) == true
            }
            out += ShapeConformance.problems(
                EmailSummaryModel.fields.dictionary(
                    EmailSummary.viewModel(
                        claims: mine, evaluation: evaluation, settings: settings,
                        paths: paths, audienceTitle: "claims created by \(user.email)")),
                shape, path: "\(user.email): ")
        }
        return out
    }
}
