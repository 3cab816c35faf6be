/// A value of a generated data file, written as JSON or as YAML.
indirect enum SampleValue {
    case string(String)
    case number(String)  // written as is
    case date(String)  // a string in JSON, plain in YAML
    case bool(Bool)
    case list([SampleValue])
    case map([(String, SampleValue)])

    /// JSON text.
    func json(indent: Int = 0) -> String {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case .string(let s): return SampleValue.quoted(s)
        case .number(let n): return n
        case .date(let d): return SampleValue.quoted(d)
        case .bool(let b): return b ? "true" : "false"
        case .list(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy({
                if case .map = $0 { return false }; return true
            }) {
                return "[" + items.map { $0.json() }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { pad + "  " + $0.json(indent: indent + 2) }.joined(separator: ",\n") + "\n" + pad
                + "]"
        case .map(let entries):
            if entries.isEmpty { return "{}" }
            if entries.count <= 4
                && entries.allSatisfy({
                    if case .map = $0.1 { return false }; if case .list = $0.1 { return false }; return true
                })
            {
                return "{ " + entries.map { "\(SampleValue.quoted($0.0)): \($0.1.json())" }.joined(separator: ", ")
                    + " }"
            }
            return "{\n"
                + entries.map { pad + "  " + SampleValue.quoted($0.0) + ": " + $0.1.json(indent: indent + 2) }.joined(
                    separator: ",\n") + "\n" + pad + "}"
        }
    }

    /// YAML text for a top-level list or map.
    func yaml() -> String {
        switch self {
        case .list(let items):
            return items.map { "- " + $0.yamlBlock(indent: 2) }.joined(separator: "\n") + "\n"
        case .map(let entries):
            return entries.map { "\(SampleValue.yamlKey($0.0)):" + $0.1.yamlAfterKey(indent: 2) }.joined(
                separator: "\n") + "\n"
        default:
            return yamlInline() + "\n"
        }
    }

    /// A mapping's entries as block lines; the first line continues the current one.
    private func yamlBlock(indent: Int) -> String {
        guard case .map(let entries) = self else { return yamlInline() }
        let pad = String(repeating: " ", count: indent)
        return entries.enumerated().map { i, e in
            (i == 0 ? "" : pad) + "\(SampleValue.yamlKey(e.0)):" + e.1.yamlAfterKey(indent: indent + 2)
        }.joined(separator: "\n")
    }

    private func yamlAfterKey(indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case .list(let items)
        where items.contains(where: {
            if case .map = $0 { return true }; return false
        }):
            return "\n" + items.map { pad + "- " + $0.yamlInline() }.joined(separator: "\n")
        case .map(let entries) where entries.count > 4:
            return "\n" + pad + yamlBlock(indent: indent)
        default:
            return " " + yamlInline()
        }
    }

    /// Flow style.
    func yamlInline() -> String {
        switch self {
        case .string(let s): return SampleValue.quoted(s)
        case .number(let n), .date(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .list(let items): return "[" + items.map { $0.yamlInline() }.joined(separator: ", ") + "]"
        case .map(let entries):
            return "{ " + entries.map { "\(SampleValue.yamlKey($0.0)): \($0.1.yamlInline())" }.joined(separator: ", ")
                + " }"
        }
    }

    static func yamlKey(_ key: String) -> String {
        key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." } && !key.isEmpty
            ? key : quoted(key)
    }

    /// A double-quoted string, valid both as JSON and as YAML.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
