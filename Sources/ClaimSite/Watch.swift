import ClaimModel
import ClaimRender
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension Commands {
    /// How often `watch` looks at the files when not told otherwise, in seconds.
    public static let defaultPollInterval = 0.3

    /// `claimsite build --watch` (docs/output.md, Watching): builds once, then looks at every
    /// file under `SITE/Content/` and `SITE/Templates/` every `pollInterval` seconds and, when one
    /// was added, changed or removed and the tree then stayed quiet for one poll, says what
    /// changed and builds again through `build` (so the parse cache and the page memo make it
    /// incremental), with the same options each time. A build that fails prints its errors and
    /// leaves the last good output as it was; watching goes on.
    ///
    /// `shouldStop` is asked between polls (about every 50 ms while waiting) and after each
    /// build, never during one, so a build in progress always finishes or aborts through its
    /// `OutputWriter` before this returns. Returns the first build's status when it cannot go
    /// on (the site folder is missing, or the output is a folder ClaimSite may not replace);
    /// otherwise 0 once stopped.
    public static func watch(
        _ options: SiteOptions, output: URL?, audience: [AudienceRole]?, profile: Bool = false,
        force: Bool = false, quiet: Bool = false,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        pollInterval: Double = defaultPollInterval,
        shouldStop: () -> Bool, errors: (String) -> Void
    ) -> Int32 {
        let target = output ?? options.site.appendingPathComponent("Output", isDirectory: true)
        func timedBuild() -> (status: Int32, seconds: String) {
            let start = DispatchTime.now().uptimeNanoseconds
            let status = build(
                options, output: target, audience: audience, profile: profile, force: force, quiet: quiet,
                environment: environment, errors: errors)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            return (status, String(format: "%.2f", seconds))
        }

        // The tree is read before each build, so a change made while it runs is seen after it.
        var built = WatchedTree.scan(site: options.site, output: target)
        let first = timedBuild()
        if first.status != 0 {
            var isDirectory: ObjCBool = false
            let siteExists =
                FileManager.default.fileExists(atPath: options.site.path, isDirectory: &isDirectory)
                && isDirectory.boolValue
            if !siteExists || (try? OutputWriter.checkReplaceable(target)) == nil
                || (try? OutputWriter.checkPlace(target, site: options.site)) == nil
            {
                return first.status
            }
        }
        errors(
            first.status == 0
                ? "claimsite: built in \(first.seconds) s\n"
                : "claimsite: the build failed in \(first.seconds) s; fix the errors and save to build again\n")
        errors("claimsite: watching Content/ and Templates/ in \(options.site.path) for changes (Ctrl-C stops)\n")

        var last = built
        while pause(pollInterval, unless: shouldStop) {
            let now = WatchedTree.scan(site: options.site, output: target)
            // Still changing (an editor that writes in steps): wait until one poll sees no change.
            if now != last {
                last = now
                continue
            }
            guard now != built else { continue }
            errors("claimsite: \(WatchedTree.describe(now.changes(since: built)))\n")
            built = now
            let result = timedBuild()
            errors(
                result.status == 0
                    ? "claimsite: rebuilt in \(result.seconds) s\n"
                    : "claimsite: the rebuild failed in \(result.seconds) s; the last good output is as it was\n")
        }
        errors("claimsite: stopped watching\n")
        return 0
    }

    /// Waits `seconds`, asking `shouldStop` about every 50 ms; false when it said stop.
    static func pause(_ seconds: Double, unless shouldStop: () -> Bool) -> Bool {
        let end = DispatchTime.now().uptimeNanoseconds + UInt64(max(seconds, 0) * 1e9)
        while !shouldStop() {
            let now = DispatchTime.now().uptimeNanoseconds
            if now >= end { return true }
            usleep(UInt32(min(end - now, 50_000_000) / 1000))
        }
        return false
    }
}

/// What `build --watch` compares between polls: every file below `SITE/Content/` and
/// `SITE/Templates/` (links followed, as the loader follows them) with its size, modification
/// time in nanoseconds and inode. Hidden files and folders and editors' temporary files are
/// left out (docs/output.md, Watching), and so is the output folder when it lies inside.
struct WatchedTree: Equatable {
    /// What a file's change is seen by.
    struct Stamp: Equatable {
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt64
    }

    /// How a file differs between two polls.
    enum Change: Int, Comparable {
        case changed, added, removed

        static func < (a: Change, b: Change) -> Bool { a.rawValue < b.rawValue }
    }

    /// Files by path relative to the site (`Content/…`, `Templates/…`).
    var files: [String: Stamp] = [:]

    /// The folders of the site that are watched.
    static let folders = ["Content", "Templates"]

    /// Whether a file or folder of this name is not watched: hidden (`.name`) or an editor's
    /// temporary file (`name~`, `name.swp`, `name.tmp`).
    static func ignores(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".tmp")
    }

    /// The watched files of the site at `site` now; `output` is not looked into.
    static func scan(site: URL, output: URL) -> WatchedTree {
        var tree = WatchedTree()
        let skip = output.standardizedFileURL.path
        let root = site.standardizedFileURL.path
        for folder in folders {
            tree.walk(root + "/" + folder, relative: folder, skip: skip, ancestors: [])
        }
        return tree
    }

    /// Adds the file at `path`, or every file below the folder at `path`; a link back to a
    /// folder it is in is not followed again.
    private mutating func walk(_ path: String, relative: String, skip: String, ancestors: [[UInt64]]) {
        var info = stat()
        guard fstatat(AT_FDCWD, path, &info, 0) == 0 else { return }  // follows links
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            files[relative] = Stamp(
                size: Int64(info.st_size), seconds: Int(info.st_mtim.tv_sec),
                nanoseconds: Int(info.st_mtim.tv_nsec), inode: UInt64(info.st_ino))
        case S_IFDIR:
            let id = [UInt64(info.st_dev), UInt64(info.st_ino)]
            guard path != skip, !ancestors.contains(id),
                let names = try? FileManager.default.contentsOfDirectory(atPath: path)
            else { return }
            for name in names where !WatchedTree.ignores(name) {
                walk(path + "/" + name, relative: relative + "/" + name, skip: skip, ancestors: ancestors + [id])
            }
        default:
            return
        }
    }

    /// What differs from `old`, sorted by kind (changed, added, removed), then path.
    func changes(since old: WatchedTree) -> [(change: Change, path: String)] {
        var out: [(change: Change, path: String)] = []
        for (path, stamp) in files {
            if let before = old.files[path] {
                if before != stamp { out.append((.changed, path)) }
            } else {
                out.append((.added, path))
            }
        }
        for path in old.files.keys where files[path] == nil { out.append((.removed, path)) }
        return out.sorted { $0.change != $1.change ? $0.change < $1.change : $0.path.precedesByUTF8($1.path) }
    }

    /// `changed A, B; added C (+N more)`: the first `limit` changes, by kind.
    static func describe(_ changes: [(change: Change, path: String)], limit: Int = 3) -> String {
        var groups: [String] = []
        var kind: Change?
        for (change, path) in changes.prefix(limit) {
            if change == kind {
                groups[groups.count - 1] += ", \(path)"
            } else {
                groups.append("\(change) \(path)")
                kind = change
            }
        }
        let more = changes.count - min(changes.count, limit)
        return groups.joined(separator: "; ") + (more > 0 ? " (+\(more) more)" : "")
    }
}
