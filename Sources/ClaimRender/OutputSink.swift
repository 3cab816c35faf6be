import Foundation

/// Where rendered files go, as they are made (pages are written while others still render,
/// so a large portal never sits in memory whole). Implementations are thread-safe.
public protocol OutputSink: Sendable {
    /// Stores one file of the output under `path` (relative to the output folder).
    func put(_ path: String, bytes: UnsafeRawBufferPointer)
}

extension OutputSink {
    /// Stores `bytes` under `path`.
    public func put(_ path: String, _ bytes: [UInt8]) { bytes.withUnsafeBytes { put(path, bytes: $0) } }

    /// Stores `data` under `path`.
    public func put(_ path: String, _ data: Data) { data.withUnsafeBytes { put(path, bytes: $0) } }
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

    /// The files received, by path.
    public var files: [String: Data] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

/// A fast 64-bit hash of bytes (not cryptographic) that names things: the email's Message-ID
/// and MIME boundary, and the ids the link check compares. It must not change, or the output
/// would. Whether a file's bytes changed, or a build can be skipped, is decided with SHA-256
/// (ClaimSite's `FileHash`), not with this.
public enum ContentHash {
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
