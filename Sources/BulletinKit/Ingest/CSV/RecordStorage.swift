import Foundation

/// The bytes and field bounds of one record, in memory that is reused from record to record.
///
/// A class, so that `CSVRecord` can tell when a copy shares it. Its state lives behind a
/// pointer rather than in stored properties: every access to a class's `var` pays a dynamic
/// exclusivity check, and the per-field loops would pay it hundreds of millions of times.
@usableFromInline
final class RecordStorage {
    @usableFromInline
    struct State {
        @usableFromInline var bytes: UnsafeMutablePointer<UInt8>
        var byteCapacity: Int
        var byteCount = 0
        /// Start and end offset in `bytes` of each field.
        @usableFromInline var bounds: UnsafeMutablePointer<Int>
        var fieldCapacity: Int
        @usableFromInline var fieldCount = 0
        /// Fields that held doubled quotes, still to be unescaped.
        var fieldsWithDoubledQuotes: [Int] = []
        /// The caps of a record (see `CSVReader.maximumFields`), and `min(fieldCapacity,
        /// maximumFields)`: the count at which adding a field takes the slow path.
        var maximumFields = CSVReader.defaultMaximumFields
        var maximumBytes = CSVReader.maximumRecordBytes
        var fieldLimit = 16
        /// Where the record passed a cap, as an offset in `bytes`; nothing more is stored after it.
        var overflow: RecordOverflow?
    }

    @usableFromInline let state: UnsafeMutablePointer<State>

    init() {
        state = .allocate(capacity: 1)
        state.initialize(
            to: State(
                bytes: .allocate(capacity: 256), byteCapacity: 256, bounds: .allocate(capacity: 2 * 16),
                fieldCapacity: 16))
    }

    deinit {
        state.pointee.bytes.deallocate()
        state.pointee.bounds.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    @inlinable var bytes: UnsafeMutablePointer<UInt8> { state.pointee.bytes }
    @inlinable var bounds: UnsafeMutablePointer<Int> { state.pointee.bounds }
    @inlinable var fieldCount: Int { state.pointee.fieldCount }
    var byteCount: Int { state.pointee.byteCount }

    @inline(__always)
    func removeAll() {
        state.pointee.byteCount = 0
        state.pointee.fieldCount = 0
        state.pointee.overflow = nil
        if !state.pointee.fieldsWithDoubledQuotes.isEmpty {
            state.pointee.fieldsWithDoubledQuotes.removeAll(keepingCapacity: true)
        }
    }

    @inline(__always)
    func append(_ source: UnsafePointer<UInt8>, count: Int) {
        guard count > 0 else { return }
        var count = count
        if state.pointee.byteCount &+ count > state.pointee.byteCapacity {
            // The capacity never exceeds `maximumBytes`, so the cap is only checked here.
            count = makeRoom(for: count)
        }
        (state.pointee.bytes + state.pointee.byteCount).update(from: source, count: count)
        state.pointee.byteCount &+= count
    }

    /// Adds fields with the count and bounds in local variables; `finish(_:)` stores them back.
    struct FieldWriter {
        let storage: RecordStorage
        var bounds: UnsafeMutablePointer<Int>
        var count: Int
        var capacity: Int

        @inline(__always)
        mutating func add(start: Int, end: Int) {
            if count == capacity {
                storage.state.pointee.fieldCount = count
                guard storage.growBounds(addingFieldAt: start) else { return }
                bounds = storage.state.pointee.bounds
                capacity = storage.state.pointee.fieldLimit
            }
            bounds[2 &* count] = start
            bounds[2 &* count &+ 1] = end
            count &+= 1
        }
    }

    @inline(__always)
    func fieldWriter() -> FieldWriter {
        FieldWriter(
            storage: self, bounds: state.pointee.bounds, count: state.pointee.fieldCount,
            capacity: state.pointee.fieldLimit)
    }

    @inline(__always)
    func finish(_ writer: FieldWriter) { state.pointee.fieldCount = writer.count }

    @inline(__always)
    func addField(start: Int, end: Int) {
        let count = state.pointee.fieldCount
        if count == state.pointee.fieldLimit {
            guard growBounds(addingFieldAt: start) else { return }
        }
        let bounds = state.pointee.bounds
        bounds[2 &* count] = start
        bounds[2 &* count &+ 1] = end
        state.pointee.fieldCount = count &+ 1
    }

    func addField(start: Int, end: Int, hasDoubledQuotes: Bool) {
        addField(start: start, end: end)
        // Not for a field past a cap, which is not stored (nor its quotes unescaped).
        if hasDoubledQuotes, state.pointee.overflow == nil {
            state.pointee.fieldsWithDoubledQuotes.append(state.pointee.fieldCount &- 1)
        }
    }

    /// Unescapes doubled quotes, in place: between the quotes of a quoted field every quote is
    /// the first of a pair.
    @inline(__always)
    func finishRecord() {
        if !state.pointee.fieldsWithDoubledQuotes.isEmpty, state.pointee.overflow == nil {
            unescapeDoubledQuotes()
        }
    }
}

extension RecordStorage {
    /// Sets the caps for the next record. Memory kept from an earlier record with a larger cap
    /// is let go, so that the capacities never exceed the caps (the slow paths check them).
    func limit(fields: Int, bytes: Int) {
        state.pointee.maximumFields = max(fields, 1)
        state.pointee.maximumBytes = max(bytes, 1)
        if state.pointee.byteCapacity > state.pointee.maximumBytes {
            state.pointee.bytes.deallocate()
            state.pointee.byteCapacity = min(256, state.pointee.maximumBytes)
            state.pointee.bytes = .allocate(capacity: state.pointee.byteCapacity)
        }
        state.pointee.fieldLimit = min(state.pointee.fieldCapacity, state.pointee.maximumFields)
    }

