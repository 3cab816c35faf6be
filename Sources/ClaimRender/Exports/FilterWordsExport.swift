import ClaimModel
import ClaimRules
import OutputFiles

/// `assets/filter-words.js`: the words of the table filters' values in the build's language,
/// by their codes (docs/output.md, Filters and sorting). Rows carry codes, the same in every
/// language, so that a bookmarked view works in either portal; the filter menus show these
/// words. One file for the whole site, so that no page repeats them.
enum FilterWordsExport {
    static let path = "assets/filter-words.js"

    /// The words of every status, action, reason, payment state, pay kind, deadline window and
    /// location, by facet and code.
    static func words(_ site: PortalContexts) -> JSONValue {
        let speech = site.speech
        func object(_ pairs: [(String, String)]) -> JSONValue {
            var object = JSONObject()
            for (code, word) in pairs { object[code] = .string(word) }
            return .object(object)
        }
        return .object([
            "status": object(ClaimStatus.allCases.map { ($0.rawValue, speech.status($0)) }),
            "action": object(ClaimAction.allCases.map { ($0.rawValue, speech.action($0)) }),
            "reason": object(IneligibleReason.allCases.map { ($0.rawValue, speech.reason($0)) }),
            "payment": object(PaymentState.allCases.map { ($0.rawValue, speech.text("page.totals.\($0.rawValue)")) }),
            "pay": object(PayKind.allCases.map { ($0.rawValue, site.payShort($0)) }),
            "window": object(["dueSoon", "later", "none"].map { ($0, speech.text("page.window.\($0)")) }),
            "location": object(site.locations.map { ($0.id, "\($0.name) (\($0.id))") }),
        ])
    }

    /// Writes the file: a script that sets `window.ClaimSiteFilterWords`, which `assets/tables.js` reads.
    static func write(_ site: PortalContexts, to sink: OutputSink) {
        var bytes = Array(
            "/* The words of the table filters' values, by code (docs/output.md, Filters and sorting). */\n"
                .utf8)
        bytes += Array("window.ClaimSiteFilterWords = ".utf8)
        bytes += words(site).compactBytes()
        bytes += Array(";\n".utf8)
        sink.put(path, bytes)
    }
}
