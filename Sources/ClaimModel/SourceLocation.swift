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
/// compactly, as bytes, all in the record's file: a site has a hundred thousand of these, and
/// they are read only when a diagnostic is made.
public struct SourceMap: Hashable, Sendable {
    /// Where the record's mapping starts.
    public var start: SourceLocation
    /// Each entry in the order recorded: the path's UTF-8 length, its bytes, the line, the
    /// column (numbers as LEB128).
    private var bytes: [UInt8] = []

    /// A map for a record starting at `start`, with `fields` in the same file.
    public init(start: SourceLocation, fields: [String: SourceLocation] = [:]) {
        self.start = start
        self.fields = fields
    }

    /// Records the position of the value at `path` (in the record's file).
    public mutating func record(_ path: String, line: Int, column: Int) {
        var path = path
        path.withUTF8 { utf8 in
            Self.append(UInt32(clamping: utf8.count), to: &bytes)
            bytes.append(contentsOf: utf8)
        }
        Self.append(UInt32(clamping: line), to: &bytes)
        Self.append(UInt32(clamping: column), to: &bytes)
    }

    /// The same map in storage of exactly its size (a map grows while a record is read).
    public func compacted() -> SourceMap {
        var copy = self
        copy.bytes = [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
            count = buffer.initialize(fromContentsOf: bytes)
        }
        return copy
    }

    /// Value positions by key path.
    public var fields: [String: SourceLocation] {
        get {
            var out: [String: SourceLocation] = [:]
            forEach { path, line, column in
                out[String(decoding: path, as: UTF8.self)] = SourceLocation(
                    file: start.file, line: line, column: column)
            }
            return out
        }
        set {
            bytes = []
            for (path, location) in newValue.sorted(by: { $0.key < $1.key }) {
                record(path, line: location.line, column: location.column)
            }
        }
    }

    /// Every recorded position in the order it was recorded (a path may repeat; the last one
    /// wins), so a cache can store the map and rebuild it exactly with `record(_:line:column:)`.
    public var recorded: [(path: String, line: Int, column: Int)] {
        var out: [(path: String, line: Int, column: Int)] = []
        forEach { path, line, column in out.append((String(decoding: path, as: UTF8.self), line, column)) }
        return out
    }

    /// The position of the value at `path`, else of the record itself.
    public subscript(path: String) -> SourceLocation {
        var found: SourceLocation?
        var wanted = path
        wanted.withUTF8 { wanted in
            forEach { path, line, column in
                if path.elementsEqual(wanted) { found = SourceLocation(file: start.file, line: line, column: column) }
            }
        }
        return found ?? start
    }

    private func forEach(_ body: (ArraySlice<UInt8>, Int, Int) -> Void) {
        var i = 0
        while i < bytes.count {
            let length = Int(Self.number(bytes, at: &i))
            let path = bytes[i..<i + length]
            i += length
            let line = Int(Self.number(bytes, at: &i))
            let column = Int(Self.number(bytes, at: &i))
            body(path, line, column)
        }
    }

    private static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private static func number(_ bytes: [UInt8], at i: inout Int) -> UInt32 {
        var value: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            let byte = bytes[i]
            i += 1
            value |= UInt32(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }
}

extension String {
    /// Whether this string sorts before `other` by UTF-8 bytes, the order docs/input-format.md
    /// uses for IDs and file names (`C10` before `C9`).
    public func precedesByUTF8(_ other: String) -> Bool {
        // Native strings give their bytes in place; only others (bridged, shared) are copied.
        if let result = utf8.withContiguousStorageIfAvailable({ pa in
            other.utf8.withContiguousStorageIfAvailable { pb in Self.precedes(pa, pb) }
        }), let result {
            return result
        }
        var a = self, b = other
        return a.withUTF8 { pa in b.withUTF8 { pb in Self.precedes(pa, pb) } }
    }

    private static func precedes(_ pa: UnsafeBufferPointer<UInt8>, _ pb: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = Swift.min(pa.count, pb.count)
        var i = 0
        while i < n {
            if pa[i] != pb[i] { return pa[i] < pb[i] }
            i += 1
        }
        return pa.count < pb.count
    }
}
