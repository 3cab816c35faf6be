import ClaimLoad
import ClaimModel
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
