import ClaimLoad
import ClaimSite
import Foundation

/// A parse cache in memory, for sites held in memory (tests): entries are stored encoded, as on
/// disk, so they go through the same encoding.
package final class MemoryParseCache: ParseCache, @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: [UInt8]] = [:]

    /// An empty cache.
    package init() {}

    /// How many entries it holds.
    package var count: Int { lock.withLock { entries.count } }

    package func key(path: String, bytes: Data) -> String {
        ParseCacheKey.of(path: path, bytes: bytes, binary: "memory")
    }

    package func load(_ key: String) -> ParsedFile? {
        guard let bytes = lock.withLock({ entries[key] }) else { return nil }
        return bytes.withUnsafeBytes { ParsedFile(encoded: $0) }
    }

    package func store(_ file: ParsedFile, key: String) {
        guard let bytes = file.encoded() else { return }
        lock.withLock { entries[key] = bytes }
    }
}
