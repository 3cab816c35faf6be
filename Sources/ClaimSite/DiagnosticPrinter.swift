import ClaimLoad
import ClaimModel
import Foundation

/// Formats diagnostics the way compilers do: `FILE:LINE:COLUMN: error: MESSAGE`, followed by
/// the offending source line and a caret under the column, indented.
public struct DiagnosticPrinter {
    private let files: SiteFiles
    private var lines: [String: [Substring]] = [:]
    /// The scalars of the long lines quoted so far, by file and line number.
    private var longLines: [String: [Int: [Unicode.Scalar]]] = [:]

    /// A printer that quotes source lines read through `files`.
    public init(files: SiteFiles) { self.files = files }

    /// The text for `diagnostics`, one block each, ending with a newline (empty for none).
    public mutating func format(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for diagnostic in diagnostics {
            out += diagnostic.description + "\n"
            guard let location = diagnostic.location, location.line > 0,
                let line = sourceLine(location.file, location.line)
            else { continue }
            let (text, caret) =
                line.utf8.count <= DiagnosticPrinter.maxQuoted
                ? (String(line), location.column > 0 ? location.column - 1 : nil)
                : DiagnosticPrinter.excerpt(longLine(line, location.file, location.line), column: location.column)
            out += "    \(text.replacingOccurrences(of: "\t", with: " "))\n"
            if let caret {
                out += "    " + String(repeating: " ", count: caret) + "^\n"
            }
        }
        return out
    }

    /// The longest source line quoted whole, in Unicode scalars; a longer one (a minified JSON
    /// export on one line, say) is quoted around the column, so that each diagnostic prints a
    /// bounded amount (docs/input-format.md, Limits).
    static let maxQuoted = 160

    /// What to quote of `line` for a diagnostic at `column` (from 1, in Unicode scalars; 0 for
    /// none), and how many columns precede the caret (`nil`: no caret).
    static func excerpt(_ line: String, column: Int) -> (text: String, caret: Int?) {
        excerpt(Array(line.unicodeScalars), column: column)
    }

    static func excerpt(_ scalars: [Unicode.Scalar], column: Int) -> (text: String, caret: Int?) {
        guard scalars.count > maxQuoted else {
            return (String(String.UnicodeScalarView(scalars)), column > 0 ? column - 1 : nil)
        }
        let at = max(0, min(column - 1, scalars.count))
        let start = max(0, min(at - maxQuoted / 2, scalars.count - maxQuoted))
        let end = min(scalars.count, start + maxQuoted)
        let lead = start > 0 ? "…" : "", tail = end < scalars.count ? "…" : ""
        let text = lead + String(String.UnicodeScalarView(scalars[start..<end])) + tail
        return (text, column > 0 ? at - start + (start > 0 ? 1 : 0) : nil)
    }

    /// The scalars of a long line, made once for all the diagnostics on it.
    private mutating func longLine(_ line: Substring, _ file: String, _ number: Int) -> [Unicode.Scalar] {
        if let known = longLines[file]?[number] { return known }
        let scalars = Array(line.unicodeScalars)
        longLines[file, default: [:]][number] = scalars
        return scalars
    }

    /// The line without its line break and trailing spaces (not copied: a line may be a whole
    /// minified file).
    private mutating func sourceLine(_ file: String, _ number: Int) -> Substring? {
        if lines[file] == nil {
            // The text as the loader read it (LF line ends, no byte order mark), or for a file
            // that is not UTF-8, as the encoding it looks like, so the line quoted is legible.
            let text = (try? files.readData(file)).map(SourceText.quotable) ?? ""
            lines[file] = text.split(separator: "\n", omittingEmptySubsequences: false)
        }
        guard let all = lines[file], number <= all.count else { return nil }
        var line = all[number - 1]
        if line.hasSuffix("\r") { line = line.dropLast() }
        while line.last == " " { line = line.dropLast() }
        return line
    }
}
