/// The 64-bit hashes of one ledger column's ids, written down as the rows stream by and checked
/// for repeats once, at the end of the file (SPEC §10: one 64-bit hash per row).
///
/// A hash set checked on every row (`IDSet`) waits for memory on every row: a national ledger's
/// set is tens of megabytes, and its slots are read in no order. Here a row only appends its
/// hash to one of 256 lists, chosen by the hash's top byte — 256 places to write, all in the
/// cache. At the end each list is checked on its own, in a table small enough for the cache.
///
/// The check only says whether the column has a repeat; it cannot say which row repeats first.
/// `LedgerScanner` therefore scans a file whose log has a repeat again with an `IDSet`, which
/// reports each duplicate at its line; a clean file — the usual case — is read once.
///
/// A class whose lists live behind pointers: a row's append then touches no array's reference
/// count or uniqueness (three levels of arrays, as it was, cost a twentieth of the scan). Rows
/// append through an `Appender`, which holds the pointer alone: not even the log's own reference
/// count is touched (counted atomically, on an object next to the other thread's, that cost a
/// twentieth of a national scan again).
final class IDLog: @unchecked Sendable {
    /// One list: its hashes, how many, and room for how many.
    fileprivate struct List {
        var base: UnsafeMutablePointer<UInt64>?
        var count = 0
        var capacity = 0
    }

    private let lists: UnsafeMutablePointer<List>

    init() {
        lists = .allocate(capacity: 256)
        lists.initialize(repeating: List(), count: 256)
    }

    deinit {
        for index in 0..<256 { lists[index].base?.deallocate() }
        lists.deinitialize(count: 256)
        lists.deallocate()
    }

    /// The hashes written down.
    var count: Int { (0..<256).reduce(0) { $0 + lists[$1].count } }

    /// Makes room for about `capacity` hashes in all.
    func reserve(_ capacity: Int) {
        // Each list gets a 256th, and a margin of several standard deviations.
        let share = capacity / 256
        let margin = Int(Double(share).squareRoot() * 6) + 16
        for index in 0..<256 { Self.grow(lists + index, to: share + margin) }
    }

    /// Writes down one id's hash.
    func append(_ hash: UInt64) { appender.append(hash) }

    /// What writes hashes into this log, valid while the log lives.
    var appender: Appender { Appender(lists: lists) }

    /// Writes hashes into a log through its lists' pointer: a plain value, copied and kept
    /// without reference counting. Valid only while its log lives (its owner keeps both).
    struct Appender {
        fileprivate let lists: UnsafeMutablePointer<List>

        /// Writes down one id's hash.
        @inline(__always)
        func append(_ hash: UInt64) {
            let list = lists + Int(truncatingIfNeeded: hash >> 56)
            if list.pointee.count == list.pointee.capacity {
                IDLog.grow(list, to: max(16, list.pointee.capacity * 2))
            }
            list.pointee.base.unsafelyUnwrapped[list.pointee.count] = hash
            list.pointee.count &+= 1
        }
    }

    /// Gives `list` room for `capacity` hashes, keeping those it has.
    fileprivate static func grow(_ list: UnsafeMutablePointer<List>, to capacity: Int) {
        guard capacity > list.pointee.capacity else { return }
        let bigger = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        if let base = list.pointee.base {
            bigger.moveInitialize(from: base, count: list.pointee.count)
            base.deallocate()
        }
        list.pointee.base = bigger
        list.pointee.capacity = capacity
    }

    /// Whether any hash was written down twice.
    func hasRepeats() -> Bool {
        var table: [UInt64] = []
        for index in 0..<256 where lists[index].count > 1 {
            guard let base = lists[index].base else { continue }
            let list = UnsafeBufferPointer(start: base, count: lists[index].count)
            // A power of two at least twice the list, so probes stay short; 0 marks a free slot
            // (a hash of 0 is kept as 1, which at worst reports a repeat that a rescan clears).
            var size = 64
            while size < list.count * 2 { size *= 2 }
            table.removeAll(keepingCapacity: true)
            table.append(contentsOf: repeatElement(0, count: size))
            let mask = size - 1
            let found = table.withUnsafeMutableBufferPointer { slots -> Bool in
                for hash in list {
                    let value = hash == 0 ? 1 : hash
                    // The low bits: the top byte is the same for the whole list.
                    var slot = Int(truncatingIfNeeded: (value &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
                    while slots[slot] != 0 {
                        if slots[slot] == value { return true }
                        slot = (slot &+ 1) & mask
                    }
                    slots[slot] = value
                }
                return false
            }
            if found { return true }
        }
        return false
    }
}
