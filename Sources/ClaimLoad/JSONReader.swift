/// Reads JSON (RFC 8259) into a positioned `Node` tree.
///
/// Numbers keep their literal text, so an ID written as a number reads as it was written.
/// Columns count Unicode scalars, like the YAML reader's.
public enum JSONReader {
    /// Parses `text`; an empty text gives `nil`.
    public static func read(_ text: String) throws(SyntaxError) -> Node? {
        var parser = JSONParser(bytes: Array(text.utf8))
        parser.skipWhitespace()
        if parser.atEnd { return nil }
        let node = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.atEnd else { throw parser.error("unexpected text after the JSON value") }
        return node
    }
}

private struct JSONParser {
    let bytes: [UInt8]
    var index = 0
    var line = 1
    var lineStart = 0
    /// A cached column: `column` scalars precede byte `columnIndex` on the current line.
    var columnIndex = 0
    var column = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
        // Skip a UTF-8 byte order mark.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3; lineStart = 3; columnIndex = 3 }
    }

    var atEnd: Bool { index >= bytes.count }

    mutating func mark() -> Mark {
        if columnIndex < lineStart { columnIndex = lineStart; column = 1 }
        while columnIndex < index {
            if bytes[columnIndex] & 0xC0 != 0x80 { column += 1 }
            columnIndex += 1
        }
        return Mark(line: line, column: column)
    }

    mutating func error(_ message: String) -> SyntaxError {
        SyntaxError(message: "JSON syntax error: \(message)", mark: mark())
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A: index += 1; line += 1; lineStart = index
            default: return
            }
        }
    }

    mutating func value(depth: Int) throws(SyntaxError) -> Node {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of file; a value is missing") }
        let start = mark()
        switch bytes[index] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            // `depth` containers enclose this one (docs/input-format.md, Limits).
            guard depth < ReaderLimits.maxDepth else {
                throw SyntaxError(
                    message:
                        "arrays and objects nested more than \(ReaderLimits.maxDepth) levels deep; flatten the data",
                    mark: start, kind: .tooDeep)
            }
            return bytes[index] == UInt8(ascii: "{") ? try object(start, depth: depth) : try array(start, depth: depth)
        case UInt8(ascii: "\""): return .scalar(Scalar(text: try string(), style: .jsonString, mark: start))
        case UInt8(ascii: "t"): try literal("true"); return .scalar(Scalar(text: "true", style: .jsonBool, mark: start))
        case UInt8(ascii: "f"):
            try literal("false"); return .scalar(Scalar(text: "false", style: .jsonBool, mark: start))
        case UInt8(ascii: "n"): try literal("null"); return .scalar(Scalar(text: "null", style: .jsonNull, mark: start))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .scalar(Scalar(text: try number(), style: .jsonNumber, mark: start))
        default:
            throw error("unexpected character '\(Unicode.Scalar(bytes[index]))'; expected a value")
        }
    }

    mutating func literal(_ word: String) throws(SyntaxError) {
        let w = Array(word.utf8)
        guard index + w.count <= bytes.count, Array(bytes[index..<index + w.count]) == w else {
            throw error("unexpected text; expected '\(word)' (text must be in double quotes)")
        }
        index += w.count
    }

    mutating func object(_ start: Mark, depth: Int) throws(SyntaxError) -> Node {
        index += 1
        var entries: [MappingEntry] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .mapping(entries, start) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error(atEnd ? "unexpected end of file inside an object" : "expected a key in double quotes")
            }
            let keyMark = mark()
            let key = try string()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("expected ':' after the key")
            }
            index += 1
            let value = try value(depth: depth + 1)
            entries.append(MappingEntry(key: Scalar(text: key, style: .jsonString, mark: keyMark), value: value))
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of file; expected ',' or '}'") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .mapping(entries, start) }
            throw error("expected ',' or '}'")
        }
    }

    mutating func array(_ start: Mark, depth: Int) throws(SyntaxError) -> Node {
        index += 1
        var items: [Node] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .sequence(items, start) }
        while true {
            items.append(try value(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of file; expected ',' or ']'") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .sequence(items, start) }
            throw error("expected ',' or ']'")
        }
    }

    mutating func number() throws(SyntaxError) -> String {
        let begin = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        func digits(_ p: inout JSONParser) -> Int {
            let s = p.index
            while p.index < p.bytes.count, (48...57).contains(p.bytes[p.index]) { p.index += 1 }
            return p.index - s
        }
        let intDigits = digits(&self)
        guard intDigits > 0 else { throw error("a number needs digits") }
        if intDigits > 1, bytes[index - intDigits] == UInt8(ascii: "0") {
            index = begin
            throw error("a JSON number cannot start with 0; write an ID with leading zeros as a string (\"0012\")")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { throw error("digits must follow the decimal point") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard digits(&self) > 0 else { throw error("digits must follow the exponent") }
        }
        return String(decoding: bytes[begin..<index], as: UTF8.self)
    }

    mutating func hex4() throws(SyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("\\u needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case 48...57: digit = UInt32(b - 48)
            case 65...70: digit = UInt32(b - 55)
            case 97...102: digit = UInt32(b - 87)
            default: throw error("\\u needs four hex digits")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    mutating func string() throws(SyntaxError) -> String {
        index += 1  // opening quote
        var out: [UInt8] = []
        var runStart = index
        while true {
            guard index < bytes.count else { throw error("unterminated string; add the closing '\"'") }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                out.append(contentsOf: bytes[runStart..<index])
                index += 1
                break
            }
            if b < 0x20 { throw error("a control character or line break inside a string must be escaped") }
            if b == UInt8(ascii: "\\") {
                out.append(contentsOf: bytes[runStart..<index])
                index += 1
                guard index < bytes.count else { throw error("unterminated escape") }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                            bytes[index + 1] == UInt8(ascii: "u")
                        else {
                            throw error("a \\u surrogate must come in a pair")
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("invalid \\u surrogate pair") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw error("a lone \\u surrogate")
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    index -= 2
                    throw error("unknown escape '\\\(Unicode.Scalar(e))'")
                }
                runStart = index
                continue
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
