import Dispatch
import Foundation
import Synchronization

/// `(0..<count).map(transform)` on every core (at most 8 workers), in index order.
///
/// Each worker takes the next index not yet taken (one shared atomic counter), so a worker that meets big items or
/// starts late does not leave the others idle at the end; each slot of the result is written once, by the worker
/// that took its index. (Dealing index i to worker i % workers left the second of two workers about 7 ms behind the
/// first when rendering the whole spec, of 47.) One worker, or one item, runs on the calling thread.
func concurrentMap<T>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
    let workers = min(ProcessInfo.processInfo.activeProcessorCount, 8, count)
    guard workers > 1 else { return (0..<count).map(transform) }
    let slots = Slots<T>(count: count)
    defer { slots.deallocate() }
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            let index = slots.next.add(1, ordering: .relaxed).oldValue
            guard index < count else { return }
            slots.initialize(index, to: transform(index))
        }
    }
    return slots.array()
}

/// Memory for the results of ``concurrentMap(_:_:)``: each slot initialized once, by one worker.
private final class Slots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T>
    /// The next index to take.
    let next = Atomic<Int>(0)

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
