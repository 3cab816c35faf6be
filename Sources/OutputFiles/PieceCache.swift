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

/// Where a piece lands in this build's output: the file's path in the output and the offset of
/// the piece's first byte in it.
public struct PieceLocation: Sendable {
    public var file: String
    public var offset: Int

    public init(file: String, offset: Int) {
        self.file = file
        self.offset = offset
    }
}

/// Pieces of the exported files of the last build, each under the key of what it was made from,
/// so a build copies a piece whose inputs did not change instead of making it again
/// (docs/output.md, Cache). The pieces this build uses — copied or made — are recorded in a new
/// file as they come, which replaces the old one once the build succeeded (`finish`); nothing
/// is held in memory but the index. A piece that lands in a file of the output (`PieceLocation`)
/// is recorded by where it is, and read from there by the next build; any other piece's bytes
/// are in the file. A missing file, one cut short or one written by another binary reads as no
/// pieces; a piece whose bytes no longer give its checksum (a damaged file, or an output file
/// changed or replaced since) is made again.
///
/// Safe to use from several threads: each piece is recorded under a lock.
public final class PieceCache: @unchecked Sendable {
    /// The first bytes of the file.
    static let magic = Array("claimsite pieces 3\n".utf8)
    /// A record's head: kind, digest, length, checksum, and the length of the output file's path
    /// (0: the piece's bytes follow; else the path and the piece's offset in that file follow).
    static let headSize = 1 + 32 + 4 + 8 + 2

    /// Where the bytes of a piece of the last build are.
    private enum Place {
        /// In the pieces' file.
        case here(Int)
        /// In a file of the last build's output, at this offset.
        case output(String, Int)
    }

    private let previous: Data
    private let index: [PieceKey: (place: Place, count: Int, checksum: UInt64)]
    /// The folder of the last build's output, whose files hold the pieces recorded by location.
    private let outputFolder: URL?
    private let lock = NSLock()
    /// The files of the last build's output read so far (`nil`: missing), under `lock`.
    private var outputFiles: [String: Data?] = [:]
    private var output: FileHandle?
    private var buffer: [UInt8] = []
    /// How many pieces were copied from the last build, and how many made.
    public private(set) var reused = 0, made = 0
    /// The same, by the pieces' kind.
    private var byKind = [(reused: Int, made: Int)](repeating: (0, 0), count: 256)

    /// The pieces of `file` when it was written with `context` (what else decides a piece's
    /// bytes: the binary), those recorded by location read from the files in `outputFolder`;
    /// the pieces this build uses are recorded in `next` (none when `nil`).
    public init(reading file: URL?, context: String, writingTo next: URL?, outputFolder: URL? = nil) {
        var header = PieceCache.magic
        header += Array(context.utf8)
        header.append(0x0A)
        let data = file.flatMap { try? Data(contentsOf: $0, options: .alwaysMapped) } ?? Data()
        previous = data
        index = PieceCache.index(of: data, header: header)
        self.outputFolder = outputFolder
        if let next, FileManager.default.createFile(atPath: next.path, contents: Data(header)) {
            output = try? FileHandle(forWritingTo: next)
            output?.seekToEndOfFile()
        }
    }

