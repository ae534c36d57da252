import Dispatch
import Synchronization

/// Work started on another thread now, whose result is waited for later (`value`).
final class Concurrently<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let value = work()
            result.withLock { $0 = value }
            done.signal()
        }
    }

    /// The result, once the work is done (waits for it the first time).
    var value: Value {
        if let value = result.withLock({ $0 }) { return value }
        done.wait()
        done.signal()  // later reads do not wait
        return result.withLock { $0 }!
    }
}
