import ClaimModel
import ClaimRules
import OutputFiles
import Search

/// One export of the portal (docs/output.md): a named step that writes its files into a sink
/// and says which it wrote. The build runs the steps side by side, and beside the pages when
/// it keeps a page memo; the pages' links are checked against every file the steps wrote.
package struct ExportStep: Sendable {
    /// What the step makes, for the build's timings.
    package let name: String
    /// Writes the step's files for `plan`, with `templates` for those rendered from templates;
    /// the paths written, relative to the output folder.
    package let write: @Sendable (_ plan: PagePlan, _ templates: TemplateSet, _ sink: OutputSink) -> [String]
}

extension ExportStep {
    /// Every export, in the order they start: the longest first (`report.json` in a full build,
    /// the search index and the email summary when the pieces are copied), so that no long one
    /// starts last.
    package static let all: [ExportStep] = [report, search, emailSummary, emailUsers, csv, calendar, words]

    /// `report.json`.
    static let report = ExportStep(name: "report.json") { plan, _, sink in
        let site = plan.site
        ReportJSON.write(
            site.evaluation, settings: site.settings, audience: site.audience, paths: site.paths,
            diagnostics: site.diagnostics,
            lists: .init(workList: site.workList, recent: site.recentChanges, ledger: site.ledger),
            pieces: plan.pieces, to: sink)
        return [ReportJSON.path]
    }

    /// The email summary, `email/summary.*`: one of the longest exports, so the users'
    /// messages are a step of their own, beside it.
    static let emailSummary = email("email summary", .summary)

    /// The users' messages, `email/users/`.
    static let emailUsers = email("email to users", .users)

    private static func email(_ name: String, _ parts: EmailExports.Parts) -> ExportStep {
        ExportStep(name: name) { plan, templates, sink in
            let site = plan.site
            return EmailExports.write(
                evaluation: site.evaluation, model: site.model, settings: site.settings,
                paths: site.paths, audience: site.audience, templates: templates, parts: parts,
                pieces: plan.pieces, to: sink)
        }
    }

    /// `claims.csv`, each engagement's tab CSVs, `actions.csv` and `payments.csv`.
    static let csv = ExportStep(name: "CSV") { plan, _, sink in
        let site = plan.site
        let written = CSVExports.write(
            evaluation: site.evaluation, model: site.model, settings: site.settings,
            paths: site.paths, audience: site.audience, speech: site.speech, pieces: plan.pieces, to: sink)
        WorkListExport.write(site.workList, asOf: site.asOf, site: site.site, speech: site.speech, to: sink)
        PaymentsExport.write(site.evaluation.claims, to: sink)
        return written + [WorkListExport.path, PaymentsExport.path]
    }

    /// `deadlines.ics`.
    static let calendar = ExportStep(name: "calendar") { plan, _, sink in
        let site = plan.site
        CalendarExport.write(
            evaluation: site.evaluation, model: site.model, settings: site.settings,
            paths: site.paths, speech: site.speech, pieces: plan.pieces, to: sink)
        return [CalendarExport.path]
    }

    /// The offline search index, `search/`.
    static let search = ExportStep(name: "search index") { plan, _, sink in
        let site = plan.site
        return SearchIndex(evaluation: site.evaluation, model: site.model, paths: site.paths, pieces: plan.pieces)
            .write(to: sink)
    }

    /// The words of the portal's scripts, `assets/words.js`.
    static let words = ExportStep(name: "script words") { plan, _, sink in
        WordsExport.write(plan.site, to: sink)
        return [WordsExport.path]
    }
}
