import ClaimRender
import Foundation

/// A hash of everything a build depends on — every file under `Content/` and `Templates/`, the
/// options, the as-of inputs and the `claimsite` binary itself — so a rebuild with nothing
/// changed can leave the output untouched without loading anything.
enum Fingerprint {
    static func of(site: URL, options: [String]) -> String {
        var parts: [UInt64] = []
        for folder in ["Content", "Templates"] {
            for path in files(below: site.appendingPathComponent(folder)) {
                parts.append(Array(path.utf8).withUnsafeBytes { ContentHash.of($0) })
                if let data = FileManager.default.contents(atPath: site.appendingPathComponent(folder).appendingPathComponent(path).path) {
                    parts.append(data.withUnsafeBytes { ContentHash.of($0) })
                }
            }
        }
        // The binary: a new build of claimsite may render differently.
        let binary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        if let attributes = try? FileManager.default.attributesOfItem(atPath: binary),
           let size = attributes[.size] as? Int, let modified = attributes[.modificationDate] as? Date {
            parts.append(UInt64(size))
            parts.append(UInt64(modified.timeIntervalSince1970 * 1000))
        }
        for option in options { parts.append(Array(option.utf8).withUnsafeBytes { ContentHash.of($0) }) }
        return ContentHash.hex(parts.withUnsafeBytes { ContentHash.of($0) })
    }

    /// Relative paths of the files below `folder`, sorted.
    static func files(below folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        let base = folder.standardizedFileURL.path + "/"
        var out: [String] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            let path = url.standardizedFileURL.path
            out.append(path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path)
        }
        return out.sorted()
    }
}
