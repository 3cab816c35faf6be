import ClaimModel
import Foundation

/// Chooses the as-of date (docs/input-format.md): `--as-of`, else `site.yaml` `asOf`, else the
/// UTC day of `SOURCE_DATE_EPOCH`, else today (UTC).
public enum AsOfDate {
    /// Where the as-of date came from.
    public enum Origin: String, Sendable {
        case commandLine = "--as-of"
        case siteSettings = "site.yaml asOf"
        case sourceDateEpoch = "SOURCE_DATE_EPOCH"
        case today = "today (UTC)"
    }

    /// The as-of day, where it came from, and a warning when `SOURCE_DATE_EPOCH` is malformed.
    public static func resolve(
        option: Day?, settings: Day?, environment: [String: String],
        now: Date
    ) -> (day: Day, origin: Origin, diagnostics: [Diagnostic]) {
        if let option { return (option, .commandLine, []) }
        if let settings { return (settings, .siteSettings, []) }
        var diagnostics: [Diagnostic] = []
        if let epoch = environment["SOURCE_DATE_EPOCH"] {
            if let seconds = Int64(epoch.trimmingCharacters(in: .whitespaces)), seconds >= 0 {
                return (Day(unixSeconds: seconds), .sourceDateEpoch, [])
            }
            diagnostics.append(
                .warning(
                    .invalidSourceDateEpoch, at: nil, record: .site,
                    """
                    SOURCE_DATE_EPOCH '\(epoch)' is not a number of seconds since 1970; it is ignored and today \
                    is used
                    """
                ))
        }
        return (Day(unixSeconds: Int64(now.timeIntervalSince1970.rounded(.down))), .today, diagnostics)
    }
}
