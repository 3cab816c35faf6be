import Foundation

/// The key of a piece of an exported file: which part of which export it is (`kind`) and a
/// 256-bit digest of everything the piece is made from.
public struct PieceKey: Hashable, Sendable {
    public var kind: UInt8
    public var a: UInt64, b: UInt64, c: UInt64, d: UInt64

    public init(kind: UInt8, digest: (UInt64, UInt64, UInt64, UInt64)) {
        self.kind = kind
        (a, b, c, d) = digest
    }
}

/// Pieces of the exported files of the last build, each under the key of what it was made from,
/// so a build copies a piece whose inputs did not change instead of making it again
/// (docs/output.md, Cache). The pieces this build uses — copied or made — are appended to a new
/// file as they come, which replaces the old one once the build succeeded (`finish`); nothing
/// is held in memory but the index. A missing file, one cut short or one written by another
/// binary reads as no pieces; a piece whose bytes no longer give its checksum is made again.
///
/// Safe to use from several threads: each piece is appended under a lock.
public final class PieceCache: @unchecked Sendable {
    /// The first bytes of the file.
    static let magic = Array("claimsite pieces 2\n".utf8)
    /// A record's head: kind, digest, length, checksum.
    static let headSize = 1 + 32 + 4 + 8

    private let previous: Data
    private let index: [PieceKey: (bytes: Range<Int>, checksum: UInt64)]
    private let lock = NSLock()
    private var output: FileHandle?
    private var buffer: [UInt8] = []
    /// How many pieces were copied from the last build, and how many made.
    public private(set) var reused = 0, made = 0

    /// The pieces of `file` when it was written with `context` (what else decides a piece's
    /// bytes: the binary), appending those this build uses to `next` (none when `nil`).
    public init(reading file: URL?, context: String, writingTo next: URL?) {
        var header = PieceCache.magic
        header += Array(context.utf8)
        header.append(0x0A)
        let data = file.flatMap { try? Data(contentsOf: $0, options: .alwaysMapped) } ?? Data()
        previous = data
        index = PieceCache.index(of: data, header: header)
        if let next, FileManager.default.createFile(atPath: next.path, contents: Data(header)) {
            output = try? FileHandle(forWritingTo: next)
            output?.seekToEndOfFile()
        }
    }

    /// The pieces of `data` whose header is `header`; none when any record is cut short.
    private static func index(of data: Data, header: [UInt8]) -> [PieceKey: (bytes: Range<Int>, checksum: UInt64)] {
        data.withUnsafeBytes { raw -> [PieceKey: (bytes: Range<Int>, checksum: UInt64)] in
            guard raw.count >= header.count, raw.prefix(header.count).elementsEqual(header) else { return [:] }
            var index: [PieceKey: (bytes: Range<Int>, checksum: UInt64)] = [:]
            var at = header.count
            while at < raw.count {
                guard raw.count - at >= headSize else { return [:] }
                let kind = raw[at]
                func word(_ offset: Int) -> UInt64 {
                    UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at + offset, as: UInt64.self))
                }
                let key = PieceKey(kind: kind, digest: (word(1), word(9), word(17), word(25)))
                let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at + 33, as: UInt32.self)))
                let checksum = word(37)
                at += headSize
                guard raw.count - at >= length else { return [:] }
                index[key] = (at..<(at + length), checksum)
                at += length
            }
            return index
        }
    }

    /// Appends the piece `key` names to `out`: the last build's bytes when it has them, else
    /// what `make` appends. Without a key, `make` appends and nothing is kept.
    public func piece(_ key: PieceKey?, into out: inout [UInt8], make: (inout [UInt8]) -> Void) {
        guard let key else { return make(&out) }
        let start = out.count
        // A piece whose bytes no longer give its checksum (a damaged file) is made again.
        if let found = index[key],
            previous.withUnsafeBytes({ raw in
                let bytes = UnsafeRawBufferPointer(rebasing: raw[found.bytes])
                guard PieceCache.checksum(bytes) == found.checksum else { return false }
                out.append(contentsOf: bytes)
                return true
            })
        {
            lock.lock()
            reused += 1
        } else {
            make(&out)
            lock.lock()
            made += 1
        }
        defer { lock.unlock() }
        // A key used twice (two claims with one ID, which is an error of the input) gives the
        // same bytes twice; the later record is the one read.
        guard output != nil else { return }
        var head = [UInt8](repeating: 0, count: PieceCache.headSize)
        head[0] = key.kind
        for (i, word) in [key.a, key.b, key.c, key.d].enumerated() {
            withUnsafeBytes(of: word.littleEndian) { head.replaceSubrange((1 + 8 * i)..<(9 + 8 * i), with: $0) }
        }
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: out.count - start).littleEndian) {
            head.replaceSubrange(33..<37, with: $0)
        }
        let checksum = out.withUnsafeBytes { PieceCache.checksum(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        withUnsafeBytes(of: checksum.littleEndian) { head.replaceSubrange(37..<45, with: $0) }
        buffer += head
        buffer += out[start...]
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        guard let output, !buffer.isEmpty else { return }
        do { try output.write(contentsOf: buffer) } catch { self.output = nil }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and closes the new file; `false` when it could not be written whole.
    public func finish() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        flush()
        guard let output else { return false }
        self.output = nil
        do { try output.close() } catch { return false }
        return true
    }

    /// A fast 64-bit checksum of `bytes` (not cryptographic: it finds damage, not forgery).
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var at = 0
        @inline(__always) func mix(_ word: UInt64) {
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
        }
        while bytes.count - at >= 8 {
            mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)))
            at += 8
        }
        var tail: UInt64 = 0
        for (i, byte) in bytes[at...].enumerated() { tail |= UInt64(byte) << (8 * UInt64(i)) }
        mix(tail)
        return h
    }
}
