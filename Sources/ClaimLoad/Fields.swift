import ClaimModel
import Foundation

/// Reads the fields of one mapping into typed values, reporting every problem as a
/// diagnostic at the value (wrong type, bad date, unknown enum), at the key (unknown field,
/// duplicate key) or at the mapping's start (missing required field).
///
/// Getters return `nil` when a value is absent or invalid; `isValid` tells whether any
/// required field was missing or any value was wrong, so the caller can drop the record.
final class Fields {
    let sink: DiagnosticSink
    /// How the record is named in messages, for example `claim MCI-000123`.
    var what: String
    let start: Mark
    private let entries: [MappingEntry]
    /// Entry positions by key (the first of a repeated key), for a mapping of more than
    /// `Fields.linearLimit` entries; a smaller one is searched in order (a record has a few
    /// dozen fields, and a site a hundred thousand records).
    private var index: [String: Int]?
    private let known: [String]
    /// Key-path prefix for recorded positions (`"events.2."`).
    private let prefix: String
    /// Where recorded positions go; shared with nested readers of the same record.
    let recorder: PositionRecorder
    /// False once a required field was missing or a value was invalid.
    private(set) var isValid = true
    /// The record the fields belong to: the diagnostics concern it, and an invalid record is
    /// remembered as unreadable on `finish()`.
    var record: RecordRef?

    /// A reader over `node`, or `nil` (with an error) when `node` is not a mapping.
    init?(
        _ node: Node, what: String, known: [String], sink: DiagnosticSink,
        prefix: String = "", recorder: PositionRecorder? = nil, record: RecordRef? = nil
    ) {
        guard case .mapping(let entries, let mark) = node else {
            sink.error(
                .wrongType, node.mark, record: record,
                "\(what) must be a mapping of fields, not \(node.kindDescription)")
            return nil
        }
        self.sink = sink
        self.what = what
        self.start = mark
        self.entries = entries
        self.known = known
        self.prefix = prefix
        self.recorder = recorder ?? PositionRecorder(start: sink.location(mark))
        self.record = record
        if entries.count > Fields.linearLimit {
            var index: [String: Int] = [:]
            for (i, entry) in entries.enumerated() where index[entry.key.text] == nil { index[entry.key.text] = i }
            self.index = index
        }
    }

    /// The most entries a mapping has that is searched in order rather than through `index`.
    static let linearLimit = 24

