import CRenameExchange
import Foundation

/// The file-system steps that put a finished build in place of the output folder and clear
/// away what is left (docs/output.md, Replacing the output). `OutputWriter` takes them from
/// here so that a test can stop a build between two of them, as a killed process would.
public protocol OutputSwap: Sendable {
    /// Exchanges the folders at `a` and `b` in one step; 0, or the `errno` of the failure.
    func exchange(_ a: String, _ b: String) -> Int32
    /// Renames `a` to `b`; 0, or the `errno` of the failure.
    func rename(_ a: String, _ b: String) -> Int32
    /// Removes the folder `path` and everything in it, as far as it can.
    func removeTree(_ path: String)
    /// Removes the file `path` (the lock file).
    func unlink(_ path: String)
}

/// The system's calls: `renameat2` with `RENAME_EXCHANGE` (through the CRenameExchange shim),
/// `rename`, and FileManager's removal.
public struct SystemOutputSwap: OutputSwap {
    public init() {}

    public func exchange(_ a: String, _ b: String) -> Int32 {
        claimsite_rename_exchange(a, b) == 0 ? 0 : errno
    }

    public func rename(_ a: String, _ b: String) -> Int32 { Glibc.rename(a, b) == 0 ? 0 : errno }

    /// Removes everything in the folder but its mark first, then the mark and the folder, so
    /// that a removal cut short leaves a folder that is still marked, which the next build
    /// recognizes as its own and removes. Walks the tree with `openat`, `readdir` and
    /// `unlinkat` (an output has a hundred thousand files; FileManager takes twice as long);
    /// what it cannot remove it leaves.
    public func removeTree(_ path: String) {
        let folder = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        if folder >= 0 {
            for entry in Self.entries(folder).sorted(by: { $0.name < $1.name }) where entry.name != OutputWriter.marker
            {
                Self.remove(entry, in: folder)
            }
            Glibc.close(folder)
        }
        _ = Glibc.unlink(path + "/" + OutputWriter.marker)
        _ = Glibc.rmdir(path)
    }

    /// An entry of a folder: its name, and whether it is a folder itself (not a link to one).
    private struct Entry {
        let name: String
        let isFolder: Bool
    }

    /// The entries of the open folder `folder` (without `.` and `..`); the descriptor stays open.
    private static func entries(_ folder: Int32) -> [Entry] {
        let copy = Glibc.dup(folder)
        guard copy >= 0, let stream = fdopendir(copy) else {
            if copy >= 0 { Glibc.close(copy) }
            return []
        }
        defer { closedir(stream) }
        var out: [Entry] = []
        // A record is only as long as its name (`d_reclen`), shorter than `dirent`: its fields are
        // read where they lie, never by copying the whole struct.
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        let typeOffset = MemoryLayout<dirent>.offset(of: \dirent.d_type)!
        while let item = readdir(stream) {
            let record = UnsafeRawPointer(item)
            let name = String(cString: record.advanced(by: nameOffset).assumingMemoryBound(to: CChar.self))
            if name == "." || name == ".." { continue }
            let type = record.load(fromByteOffset: typeOffset, as: UInt8.self)
            var isFolder = type == UInt8(DT_DIR)
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                isFolder = fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            out.append(Entry(name: name, isFolder: isFolder))
        }
        return out
    }

    /// Removes `entry` of the open folder `folder`, and what it holds.
    private static func remove(_ entry: Entry, in folder: Int32) {
        guard entry.isFolder else {
            _ = unlinkat(folder, entry.name, 0)
            return
        }
        let inner = openat(folder, entry.name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        if inner >= 0 {
            for item in entries(inner) { remove(item, in: inner) }
            Glibc.close(inner)
        }
        _ = unlinkat(folder, entry.name, AT_REMOVEDIR)
    }

    public func unlink(_ path: String) { _ = Glibc.unlink(path) }

    /// Calls `visit` with the path (relative to `root`) of everything below `root`, and whether
    /// it is a folder (not a link to one); a folder before what it holds.
    static func walk(_ root: String, _ visit: (String, Bool) -> Void) {
        func walk(_ folder: Int32, _ prefix: String) {
            for entry in entries(folder) {
                let path = prefix + entry.name
                visit(path, entry.isFolder)
                guard entry.isFolder else { continue }
                let inner = openat(folder, entry.name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
                guard inner >= 0 else { continue }
                walk(inner, path + "/")
                Glibc.close(inner)
            }
        }
        let folder = Glibc.open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        guard folder >= 0 else { return }
        walk(folder, "")
        Glibc.close(folder)
    }
}

extension OutputWriter {
    /// Whether `error` from `exchange` says the system or the file system cannot exchange
    /// (rather than that something went wrong): then the output is replaced by two renames.
    static func cannotExchange(_ error: Int32) -> Bool {
        error == ENOSYS || error == EINVAL || error == ENOTSUP || error == EOPNOTSUPP
    }
}

/// Something said once: the first `take()` gets `true`, every later one `false`.
public final class OnceNotice: @unchecked Sendable {
    /// The one of the whole process (a build says a thing once, however many it runs).
    public static let process = OnceNotice()
    private let lock = NSLock()
    private var taken = false

    public init() {}

    /// Whether this is the first call.
    public func take() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        defer { taken = true }
        return !taken
    }
}
