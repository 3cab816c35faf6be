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
    /// recognizes as its own and removes.
    public func removeTree(_ path: String) {
        let manager = FileManager.default
        if let entries = try? manager.contentsOfDirectory(atPath: path) {
            for entry in entries.sorted() where entry != OutputWriter.marker {
                try? manager.removeItem(atPath: path + "/" + entry)
            }
        }
        try? manager.removeItem(atPath: path)
    }

    public func unlink(_ path: String) { _ = Glibc.unlink(path) }
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
