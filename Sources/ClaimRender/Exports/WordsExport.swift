import ClaimModel
import ClaimRules
import OutputFiles

/// `assets/words.js`: the words of the portal's scripts in the build's language (docs/output.md,
/// Scripts and their words): the table filters' values by code, the tables', the search's and
/// the snapshot notice's words. One file for the whole site, loaded by every page before the
/// scripts, so that no page repeats them (they were a kilobyte of attributes on every page).
enum WordsExport {
    static let path = "assets/words.js"

    /// The catalogue keys of each script's words, by the name the script asks for.
    static let scriptWords: [(script: String, words: [(name: String, key: String)])] = [
        (
            "search",
            [
                ("claim", "page.search.kindClaim"), ("customer", "page.search.kindCustomer"),
                ("none", "page.search.none"), ("one", "page.search.one"), ("many", "page.search.many"),
                ("first-of", "page.search.firstOf"), ("first-of-more", "page.search.firstOfMore"),
            ]
        ),
        (
            "snapshot",
            [("notice", "page.snapshot.notice"), ("one", "page.snapshot.one"), ("many", "page.snapshot.many")]
        ),
        (
            "tables",
            [
                ("status", "page.col.status"), ("action", "page.col.action"), ("location", "page.col.location"),
                ("window", "page.col.deadline"), ("pay", "page.col.pay"), ("reason", "page.col.reason"),
                ("owner", "page.col.owner"), ("payment", "page.col.payment"), ("filter", "page.table.filter"),
                ("the-table", "page.table.theTable"), ("all", "page.table.all"),
                ("showing-all", "page.table.showingAll"), ("showing", "page.table.showing"),
                ("filters", "page.table.filters"),
            ]
        ),
    ]

    /// The words of every status, action, reason, payment state, pay kind, deadline window and
    /// location, by facet and code: what the filter menus show for the codes rows carry.
    static func filterValues(_ site: PortalContexts) -> JSONValue {
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

    /// Everything the file holds: `filterValues`, then each script's words by name.
    static func words(_ site: PortalContexts) -> JSONValue {
        var all = JSONObject()
        all["filterValues"] = filterValues(site)
        for (script, words) in scriptWords {
            var object = JSONObject()
            for (name, key) in words { object[name] = .string(site.speech.text(key)) }
            all[script] = .object(object)
        }
        return .object(all)
    }

    /// Writes the file: a script that sets `window.ClaimSiteWords`, which the other scripts read.
    static func write(_ site: PortalContexts, to sink: OutputSink) {
        var bytes = Array("/* The words of the portal's scripts (docs/output.md, Scripts and their words). */\n".utf8)
        bytes += Array("window.ClaimSiteWords = ".utf8)
        bytes += words(site).compactBytes()
        bytes += Array(";\n".utf8)
        sink.put(path, bytes)
    }
}
