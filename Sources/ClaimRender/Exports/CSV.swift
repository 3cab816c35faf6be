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
        var bytes: [UInt8] = []
        append(field: value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One record: the fields joined by `,`, ended by CRLF. A field of a column in `numbers`
    /// that is a whole number (`-3`, `12`) is written as it is, so that a spreadsheet reads a
    /// number; every other field is neutralised and quoted as `field` says.
    public static func record(_ fields: [String], numbers: Set<Int> = []) -> String {
        var bytes: [UInt8] = []
        append(record: fields, numbers: numbers, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `record(fields, numbers:)` appended to `out` as UTF-8 bytes.
    public static func append(record fields: [String], numbers: Set<Int> = [], to out: inout [UInt8]) {
        for (i, value) in fields.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            if !numbers.isEmpty && numbers.contains(i) && isWholeNumber(value) {
                out.append(contentsOf: value.utf8)
            } else {
                append(field: value, to: &out)
            }
        }
        out.append(contentsOf: [0x0D, 0x0A])
    }

    /// `field(value)` appended to `out` as UTF-8 bytes.
    static func append(field value: String, to out: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            // Every formula start is ASCII, so a value starts with one exactly when its first
            // byte is that character.
            let formula = bytes.first.map { formulaStartBytes.contains($0) } ?? false
            let quoted = bytes.contains { b in b == 0x2C || b == 0x22 || b == 0x0D || b == 0x0A }
            if quoted { out.append(0x22) }
            if formula { out.append(UInt8(ascii: "'")) }
            if quoted {
                for b in bytes {
                    if b == 0x22 { out.append(0x22) }
                    out.append(b)
                }
                out.append(0x22)
            } else {
                out.append(contentsOf: bytes)
            }
        }
    }

    /// `formulaStarts` as bytes.
    static let formulaStartBytes: [UInt8] = formulaStarts.map { UInt8($0.value) }

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
            for row in rows { out.append(made: { append(record: row, numbers: numbers, to: &$0) }) }
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
