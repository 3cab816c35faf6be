/// Where something was written: a file relative to the site folder, and a line and column
/// counted from 1 (columns in Unicode scalars, as libyaml counts them).
///
/// `line == 0` means the whole file; `column == 0` means the whole line.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Path relative to the site folder, for example `Content/data/claims/2026.yaml`.
    public var file: String
    /// Line from 1, or 0 for the whole file.
    public var line: Int
    /// Column from 1, or 0 when unknown.
    public var column: Int

    /// A location in `file` at `line` and `column` (both from 1; 0 when unknown).
    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `FILE:LINE:COLUMN`, `FILE:LINE` or `FILE`, as compilers print them.
    public var description: String {
        if line == 0 { return file }
        if column == 0 { return "\(file):\(line)" }
        return "\(file):\(line):\(column)"
    }

    /// File names compare by their UTF-8 bytes, as they sort (docs/input-format.md).
    public static func == (a: SourceLocation, b: SourceLocation) -> Bool {
        a.line == b.line && a.column == b.column && a.file.sameUTF8(b.file)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ByteKey(file))
        hasher.combine(line)
        hasher.combine(column)
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        if !a.file.sameUTF8(b.file) { return a.file.precedesByUTF8(b.file) }
        if a.line != b.line { return a.line < b.line }
        return a.column < b.column
    }
}

/// The positions of a record's fields, by dotted key path (`"nominatedBy.type"`,
/// `"events.2.on"`), so rules can point a diagnostic at the value that breaks them. Stored
/// compactly (a list, all in the record's file): a site has a hundred thousand of these, and
/// they are read only when a diagnostic is made.
public struct SourceMap: Hashable, Sendable {
    /// Where the record's mapping starts.
    public var start: SourceLocation
    private var entries: [Entry] = []

    private struct Entry: Hashable, Sendable {
        var path: String
        var line: Int32
        var column: Int32
    }

    /// A map for a record starting at `start`, with `fields` in the same file.
    public init(start: SourceLocation, fields: [String: SourceLocation] = [:]) {
        self.start = start
        self.fields = fields
    }

    /// Records the position of the value at `path` (in the record's file).
    public mutating func record(_ path: String, line: Int, column: Int) {
        entries.append(Entry(path: path, line: Int32(clamping: line), column: Int32(clamping: column)))
    }

    /// Value positions by key path.
    public var fields: [String: SourceLocation] {
        get {
            var out: [String: SourceLocation] = [:]
            for entry in entries {
                out[entry.path] = SourceLocation(file: start.file, line: Int(entry.line), column: Int(entry.column))
            }
            return out
        }
        set {
            entries = newValue.sorted { $0.key < $1.key }.map {
                Entry(path: $0.key, line: Int32(clamping: $0.value.line), column: Int32(clamping: $0.value.column))
            }
        }
    }

    /// Every recorded position in the order it was recorded (a path may repeat; the last one
    /// wins), so a cache can store the map and rebuild it exactly with `record(_:line:column:)`.
    public var recorded: [(path: String, line: Int, column: Int)] {
        entries.map { ($0.path, Int($0.line), Int($0.column)) }
    }

    /// The position of the value at `path`, else of the record itself.
    public subscript(path: String) -> SourceLocation {
        guard let entry = entries.last(where: { $0.path == path }) else { return start }
        return SourceLocation(file: start.file, line: Int(entry.line), column: Int(entry.column))
    }
}

extension String {
    /// Whether this string sorts before `other` by UTF-8 bytes, the order docs/input-format.md
    /// uses for IDs and file names (`C10` before `C9`).
    public func precedesByUTF8(_ other: String) -> Bool {
        var a = self, b = other
        return a.withUTF8 { pa in
            b.withUTF8 { pb in
                let n = Swift.min(pa.count, pb.count)
                var i = 0
                while i < n {
                    if pa[i] != pb[i] { return pa[i] < pb[i] }
                    i += 1
                }
                return pa.count < pb.count
            }
        }
    }
}
