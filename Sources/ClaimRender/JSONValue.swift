import ClaimModel

/// A JSON value written deterministically: keys sorted by UTF-8, two-space indentation.
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// A number, written exactly as given (for example a money amount `"5000.00"` stays a string; use this for counts).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// An integer.
    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    /// A string, or `null` for `nil`.
    public static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// The text of the value with a final newline.
    public func rendered() -> String { String(decoding: bytes(), as: UTF8.self) }

    /// The UTF-8 bytes of the value with a final newline.
    public func bytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        write(to: &out, indent: 0)
        out.append(0x0A)
        return out
    }

    /// The UTF-8 bytes of the value on one line, without spaces or a final newline (for JSON
    /// lines); keys sorted as in `bytes()`.
    public func compactBytes() -> [UInt8] {
        var out: [UInt8] = []
        writeCompact(to: &out)
        return out
    }

    func writeCompact(to out: inout [UInt8]) {
        switch self {
        case .array(let items):
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                item.writeCompact(to: &out)
            }
            out.append(0x5D)
        case .object(let members):
            out.append(0x7B)
            for (i, pair) in members.sortedPairs.enumerated() {
                if i > 0 { out.append(0x2C) }
                JSONValue.quote(pair.key, into: &out)
                out.append(0x3A)
                pair.value.writeCompact(to: &out)
            }
            out.append(0x7D)
        default:
            write(to: &out, indent: 0)
        }
    }

    /// Opens a list or an object with `bracket` and a new line; an `empty` one is closed at once
    /// with `closing`, on the same line.
    static func open(_ bracket: UInt8, _ closing: UInt8, empty: Bool, _ out: inout [UInt8]) {
        out.append(bracket)
        out.append(empty ? closing : 0x0A)
    }

    static func indent(_ n: Int, _ out: inout [UInt8]) {
        for _ in 0..<n { out.append(0x20) }
    }

    func write(to out: inout [UInt8], indent: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.utf8)
        case .string(let s): JSONValue.quote(s, into: &out)
        case .array(let items):
            JSONValue.open(0x5B, 0x5D, empty: items.isEmpty, &out)
            if items.isEmpty { return }
            for (i, item) in items.enumerated() {
                JSONValue.indent(indent + 2, &out)
                item.write(to: &out, indent: indent + 2)
                if i < items.count - 1 { out.append(0x2C) }
                out.append(0x0A)
            }
            JSONValue.indent(indent, &out)
            out.append(0x5D)
        case .object(let members):
            JSONValue.open(0x7B, 0x7D, empty: members.isEmpty, &out)
            if members.isEmpty { return }
            let pairs = members.sortedPairs
            for (i, pair) in pairs.enumerated() {
                JSONValue.indent(indent + 2, &out)
                JSONValue.quote(pair.key, into: &out)
                out.append(0x3A)
                out.append(0x20)
                pair.value.write(to: &out, indent: indent + 2)
                if i < pairs.count - 1 { out.append(0x2C) }
                out.append(0x0A)
            }
            JSONValue.indent(indent, &out)
            out.append(0x7D)
        }
    }

    static func quote(_ text: String, into out: inout [UInt8]) {
        // Fast path: text with nothing to escape is copied whole.
        var text = text
        let plain = text.withUTF8 { bytes -> Bool in
            for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2 { return false }
            out.append(0x22)
            out.append(contentsOf: bytes)
            out.append(0x22)
            return true
        }
        if plain { return }
        out.append(0x22)
        var utf8 = text.utf8.makeIterator()
        var pending: [UInt8] = []
        while let byte = utf8.next() {
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0xE2:
                // U+2028 and U+2029 (E2 80 A8 / E2 80 A9) are escaped for JavaScript readers.
                pending = [byte]
                if let b2 = utf8.next() {
                    pending.append(b2)
                    if let b3 = utf8.next() {
                        pending.append(b3)
                        if b2 == 0x80 && (b3 == 0xA8 || b3 == 0xA9) {
                            out += Array((b3 == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                            continue
                        }
                    }
                }
                out += pending
            default:
                if byte < 0x20 {
                    let hex = Array("0123456789abcdef".utf8)
                    out += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                } else {
                    out.append(byte)
                }
            }
        }
        out.append(0x22)
    }
}

/// A JSON object's members, kept as a short list of pairs sorted by the keys' UTF-8 bytes
/// rather than a dictionary (objects here have a handful of keys, and a report has hundreds of
/// thousands of them: no hashing, and no sorting when written). Keys compare by their bytes.
public struct JSONObject: Hashable, Sendable, ExpressibleByDictionaryLiteral {
    private var pairs: [(key: String, value: JSONValue)]

    /// An object of `elements`; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        // A stable sort keeps repeated keys in the order given: the last of each run wins.
        let sorted = elements.enumerated().sorted {
            $0.element.0.precedesByUTF8($1.element.0)
                || (!$1.element.0.precedesByUTF8($0.element.0) && $0.offset < $1.offset)
        }
        pairs = []
        pairs.reserveCapacity(sorted.count)
        for (_, (key, value)) in sorted {
            if let last = pairs.last, last.key.sameUTF8(key) {
                pairs[pairs.count - 1].value = value
            } else {
                pairs.append((key, value))
            }
        }
    }

    /// Where `key` is, or where it would go to keep the keys sorted.
    private func position(of key: String) -> (index: Int, found: Bool) {
        var low = 0, high = pairs.count
        while low < high {
            let middle = (low + high) / 2
            if pairs[middle].key.precedesByUTF8(key) { low = middle + 1 } else { high = middle }
        }
        return (low, low < pairs.count && pairs[low].key.sameUTF8(key))
    }

    /// The value of `key`; setting `nil` removes it.
    public subscript(key: String) -> JSONValue? {
        get {
            let at = position(of: key)
            return at.found ? pairs[at.index].value : nil
        }
        set {
            let at = position(of: key)
            if at.found {
                if let newValue { pairs[at.index].value = newValue } else { pairs.remove(at: at.index) }
            } else if let newValue {
                pairs.insert((key, newValue), at: at.index)
            }
        }
    }

    /// Whether the object has no members.
    public var isEmpty: Bool { pairs.isEmpty }

    /// The members sorted by the keys' UTF-8 bytes.
    var sortedPairs: [(key: String, value: JSONValue)] { pairs }

    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        a.pairs.count == b.pairs.count
            && zip(a.pairs, b.pairs).allSatisfy { $0.key.sameUTF8($1.key) && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for pair in pairs {
            hasher.combine(pair.key)
            hasher.combine(pair.value)
        }
    }
}
