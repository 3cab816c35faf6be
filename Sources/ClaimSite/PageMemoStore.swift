import ClaimRender
import Foundation
import OutputFiles

#if canImport(Glibc)
    import Glibc
#endif

/// The page memo of a site on disk, `SITE/.claimsite-cache/pages`: what the last build rendered,
/// so the next renders only the pages whose view model changed (docs/output.md, Cache). It is
/// written whole to a temporary file and renamed into place; a missing, damaged or foreign file
/// reads as no memo (every page is rendered), never as an error.
extension DiskParseCache {
    /// The memo's file.
    var pageMemoFile: URL { root.appendingPathComponent("pages") }

    /// The memo of the last build, when there is a whole one.
    public func loadPageMemo() -> PageMemo? {
        guard let data = FileManager.default.contents(atPath: pageMemoFile.path) else { return nil }
        return data.withUnsafeBytes { PageMemo.decoded($0) }
    }

    /// Replaces the memo with the memo whose bytes (`PageMemo.encoded`) are `bytes` (nothing when
    /// the cache is read-only or cannot be made).
    public func storePageMemo(encoded bytes: [UInt8]) {
        guard isWritable, prepareFolder() else { return }
        let temporary = root.appendingPathComponent(
            "\(DiskParseCache.temporaryPrefix)pages-\(UUID().uuidString.prefix(8))")
        do {
            try Data(bytes).write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            return
        }
        if rename(temporary.path, pageMemoFile.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    /// The exports' pieces of the last build, `SITE/.claimsite-cache/pieces`, made with the
    /// binary `context` (those recorded by location read from the files of `output`, the last
    /// build's output); the pieces this build uses go to a temporary file beside it (none when
    /// the cache is read-only or cannot be made), which `storePieces` puts in its place.
    public func openPieces(context: String, output: URL? = nil) -> (cache: PieceCache, next: URL?) {
        removeStalePieces()
        let next =
            isWritable && prepareFolder()
            ? root.appendingPathComponent("\(DiskParseCache.temporaryPrefix)pieces-\(UUID().uuidString.prefix(8))")
            : nil
        return (PieceCache(reading: piecesFile, context: context, writingTo: next, outputFolder: output), next)
    }

    /// The pieces' file.
    var piecesFile: URL { root.appendingPathComponent("pieces") }

    /// Replaces the pieces' file with `next`, where `cache` wrote the pieces of a build that
    /// succeeded; with `keep` false (a build that failed), only removes `next`.
    public func storePieces(_ cache: PieceCache, next: URL?, keep: Bool) {
        guard let next else { return }
        if keep, cache.finish(), rename(next.path, piecesFile.path) == 0 { return }
        _ = cache.finish()
        try? FileManager.default.removeItem(at: next)
    }

    /// Removes what builds that were killed left of their pieces (temporary files over an hour old).
    private func removeStalePieces() {
        guard isWritable, let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return }
        let hourAgo = Date().addingTimeInterval(-3600).timeIntervalSince1970
        for name in names where name.hasPrefix("\(DiskParseCache.temporaryPrefix)pieces-") {
            let path = root.appendingPathComponent(name).path
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Double(info.st_mtim.tv_sec) < hourAgo
            else { continue }
            unlink(path)
        }
    }
}
