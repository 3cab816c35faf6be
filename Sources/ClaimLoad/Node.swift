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
public enum Node: Hashable, Sendable {
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

    /// A word for the node's kind, for messages ("a list", "a mapping", "text"): a scalar's
    /// text in quotes, cut to 80 characters (a message quotes the value it refuses, and the value
    /// may be a million characters long; docs/input-format.md, Limits).
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

/// A syntax error in a YAML or JSON text, or a text that goes past a reader's limits.
public struct SyntaxError: Error, Hashable, Sendable {
    /// What kind of problem it is.
    public enum Kind: Hashable, Sendable {
        /// The text does not parse.
        case syntax
        /// Lists and mappings nested deeper than `ReaderLimits.maxDepth`.
        case tooDeep
        /// YAML aliases that would repeat more than `ReaderLimits.maxAliasNodes` nodes.
        case aliasLimit
    }

    /// What is wrong, and where possible how to fix it.
    public var message: String
    /// Where it is.
    public var mark: Mark
    /// What kind of problem it is.
    public var kind: Kind

    /// A syntax error (or, with `kind`, a limit passed).
    public init(message: String, mark: Mark, kind: Kind = .syntax) {
        self.message = message
        self.mark = mark
        self.kind = kind
    }
}

/// The limits of the YAML and JSON readers, which keep a hostile or broken file from using up
/// the stack, memory or time (docs/input-format.md, Limits).
public enum ReaderLimits {
    /// Lists and mappings may nest this deep (the top-level value is level 1). The readers and
    /// everything that walks a `Node` tree recurse once per level, so the limit keeps them far
    /// from the end of a thread's stack.
    public static let maxDepth = 200
    /// The YAML aliases (`*name`) of one file may repeat at most this many nodes in all (an
    /// alias of a list of three scalars repeats four). Aliases share their anchor's tree in
    /// memory, but the decoders walk every repetition: without a bound, a few lines of nested
    /// aliases ("billion laughs") would mean billions of nodes.
    public static let maxAliasNodes = 1_000_000
    /// A number of days (an engagement's `timeline`, `email.dueSoonDays`) is at most ten years:
    /// the rules add it to dates, and a larger one would overflow.
    public static let maxDays = 3_650
    /// A count of claims (`activeClaimsElsewhere`) is at most a million: the rules add to it.
    public static let maxCount = 1_000_000
}