    /// The pieces of `data` whose header is `header`; none when any record is cut short.
    private static func index(of data: Data, header: [UInt8]) -> [PieceKey: (
        place: Place, count: Int, checksum: UInt64
    )] {
        data.withUnsafeBytes { raw -> [PieceKey: (place: Place, count: Int, checksum: UInt64)] in
            guard raw.count >= header.count, raw.prefix(header.count).elementsEqual(header) else { return [:] }
            var index: [PieceKey: (place: Place, count: Int, checksum: UInt64)] = [:]
            var at = header.count
            while at < raw.count {
                guard raw.count - at >= headSize else { return [:] }
                let kind = raw[at]
                func word(_ offset: Int) -> UInt64 {
                    UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at + offset, as: UInt64.self))
                }
                let key = PieceKey(kind: kind, digest: (word(1), word(9), word(17), word(25)))
                let count = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at + 33, as: UInt32.self)))
                let checksum = word(37)
                let pathCount = Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: at + 45, as: UInt16.self)))
                at += headSize
                if pathCount == 0 {
                    guard raw.count - at >= count else { return [:] }
                    index[key] = (.here(at), count, checksum)
                    at += count
                } else {
                    guard raw.count - at >= pathCount + 8 else { return [:] }
                    let path = String(
                        decoding: UnsafeRawBufferPointer(rebasing: raw[at..<(at + pathCount)]), as: UTF8.self)
                    let offset = UInt64(
                        littleEndian: raw.loadUnaligned(fromByteOffset: at + pathCount, as: UInt64.self))
                    guard offset <= UInt64(Int.max) else { return [:] }
                    index[key] = (.output(path, Int(offset)), count, checksum)
                    at += pathCount + 8
                }
            }
            return index
        }
    }

    /// The bytes of the last build's output file `path` (mapped, read once), or `nil`.
    private func outputFile(_ path: String) -> Data? {
        lock.lock()
        defer { lock.unlock() }
        if let known = outputFiles[path] { return known }
        // Only a plain path inside the output: no way out of its folder.
        let data =
            OutputPath.staysInside(path)
            ? outputFolder.flatMap { try? Data(contentsOf: $0.appendingPathComponent(path), options: .alwaysMapped) }
            : nil
        outputFiles[path] = data
        return data
    }

    /// Appends the last build's bytes of `found` to `out` when they still give its checksum.
    private func copy(_ found: (place: Place, count: Int, checksum: UInt64), into out: inout [UInt8]) -> Bool {
        let (data, start): (Data, Int)
        switch found.place {
        case .here(let at): (data, start) = (previous, at)
        case .output(let path, let at):
            guard let file = outputFile(path) else { return false }
            (data, start) = (file, at)
        }
        guard start <= data.count, data.count - start >= found.count else { return false }
        return data.withUnsafeBytes { raw in
            let bytes = UnsafeRawBufferPointer(rebasing: raw[start..<(start + found.count)])
            guard PieceCache.checksum(bytes) == found.checksum else { return false }
            out.append(contentsOf: bytes)
            return true
        }
    }

    /// Appends the piece `key` names to `out`: the last build's bytes when it has them, else
    /// what `make` appends. Without a key, `make` appends and nothing is kept. With `location`
    /// (where the piece lands in this build's output), the piece is recorded by where it is
    /// instead of by its bytes.
    public func piece(
        _ key: PieceKey?, into out: inout [UInt8], at location: PieceLocation? = nil,
        make: (inout [UInt8]) -> Void
    ) {
        guard let key else { return make(&out) }
        let start = out.count
        // A piece whose bytes no longer give its checksum (a damaged file) is made again.
        let found = index[key]
        let copied = found.map { copy($0, into: &out) } ?? false
        if !copied { make(&out) }
        out.withUnsafeBytes {
            // A copied piece's bytes gave the checksum recorded with it: no need to work it out again.
            record(
                key, UnsafeRawBufferPointer(rebasing: $0[start...]), at: location, copied: copied,
                checksum: copied ? found?.checksum : nil)
        }
    }

    /// How many pieces of `kind` were copied from the last build, and how many made.
    public func counts(of kind: UInt8) -> (reused: Int, made: Int) {
        lock.lock()
        defer { lock.unlock() }
        return byKind[Int(kind)]
    }

    /// The last build's bytes of the piece `key`, when it has them and they still give its
    /// checksum; nothing is recorded (`record` does, once the caller knows what it keeps).
    public func lastBytes(_ key: PieceKey) -> [UInt8]? {
        var out: [UInt8] = []
        guard let found = index[key], copy(found, into: &out) else { return nil }
        return out
    }

    /// Records the piece `key` with `bytes` for the next build, counted as copied from the last
    /// build (`copied`) or made; with `location`, by where it lands in this build's output.
    public func record(
        _ key: PieceKey, _ bytes: UnsafeRawBufferPointer, at location: PieceLocation? = nil, copied: Bool
    ) {
        record(key, bytes, at: location, copied: copied, checksum: nil)
    }

    /// `record`, with the bytes' checksum when it is known already.
    private func record(
        _ key: PieceKey, _ bytes: UnsafeRawBufferPointer, at location: PieceLocation?, copied: Bool,
        checksum known: UInt64?
    ) {
        let checksum = known ?? PieceCache.checksum(bytes)
        var file = location?.file ?? ""
        lock.lock()
        defer { lock.unlock() }
        if copied {
            reused += 1
            byKind[Int(key.kind)].reused += 1
        } else {
            made += 1
            byKind[Int(key.kind)].made += 1
        }
        // A key used twice (two claims with one ID, which is an error of the input) gives the
        // same bytes twice; the later record is the one read.
        guard output != nil, file.utf8.count <= Int(UInt16.max) else { return }
        // The head (`headSize` bytes), appended field by field: no array made per piece.
        func put<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
        }
        buffer.append(key.kind)
        put(key.a)
        put(key.b)
        put(key.c)
        put(key.d)
        put(UInt32(truncatingIfNeeded: bytes.count))
        put(checksum)
        put(UInt16(file.utf8.count))
        if let location {
            file.withUTF8 { buffer.append(contentsOf: $0) }
            put(UInt64(location.offset))
        } else {
            buffer.append(contentsOf: bytes)
        }
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
