import ClaimModel
import Foundation
import Testing

/// `Parallel`: results in the order of their indexes whatever the chunks, each index computed
/// once, and `both` giving both results.
@Suite struct ParallelTests {
    /// Counts how often each index was computed, from several threads.
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [Int]
        init(_ count: Int) { counts = Array(repeating: 0, count: count) }
        func note(_ i: Int) {
            lock.lock()
            counts[i] += 1
            lock.unlock()
        }
        var all: [Int] {
            lock.lock()
            defer { lock.unlock() }
            return counts
        }
    }

    @Test(arguments: [nil, 1, 3, 4, 64, 10_000] as [Int?])
    func mapKeepsOrderAndComputesEachIndexOnce(chunkSize: Int?) {
        for count in [0, 1, 2, 5, 17, 1_000, 4_099] {
            let calls = Calls(count)
            let squares = Parallel.map(count, chunkSize: chunkSize) { i -> Int in
                calls.note(i)
                return i * i
            }
            #expect(squares == (0..<count).map { $0 * $0 }, "count \(count), chunk \(String(describing: chunkSize))")
            #expect(calls.all.allSatisfy { $0 == 1 }, "count \(count), chunk \(String(describing: chunkSize))")
        }
    }

    @Test func bothGivesBothResults() {
        let (a, b) = Parallel.both({ (1...1_000).reduce(0, +) }, { String(repeating: "x", count: 3) })
        #expect(a == 500_500 && b == "xxx")
        // Nested in a map, as the build nests them.
        let pairs = Parallel.map(8, chunkSize: 1) { i in Parallel.both({ i }, { -i }) }
        #expect(pairs.map(\.0) == Array(0..<8) && pairs.map(\.1) == (0..<8).map { -$0 })
    }
}
