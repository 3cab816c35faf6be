import ClaimLoad
import ClaimModel
import ClaimRender
import ClaimRules
import Foundation

extension Commands {
    /// How `nominate` prints its answers.
    public enum NominateFormat: Sendable {
        /// In words (one ID) or CSV (a prospect list).
        case text
        /// One JSON document (one ID) or JSON lines (a prospect list).
        case json
    }

    /// Prints, for the ID of `request`, whether and how it may be nominated for each
    /// engagement (docs/nominate.md). An ineligible ID is an answer: the status is 0; it is 1
    /// when the site cannot be judged or names an unknown engagement or location.
    public static func nominate(
        _ request: NominationRequest, options: SiteOptions, format: NominateFormat = .text,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        output: (String) -> Void, errors: (String) -> Void
    ) -> Int32 {
        guard let result = judgeableSite(options, environment: environment, errors: errors) else { return 1 }
        let answer: NominationResult
        do {
            answer = try Nomination.answer(request, in: result.evaluation)
        } catch {
            errors("claimsite: error: \(error.message)\n")
            return 1
        }
        switch format {
        case .json: output(NominationOutput.json(answer, asOf: result.asOf).rendered())
        case .text:
            output(NominationOutput.text(answer, asOf: result.asOf, locations: result.evaluation.site.locations))
        }
        noteOtherErrors(result, errors: errors)
        return 0
    }

    /// Answers every row of the prospect list `file` (shown in messages as `displayPath`), with
    /// the other settings of `template`: CSV rows (with a header) or JSON lines on `output`,
    /// one per ID and engagement. A bad row is reported on `errors` as `FILE:LINE: error:` and
    /// the others are still answered; the status is then 1.
    public static func nominate(
        prospects file: URL, displayPath: String, template: NominationRequest,
        options: SiteOptions, format: NominateFormat = .text,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        output: (String) -> Void, errors: (String) -> Void
    ) -> Int32 {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            errors("\(displayPath): error: cannot read the prospect list: \(error.localizedDescription)\n")
            return 1
        }
        let list = ProspectList.read(data)
        guard let result = judgeableSite(options, environment: environment, errors: errors) else { return 1 }
        let nominator = Nominator(result.evaluation)
        if format == .text { output(CSV.record(NominationOutput.columns)) }
        for row in list.rows {
            var request = template
            // One row per ID and engagement: the batch forms carry no other IDs.
            request.checksOtherIDs = false
            request.id = row.id
            request.emailDomain = row.emailDomain ?? template.emailDomain
            let answer: NominationResult
            do {
                answer = try nominator.answer(request)
            } catch {
                // An unknown engagement or location is the same for every row: say it once.
                errors("claimsite: error: \(error.message)\n")
                return 1
            }
            switch format {
            case .json: output(NominationOutput.jsonLines(answer))
            case .text: output(NominationOutput.csvRows(answer).map { CSV.record($0) }.joined())
            }
        }
        for problem in list.problems.sorted(by: { $0.line < $1.line }) {
            errors("\(displayPath):\(problem.line): error: \(problem.message)\n")
        }
        noteOtherErrors(result, errors: errors)
        return list.problems.isEmpty ? 0 : 1
    }

    /// The checked site, or `nil` (with its problems printed) when it cannot be judged: no
    /// settings, a file-level error, or a data file that could not be read.
    static func judgeableSite(
        _ options: SiteOptions, environment: [String: String],
        errors: (String) -> Void
    ) -> CheckResult? {
        let result = SiteCheck.run(options.readingCacheOnly, environment: environment)
        if result.model.settings == nil || !result.model.unreadable.isEmpty
            || result.diagnostics.contains(where: { $0.location == nil && $0.severity == .error })
        {
            report(result, options: options, errors: errors)
            errors("claimsite: error: the site cannot be judged until these errors are fixed\n")
            return nil
        }
        return result
    }

    static func noteOtherErrors(_ result: CheckResult, errors: (String) -> Void) {
        let count = result.diagnostics.filter { $0.severity == .error }.count
        if count > 0 {
            errors(
                """
                claimsite: note: the site has \(count) error\(count == 1 ? "" : "s"); run 'claimsite check' to \
                see them\n
                """
            )
        }
    }
}
