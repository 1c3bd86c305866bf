import Foundation

/// The results of a concurrent loop, stored by the index of the work that made them.
///
/// Workers of `DispatchQueue.concurrentPerform` finish in any order; each stores its result in
/// its own slot here, and the caller reads the slots in index order once the loop is over, so
/// what it builds from them does not depend on how the threads were scheduled.
final class IndexedResults<Value>: @unchecked Sendable {
    // Every access takes the lock: slots are written from several threads at once.
    private let lock = NSLock()
    private var slots: [Value?]

    /// `count` empty slots, indices `0..<count`.
    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Stores `value` in slot `index`, replacing what was there.
    func set(_ index: Int, _ value: Value) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    /// The value in slot `index`, or nil if none was stored.
    subscript(index: Int) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return slots[index]
    }

    /// Every slot in index order, nil where nothing was stored.
    var values: [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
