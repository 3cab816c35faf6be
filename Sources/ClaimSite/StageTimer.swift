import Foundation

/// Wall-clock time per stage of a build, for `--profile`, with the resident memory after each
/// stage and the peak so far (Linux; blank where `/proc/self/status` cannot be read).
public final class StageTimer: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(stage: String, seconds: Double, memory: String)] = []

    /// A timer.
    public init() {}

    /// Runs `work` and records how long it took under `stage`.
    public func measure<T>(_ stage: String, _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            record(
                stage, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9,
                memory: Self.memoryNote())
        }
        return try work()
    }

    /// Adds `seconds` to `stage`.
    public func record(_ stage: String, _ seconds: Double) {
        record(stage, seconds, memory: "")
    }

    private func record(_ stage: String, _ seconds: Double, memory: String) {
        lock.lock()
        defer { lock.unlock() }
        if let i = entries.firstIndex(where: { $0.stage == stage }) {
            entries[i].seconds += seconds
            if !memory.isEmpty { entries[i].memory = memory }
        } else {
            entries.append((stage, seconds, memory))
        }
    }

    /// One line per stage, in the order they first ran.
    public var report: String {
        lock.lock()
        defer { lock.unlock() }
        let width = entries.map(\.stage.count).max() ?? 0
        return entries.map { entry in
            "  " + entry.stage + String(repeating: " ", count: width - entry.stage.count)
                + String(format: " %8.3f s", entry.seconds) + entry.memory
        }.joined(separator: "\n") + "\n"
    }

    /// "  rss N MB, peak M MB" from `/proc/self/status`, or "" where it cannot be read.
    private static func memoryNote() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
            return ""
        }
        func megabytes(_ field: String) -> Int? {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
                let kb = Int(line.filter(\.isNumber))
            else { return nil }
            return kb / 1024
        }
        guard let rss = megabytes("VmRSS:"), let peak = megabytes("VmHWM:") else { return "" }
        return String(format: "  rss %5d MB, peak %5d MB", rss, peak)
    }
}
