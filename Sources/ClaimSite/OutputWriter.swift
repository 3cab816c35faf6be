import ClaimRender
import Foundation
import OutputFiles

/// Writes a build's files into the output folder as a whole: everything goes into a staging
/// folder beside the output, which replaces the output only when all was written, in one
/// atomic exchange (`OutputSwap`). A failed or killed build leaves the previous output as it
/// was, and the next build removes the marked folders it left. ClaimSite marks the folders it makes and
/// refuses to replace a non-empty folder without its mark (unless it lies directly in a marked
/// output folder, like `Output/email`), so `--output ~` deletes nothing.
///
/// The mark is also a manifest: the SHA-256 of every file. A file whose bytes did not change is
/// left in place from the spare (the previous output cut down to the files its successor
/// shares, which the staging folder starts from) or hard-linked from the previous output,
/// instead of written (same inode, same modification time, so `rsync` sends nothing), and the
/// mark records the inputs' fingerprint so that a rebuild with unchanged inputs can skip all work.
public final class OutputWriter: OutputSink, @unchecked Sendable {
    /// The name of the marker file in every output folder ClaimSite makes.
    public static let marker = ".claimsite-output"

    /// Why the output could not be written.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong and what to do.
        public var description: String
    }

    /// What a previous build left in its marker.
    public struct Manifest: Sendable {
        /// The inputs' fingerprint, when recorded.
        public var fingerprint: String?
        /// SHA-256 of each file (64 hex digits), by path.
        public var hashes: [String: String]
        /// A one-line summary of the build's diagnostics.
        public var summary: String?
    }

    /// The output folder.
    public let output: URL
    private let staging: URL
    private let old: URL
    private let previous: Manifest?
    /// The spare folder beside the output (`.NAME.spare`): what the build before last left of
    /// its output, the files it shares with the previous one (docs/output.md, Replacing the
    /// output).
    private let sparePath: String
    /// The files of the spare this build took as its staging folder, or linked into it from the
    /// previous output (`prelinking`), by path, with the hash they share with the previous
    /// output; empty when there was neither. Set once, under `lock`, before any file is written.
    private var spare: [String: String] = [:]
    /// When there was no spare to take (the first rebuild after a full build): every file of the
    /// previous output linked into the staging folder on a thread of its own, while the build
    /// plans and keys its pages; waited for before the first file is written (`prepare`).
    private var prelinking: Background<(files: [String: String], folders: Set<String>)>?
    /// The staging and output folders' paths with a trailing `/`, which a file's relative path
    /// is appended to (cheaper than a `URL` per file).
    private let stagingPrefix: String, outputPrefix: String
    private let lock = NSLock()
    private var written: [String: String] = [:]
    private var folders = Set<String>()
    private var failure: String?
    /// The lock file's path and descriptor (-1 once given up).
    private var lockPath = "", lockFile: Int32 = -1
    /// Files written anew and files linked unchanged from the previous output.
    public private(set) var rewrittenCount = 0, keptCount = 0
    /// The file-system steps of the swap and the clean-up.
    private let swap: any OutputSwap
    /// Where it is recorded that a build has said its file system cannot exchange.
    private let notice: OnceNotice
    /// The folders an interrupted build had left beside the output, removed when this one began.
    public let removedLeftovers: [String]
    /// Said once per process, by the first build whose file system could not exchange the
    /// folders in one step (it replaced the output by two renames instead); `nil` otherwise.
    public private(set) var note: String?

    /// Prepares a staging folder beside `output`; refuses folders ClaimSite did not make, and
    /// (given the `site` folder) places that would overwrite what a user wrote
    /// (`checkPlace`). Holds a lock beside `output` until `commit` or `abort`, so a second build
    /// into the same folder is refused while this one runs.
    /// A lock file that a killed build left is taken over: the system released its lock with
    /// the process, so it is never waited on. Then the staging and old folders that an
    /// interrupted build left beside `output` (they carry the mark, or are empty) are removed.
    public init(
        output: URL, site: URL? = nil, swap: any OutputSwap = SystemOutputSwap(), notice: OnceNotice = .process
    ) throws {
        self.output = output
        self.swap = swap
        self.notice = notice
        let manager = FileManager.default
        let parent = output.deletingLastPathComponent()
        if let site { try OutputWriter.checkPlace(output, site: site) }
        try OutputWriter.checkReplaceable(output)
        try? manager.createDirectory(at: parent, withIntermediateDirectories: true)
        (lockPath, lockFile) = try OutputWriter.lock(output)
        removedLeftovers = OutputWriter.removeLeftovers(beside: output, swap: swap)
        previous = OutputWriter.manifest(of: output)
        // As many files as last time, most likely: the table is not grown again and again under the lock.
        written.reserveCapacity(previous?.hashes.count ?? 0)
        let token = UUID().uuidString.prefix(8)
        staging = parent.appendingPathComponent(".\(output.lastPathComponent).staging-\(token)")
        old = parent.appendingPathComponent(".\(output.lastPathComponent).old-\(token)")
        sparePath = parent.appendingPathComponent(".\(output.lastPathComponent).spare").path
        stagingPrefix = staging.path + "/"
        outputPrefix = output.path + "/"
        let adopted = OutputWriter.adoptSpare(sparePath, as: staging.path, previous: previous, swap: swap)
        spare = adopted?.files ?? [:]
        folders = adopted?.folders ?? []
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            if adopted == nil { try manager.createDirectory(at: staging, withIntermediateDirectories: false) }
            // Marked at once, so that what a killed build leaves is known as ClaimSite's.
            try Data("This folder is made by claimsite; a build is writing it.\n".utf8).write(
                to: staging.appendingPathComponent(OutputWriter.marker))
        } catch {
            unlock()
            throw Failure(
                description: "could not prepare the output beside '\(output.path)': \(error.localizedDescription)")
        }
        if adopted == nil, let previous, !previous.hashes.isEmpty {
            let (from, into) = (outputPrefix, stagingPrefix)
            prelinking = Background { OutputWriter.prelink(previous, from: from, into: into) }
        }
    }

    /// Links every file of the previous output that its manifest lists into the staging folder
    /// (`into`), making the folders they need: the files, by path with their hash, and the
    /// folders. A listed path that could lead out of the folders (`OutputPath.staysInside`) is
    /// not followed; a file that cannot be linked is left out.
    static func prelink(_ previous: Manifest, from output: String, into staging: String)
        -> (files: [String: String], folders: Set<String>)
    {
        var files: [String: String] = [:]
        files.reserveCapacity(previous.hashes.count)
        var folders = Set<String>()
        for (path, hash) in previous.hashes {
            guard OutputPath.staysInside(path) else { continue }
            var folder = ""
            for part in path.split(separator: "/").dropLast() {
                folder += folder.isEmpty ? String(part) : "/" + part
                if folders.insert(folder).inserted { _ = Glibc.mkdir(staging + folder, 0o755) }
            }
            if Glibc.link(output + path, staging + path) == 0 { files[path] = hash }
        }
        return (files, folders)
    }

    /// Takes the files linked from the previous output (`prelinking`) as the spare, once they are
    /// all there; under `lock`.
    private func settle() {
        guard let linking = prelinking else { return }
        let linked = linking.value
        spare = linked.files
        folders.formUnion(linked.folders)
        prelinking = nil
    }

    /// `settle`, taking the lock: before the staging folder is swapped in or removed.
    private func settleLocked() {
        lock.lock()
        settle()
        lock.unlock()
    }

    /// The lock file beside `output` (`.NAME.claimsite-lock`), held with `flock` while a build
    /// writes and removed when it is given up; its path and descriptor, or a failure that says
    /// another build holds it. A lock taken on a file that was removed meanwhile (by the build
    /// that held it) is taken again on the new file, so two builds never both hold one.
    static func lock(_ output: URL) throws -> (path: String, fd: Int32) {
        let path = output.deletingLastPathComponent().appendingPathComponent(
            ".\(output.lastPathComponent).claimsite-lock"
        ).path
        while true {
            let fd = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw Failure(
                    description:
                        """
                        could not make the lock file '\(path)' beside the output: \
                        \(String(cString: strerror(errno))); choose an --output in a folder you can write
                        """
                )
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                Glibc.close(fd)
                throw Failure(
                    description:
                        """
                        another claimsite build is writing to '\(output.path)' right now (it holds '\(path)'); \
                        wait for it to finish, then build again
                        """
                )
            }
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0, stat(path, &named) == 0, held.st_dev == named.st_dev, held.st_ino == named.st_ino
            {
                return (path, fd)
            }
            Glibc.close(fd)
        }
    }

    /// Gives up the lock (once), removing its file.
    private func unlock() {
        lock.lock()
        let (fd, path) = (lockFile, lockPath)
        lockFile = -1
        lock.unlock()
        if fd >= 0 {
            swap.unlink(path)
            Glibc.close(fd)
        }
    }

    /// Removes what an interrupted build left beside `output` — its folders (`removeLeftovers`)
    /// and its lock file — when no build is writing there: for a build that finds the output up
    /// to date and writes nothing. The folders' names; none when another build holds the lock
    /// (it clears them itself).
    public static func clearLeftovers(beside output: URL, swap: any OutputSwap = SystemOutputSwap()) -> [String] {
        let parent = output.deletingLastPathComponent().path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        let lockName = ".\(output.lastPathComponent).claimsite-lock"
        guard names.contains(where: { isLeftoverName($0, of: output) || $0 == lockName }),
            let (path, fd) = try? lock(output)
        else { return [] }
        defer {
            swap.unlink(path)
            Glibc.close(fd)
        }
        return removeLeftovers(beside: output, swap: swap)
    }

    /// The names of the staging and old folders of `output` (`.NAME.staging-…`, `.NAME.old-…`).
    static func isLeftoverName(_ name: String, of output: URL) -> Bool {
        let base = ".\(output.lastPathComponent)."
        return name.hasPrefix(base + "staging-") || name.hasPrefix(base + "old-")
    }

    /// Removes the staging and old folders beside `output` that an interrupted build left: those
    /// that carry the mark, or are empty (a build killed between making its staging folder and
    /// marking it). A folder of that name without the mark, holding files, is left alone: it is
    /// not ClaimSite's. Called with the lock held, so no running build owns them. Their names.
    static func removeLeftovers(beside output: URL, swap: any OutputSwap) -> [String] {
        let manager = FileManager.default
        let parent = output.deletingLastPathComponent().path
        guard let names = try? manager.contentsOfDirectory(atPath: parent) else { return [] }
        var removed: [String] = []
        for name in names.sorted() where isLeftoverName(name, of: output) {
            let path = parent + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { continue }
            let marked = lstat(path + "/" + marker, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
            guard marked || (try? manager.contentsOfDirectory(atPath: path))?.isEmpty == true else { continue }
            swap.removeTree(path)
            removed.append(name)
        }
        return removed
    }

    deinit { unlock() }

    /// Throws when `output` is a place a build must never replace: the site folder itself, a
    /// folder that holds or lies inside the site's `Content/` or `Templates/`, the root folder
    /// or the home folder (docs/output.md, Replacing the output). Paths are compared with their
    /// links resolved, so another spelling of the same folder is refused too.
    public static func checkPlace(_ output: URL, site: URL) throws {
        func real(_ url: URL) -> String {
            // The deepest existing ancestor resolved, with the rest appended as written.
            var rest: [String] = []
            var current = url.standardizedFileURL
            while true {
                if let resolved = realpath(current.path, nil) {
                    defer { free(resolved) }
                    let base = String(cString: resolved)
                    return rest.reversed().reduce(base) { $0 == "/" ? "/" + $1 : $0 + "/" + $1 }
                }
                let parent = current.deletingLastPathComponent()
                if parent.path == current.path { return url.standardizedFileURL.path }
                rest.append(current.lastPathComponent)
                current = parent
            }
        }
        func isInside(_ a: String, _ b: String) -> Bool { a == b || a.hasPrefix(b == "/" ? "/" : b + "/") }
        let target = real(output), siteFolder = real(site)
        let home = real(URL(fileURLWithPath: ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()))
        let refuse = { (why: String) in
            Failure(
                description:
                    """
                    refusing to write the output to '\(output.path)': \(why); choose another --output (the \
                    default is SITE/Output)
                    """
            )
        }
        if target == "/" { throw refuse("it is the root folder") }
        if target == home { throw refuse("it is your home folder") }
        if target == siteFolder { throw refuse("it is the site folder itself, which holds Content/") }
        for folder in ["Content", "Templates"] {
            let inputs = real(site.appendingPathComponent(folder))
            if isInside(target, inputs) {
                throw refuse("it is inside the site's \(folder)/ folder, which holds your own files")
            }
            if isInside(inputs, target) {
                throw refuse("it holds the site's \(folder)/ folder, which holds your own files")
            }
        }
    }

    /// Throws unless `output` may be replaced: it must be missing, empty, made by ClaimSite
    /// (marked) or lie directly in a marked folder.
    public static func checkReplaceable(_ output: URL) throws {
        let manager = FileManager.default
        var isDir: ObjCBool = false
        guard manager.fileExists(atPath: output.path, isDirectory: &isDir) else { return }
        guard isDir.boolValue else {
            throw Failure(description: "the output '\(output.path)' is a file, not a folder; choose another --output")
        }
        let contents = try manager.contentsOfDirectory(atPath: output.path)
        let insideOutput = manager.fileExists(
            atPath: output.deletingLastPathComponent().appendingPathComponent(OutputWriter.marker).path)
        if !contents.isEmpty && !contents.contains(OutputWriter.marker) && !insideOutput {
            throw Failure(
                description:
                    """
                    the output folder '\(output.path)' is not empty and was not made by ClaimSite; refusing to \
                    replace it — choose an empty or new folder with --output
                    """
            )
        }
    }

    /// The fingerprint and summary lines of `folder`'s marker (its first lines), read without
    /// the per-file hashes that follow them: what the up-to-date check needs.
    public static func markerHead(of folder: URL) -> (fingerprint: String?, summary: String?)? {
        guard let handle = FileHandle(forReadingAtPath: folder.appendingPathComponent(marker).path) else { return nil }
        defer { try? handle.close() }
        let head = String(decoding: (try? handle.read(upToCount: 8_192)) ?? Data(), as: UTF8.self)
        var fingerprint: String?, summary: String?
        for line in head.split(separator: "\n").prefix(3) {
            if line.hasPrefix("fingerprint ") { fingerprint = String(line.dropFirst("fingerprint ".count)) }
            if line.hasPrefix("summary ") { summary = String(line.dropFirst("summary ".count)) }
        }
        return (fingerprint, summary)
    }

    /// The manifest in `folder`'s marker, when there is one.
    public static func manifest(of folder: URL) -> Manifest? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(marker)),
            String(data: data, encoding: .utf8) != nil
        else { return nil }
        var manifest = Manifest(fingerprint: nil, hashes: [:], summary: nil)
        // Read by bytes, a line at a time (an output has a hundred thousand files).
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            manifest.hashes.reserveCapacity(bytes.count / 100)
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
                defer { start = end + 1 }
                guard end > start else { continue }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                func text(after prefix: Int) -> String {
                    String(decoding: UnsafeBufferPointer(rebasing: line[(line.startIndex + prefix)...]), as: UTF8.self)
                }
                if line.starts(with: "fingerprint ".utf8) {
                    manifest.fingerprint = text(after: "fingerprint ".utf8.count)
                    continue
                }
                if line.starts(with: "summary ".utf8) {
                    manifest.summary = text(after: "summary ".utf8.count)
                    continue
                }
                // "HASH PATH"; a line of an older manifest (a 16-digit hash) matches nothing, so the
                // first build after an upgrade writes every file anew.
                guard line.count > FileHash.hexCount + 1, line[FileHash.hexCount] == UInt8(ascii: " "),
                    line.prefix(FileHash.hexCount).allSatisfy({
                        ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66)
                    })
                else { continue }
                let hash = String(decoding: UnsafeBufferPointer(rebasing: line[..<FileHash.hexCount]), as: UTF8.self)
                manifest.hashes[text(after: FileHash.hexCount + 1)] = hash
            }
        }
        return manifest
    }

    public func put(_ path: String, bytes: UnsafeRawBufferPointer) {
        let hash = FileHash.of(bytes)
        let target = prepare(path)
        guard let target else { return }
        if spare[path] == hash { return record(kept: path, hash: hash) }
        clearSpare(path, target)
        if reuse(path, hash: hash, at: target) { return }
        let fd = OutputWriter.create(target)
        var ok = fd >= 0 && OutputWriter.writeAll(fd, bytes)
        if fd >= 0, Glibc.close(fd) != 0 { ok = false }
        finish(path, hash: hash, ok: ok)
    }

    public func open(_ path: String) -> OutputFile { StreamedFile(path: path, writer: self) }

    /// A file written in pieces into the staging folder, hashed as it goes; when it is closed
    /// and its bytes equal the previous output's, the previous file is linked in its place.
    private final class StreamedFile: OutputFile {
        let path: String
        let writer: OutputWriter
        let target: String?
        var fd: Int32 = -1
        var ok: Bool
        var hasher = StreamHasher()

        init(path: String, writer: OutputWriter) {
            self.path = path
            self.writer = writer
            target = writer.prepare(path)
            if let target {
                writer.clearSpare(path, target)
                fd = OutputWriter.create(target)
            }
            ok = target != nil && fd >= 0
        }

        func write(_ bytes: UnsafeRawBufferPointer) {
            hasher.update(bytes)
            if ok { ok = OutputWriter.writeAll(fd, bytes) }
        }

        func close() {
            if fd >= 0, Glibc.close(fd) != 0 { ok = false }
            guard let target else { return }
            let hash = hasher.hex()
            // The same bytes as before: the previous file takes the new one's place (linked
            // beside it, then renamed over it), so it keeps its inode and modification time.
            if ok, writer.previousHash(path) == hash {
                let beside = target + ".claimsite-link"
                if writer.reuse(path, hash: hash, at: beside) {
                    if rename(beside, target) == 0 { return }
                    unlink(beside)
                    writer.unrecordKept()
                }
            }
            writer.finish(path, hash: hash, ok: ok)
        }
    }

    public func recordedHash(_ path: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return written[path]
    }

    public func keep(_ path: String, hash: String) -> Bool {
        guard previous?.hashes[path] == hash, let target = prepare(path) else { return false }
        if spare[path] == hash {
            record(kept: path, hash: hash)
            return true
        }
        clearSpare(path, target)
        guard link(outputPrefix + path, target) == 0 else { return false }
        record(kept: path, hash: hash)
        return true
    }

    /// Removes the spare's file at `path` (staged at `target`) before another takes its place:
    /// it may be the same file as the output's (one inode, hard-linked), so it is never
    /// written into.
    func clearSpare(_ path: String, _ target: String) {
        if spare[path] != nil { _ = Glibc.unlink(target) }
    }

    /// Opens a new file at `target` for writing; one left there (by a build cut short) is
    /// removed first rather than written into, since it may share its inode with the output.
    static func create(_ target: String) -> Int32 {
        let fd = Glibc.open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd < 0, errno == EEXIST else { return fd }
        _ = Glibc.unlink(target)
        return Glibc.open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    }

    /// The hash the previous output recorded for `path`.
    func previousHash(_ path: String) -> String? { previous?.hashes[path] }

    /// The staging path of `path`, with its folder made (under the lock, so no other thread
    /// writes into it before it exists); `nil` once the build failed.
    func prepare(_ path: String) -> String? {
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        lock.lock()
        defer { lock.unlock() }
        settle()
        if failure != nil { return nil }
        if !folder.isEmpty && !folders.contains(folder) {
            try? FileManager.default.createDirectory(atPath: stagingPrefix + folder, withIntermediateDirectories: true)
            folders.insert(folder)
        }
        return stagingPrefix + path
    }

    /// Links the previous output's `path` into the staging folder when its hash is `hash`;
    /// whether it did.
    func reuse(_ path: String, hash: String, at target: String) -> Bool {
        guard previous?.hashes[path] == hash, link(outputPrefix + path, target) == 0 else { return false }
        record(kept: path, hash: hash)
        return true
    }

    /// Records a file linked unchanged from the previous output.
    private func record(kept path: String, hash: String) {
        lock.lock()
        written[path] = hash
        keptCount += 1
        lock.unlock()
    }

    /// Takes back a `reuse` whose link could not be put in place.
    func unrecordKept() {
        lock.lock()
        keptCount -= 1
        lock.unlock()
    }

    /// Records a file written anew (or the failure to write it).
    func finish(_ path: String, hash: String, ok: Bool) {
        let reason = ok ? "" : String(cString: strerror(errno))
        lock.lock()
        written[path] = hash
        if ok { rewrittenCount += 1 } else if failure == nil { failure = "could not write \(path): \(reason)" }
        lock.unlock()
    }

    /// Writes all of `bytes` to `fd`; whether it could.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    /// Writes the marker (with `fingerprint` and `summary`) and swaps the staging folder in: one
    /// `exchange` of the two folders (the output is never missing), then the previous output,
    /// now in the staging folder's place, becomes the spare (`makeSpare`) or, sharing no file
    /// with the new one, is removed. Where the file system cannot exchange, two renames
    /// (`output` aside, staging in), said once in `note`.
    /// `meanwhile` runs once the new output is in place, while the previous one is made the
    /// spare or removed on another thread (the build stores its caches then).
    public func commit(fingerprint: String? = nil, summary: String? = nil, meanwhile: () -> Void = {}) throws {
        settleLocked()
        if let failure {
            abort()
            throw Failure(description: "\(failure); the previous output is unchanged")
        }
        if !spare.isEmpty { removeUnwrittenSpareFiles() }
        var head = "This folder is made by claimsite; it is replaced whole on every build.\n"
        if let fingerprint { head += "fingerprint \(fingerprint)\n" }
        if let summary { head += "summary \(summary)\n" }
        // One line per file, "HASH PATH", in the paths' order; appended as bytes (100,000 lines).
        var marker = Array(head.utf8)
        marker.reserveCapacity(marker.count + written.count * 100)
        for (path, hash) in written.sorted(by: { $0.key < $1.key }) {
            marker.append(contentsOf: hash.utf8)
            marker.append(0x20)
            marker.append(contentsOf: path.utf8)
            marker.append(0x0A)
        }
        var error: Int32 = 0
        do {
            try Data(marker).write(to: staging.appendingPathComponent(OutputWriter.marker))
        } catch {
            abort()
            throw Failure(
                description:
                    """
                    could not write the output to '\(output.path)': \(error.localizedDescription); the previous \
                    output is unchanged
                    """
            )
        }
        var info = stat()
        var previousOutput: String?
        if lstat(output.path, &info) != 0 {
            error = swap.rename(staging.path, output.path)
        } else {
            error = swap.exchange(staging.path, output.path)
            if error == 0 {
                previousOutput = staging.path  // the previous output, now in the staging folder's place
            } else if OutputWriter.cannotExchange(error) {
                sayCannotExchange(error)
                error = swap.rename(output.path, old.path)
                if error == 0 {
                    error = swap.rename(staging.path, output.path)
                    if error == 0 { previousOutput = old.path } else { _ = swap.rename(old.path, output.path) }
                }
            }
        }
        guard error == 0 else {
            abort()
            throw Failure(
                description:
                    """
                    could not write the output to '\(output.path)': \(String(cString: strerror(error))); the \
                    previous output is unchanged
                    """
            )
        }
        if let previousOutput {
            let removed = DispatchGroup()
            let (swap, sparePath, written, previous) = (self.swap, self.sparePath, self.written, self.previous)
            let keepsSpare = keptCount > 0 && previous != nil && lstat(sparePath, &info) != 0
            DispatchQueue.global().async(group: removed) {
                if keepsSpare, let previous {
                    OutputWriter.makeSpare(previousOutput, at: sparePath, keeping: written, of: previous, swap: swap)
                } else {
                    swap.removeTree(previousOutput)
                }
            }
            meanwhile()
            removed.wait()
        } else {
            meanwhile()
        }
        unlock()
    }

    /// Removes from the staging folder what the spare held and this build did not write, and
    /// the folders that leaves empty, so that the output holds exactly this build's files.
    private func removeUnwrittenSpareFiles() {
        for path in spare.keys where written[path] == nil { _ = Glibc.unlink(stagingPrefix + path) }
        for folder in folders.sorted(by: { $0.utf8.count > $1.utf8.count }) { _ = Glibc.rmdir(stagingPrefix + folder) }
    }

    /// Takes the spare beside `output` as the staging folder, when there is one and the previous
    /// output has a manifest: renamed into `staging`'s place, then every file the previous
    /// output does not hold with the same bytes is removed (the spare keeps only those, and
    /// nothing a user put there may come back). Its files, by path with their hash, and its
    /// folders; `nil` when there was no spare to take. A spare that cannot be taken is removed
    /// (a folder of that name without the mark is left alone: it is not ClaimSite's).
    static func adoptSpare(_ spare: String, as staging: String, previous: Manifest?, swap: any OutputSwap)
        -> (files: [String: String], folders: Set<String>)?
    {
        var info = stat()
        guard lstat(spare, &info) == 0, info.st_mode & S_IFMT == S_IFDIR,
            lstat(spare + "/" + marker, &info) == 0, info.st_mode & S_IFMT == S_IFREG
        else { return nil }
        guard let previous, swap.rename(spare, staging) == 0 else {
            swap.removeTree(spare)
            return nil
        }
        var files: [String: String] = [:]
        files.reserveCapacity(previous.hashes.count)
        var folders = Set<String>()
        SystemOutputSwap.walk(staging) { path, isFolder in
            if isFolder {
                folders.insert(path)
            } else if path != marker {
                if let hash = previous.hashes[path] {
                    files[path] = hash
                } else {
                    _ = Glibc.unlink(staging + "/" + path)
                }
            }
        }
        return (files, folders)
    }

    /// Makes the previous output, at `folder` once replaced, the spare beside the new one: every
    /// file whose bytes the new output (`written`) does not have at the same path is removed, so
    /// that the spare holds only files the output shares, then it is renamed to `spare`. Cut
    /// short, it is a marked staging or old folder that the next build removes.
    static func makeSpare(
        _ folder: String, at spare: String, keeping written: [String: String], of previous: Manifest,
        swap: any OutputSwap
    ) {
        var emptied = Set<String>()
        for (path, hash) in previous.hashes where written[path] != hash {
            _ = Glibc.unlink(folder + "/" + path)
            if let slash = path.lastIndex(of: "/") { emptied.insert(String(path[..<slash])) }
        }
        for path in emptied.sorted(by: { $0.utf8.count > $1.utf8.count }) {
            var path = Substring(path)
            while Glibc.rmdir(folder + "/" + path) == 0, let slash = path.lastIndex(of: "/") { path = path[..<slash] }
        }
        if swap.rename(folder, spare) != 0 { swap.removeTree(folder) }
    }

    /// Sets `note` when no build has said yet (to `notice`) that the file system cannot exchange
    /// folders.
    private func sayCannotExchange(_ error: Int32) {
        guard notice.take() else { return }
        note =
            """
            the file system of '\(output.deletingLastPathComponent().path)' cannot exchange two folders in one \
            step (\(String(cString: strerror(error)))); the output was replaced by two renames, so for an \
            instant there was no output folder
            """
    }

    /// Removes the staging folder; the previous output stays as it was.
    public func abort() {
        // Not while files are still being linked into the folder.
        settleLocked()
        swap.removeTree(staging.path)
        unlock()
    }

    /// Replaces `output` with exactly `files` (relative path → bytes).
    /// With the `site` folder, the places `checkPlace` refuses are refused.
    public static func write(_ files: [String: Data], to output: URL, site: URL? = nil) throws {
        let writer = try OutputWriter(output: output, site: site)
        for path in files.keys.sorted() { writer.put(path, files[path]!) }
        try writer.commit()
    }
}
