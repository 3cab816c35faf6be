import Foundation

/// A one-line progress display for long builds on a terminal (stage, count, rate); silent when
/// standard error is not a terminal or with `--quiet`.
public final class Progress: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var stage = ""
    private var total = 0
    private var done = 0
    private var started: UInt64 = 0
    private var lastPrint: UInt64 = 0

    /// A display on standard error, shown only when it is a terminal and `quiet` is false.
    public init(quiet: Bool) { enabled = !quiet && isatty(2) == 1 }

    /// A display that shows nothing.
    public static let silent = Progress(quiet: true)

    /// Starts counting `total` items of `stage`.
    public func begin(_ stage: String, total: Int) {
        guard enabled else { return }
        lock.lock()
        self.stage = stage
        self.total = total
        done = 0
        started = DispatchTime.now().uptimeNanoseconds
        lastPrint = 0
        lock.unlock()
        show(force: true)
    }

    /// One more item done.
    public func advance() {
        guard enabled else { return }
        lock.lock()
        done += 1
        lock.unlock()
        show(force: false)
    }

    /// Clears the line.
    public func end() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func show(force: Bool) {
        lock.lock()
        let now = DispatchTime.now().uptimeNanoseconds
        guard force || now - lastPrint > 200_000_000 else { lock.unlock(); return }
        lastPrint = now
        let seconds = max(Double(now - started) / 1e9, 0.001)
        let line = "\r\u{1B}[Kclaimsite: \(stage) \(done)/\(total) (\(Int(Double(done) / seconds))/s)"
        lock.unlock()
        FileHandle.standardError.write(Data(line.utf8))
    }
}
