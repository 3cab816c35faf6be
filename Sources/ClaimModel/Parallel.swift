import Foundation

/// Maps work over all cores, keeping the order of the results (so output stays deterministic).
public enum Parallel {
    /// `transform(0) … transform(count - 1)`, computed concurrently in chunks: eight per core,
    /// or of `chunkSize` items each when given. Items whose costs differ widely (a site's
    /// pages: one engagement page costs as much as hundreds of claim pages, and pages of a
    /// kind come together) need small chunks, else one core is left with the last heavy chunk
    /// while the others wait.
    public static func map<T>(_ count: Int, chunkSize: Int? = nil, _ transform: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let results = ResultBox<T>(count)
        let chunks =
            chunkSize.map { (count + max(1, $0) - 1) / max(1, $0) }
            ?? min(count, max(1, ProcessInfo.processInfo.activeProcessorCount * 8))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = chunk * count / chunks, end = (chunk + 1) * count / chunks
            for i in start..<end { results.set(i, transform(i)) }
        }
        return results.values()
    }

    /// `first()` and `second()`, computed at once: `first` on the calling thread, `second` on a
    /// thread of its own (8 MiB of stack, as the workers have). Not `concurrentPerform`: a
    /// `map` inside it would be nested in it, and Dispatch runs a nested apply on fewer threads
    /// (on two cores, on one), which made the evaluation slower, not faster.
    public static func both<A, B>(_ first: () -> A, _ second: @escaping @Sendable () -> B) -> (A, B) {
        let b = ResultBox<B>(1)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            b.set(0, second())
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        let a = first()
        done.wait()
        return (a, b.values()[0])
    }

    /// Slots written by disjoint indexes from several threads. The slots are one allocation made
    /// up front: a Swift array must not be used here, since `withUnsafeMutableBufferPointer`
    /// moves the array out of its variable for the duration of the call, so two threads writing
    /// at once lost results ("found nil") or corrupted the heap.
    private final class ResultBox<T>: @unchecked Sendable {
        private let slots: UnsafeMutablePointer<T?>
        private let count: Int
        init(_ count: Int) {
            self.count = count
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil, count: count)
        }
        deinit {
            slots.deinitialize(count: count)
            slots.deallocate()
        }
        func set(_ i: Int, _ value: T) { slots[i] = value }
        /// The values, moved out of their slots (which are left empty): no copy of each, and
        /// no release of it when the box goes.
        func values() -> [T] {
            [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                for i in 0..<count {
                    (buffer.baseAddress! + i).initialize(to: (slots + i).move()!)
                    (slots + i).initialize(to: nil)
                    initialized = i + 1
                }
            }
        }
    }
}
