import ClaimModel

/// Writes JSON text straight into bytes, in exactly the layout `JSONValue` writes (keys sorted
/// by their UTF-8 bytes, two-space indentation, `": "` after a key, `[]` and `{}` when empty),
/// without making the values first. `report.json` writes its claims and engagements this way:
/// hundreds of thousands of small objects, each of which would otherwise be built, sorted,
/// written and freed.
///
/// The caller gives an object's keys in sorted order (debug builds check that they are).
struct JSONWriter {
    /// The bytes written so far.
    var out: [UInt8]
    /// Spaces before a member of the innermost open list or object.
    private var indent: Int
    /// How many lists and objects are open.
    private var depth = 0
    /// Bit `d`: the list or object open at depth `d` has a member already.
    private var filled: UInt64 = 0
    #if DEBUG
        /// The last key of each open object, to check the order keys come in.
        private var lastKeys: [String?] = []
    #endif

    /// A writer whose first value starts on a line indented by `indent` spaces.
    init(indent: Int = 0) {
        out = []
        self.indent = indent
    }

    /// Runs `body` with a writer that appends to `out`, its first value on a line indented by
    /// `indent` spaces.
    static func write(into out: inout [UInt8], indent: Int, _ body: (inout JSONWriter) -> Void) {
        var writer = JSONWriter(indent: indent)
        swap(&writer.out, &out)
        body(&writer)
        swap(&writer.out, &out)
    }

    /// Opens an object; its members follow as `key(_:)` and a value each.
    mutating func beginObject() {
        open(0x7B)
        #if DEBUG
            lastKeys.append(nil)
        #endif
    }

    /// Closes the innermost object.
    mutating func endObject() {
        close(0x7D)
        #if DEBUG
            lastKeys.removeLast()
        #endif
    }

    /// Opens a list; each item is `item()` and a value.
    mutating func beginArray() { open(0x5B) }

    /// Closes the innermost list.
    mutating func endArray() { close(0x5D) }

    /// Starts the next member of the innermost object: `"name": `.
    mutating func key(_ name: StaticString) {
        #if DEBUG
            let text = name.description
            if let last = lastKeys[lastKeys.count - 1] {
                assert(last.precedesByUTF8(text), "JSON keys out of order: \(last) before \(text)")
            }
            lastKeys[lastKeys.count - 1] = text
        #endif
        newLine()
        out.append(0x22)
        name.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(contentsOf: [0x22, 0x3A, 0x20])
    }

    /// Starts the next item of the innermost list.
    mutating func item() { newLine() }

    /// A string value.
    mutating func string(_ text: String) { JSONValue.quote(text, into: &out) }

    /// A string value, or `null` for `nil`.
    mutating func optional(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    /// `true` or `false`.
    mutating func bool(_ value: Bool) { out.append(contentsOf: (value ? "true" : "false").utf8) }

    /// An integer.
    mutating func int(_ value: Int) { out.append(contentsOf: String(value).utf8) }

    /// `null`.
    mutating func null() { out.append(contentsOf: "null".utf8) }

    /// A value made beforehand, indented where it stands.
    mutating func value(_ value: JSONValue) { value.write(to: &out, indent: indent) }

    /// `key(name)` and a string.
    mutating func field(_ name: StaticString, _ text: String) {
        key(name)
        string(text)
    }

    /// `key(name)` and a string or `null`.
    mutating func field(_ name: StaticString, optional text: String?) {
        key(name)
        optional(text)
    }

    /// `key(name)` and a boolean.
    mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        bool(value)
    }

    private mutating func open(_ bracket: UInt8) {
        precondition(depth < 63, "JSON nested too deep")
        out.append(bracket)
        depth += 1
        filled &= ~(1 << UInt64(depth))
        indent += 2
    }

    private mutating func close(_ bracket: UInt8) {
        indent -= 2
        if filled & (1 << UInt64(depth)) != 0 {
            out.append(0x0A)
            JSONValue.indent(indent, &out)
        }
        depth -= 1
        out.append(bracket)
    }

    /// The line break (after a comma unless this is the first member) and indentation before
    /// a member.
    private mutating func newLine() {
        if filled & (1 << UInt64(depth)) != 0 { out.append(0x2C) }
        filled |= 1 << UInt64(depth)
        out.append(0x0A)
        JSONValue.indent(indent, &out)
    }
}