    /// The position of the first entry with `key`.
    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        for i in entries.indices where entries[i].key.text == key { return i }
        return nil
    }

    /// Names the record in messages (`claim MCI-1`) and remembers its ID in case it is invalid.
    func identify(_ kind: RecordKind, _ id: String) {
        what = "\(kind.rawValue) \(id)"
        record = RecordRef(kind, id)
    }

    /// Reports duplicate keys and keys that are not among the known fields (suggesting the
    /// closest known name), and remembers the record as unreadable when it is invalid.
    func finish() {
        for (i, entry) in entries.enumerated() where position(of: entry.key.text) != i {
            let first = entries[position(of: entry.key.text)!].key.mark.line
            sink.error(
                .duplicateKey, entry.key.mark, record: record,
                "\(what): duplicate key '\(entry.key.text)' (first at line \(first)); remove one")
        }
        if !isValid, let record { sink.markUnreadable(record) }
        for entry in entries where !known.contains(entry.key.text) {
            let hint = Suggestion.didYouMean(entry.key.text, in: known)
            let fix = hint.isEmpty ? "; known fields: \(known.joined(separator: ", "))" : hint
            sink.error(
                .unknownField, entry.key.mark, record: record, "\(what): unknown field '\(entry.key.text)'\(fix)")
        }
    }

    /// Marks the record invalid and reports `message` at `mark`.
    func fail(_ code: DiagnosticCode, _ mark: Mark, _ message: String) {
        isValid = false
        sink.error(code, mark, record: record, message)
    }

    /// Reports a warning about the record at `mark`.
    func warn(_ code: DiagnosticCode, _ mark: Mark, _ message: String) {
        sink.warning(code, mark, record: record, message)
    }

    /// Marks the record invalid without a new message (a nested reader already reported).
    func invalidate() { isValid = false }

    // MARK: raw access

    /// The value for `key`, or `nil` when absent or null; reports a missing required field.
    func node(_ key: String, required: Bool = false) -> Node? {
        guard let i = position(of: key), !entries[i].value.isNull else {
            if required { fail(.missingField, start, "\(what): missing required field '\(key)'; add it") }
            return nil
        }
        let value = entries[i].value
        recorder.record(prefix + key, sink.location(value.mark))
        return value
    }

    /// The position of `key`'s value, or of the record when absent.
    func mark(of key: String) -> Mark {
        guard let i = position(of: key) else { return start }
        return entries[i].value.mark
    }

    /// The position of `key` itself, or of the record when absent.
    func keyMark(of key: String) -> Mark {
        guard let i = position(of: key) else { return start }
        return entries[i].key.mark
    }

    /// Whether the mapping has `key` with a non-null value.
    func has(_ key: String) -> Bool {
        guard let i = position(of: key) else { return false }
        return !entries[i].value.isNull
    }

    // MARK: typed values

    /// Text, including a number written without quotes (kept as written).
    func text(_ key: String, required: Bool = false) -> String? {
        guard let value = node(key, required: required) else { return nil }
        return scalarText(value, field: key)
    }

    func scalarText(_ value: Node, field: String) -> String? {
        guard case .scalar(let s) = value, s.style != .jsonBool else {
            fail(.wrongType, value.mark, "\(what): '\(field)' must be text, not \(value.kindDescription)")
            return nil
        }
        return s.text
    }

    /// `true` or `false` only; `yes`, `no`, `on` and `off` are refused.
    func bool(_ key: String, required: Bool = false) -> Bool? {
        guard let value = node(key, required: required) else { return nil }
        if case .scalar(let s) = value, s.style == .plain || s.style == .jsonBool {
            switch s.text {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default: break
            }
        }
        fail(
            .notABoolean, value.mark,
            "\(what): '\(key)' must be true or false, not \(value.kindDescription); use true or false")
        return nil
    }

    /// A whole number from `minimum` to `maximum`.
    func int(_ key: String, required: Bool = false, minimum: Int = 0, maximum: Int = .max) -> Int? {
        guard let value = node(key, required: required) else { return nil }
        return intValue(value, field: key, minimum: minimum, maximum: maximum)
    }

    func intValue(_ value: Node, field: String, minimum: Int = 0, maximum: Int = .max) -> Int? {
        if case .scalar(let s) = value, s.style != .jsonBool, let n = Int(s.text) {
            guard n >= minimum else {
                fail(.valueOutOfRange, value.mark, "\(what): '\(field)' must be at least \(minimum), not \(n)")
                return nil
            }
            guard n <= maximum else {
                fail(.valueOutOfRange, value.mark, "\(what): '\(field)' must be at most \(maximum), not \(n)")
                return nil
            }
            return n
        }
        // Digits that do not fit in a whole number (64 bits) are out of range, not of the wrong type.
        if case .scalar(let s) = value, s.style != .jsonBool, Fields.isWholeNumber(s.text) {
            let negative = s.text.hasPrefix("-")
            let limit = negative ? "at least \(max(minimum, Int.min))" : "at most \(Int.max)"
            fail(
                .valueOutOfRange, value.mark,
                """
                \(what): '\(field)' is too \(negative ? "small" : "large"): \(Fields.shown(s.text)) (it must be \
                \(limit))
                """
            )
            return nil
        }
        fail(.wrongType, value.mark, "\(what): '\(field)' must be a whole number, not \(value.kindDescription)")
        return nil
    }

    /// A non-negative decimal amount (a number or a string of one); never binary floating point.
    func decimal(_ key: String, required: Bool = false) -> Decimal? {
        guard let value = node(key, required: required) else { return nil }
        guard case .scalar(let s) = value, s.style != .jsonBool, Fields.isDecimalNumber(s.text) else {
            fail(
                .wrongType, value.mark,
                "\(what): '\(key)' must be a decimal number such as 5000 or 1234.50, not \(value.kindDescription)")
            return nil
        }
        // Written right, but with more digits than a decimal holds exactly: it would be rounded.
        guard Fields.significantDigits(s.text) <= Fields.maximumDigits, let amount = Fields.parseDecimal(s.text) else {
            fail(
                .valueOutOfRange, value.mark,
                """
                \(what): '\(key)' has too many digits to be held exactly (\(Fields.shown(s.text))); round it to \
                at most \(Fields.maximumDigits) significant digits
                """
            )
            return nil
        }
        guard amount >= 0 else {
            fail(.negativeAmount, value.mark, "\(what): '\(key)' must not be negative (\(s.text))")
            return nil
        }
        return amount
    }

    /// A calendar day written `YYYY-MM-DD`.
    func day(_ key: String, required: Bool = false) -> Day? {
        guard let value = node(key, required: required) else { return nil }
        guard case .scalar(let s) = value, s.style != .jsonBool else {
            fail(.wrongType, value.mark, "\(what): '\(key)' must be a date (YYYY-MM-DD), not \(value.kindDescription)")
            return nil
        }
        switch Day.parse(s.text) {
        case .success(let day): return day
        case .failure(let problem):
            fail(.invalidDate, value.mark, "\(what): \(problem.message(for: s.text))")
            return nil
        }
    }

    /// One of an enumeration's raw values; an unknown one suggests the closest.
    func enumValue<E: RawRepresentable & CaseIterable>(
        _ key: String, _ type: E.Type, required: Bool = false,
        noun: String? = nil
    ) -> E? where E.RawValue == String {
        guard let value = node(key, required: required) else { return nil }
        return enumOf(value, type, noun: noun ?? key)
    }

    func enumOf<E: RawRepresentable & CaseIterable>(_ value: Node, _ type: E.Type, noun: String) -> E?
    where E.RawValue == String {
        let names = E.allCases.map(\.rawValue)
        guard case .scalar(let s) = value, s.style != .jsonBool else {
            fail(
                .wrongType, value.mark,
                "\(what): '\(noun)' must be one of \(names.joined(separator: ", ")), not \(value.kindDescription)")
            return nil
        }
        if let result = E(rawValue: s.text) { return result }
        let hint = Suggestion.didYouMean(s.text, in: names)
        fail(
            .unknownValue, value.mark,
            "\(what): unknown \(noun) '\(s.text)'\(hint) (one of \(names.joined(separator: ", ")))")
        return nil
    }

    /// A list; a single value where a list is expected is an error.
    func list(_ key: String, required: Bool = false) -> [Node]? {
        guard let value = node(key, required: required) else { return nil }
        guard case .sequence(let items, _) = value else {
            fail(
                .wrongType, value.mark,
                "\(what): '\(key)' must be a list (for example [a, b]), not \(value.kindDescription)")
            return nil
        }
        return items
    }

    /// A list of texts; positions are recorded as `key.N`.
    func textList(_ key: String, required: Bool = false) -> [String]? {
        guard let items = list(key, required: required) else { return nil }
        var result: [String] = []
        for (i, item) in items.enumerated() {
            guard let text = scalarText(item, field: "\(key)[\(i)]") else { continue }
            recorder.record("\(prefix)\(key).\(i)", sink.location(item.mark))
            result.append(text)
        }
        return result
    }

    /// A list of enumeration values.
    func enumList<E: RawRepresentable & CaseIterable>(
        _ key: String, _ type: E.Type, noun: String,
        required: Bool = false
    ) -> [E]? where E.RawValue == String {
        guard let items = list(key, required: required) else { return nil }
        var result: [E] = []
        for (i, item) in items.enumerated() {
            recorder.record("\(prefix)\(key).\(i)", sink.location(item.mark))
            if let value = enumOf(item, type, noun: noun) { result.append(value) }
        }
        return result
    }

    /// A nested mapping read with its own known fields; positions go to `key.FIELD`.
    func nested(_ key: String, what: String, known: [String], required: Bool = false) -> Fields? {
        guard let value = node(key, required: required) else { return nil }
        guard
            let fields = Fields(
                value, what: what, known: known, sink: sink,
                prefix: "\(prefix)\(key).", recorder: recorder, record: record)
        else {
            invalidate()
            return nil
        }
        return fields
    }

    /// Finishes a nested reader and carries its validity into this one.
    func absorb(_ child: Fields) {
        child.finish()
        if !child.isValid { invalidate() }
    }

    // MARK: helpers

    /// The most significant digits an amount may have: what `Decimal` holds exactly (38).
    static let maximumDigits = 38

    /// Whether `text` is `[+-]digits`.
    static func isWholeNumber(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// Whether `text` has the form `parseDecimal` accepts.
    static func isDecimalNumber(_ text: String) -> Bool {
        var sawDigit = false, sawPoint = false, digitAfterPoint = true
        for (i, c) in text.utf8.enumerated() {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                if sawPoint { digitAfterPoint = true }
            case UInt8(ascii: "."):
                guard !sawPoint, sawDigit else { return false }
                sawPoint = true
                digitAfterPoint = false
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                guard i == 0 else { return false }
            default:
                return false
            }
        }
        return sawDigit && digitAfterPoint
    }

    /// The digits of a decimal number from its first non-zero digit to its last non-zero one
    /// (`001200.50` has 5: `12005`).
    static func significantDigits(_ text: String) -> Int {
        let digits = text.utf8.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard let first = digits.firstIndex(where: { $0 != UInt8(ascii: "0") }),
            let last = digits.lastIndex(where: { $0 != UInt8(ascii: "0") })
        else { return 0 }
        return last - first + 1
    }

    /// A value as a message shows it: at most 40 characters, longer ones cut with `…`.
    static func shown(_ text: String) -> String { shortened(text) }

    /// Parses `-?digits(.digits)?` (a leading `+` allowed) exactly, or returns `nil`.
    static func parseDecimal(_ text: String) -> Decimal? {
        guard isDecimalNumber(text) else { return nil }
        let plain = text.hasPrefix("+") ? String(text.dropFirst()) : text
        return Decimal(string: plain, locale: Locale(identifier: "en_US_POSIX"))
    }
}

/// Collects the positions of one record's values by key path.
final class PositionRecorder {
    private var building: SourceMap
    /// The positions recorded, in storage of their size.
    var map: SourceMap { building.compacted() }

    init(start: SourceLocation) { building = SourceMap(start: start) }

    func record(_ path: String, _ location: SourceLocation) {
        building.record(path, line: location.line, column: location.column)
    }
}
