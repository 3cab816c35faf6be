/// How serious a problem is: errors fail the command, warnings do not.
public enum Severity: String, Sendable, Hashable, Comparable {
    case error
    case warning

    public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
}

/// One problem found in the input, with where it is, what it is (a stable `code`), the record
/// it concerns, and what to do about it. Code never reads `message`: it is for people.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// Error or warning.
    public var severity: Severity
    /// What kind of problem it is (see `docs/diagnostics.md`).
    public var code: DiagnosticCode
    /// Where the problem is; `nil` for a problem with no file (printed as `claimsite:`).
    public var location: SourceLocation?
    /// The record the problem concerns, where there is one.
    public var record: RecordRef?
    /// One sentence naming the record, the rule and the fix.
    public var message: String

    /// A diagnostic of the given severity.
    public init(
        _ severity: Severity, _ code: DiagnosticCode, at location: SourceLocation?, record: RecordRef? = nil,
        _ message: String
    ) {
        self.severity = severity
        self.code = code
        self.location = location
        self.record = record
        self.message = message
    }

    /// An error at `location`.
    public static func error(
        _ code: DiagnosticCode, at location: SourceLocation?, record: RecordRef? = nil,
        _ message: String
    ) -> Diagnostic {
        Diagnostic(.error, code, at: location, record: record, message)
    }

    /// A warning at `location`.
    public static func warning(
        _ code: DiagnosticCode, at location: SourceLocation?, record: RecordRef? = nil,
        _ message: String
    ) -> Diagnostic {
        Diagnostic(.warning, code, at: location, record: record, message)
    }

    /// Exact repeats are equal: the message compares by its bytes, as the record's ID and the
    /// file do (two messages about IDs that differ only in Unicode normalisation are two).
    public static func == (a: Diagnostic, b: Diagnostic) -> Bool {
        a.severity == b.severity && a.code == b.code && a.location == b.location && a.record == b.record
            && a.message.sameUTF8(b.message)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(severity)
        hasher.combine(code)
        hasher.combine(location)
        hasher.combine(record)
        hasher.combine(ByteKey(message))
    }

    /// `FILE:LINE:COLUMN: error: MESSAGE` (or `claimsite: error: MESSAGE` without a file).
    public var description: String {
        "\(location?.description ?? "claimsite"): \(severity.rawValue): \(message)"
    }
}

extension Array where Element == Diagnostic {
    /// Sorted by file, line, column, then errors before warnings, then message, code and record; exact repeats
    /// dropped. Diagnostics without a file come first.
    public func sortedForOutput() -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        let unique = filter { seen.insert($0).inserted }
        return unique.sorted { (a: Diagnostic, b: Diagnostic) -> Bool in
            switch (a.location, b.location) {
            case (nil, .some): return true
            case (.some, nil): return false
            case let (la?, lb?) where la != lb: return la < lb
            default: break
            }
            if a.severity != b.severity { return a.severity < b.severity }
            if !a.message.sameUTF8(b.message) { return a.message.precedesByUTF8(b.message) }
            if a.code != b.code { return a.code < b.code }
            return (a.record?.description ?? "").precedesByUTF8(b.record?.description ?? "")
        }
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
