import Dispatch
import Foundation

/// `(0..<count).map(transform)` on every core (at most 8 workers), in index order.
///
/// Work is interleaved (index i on worker i % workers), so big and small items spread evenly; each worker writes only
/// its own slots of the result. One worker, or one item, runs on the calling thread.
func concurrentMap<T>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
    let workers = min(ProcessInfo.processInfo.activeProcessorCount, 8, count)
    guard workers > 1 else { return (0..<count).map(transform) }
    let slots = Slots<T>(count: count)
    defer { slots.deallocate() }
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        var index = worker
        while index < count {
            slots.initialize(index, to: transform(index))
            index += workers
        }
    }
    return slots.array()
}

/// Memory for the results of ``concurrentMap(_:_:)``: each slot initialized once, by one worker.
private final class Slots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T>

    init(count: Int) {
        buffer = .allocate(capacity: count)
    }

    func initialize(_ index: Int, to value: T) {
        (buffer.baseAddress! + index).initialize(to: value)
    }

    /// The results, moved out of the slots (every slot must have been initialized).
    func array() -> [T] {
        Array(unsafeUninitializedCapacity: buffer.count) { target, count in
            _ = target.moveInitialize(fromContentsOf: buffer)
            count = buffer.count
        }
    }

    func deallocate() {
        buffer.deallocate()
    }
}
