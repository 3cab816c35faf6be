import ClaimLoad
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// How a command uses the parse cache of a site on disk (docs/output.md, Cache).
public enum ParseCacheUse: Sendable {
    /// Neither read nor written (`--no-cache`).
    case off
    /// Read, never written: commands that promise to write nothing (`check`, `explain`).
    case readOnly
    /// Read, filled with every file parsed, and cleared of entries the load did not use.
    case readWrite
}

/// The key of a file's entry in a parse cache: SHA-256 over `ParsedFile.formatVersion`, the
/// `claimsite` binary (size and modification time, as the build fingerprint has them, so a
/// rebuilt binary never trusts entries of another one, even one whose decoders changed without a
/// version bump), the file's path (its diagnostics carry it) and its bytes.
package enum ParseCacheKey {
    package static func of(path: String, bytes: Data, binary: String) -> String {
        var hasher = FieldHasher()
        hasher.add("claimsite parse cache")
        hasher.add(UInt64(ParsedFile.formatVersion))
        hasher.add(binary)
        hasher.add(path)
        bytes.withUnsafeBytes { hasher.add($0) }
        return hasher.hex()
    }
}

/// The parse cache of a site on disk: `SITE/.claimsite-cache/parsed/KEY`, one file per input
/// file, holding what decoding that file gave (`ParsedFile`), so a build parses only the files
/// that changed. The folder is outside `Content/` and the output, and deleting it only makes
/// the next build parse everything.
///
/// An entry is a header — a magic line, `ParsedFile.formatVersion`, its own key, the length and
/// SHA-256 of the payload — and the payload (`ParsedFile.encoded()`). It is written to a
/// temporary file beside it and renamed into place, so readers see a whole entry or none; it is
/// read back only when every part of the header matches, so a truncated, damaged or foreign file
/// is a miss, never a crash. A folder that cannot be made (a site that is not writable) leaves
/// the cache unused, without an error. Nothing outside `.claimsite-cache/` is ever written or
/// removed, and inside it only entries (64 hex digits) and this cache's temporary files are.
public final class DiskParseCache: ParseCache, @unchecked Sendable {
    /// The cache folder's name, in the site folder.
    public static let folderName = ".claimsite-cache"
    /// The first bytes of every entry.
    static let magic = Array("claimsite parse cache\n".utf8)
    /// Magic, format version (4 bytes), key (64), payload length (8), payload SHA-256 (32).
    static let headerCount = magic.count + 4 + FileHash.hexCount + 8 + 32
    /// Temporary files of entries being written start with this.
    static let temporaryPrefix = ".tmp-"

    /// `SITE/.claimsite-cache`.
    public let root: URL
    /// `SITE/.claimsite-cache/parsed`, where the entries are.
    public let folder: URL
    private let writable: Bool
    /// Whether the cache may be written.
    var isWritable: Bool { writable }
    private let binary: String
    private let lock = NSLock()
    private var used = Set<String>()
    private var folderReady: Bool?
    /// Whether `store` only notes what to write, for `writePending` to write.
    private let deferWrites: Bool
    private var pending: [(file: ParsedFile, key: String)] = []

    /// The cache of the site at `site`; with `writable` false it is only read. With
    /// `deferWrites`, `store` writes nothing itself: `writePending` writes what it was given (a
    /// build does so beside the evaluation, which leaves part of a core idle, not during the load).
    public init(site: URL, writable: Bool = true, deferWrites: Bool = false) {
        root = site.appendingPathComponent(DiskParseCache.folderName, isDirectory: true)
        folder = root.appendingPathComponent("parsed", isDirectory: true)
        self.writable = writable
        self.deferWrites = deferWrites
        binary = Fingerprint.binaryIdentity()
    }

    public func key(path: String, bytes: Data) -> String {
        ParseCacheKey.of(path: path, bytes: bytes, binary: binary)
    }

    public func load(_ key: String) -> ParsedFile? {
        lock.withLock { _ = used.insert(key) }
        guard FileHash.isHash(key),
            let data = FileManager.default.contents(atPath: folder.appendingPathComponent(key).path)
        else {
            return nil
        }
        return data.withUnsafeBytes { DiskParseCache.decode($0, key: key) }
    }

    public func store(_ file: ParsedFile, key: String) {
        lock.withLock { _ = used.insert(key) }
        guard writable, FileHash.isHash(key) else { return }
        if deferWrites {
            lock.withLock { pending.append((file, key)) }
        } else {
            write(file, key: key)
        }
    }

    /// Writes the entries `store` was given and has not written yet (a cache made with
    /// `deferWrites`), one after the other on the calling thread; returns how many it wrote.
    @discardableResult
    public func writePending() -> Int {
        let work = lock.withLock {
            defer { pending = [] }
            return pending
        }
        for entry in work { write(entry.file, key: entry.key) }
        return work.count
    }

