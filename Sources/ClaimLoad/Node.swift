/// A position in a source text: line and column from 1 (columns in Unicode scalars).
public struct Mark: Hashable, Sendable {
    /// Line from 1.
    public var line: Int
    /// Column from 1, in Unicode scalars.
    public var column: Int

    /// A mark at `line`, `column`.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// How a scalar was written, which decides how it may be read.
public enum ScalarStyle: Hashable, Sendable {
    /// A YAML plain scalar: may mean null, a boolean or a number as well as text.
    case plain
    /// Quoted or block text in YAML (or tagged `!!str`): always text.
    case quoted
    /// A JSON string.
    case jsonString
    /// A JSON number, kept as its literal text.
    case jsonNumber
    /// JSON `true` or `false`.
    case jsonBool
    /// JSON `null`.
    case jsonNull
}

/// A scalar with its literal text, style and position.
public struct Scalar: Hashable, Sendable {
    /// The scalar's text exactly as written (after quoting and escapes are resolved).
    public var text: String
    /// How it was written.
    public var style: ScalarStyle
    /// Where it starts.
    public var mark: Mark

    /// A scalar.
    public init(text: String, style: ScalarStyle, mark: Mark) {
        self.text = text
        self.style = style
        self.mark = mark
    }

    /// Whether the scalar means "no value": JSON `null`, or a YAML plain `null`, `~` or nothing.
    public var isNull: Bool {
        switch style {
        case .jsonNull: return true
        case .plain: return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
        default: return false
        }
    }
}

/// One `key: value` entry of a mapping.
public struct MappingEntry: Hashable, Sendable {
    /// The key.
    public var key: Scalar
    /// The value.
    public var value: Node

    /// An entry.
    public init(key: Scalar, value: Node) {
        self.key = key
        self.value = value
    }
}

/// A YAML or JSON document as a tree that keeps every node's position.
public indirect enum Node: Hashable, Sendable {
    /// A scalar value.
    case scalar(Scalar)
    /// A list, with the position where it starts.
    case sequence([Node], Mark)
    /// A mapping in written order, with the position where it starts.
    case mapping([MappingEntry], Mark)

    /// Where the node starts.
    public var mark: Mark {
        switch self {
        case .scalar(let s): return s.mark
        case .sequence(_, let m), .mapping(_, let m): return m
        }
    }

    /// Whether the node is a null scalar.
    public var isNull: Bool {
        if case .scalar(let s) = self { return s.isNull }
        return false
    }

    /// A word for the node's kind, for messages ("a list", "a mapping", "text").
    public var kindDescription: String {
        switch self {
        case .scalar(let s): return s.isNull ? "nothing" : "'\(shortened(s.text))'"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}

/// `text` as a message quotes it: at most 40 characters, a longer one cut with `…` (a value
/// may be a whole file's worth of text).
func shortened(_ text: String) -> String {
    text.count <= 40 ? text : String(text.prefix(39)) + "…"
}

/// A syntax error in a YAML or JSON text.
public struct SyntaxError: Error, Hashable, Sendable {
    /// What is wrong, and where possible how to fix it.
    public var message: String
    /// Where it is.
    public var mark: Mark

    /// A syntax error.
    public init(message: String, mark: Mark) {
        self.message = message
        self.mark = mark
    }
}
