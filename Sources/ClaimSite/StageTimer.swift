import Foundation

/// Wall-clock time per stage of a build, for `--profile`.
public final class StageTimer: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(stage: String, seconds: Double)] = []

    /// A timer.
    public init() {}

    /// Runs `work` and records how long it took under `stage`.
    public func measure<T>(_ stage: String, _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { record(stage, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
        return try work()
    }

    /// Adds `seconds` to `stage`.
    public func record(_ stage: String, _ seconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        if let i = entries.firstIndex(where: { $0.stage == stage }) {
            entries[i].seconds += seconds
        } else {
            entries.append((stage, seconds))
        }
    }

    /// One line per stage, in the order they first ran.
    public var report: String {
        lock.lock()
        defer { lock.unlock() }
        let width = entries.map(\.stage.count).max() ?? 0
        return entries.map { entry in
            "  " + entry.stage + String(repeating: " ", count: width - entry.stage.count)
                + String(format: " %8.3f s", entry.seconds)
        }.joined(separator: "\n") + "\n"
    }
}
