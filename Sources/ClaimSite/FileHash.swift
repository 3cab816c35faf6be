import Crypto
import OutputFiles

/// SHA-256 for the hashes that decide something: whether a rebuild is skipped (the inputs'
/// fingerprint) and whether an output file is reused from the previous build (the manifest).
/// A 64-bit hash is not enough there: two different contents with the same hash would leave a
/// stale file in place. (Hashes that only name things, such as safe file names, a Message-ID
/// or a MIME boundary, stay the short `ContentHash` of ClaimRender so the output keeps its bytes.)
enum FileHash {
    /// The number of hex digits of a hash.
    static let hexCount = 64

    /// The SHA-256 of `bytes`, as 64 lower-case hex digits.
    static func of(_ bytes: UnsafeRawBufferPointer) -> String {
        var hasher = SHA256()
        hasher.update(bufferPointer: bytes)
        return hex(hasher.finalize())
    }

    /// The SHA-256 of `bytes`, as its 32 bytes.
    static func digest(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bufferPointer: bytes)
        return Array(hasher.finalize())
    }

    /// Lower-case hex digits of `digest`.
    static func hex<D: Sequence<UInt8>>(_ digest: D) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(hexCount)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `text` is exactly one hash: 64 lower-case hex digits.
    static func isHash<S: StringProtocol>(_ text: S) -> Bool {
        text.utf8.count == hexCount && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }
}

/// SHA-256 over a sequence of fields, each framed by its length, so that no two different
/// sequences of fields give the same input to the hash.
struct FieldHasher {
    private var hasher = SHA256()

    /// Adds one field.
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: bytes)
    }

    /// Adds one field: a string's UTF-8 bytes.
    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    /// Adds one field: a number's eight little-endian bytes.
    mutating func add(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { add($0) }
    }

    /// Adds one field: a digest's 32 bytes.
    mutating func add(_ digest: PageDigest) {
        withUnsafeBytes(of: digest.words) { add($0) }
    }

    /// The hash of the fields added, as 64 hex digits.
    func hex() -> String { FileHash.hex(hasher.finalize()) }

    /// The hash of the fields added.
    func digest() -> PageDigest { PageDigest(hasher.finalize()) }
}

/// SHA-256 of bytes that arrive in pieces (a file streamed into the output).
struct StreamHasher {
    private var hasher = SHA256()

    /// Adds the next piece.
    mutating func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }

    /// The hash of all pieces, as 64 hex digits; equal to `FileHash.of` the whole.
    func hex() -> String { FileHash.hex(hasher.finalize()) }
}