    /// Where the record passed a cap, if it did.
    var overflow: RecordOverflow? { state.pointee.overflow }

    /// Grows the byte buffer to hold `count` more bytes and returns how many of them to store:
    /// past `maximumBytes`, only what fits, and the overflow is noted (nothing more is stored).
    func makeRoom(for count: Int) -> Int {
        let byteCount = state.pointee.byteCount
        let maximum = state.pointee.maximumBytes
        guard state.pointee.overflow == nil || state.pointee.overflow?.isFieldCount == true else { return 0 }
        let needed = byteCount + count
        let capacity = min(max(state.pointee.byteCapacity * 2, needed), maximum)
        if capacity > state.pointee.byteCapacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: state.pointee.bytes, count: byteCount)
            state.pointee.bytes.deallocate()
            state.pointee.bytes = grown
            state.pointee.byteCapacity = capacity
        }
        guard needed > maximum else { return count }
        if state.pointee.overflow == nil {
            state.pointee.overflow = RecordOverflow(isFieldCount: false, offset: maximum)
        }
        return max(0, maximum - byteCount)
    }

    /// Doubles the room for field bounds, up to `maximumFields`; at the cap, notes the overflow
    /// at the field starting at `start` and returns false (the field is not stored).
    func growBounds(addingFieldAt start: Int) -> Bool {
        let fieldCount = state.pointee.fieldCount
        guard fieldCount < state.pointee.maximumFields else {
            if state.pointee.overflow == nil {
                state.pointee.overflow = RecordOverflow(isFieldCount: true, offset: start)
            }
            return false
        }
        if fieldCount == state.pointee.fieldCapacity {
            let capacity = min(2 * state.pointee.fieldCapacity, state.pointee.maximumFields)
            let grown = UnsafeMutablePointer<Int>.allocate(capacity: 2 * capacity)
            grown.update(from: state.pointee.bounds, count: 2 * fieldCount)
            state.pointee.bounds.deallocate()
            state.pointee.bounds = grown
            state.pointee.fieldCapacity = capacity
        }
        state.pointee.fieldLimit = min(state.pointee.fieldCapacity, state.pointee.maximumFields)
        return true
    }

    func unescapeDoubledQuotes() {
        let bytes = state.pointee.bytes
        let bounds = state.pointee.bounds
        for field in state.pointee.fieldsWithDoubledQuotes {
            var read = bounds[2 * field]
            var write = read
            let end = bounds[2 * field + 1]
            while read < end {
                bytes[write] = bytes[read]
                read += bytes[read] == 0x22 ? 2 : 1
                write += 1
            }
            bounds[2 * field + 1] = write
        }
    }
}
