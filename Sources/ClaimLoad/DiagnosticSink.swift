import ClaimModel

/// Collects the diagnostics of one file while it is decoded.
final class DiagnosticSink {
    /// The file's path relative to the site folder.
    let file: String
    private(set) var items: [Diagnostic] = []
    /// Records of this file that could not be read, as `KIND:ID`.
    private(set) var unreadable: [String] = []

    func markUnreadable(_ kind: String, _ id: String) { unreadable.append("\(kind):\(id)") }

    init(file: String) { self.file = file }

    func location(_ mark: Mark) -> SourceLocation {
        SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    func error(_ mark: Mark, _ message: String) { items.append(.error(location(mark), message)) }

    func warning(_ mark: Mark, _ message: String) { items.append(.warning(location(mark), message)) }

    /// A problem with the whole file.
    func fileError(_ message: String) { items.append(.error(SourceLocation(file: file), message)) }
}
