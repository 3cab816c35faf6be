import ClaimModel
import Foundation

/// A list of prospects for `claimsite nominate --ids FILE.csv` (docs/nominate.md): CSV after
/// RFC 4180, UTF-8, header row `type,value,emailDomain` (the last column may be empty or left
/// out on a row). Each row is one ID; a bad row is reported and the others are still read.
public enum ProspectList {
    /// One prospect, with the line its row starts on.
    public struct Row: Hashable, Sendable {
        /// The line of the row (1-based; the header is line 1).
        public var line: Int
        /// The ID to check.
        public var id: TypedID
        /// The customer's email domain, when given.
        public var emailDomain: String?
    }

    /// A row that could not be read.
    public struct Problem: Hashable, Sendable {
        /// The line it starts on.
        public var line: Int
        /// What is wrong and how to fix it.
        public var message: String
    }

    /// The header the file must start with.
    public static let header = ["type", "value", "emailDomain"]

    /// The rows of `data` and the problems of the rows that could not be read. A file that is
    /// not UTF-8 or whose header is wrong gives only a problem.
    public static func read(_ data: Data) -> (rows: [Row], problems: [Problem]) {
        let text: String
        switch SourceText.decode(data) {
        case .success(let decoded): text = decoded
        case .failure(let notUTF8): return ([], [Problem(line: notUTF8.mark.line, message: notUTF8.message)])
        }
        let records = split(text)
        guard let first = records.first else {
            return (
                [], [Problem(line: 1, message: "the file is empty; it needs the header row type,value,emailDomain")]
            )
        }
        if let problem = first.problem { return ([], [Problem(line: first.line, message: problem)]) }
        let names = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        guard names == header || names == Array(header.prefix(2)) else {
            return (
                [],
                [
                    Problem(
                        line: first.line,
                        message:
                            """
                            the header row is '\(first.fields.joined(separator: ","))'; it must be \
                            type,value,emailDomain
                            """
                    )
                ]
            )
        }
        var rows: [Row] = []
        var problems: [Problem] = []
        for record in records.dropFirst() {
            if let problem = record.problem {
                problems.append(Problem(line: record.line, message: problem))
                continue
            }
            let fields = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            if fields.allSatisfy(\.isEmpty) { continue }  // a blank line
            guard fields.count == 2 || fields.count == 3 else {
                problems.append(
                    Problem(
                        line: record.line,
                        message: "the row has \(fields.count) fields; it needs type,value and optionally emailDomain"))
                continue
            }
            switch TypedID.make(type: fields[0], value: fields[1]) {
            case .failure(let problem):
                problems.append(Problem(line: record.line, message: problem.message))
            case .success(let id):
                let domain = fields.count == 3 && !fields[2].isEmpty ? fields[2] : nil
                rows.append(Row(line: record.line, id: id, emailDomain: domain))
            }
        }
        return (rows, problems)
    }

    struct Record {
        var line: Int
        var fields: [String]
        var problem: String?
    }

    /// Splits `text` into records: fields separated by `,`, records by CRLF or LF, a quoted
    /// field may hold those and doubled quotes. A quote left open is a problem of its record.
    static func split(_ text: String) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1, start = 1
        var quoted = false, wasQuoted = false, problem: String?
        var scalars = Array(text.unicodeScalars)[...]
        func endRecord() {
            fields.append(field)
            records.append(Record(line: start, fields: fields, problem: problem))
            fields = []; field = ""; problem = nil; wasQuoted = false
        }
        while let c = scalars.popFirst() {
            if quoted {
                if c == "\"" {
                    if scalars.first == "\"" {
                        scalars.removeFirst(); field.unicodeScalars.append("\"")
                    } else {
                        quoted = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                if field.isEmpty && !wasQuoted {
                    quoted = true; wasQuoted = true
                } else if problem == nil {
                    problem = "a quote inside an unquoted field; quote the whole field and double the quote (\"\")"
                }
            case ",":
                fields.append(field); field = ""; wasQuoted = false
            case "\r":
                if scalars.first == "\n" { scalars.removeFirst() }
                line += 1; endRecord(); start = line
            case "\n":
                line += 1; endRecord(); start = line
            default:
                if wasQuoted, problem == nil {
                    problem = "text after a closing quote; quote the whole field and double quotes inside it (\"\")"
                }
                field.unicodeScalars.append(c)
            }
        }
        if quoted { problem = "a quoted field is not closed; add the closing quote" }
        if !field.isEmpty || !fields.isEmpty || quoted || wasQuoted { endRecord() }
        return records
    }
}
