/// A fast 64-bit hash of bytes (not cryptographic) that names things: the emails' Message-ID
/// and MIME boundary (through `ContentHash.Stream`), and the ids the link check compares. It
/// must not change, or the output would. Whether a file's bytes changed, or a build can be
/// skipped, is decided with SHA-256 (the build's `FileHash`), not with this.
public enum ContentHash {
    /// A hash of values added one after the other, never held together: every 64 KiB collected
    /// are replaced by their 8-byte `of` hash, which the next values follow, and the hash is
    /// `of` what is left at the end. Deterministic, but not `of` the values' bytes. Texts are
    /// added with their length, so no two sequences of texts give the same bytes.
    public struct Stream: Sendable {
        private var bytes: [UInt8] = []

        /// An empty stream.
        public init() {}

        /// Adds `raw` as it is.
        public mutating func add(bytes raw: UnsafeRawBufferPointer) {
            bytes.append(contentsOf: raw)
            if bytes.count >= 1 << 16 { fold() }
        }

        /// Adds `value` as eight bytes (little-endian).
        public mutating func add(_ value: UInt64) {
            withUnsafeBytes(of: value.littleEndian) { add(bytes: $0) }
        }

        /// Adds `text`: its length in bytes, then its UTF-8.
        public mutating func add(_ text: String) {
            var text = text
            text.withUTF8 { utf8 in
                add(UInt64(utf8.count))
                add(bytes: UnsafeRawBufferPointer(utf8))
            }
        }

        /// The hash of everything added.
        public var value: UInt64 { ContentHash.of(bytes) }

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
