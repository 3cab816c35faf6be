import ClaimModel
import Foundation

/// Collects the diagnostics of one file while it is decoded.
package final class DiagnosticSink {
    /// The file's path relative to the site folder.
    package let file: String
    /// The record every diagnostic of this file concerns when the decoder names none (the
    /// site for `site.yaml`).
    package let fileRecord: RecordRef?
    package private(set) var items: [Diagnostic] = []
    /// Records of this file that could not be read, as `KIND:ID`.
    package private(set) var unreadable: [String] = []

    package func markUnreadable(_ record: RecordRef) { unreadable.append("\(record.kind.rawValue):\(record.id)") }

    /// Marks every record of a kind unreadable (`KIND:*`): the file that holds them could not be
    /// read as a whole. `kind` is a `RecordKind`'s raw value, or `directory` or `eligibility`.
    package func markAllUnreadable(_ kind: String) { unreadable.append("\(kind):*") }

    /// Marks one entry of a map file unreadable, as `KIND:KEY` (`eligibility:ws`).
    package func markUnreadable(_ kind: String, _ key: String) { unreadable.append("\(kind):\(key)") }

    package init(file: String, record: RecordRef? = nil) {
        self.file = file
        self.fileRecord = record
    }

    package func location(_ mark: Mark) -> SourceLocation {
        SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    package func error(_ code: DiagnosticCode, _ mark: Mark, record: RecordRef? = nil, _ message: String) {
        items.append(.error(code, at: location(mark), record: record ?? fileRecord, message))
    }

    package func warning(_ code: DiagnosticCode, _ mark: Mark, record: RecordRef? = nil, _ message: String) {
        items.append(.warning(code, at: location(mark), record: record ?? fileRecord, message))
    }

    /// A file whose bytes could not be read, or are not UTF-8 (`SourceText`): `not-utf8` at the
    /// first bad byte, `link-outside-site` for a link out of the site, else `unreadable-file` for
    /// the whole file.
    package func readFailure(_ failure: any Error, record: RecordRef? = nil) {
        if let notUTF8 = failure as? NotUTF8 {
            error(.notUTF8, notUTF8.mark, record: record, notUTF8.message)
        } else if let link = failure as? SiteFiles.LinkOutsideSite {
            // Exactly what SiteCheck says of every link out of the site, so the two are one
            // diagnostic once sorted (docs/input-format.md, Links).
            items.append(.error(.linkOutsideSite, at: SourceLocation(file: file), record: .site, link.description))
        } else {
            items.append(
                .error(
                    .unreadableFile, at: SourceLocation(file: file), record: record ?? fileRecord,
                    DiagnosticSink.readProblem(failure)))
        }
    }

    /// Why a file could not be read, and what to do (docs/diagnostics.md, `unreadable-file`).
    package static func readProblem(_ failure: any Error) -> String {
        switch (failure as? CocoaError)?.code {
        case .fileReadNoSuchFile?, .fileNoSuchFile?:
            // Listed in its folder but not there: a link to a file that does not exist.
            return
                """
                cannot read the file: it does not exist (is it a link to a missing file?); restore the file or \
                remove the name
                """
        case .fileReadNoPermission?:
            return "cannot read the file: permission denied; make it readable (chmod a+r)"
        default:
            return "cannot read the file (\(failure.localizedDescription)); make it a readable file or remove it"
        }
    }

    /// A problem with the whole file.
    package func fileError(_ code: DiagnosticCode, _ message: String) {
        items.append(.error(code, at: SourceLocation(file: file), record: fileRecord, message))
    }
}
