import ClaimModel
import Crypto
import Foundation
import TypedMustache

/// The bytes of a `PageMemo` on disk: a magic line, then the tables and entries as
/// little-endian numbers and length-prefixed UTF-8, then the SHA-256 of all before it. Reading
/// checks every length and number against what is left and the hash at the end, so a
/// truncated, damaged or foreign file gives `nil` (every page is rendered), never a crash.
extension PageMemo {
    static let magic = Array("claimsite page memo 2\n".utf8)

    /// The memo as bytes.
    public func encoded() -> [UInt8] {
        var out = PageMemo.magic
        out.reserveCapacity(strings.count * 40 + links.count * 12 + entries.count * 96)
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func digest(_ d: PageDigest) { u64(d.words.0); u64(d.words.1); u64(d.words.2); u64(d.words.3) }
        digest(context)
        u64(UInt64(appended))
        u32(UInt32(strings.count))
        for s in strings { ViewModelBytes.text(s, into: &out) }
        u32(UInt32(links.count))
        for l in links { u32(l.target); u32(l.file); u32(l.fragment) }
        u32(UInt32(idSets.count))
        for set in idSets {
            u32(UInt32(set.count))
            for id in set { u64(id) }
        }
        // Entries in the order of their paths, so the same memo gives the same bytes.
        let paths = entries.keys.sorted { $0.precedesByUTF8($1) }
        u32(UInt32(paths.count))
        for path in paths {
            let e = entries[path]!
            ViewModelBytes.text(path, into: &out)
            digest(e.digest)
            ViewModelBytes.text(e.fileHash, into: &out)
            u32(e.ids)
            u32(UInt32(e.links.count))
            for l in e.links { u32(l) }
        }
        out.append(contentsOf: SHA256.hash(data: out))
        return out
    }

    /// The memo in `bytes`, or `nil` when they are not a whole, undamaged memo.
    public static func decoded(_ bytes: UnsafeRawBufferPointer) -> PageMemo? {
        let hashCount = SHA256.byteCount
        guard bytes.count >= magic.count + hashCount,
            bytes.prefix(magic.count).elementsEqual(magic)
        else { return nil }
        let body = UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count - hashCount)])
        guard SHA256.hash(data: body).elementsEqual(bytes[(bytes.count - hashCount)...]) else { return nil }
        var reader = Reader(bytes: body, at: magic.count)
        guard let context = reader.digest(), let appended = reader.u64(),
            let stringCount = reader.count(atLeast: 4)
        else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(stringCount)
        for _ in 0..<stringCount {
            guard let s = reader.string() else { return nil }
            strings.append(s)
        }
        func string(_ i: UInt32, orNone: Bool = false) -> Bool {
            (orNone && i == PageMemo.none) || Int(i) < strings.count
        }
        guard let linkCount = reader.count(atLeast: 12) else { return nil }
        var links: [Link] = []
        links.reserveCapacity(linkCount)
        for _ in 0..<linkCount {
            guard let t = reader.u32(), let f = reader.u32(), let g = reader.u32(),
                string(t), string(f, orNone: true), string(g, orNone: true)
            else { return nil }
            links.append(Link(target: t, file: f, fragment: g))
        }
        guard let setCount = reader.count(atLeast: 4) else { return nil }
        var idSets: [[UInt64]] = []
        for _ in 0..<setCount {
            guard let n = reader.count(atLeast: 8) else { return nil }
            var set: [UInt64] = []
            for _ in 0..<n {
                guard let id = reader.u64() else { return nil }
                set.append(id)
            }
            idSets.append(set)
        }
        guard let entryCount = reader.count(atLeast: 48) else { return nil }
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(entryCount)
        for _ in 0..<entryCount {
            guard let path = reader.string(), let digest = reader.digest(), let hash = reader.string(),
                let ids = reader.u32(), Int(ids) < idSets.count, let n = reader.count(atLeast: 4)
            else { return nil }
            var refs: [UInt32] = []
            refs.reserveCapacity(n)
            for _ in 0..<n {
                guard let l = reader.u32(), Int(l) < links.count else { return nil }
                refs.append(l)
            }
            entries[path] = Entry(digest: digest, fileHash: hash, ids: ids, links: refs)
        }
        guard reader.offset == body.count else { return nil }
        return PageMemo(
            context: context, strings: strings, links: links, idSets: idSets, entries: entries,
            appended: Int(appended))
    }

    /// Reads numbers and strings, each only when enough bytes are left.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset: Int

        init(bytes: UnsafeRawBufferPointer, at offset: Int) {
            self.bytes = bytes
            self.offset = offset
        }

        mutating func u32() -> UInt32? {
            guard bytes.count - offset >= 4 else { return nil }
            defer { offset += 4 }
            return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        }

        mutating func u64() -> UInt64? {
            guard bytes.count - offset >= 8 else { return nil }
            defer { offset += 8 }
            return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }

        /// A count of items of at least `size` bytes each, when that many can follow.
        mutating func count(atLeast size: Int) -> Int? {
            guard let n = u32(), Int(n) <= (bytes.count - offset) / size else { return nil }
            return Int(n)
        }

        mutating func digest() -> PageDigest? {
            guard let a = u64(), let b = u64(), let c = u64(), let d = u64() else { return nil }
            return PageDigest(words: (a, b, c, d))
        }

        mutating func string() -> String? {
            guard let n = count(atLeast: 1) else { return nil }
            defer { offset += n }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)]), as: UTF8.self)
        }
    }
}
