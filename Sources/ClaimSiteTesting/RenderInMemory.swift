import ClaimLoad
import ClaimModel
import ClaimRender
import ClaimSite

extension Commands {
    /// The output of a clean check: every page, the assets and `report.json`, with the site's
    /// own `Templates/` (read through `files`) overriding the built-in templates by name.
    package static func render(
        _ result: CheckResult, settings: SiteSettings, audience: Audience,
        files: SiteFiles, timer: StageTimer = StageTimer()
    ) -> PortalRenderer.Output {
        let (portal, problems) = renderer(files: files, language: settings.language ?? .en)
        guard problems.isEmpty else { return PortalRenderer.Output(files: [:], diagnostics: problems) }
        return PortalBuild.render(
            portal, evaluation: result.evaluation, model: result.model, settings: settings,
            audience: audience, diagnostics: result.diagnostics, timer: timer)
    }
}
