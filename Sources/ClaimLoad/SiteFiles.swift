import Foundation

/// The file system a site is read from, injected so tests can use memory instead of disk.
/// Paths are relative to the site folder and use `/`.
public struct SiteFiles: Sendable {
    /// An entry of a folder.
    public struct Entry: Hashable, Sendable {
        /// The entry's name.
        public var name: String
        /// Whether it is a folder.
        public var isDirectory: Bool

        /// An entry.
        public init(name: String, isDirectory: Bool) {
            self.name = name
            self.isDirectory = isDirectory
        }
    }

    /// The entries of a folder, or `nil` when it does not exist.
    public var list: @Sendable (String) -> [Entry]?
    /// The text of a file, its bytes read as UTF-8 with any that are not replaced by U+FFFD
    /// (for templates). Input under `Content/` is never read this way: see `readData`.
    public var read: @Sendable (String) throws -> String
    /// The bytes of a file, which the loader reads: it hashes them for the parse cache, then
    /// decodes them with `SourceText` (UTF-8; a byte order mark and CRLF read as the plain
    /// file; anything else is a `not-utf8` error, never replaced characters).
    public var readData: @Sendable (String) throws -> Data

    /// A file system made of the functions; without `readData`, a file's bytes are the UTF-8
    /// of its text from `read`.
    public init(
        list: @escaping @Sendable (String) -> [Entry]?, read: @escaping @Sendable (String) throws -> String,
        readData: (@Sendable (String) throws -> Data)? = nil
    ) {
        self.list = list
        self.read = read
        self.readData = readData ?? { path in Data(try read(path).utf8) }
    }

    /// A file that is (or lies below) a symbolic link to somewhere outside the site folder:
    /// never read (docs/input-format.md, Links).
    public struct LinkOutsideSite: Error, CustomStringConvertible, LocalizedError {
        /// The path, relative to the site.
        public var path: String
        /// Where the link leads.
        public var target: String

        public var description: String {
            """
            this is a symbolic link to '\(target)', outside the site folder; ClaimSite does not follow links out \
            of the site — copy the file into the site instead
            """
        }

        public var errorDescription: String? { description }
    }

    /// The real path of `url` (links resolved), when it exists.
    static func realPath(_ url: URL) -> String? {
        guard let resolved = realpath(url.path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Throws `LinkOutsideSite` when `path` below `root` resolves to a place outside `root`.
    static func checkInside(_ path: String, root: URL) throws {
        guard let real = realPath(root.appendingPathComponent(path)), let base = realPath(root) else { return }
        if real != base && !real.hasPrefix(base == "/" ? "/" : base + "/") {
            throw LinkOutsideSite(path: path, target: real)
        }
    }

    /// The symbolic links below `folders` of the site at `root` that lead outside it (into which
    /// nothing is read), with their targets, in path order. Links inside the site are fine.
    public static func linksOutside(root: URL, folders: [String]) -> [LinkOutsideSite] {
        var out: [LinkOutsideSite] = []
        func walk(_ path: String) {
            let url = root.appendingPathComponent(path)
            var info = stat()
            guard lstat(url.path, &info) == 0 else { return }
            if (info.st_mode & S_IFMT) == S_IFLNK {
                do { try checkInside(path, root: root) } catch let error as LinkOutsideSite { out.append(error) } catch
                {}
                return  // a link is never walked into (a link inside the site names a place walked anyway)
            }
            guard (info.st_mode & S_IFMT) == S_IFDIR,
                let names = try? FileManager.default.contentsOfDirectory(atPath: url.path)
            else { return }
            for name in names.sorted() { walk(path + "/" + name) }
        }
        for folder in folders { walk(folder) }
        return out
    }

    /// The disk, below `root`. A file that resolves to a place outside `root` (through a
    /// symbolic link) is not read: reading it throws `LinkOutsideSite`.
    public static func disk(root: URL) -> SiteFiles {
        SiteFiles(
            list: { path in
                let url = path.isEmpty ? root : root.appendingPathComponent(path)
                let manager = FileManager.default
                var isDir: ObjCBool = false
                guard manager.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue,
                    let names = try? manager.contentsOfDirectory(atPath: url.path)
                else { return nil }
                return names.map { name in
                    var childIsDir: ObjCBool = false
                    _ = manager.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &childIsDir)
                    return Entry(name: name, isDirectory: childIsDir.boolValue)
                }
            },
            read: { path in
                try checkInside(path, root: root)
                let data = try Data(contentsOf: root.appendingPathComponent(path))
                return String(decoding: data, as: UTF8.self)
            },
            readData: { path in
                try checkInside(path, root: root)
                return try Data(contentsOf: root.appendingPathComponent(path))
            })
    }

    /// Files held in memory, by path; folders are implied by the paths.
    public static func memory(_ files: [String: String]) -> SiteFiles {
        SiteFiles(
            list: { path in
                let prefix = path.isEmpty ? "" : path + "/"
                var entries: [String: Bool] = [:]
                for file in files.keys where file.hasPrefix(prefix) {
                    let rest = file.dropFirst(prefix.count)
                    if let slash = rest.firstIndex(of: "/") {
                        entries[String(rest[..<slash])] = true
                    } else {
                        entries[String(rest)] = entries[String(rest)] ?? false
                    }
                }
                if entries.isEmpty { return nil }
                return entries.map { Entry(name: $0.key, isDirectory: $0.value) }
            },
            read: { path in
                guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
                return text
            })
    }
}