    /// Writes the entry of `file` under `key`: to a temporary file, renamed into place.
    private func write(_ file: ParsedFile, key: String) {
        guard prepareFolder(), let payload = file.encoded() else { return }
        let entry = DiskParseCache.encode(payload, key: key)
        let temporary = folder.appendingPathComponent(
            "\(DiskParseCache.temporaryPrefix)\(key)-\(UUID().uuidString.prefix(8))")
        do {
            try entry.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            return
        }
        if rename(temporary.path, folder.appendingPathComponent(key).path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    /// Removes the entries that no load of this cache asked for or filled (the files they were
    /// for changed or went away), and temporary files left by a write that was cut short more
    /// than an hour ago. Does nothing when the cache is read-only or nothing was used. Returns
    /// how many files were removed.
    @discardableResult
    public func prune() -> Int {
        let used = lock.withLock { self.used }
        guard writable, !used.isEmpty,
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return 0 }
        let hourAgo = Date().addingTimeInterval(-3600).timeIntervalSince1970
        var removed = 0
        for name in names {
            let path = folder.appendingPathComponent(name).path
            var info = stat()
            // lstat: a link is never followed, and only regular files are removed.
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            let stale: Bool
            if FileHash.isHash(name) {
                stale = !used.contains(name)
            } else if name.hasPrefix(DiskParseCache.temporaryPrefix) {
                stale = Double(info.st_mtim.tv_sec) < hourAgo
            } else {
                stale = false
            }
            if stale, unlink(path) == 0 { removed += 1 }
        }
        return removed
    }

    /// Makes the folders on first use, with a `CACHEDIR.TAG` (backup tools skip the folder) and
    /// a `.gitignore` (git ignores it) in `.claimsite-cache`; false when they cannot be made.
    func prepareFolder() -> Bool {
        lock.withLock {
            if let folderReady { return folderReady }
            let manager = FileManager.default
            var isDirectory: ObjCBool = false
            let existed = manager.fileExists(atPath: root.path, isDirectory: &isDirectory)
            if existed && !isDirectory.boolValue {
                folderReady = false  // a file of that name is not ours: leave it alone, cache nothing
                return false
            }
            do {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true)
                folderReady = true
            } catch {
                folderReady = false
                return false
            }
            let notes = [
                "CACHEDIR.TAG":
                    """
                Signature: 8a477f597d28d172789f06886806bc55\n# This folder is a cache made by claimsite; it \
                is safe to delete.\n
                """,
                ".gitignore": "# Made by claimsite: its parse cache, safe to delete.\n*\n",
            ]
            for (name, text) in notes where !manager.fileExists(atPath: root.appendingPathComponent(name).path) {
                try? Data(text.utf8).write(to: root.appendingPathComponent(name))
            }
            return true
        }
    }

    /// An entry: the header, then the payload.
    static func encode(_ payload: [UInt8], key: String) -> Data {
        var entry = Data(capacity: headerCount + payload.count)
        entry.append(contentsOf: magic)
        withUnsafeBytes(of: ParsedFile.formatVersion.littleEndian) { entry.append(contentsOf: $0) }
        entry.append(contentsOf: Array(key.utf8))
        withUnsafeBytes(of: UInt64(payload.count).littleEndian) { entry.append(contentsOf: $0) }
        payload.withUnsafeBytes { entry.append(contentsOf: sha256($0)) }
        entry.append(contentsOf: payload)
        return entry
    }

    /// What an entry for `key` holds, or `nil` unless it is exactly one whole, undamaged entry
    /// of this format for that key.
    static func decode(_ entry: UnsafeRawBufferPointer, key: String) -> ParsedFile? {
        guard entry.count >= headerCount else { return nil }
        var at = 0
        func take(_ n: Int) -> UnsafeRawBufferPointer {
            defer { at += n }
            return UnsafeRawBufferPointer(rebasing: entry[at..<(at + n)])
        }
        guard take(magic.count).elementsEqual(magic) else { return nil }
        guard take(4).loadUnaligned(as: UInt32.self).littleEndian == ParsedFile.formatVersion else { return nil }
        guard take(FileHash.hexCount).elementsEqual(key.utf8) else { return nil }
        let length = take(8).loadUnaligned(as: UInt64.self).littleEndian
        guard length == UInt64(entry.count - headerCount) else { return nil }
        let checksum = take(32)
        let payload = UnsafeRawBufferPointer(rebasing: entry[at...])
        guard sha256(payload).elementsEqual(checksum) else { return nil }
        return ParsedFile(encoded: payload)
    }

    private static func sha256(_ bytes: UnsafeRawBufferPointer) -> [UInt8] { FileHash.digest(bytes) }
}
