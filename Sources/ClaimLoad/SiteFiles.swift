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
    public init(list: @escaping @Sendable (String) -> [Entry]?, read: @escaping @Sendable (String) throws -> String,
                readData: (@Sendable (String) throws -> Data)? = nil) {
        self.list = list
        self.read = read
        self.readData = readData ?? { path in Data(try read(path).utf8) }
    }

    /// The disk, below `root`.
    public static func disk(root: URL) -> SiteFiles {
        SiteFiles(
            list: { path in
                let url = path.isEmpty ? root : root.appendingPathComponent(path)
                let manager = FileManager.default
                var isDir: ObjCBool = false
                guard manager.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue,
                      let names = try? manager.contentsOfDirectory(atPath: url.path) else { return nil }
                return names.map { name in
                    var childIsDir: ObjCBool = false
                    _ = manager.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &childIsDir)
                    return Entry(name: name, isDirectory: childIsDir.boolValue)
                }
            },
            read: { path in
                let data = try Data(contentsOf: root.appendingPathComponent(path))
                return String(decoding: data, as: UTF8.self)
            },
            readData: { path in try Data(contentsOf: root.appendingPathComponent(path)) })
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
