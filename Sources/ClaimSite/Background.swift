import Foundation

/// A value worked out on a thread of its own while the caller goes on with other work (a build
/// reads last build's page memo and export pieces while it loads and evaluates the site, and
/// writes the exports while the pages render); `value` waits until it is there.
final class Background<T>: @unchecked Sendable {
    private var result: T?
    private let done = DispatchSemaphore(value: 0)

    /// Starts `work` on another thread.
    init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global().async {
            self.result = work()
            self.done.signal()
        }
    }

    /// What `work` returned, once it returned.
    var value: T {
        done.wait()
        done.signal()  // so that a later call returns at once
        return result!
    }
}
