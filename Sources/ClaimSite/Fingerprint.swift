import Foundation

/// A hash of everything a build depends on — every file under `Content/` and `Templates/`, the
/// options, the as-of inputs and the `claimsite` binary itself — so a rebuild with nothing
/// changed can leave the output untouched without loading anything. SHA-256 (`FieldHasher`):
/// a collision here would skip a build that was needed.
///
/// Beside it, the same hash without the claim files (`siteKey`): what a page made from one
/// claim reads besides the claims of its customer (docs/output.md, Incremental rebuilds).
enum Fingerprint {
    /// The fingerprint of every input, and the key of every input but the claim files.
    struct Keys {
        var all: String
        var site: String
    }

    static func of(site: URL, options: [String]) -> Keys {
        var hasher = FieldHasher(), siteHasher = FieldHasher()
        for folder in ["Content", "Templates"] {
            hasher.add(folder)
            siteHasher.add(folder)
            let files = files(below: site.appendingPathComponent(folder))
            hasher.add(UInt64(files.count))
            for path in files {
                let isClaims = folder == "Content" && path.hasPrefix("data/claims/")
                hasher.add(path)
                if !isClaims { siteHasher.add(path) }
                if let data = FileManager.default.contents(
                    atPath: site.appendingPathComponent(folder).appendingPathComponent(path).path)
                {
                    hasher.add("file")
                    data.withUnsafeBytes { hasher.add($0) }
                    if !isClaims {
                        siteHasher.add("file")
                        data.withUnsafeBytes { siteHasher.add($0) }
                    }
                } else {
                    hasher.add("unreadable")
                    if !isClaims { siteHasher.add("unreadable") }
                }
            }
        }
        siteHasher.add(UInt64(options.count))
        for option in options { siteHasher.add(option) }
        // The binary: a new build of claimsite may render differently.
        if let binary = binary() {
            hasher.add("binary")
            hasher.add(UInt64(binary.size))
            hasher.add(binary.modifiedMilliseconds)
        } else {
            hasher.add("no binary")
        }
        hasher.add(UInt64(options.count))
        for option in options { hasher.add(option) }
        return Keys(all: hasher.hex(), site: siteHasher.hex())
    }

    /// The running `claimsite` binary's size and modification time, when they can be read.
    static func binary() -> (size: Int, modifiedMilliseconds: UInt64)? {
        let path =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[.size] as? Int, let modified = attributes[.modificationDate] as? Date
        else { return nil }
        return (size, UInt64(modified.timeIntervalSince1970 * 1000))
    }

    /// The binary as text (`SIZE@MILLISECONDS`, or `unknown`), for keys that must change with it.
    static func binaryIdentity() -> String {
        guard let binary = binary() else { return "unknown" }
        return "\(binary.size)@\(binary.modifiedMilliseconds)"
    }

    /// Relative paths of the files below `folder`, sorted.
    static func files(below folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        let base = folder.standardizedFileURL.path + "/"
        var out: [String] = []
        for case let url as URL in walker
        where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            let path = url.standardizedFileURL.path
            out.append(path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path)
        }
        return out.sorted()
    }
}
