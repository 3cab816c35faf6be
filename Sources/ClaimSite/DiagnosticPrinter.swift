import Foundation
import ClaimLoad
import ClaimModel

/// Formats diagnostics the way compilers do: `FILE:LINE:COLUMN: error: MESSAGE`, followed by
/// the offending source line and a caret under the column, indented.
public struct DiagnosticPrinter {
    private let files: SiteFiles
    private var lines: [String: [Substring]] = [:]

    /// A printer that quotes source lines read through `files`.
    public init(files: SiteFiles) { self.files = files }

    /// The text for `diagnostics`, one block each, ending with a newline (empty for none).
    public mutating func format(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for diagnostic in diagnostics {
            out += diagnostic.description + "\n"
            guard let location = diagnostic.location, location.line > 0,
                  let line = sourceLine(location.file, location.line) else { continue }
            let text = line.replacingOccurrences(of: "\t", with: " ")
            out += "    \(text)\n"
            if location.column > 0 {
                out += "    " + String(repeating: " ", count: location.column - 1) + "^\n"
            }
        }
        return out
    }

    private mutating func sourceLine(_ file: String, _ number: Int) -> String? {
        if lines[file] == nil {
            // The text as the loader read it (LF line ends, no byte order mark), or for a file
            // that is not UTF-8, as the encoding it looks like, so the line quoted is legible.
            let text = (try? files.readData(file)).map(SourceText.quotable) ?? ""
            lines[file] = text.split(separator: "\n", omittingEmptySubsequences: false)
        }
        guard let all = lines[file], number <= all.count else { return nil }
        var line = all[number - 1]
        if line.hasSuffix("\r") { line = line.dropLast() }
        return line.trimmingTrailingSpaces()
    }
}

private extension Substring {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
