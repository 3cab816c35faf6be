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
        var writer = StreamWriter(file: open(path), path: path)
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
    public static let pieceSize = 1 << 16
    /// The file's path in the output, when it is known.
    public let path: String?
    /// How many bytes were appended so far: the offset in the file of the next byte.
    public private(set) var count = 0

    public init(file: OutputFile, path: String? = nil) {
        self.file = file
        self.path = path
        buffer.reserveCapacity(StreamWriter.pieceSize)
    }

    /// Appends the UTF-8 bytes of `text`.
    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends what `make` appends to an empty byte buffer.
    public mutating func append(made make: (inout [UInt8]) -> Void) {
        var bytes: [UInt8] = []
        make(&bytes)
        append(bytes)
    }

    /// Appends `bytes`.
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Appends `bytes` (a piece that a renderer hands on, for instance).
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        count += bytes.count
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
    public mutating func close() {
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
