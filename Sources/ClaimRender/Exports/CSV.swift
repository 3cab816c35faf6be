import Foundation
import OutputFiles

/// A CSV writer after RFC 4180: UTF-8 without a byte-order mark, a header row, records ended by
/// CRLF, a field quoted when it holds `,`, `"`, CR or LF (quotes inside doubled).
///
/// Values that a spreadsheet would read as a formula are neutralised first: a value starting
/// with `=`, `+`, `-`, `@`, TAB or CR gets a leading `'`, so Excel, LibreOffice and Google Sheets
/// show it as text instead of running it (OWASP "CSV injection").
public enum CSV {
    /// The first characters that make a spreadsheet read a cell as a formula.
    public static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `value` with a leading `'` when it starts like a formula, else unchanged.
    public static func neutralised(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, formulaStarts.contains(first) else { return value }
        return "'" + value
    }

    /// One field as written: neutralised, then quoted when it must be.
    public static func field(_ value: String) -> String {
        let text = neutralised(value)
        let needsQuotes = text.utf8.contains { b in
            b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\r") || b == UInt8(ascii: "\n")
        }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record: the fields joined by `,`, ended by CRLF. A field of a column in `numbers`
    /// that is a whole number (`-3`, `12`) is written as it is, so that a spreadsheet reads a
    /// number; every other field is neutralised and quoted as `field` says.
    public static func record(_ fields: [String], numbers: Set<Int> = []) -> String {
        fields.enumerated().map { i, value in
            numbers.contains(i) && isWholeNumber(value) ? value : field(value)
        }.joined(separator: ",") + "\r\n"
    }

    /// Whether `value` is an optional `-` followed by one or more ASCII digits.
    public static func isWholeNumber(_ value: String) -> Bool {
        let digits = value.utf8.first == UInt8(ascii: "-") ? value.utf8.dropFirst() : value.utf8[...]
        return !digits.isEmpty && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// Writes `path` into `sink` record by record: the header row, then `rows` (made one at a
    /// time as they are written); whole numbers in the columns `numbers` are written as numbers.
    public static func write<Rows: Sequence>(
        _ path: String, header: [String], rows: Rows, numbers: Set<Int> = [], to sink: OutputSink
    ) where Rows.Element == [String] {
        sink.stream(path) { out in
            out.append(record(header))
            for row in rows { out.append(record(row, numbers: numbers)) }
        }
    }

    /// A whole file: the header row, then every row, as UTF-8 bytes (no byte-order mark).
    /// Every row should have as many fields as the header.
    public static func document(header: [String], rows: [[String]]) -> Data {
        var text = record(header)
        for row in rows { text += record(row) }
        return Data(text.utf8)
    }
}
