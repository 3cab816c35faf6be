import ClaimLoad
import ClaimModel
import ClaimRender
import ClaimRules
import Foundation

/// What the `check` and `build` commands do, callable from tests without a process.
public enum Commands {
    /// Loads and validates; prints diagnostics to `errors`; returns the exit status
    /// (0 clean or warnings only, 1 errors).
    public static func check(_ options: SiteOptions, errors: (String) -> Void) -> Int32 {
        let result = SiteCheck.run(options)
        report(result, options: options, errors: errors)
        return result.failed ? 1 : 0
    }

    /// Validates, evaluates and writes the output (now: `report.json`); nothing is written
    /// when the site has errors. Returns the exit status.
    public static func build(_ options: SiteOptions, output: URL?, audience: [AudienceRole]?,
                             errors: (String) -> Void) -> Int32 {
        let result = SiteCheck.run(options)
        report(result, options: options, errors: errors)
        guard !result.failed, let settings = result.model.settings else {
            errors("claimsite: nothing was written\n")
            return 1
        }
        let files = render(result, settings: settings, audience: Audience(audience ?? settings.audience ?? []))
        let target = output ?? options.site.appendingPathComponent("Output", isDirectory: true)
        do {
            try OutputWriter(output: target).write(files)
        } catch {
            errors("claimsite: error: \(error)\n")
            return 1
        }
        errors("claimsite: wrote \(files.count) file\(files.count == 1 ? "" : "s") to \(target.path)\n")
        return 0
    }

    /// The output files of a clean build, by relative path.
    public static func render(_ result: CheckResult, settings: SiteSettings, audience: Audience) -> [String: Data] {
        let model = result.model
        let paths = PagePaths(claims: model.claims.map(\.id), engagements: model.engagements.map(\.id),
                              customers: model.customers.map(\.id))
        let report = ReportJSON.build(result.evaluation, settings: settings, audience: audience, paths: paths,
                                      diagnostics: result.diagnostics)
        return ["report.json": Data(report.rendered().utf8)]
    }

    /// Prints the diagnostics of `result` and a one-line summary.
    static func report(_ result: CheckResult, options: SiteOptions, errors: (String) -> Void) {
        var printer = DiagnosticPrinter(files: .disk(root: options.site))
        let text = printer.format(result.diagnostics)
        if !text.isEmpty { errors(text) }
        let errorCount = result.diagnostics.filter { $0.severity == .error }.count
        let warningCount = result.diagnostics.count - errorCount
        let m = result.model
        errors("claimsite: \(m.engagements.count) engagements, \(m.customers.count) customers, \(m.claims.count) claims as of \(result.asOf): "
               + "\(errorCount) error\(errorCount == 1 ? "" : "s"), \(warningCount) warning\(warningCount == 1 ? "" : "s")\n")
    }
}
