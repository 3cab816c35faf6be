import Foundation

/// Where rendered files go, as they are made (pages are written while others still render,
/// so a large portal never sits in memory whole). Implementations are thread-safe.
public protocol OutputSink: Sendable {
    /// Stores one file of the output under `path` (relative to the output folder).
    func put(_ path: String, bytes: UnsafeRawBufferPointer)

    /// Opens `path` (relative to the output folder) to be written in pieces, as a large export
    /// is produced; the file is complete when it is closed.
    func open(_ path: String) -> OutputFile

    /// The hash the sink recorded for `path`, stored just before (what `keep` compares); `nil`
    /// when it records none.
    func recordedHash(_ path: String) -> String?

    /// Keeps the previous output's file `path` as this output's, when the previous output
    /// recorded it with `hash`; whether it did (else the file must be rendered and stored).
    func keep(_ path: String, hash: String) -> Bool
}

/// One file of the output being written in pieces (`OutputSink.open`).
public protocol OutputFile: AnyObject {
    /// Appends `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer)
    /// Finishes the file.
    func close()
}

extension OutputSink {
    /// Records no hashes.
    public func recordedHash(_ path: String) -> String? { nil }

    /// Keeps nothing: every file is stored anew.
    public func keep(_ path: String, hash: String) -> Bool { false }

    /// Stores `bytes` under `path`.
    public func put(_ path: String, _ bytes: [UInt8]) { bytes.withUnsafeBytes { put(path, bytes: $0) } }

    /// Stores `data` under `path`.
    public func put(_ path: String, _ data: Data) { data.withUnsafeBytes { put(path, bytes: $0) } }

    /// Writes `path` as `body` produces it, in pieces of about 64 KB: the whole file is never
    /// held in memory.
    public func stream(_ path: String, _ body: (inout StreamWriter) -> Void) {
        var writer = StreamWriter(file: open(path))
        body(&writer)
        writer.close()
    }
}

/// Collects writes and hands them to an `OutputFile` in pieces of 64 KiB (the last one
/// shorter): a write that crosses the end of a piece is split there.
public struct StreamWriter {
    private let file: OutputFile
    private var buffer: [UInt8] = []
    /// How many bytes are collected before they are handed on.
    static let pieceSize = 1 << 16

    init(file: OutputFile) {
        self.file = file
        buffer.reserveCapacity(StreamWriter.pieceSize)
    }

    /// Appends the UTF-8 bytes of `text`.
    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends `bytes`.
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Appends `bytes` (a piece that a renderer hands on, for instance).
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        var rest = bytes
        while buffer.count + rest.count >= StreamWriter.pieceSize {
            let n = StreamWriter.pieceSize - buffer.count
            let piece = UnsafeRawBufferPointer(rebasing: rest.prefix(n))
            if buffer.isEmpty {
                file.write(piece)
            } else {
                buffer.append(contentsOf: piece)
                flush()
            }
            rest = UnsafeRawBufferPointer(rebasing: rest.dropFirst(n))
        }
        buffer.append(contentsOf: rest)
    }

    private mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { file.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Hands on what is left and closes the file.
    mutating func close() {
        flush()
        file.close()
    }
}

/// Keeps the files in memory (tests, and small outputs).
public final class MemorySink: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String: Data] = [:]

    /// An empty sink.
    public init() {}

    public func put(_ path: String, bytes: UnsafeRawBufferPointer) {
        let data = Data(bytes)
        lock.lock()
        storage[path] = data
        lock.unlock()
    }

    public func open(_ path: String) -> OutputFile { MemoryFile(path: path, sink: self) }

    /// A file collected in memory and stored in its sink when closed.
    private final class MemoryFile: OutputFile {
        let path: String
        let sink: MemorySink
        var data = Data()

        init(path: String, sink: MemorySink) {
            self.path = path
            self.sink = sink
        }

        func write(_ bytes: UnsafeRawBufferPointer) { data.append(contentsOf: bytes) }

        func close() { data.withUnsafeBytes { sink.put(path, bytes: $0) } }
    }

    /// The files received, by path.
    public var files: [String: Data] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

/// A fast 64-bit hash of bytes (not cryptographic) that names things: the emails' Message-ID
/// and MIME boundary (through `ContentHash.Stream`), and the ids the link check compares. It
/// must not change, or the output would. Whether a file's bytes changed, or a build can be
/// skipped, is decided with SHA-256 (ClaimSite's `FileHash`), not with this.
public enum ContentHash {
    /// A hash of values added one after the other, never held together: every 64 KiB collected
    /// are replaced by their 8-byte `of` hash, which the next values follow, and the hash is
    /// `of` what is left at the end. Deterministic, but not `of` the values' bytes. Texts are
    /// added with their length, so no two sequences of texts give the same bytes.
    struct Stream: Sendable {
        private var bytes: [UInt8] = []

        /// An empty stream.
        init() {}

        /// Adds `raw` as it is.
        mutating func add(bytes raw: UnsafeRawBufferPointer) {
            bytes.append(contentsOf: raw)
            if bytes.count >= 1 << 16 { fold() }
        }

        /// Adds `value` as eight bytes (little-endian).
        mutating func add(_ value: UInt64) {
            withUnsafeBytes(of: value.littleEndian) { add(bytes: $0) }
        }

        /// Adds `text`: its length in bytes, then its UTF-8.
        mutating func add(_ text: String) {
            var text = text
            text.withUTF8 { utf8 in
                add(UInt64(utf8.count))
                add(bytes: UnsafeRawBufferPointer(utf8))
            }
        }

        /// The hash of everything added.
        var value: UInt64 { ContentHash.of(bytes) }

        private mutating func fold() {
            let hash = ContentHash.of(bytes)
            bytes.removeAll(keepingCapacity: true)
            withUnsafeBytes(of: hash.littleEndian) { bytes.append(contentsOf: $0) }
        }
    }

    /// The hash of `bytes`.
    public static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 32
        return h
    }

    /// The hash of an array of bytes.
    public static func of(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { of($0) } }

    /// Sixteen hex digits.
    public static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
