import Foundation

/// Maps work over all cores, keeping the order of the results (so output stays deterministic).
public enum Parallel {
    /// `transform(0) … transform(count - 1)`, computed concurrently in chunks.
    public static func map<T>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let results = ResultBox<T>(count)
        let chunks = min(count, max(1, ProcessInfo.processInfo.activeProcessorCount * 8))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = chunk * count / chunks, end = (chunk + 1) * count / chunks
            for i in start..<end { results.set(i, transform(i)) }
        }
        return results.values()
    }

    /// Slots written by disjoint indexes from several threads.
    private final class ResultBox<T>: @unchecked Sendable {
        private var storage: [T?]
        init(_ count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: T) { storage.withUnsafeMutableBufferPointer { $0[i] = value } }
        func values() -> [T] { storage.map { $0! } }
    }
}
