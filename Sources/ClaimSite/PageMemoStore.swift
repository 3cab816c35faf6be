import ClaimRender
import Foundation

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

    /// Replaces the memo with `memo` (nothing when the cache is read-only or cannot be made).
    public func storePageMemo(_ memo: PageMemo) {
        guard isWritable, prepareFolder() else { return }
        let temporary = root.appendingPathComponent(
            "\(DiskParseCache.temporaryPrefix)pages-\(UUID().uuidString.prefix(8))")
        do {
            try Data(memo.encoded()).write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            return
        }
        if rename(temporary.path, pageMemoFile.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}
