import CPrefetch

/// Packed region codes (`FieldParsing.regionCode`) to where the region lies: an open-addressing
/// hash table with a multiplicative hash, each slot holding the code and the unit and township
/// the region lies in, side by side — 16 bytes, four slots to a cache line; the region index,
/// which the scan does not need, is in a table of its own. A national `regions.csv` holds some
/// 670,000 codes and every ledger row looks one up: with `Dictionary` (seeded SipHash, then three
/// more arrays for the unit and township) that lookup was four cache misses and the scan's
/// largest cost; here it is one. The codes come from the dataset, not from an adversary who
/// could choose collisions.
struct CodeTable: Sendable {
    /// One slot: `key` 0 marks a free slot (no packed code is 0: it encodes the length).
    struct Entry: Sendable, BitwiseCopyable {
        var key: UInt64 = 0
        /// The unit's position (≥ 0), -1 outside the root, -2 for the root itself.
        var unit: Int32 = -1
        /// The township slot (`Regions.townships`), or -1 for a unit itself and regions outside.
        var township: Int32 = -1
    }

    private var entries: FlatBuffer<Entry>
    /// The region index of the code in the same slot of `entries`.
    private var indices: FlatBuffer<Int32>
    private(set) var count = 0

    /// An empty table for about `capacity` codes before it grows.
    init(capacity: Int = 12) {
        let size = max(16, capacity / 3 * 4 + 4)
        entries = FlatBuffer(repeating: Entry(), count: size)
        indices = FlatBuffer(repeating: -1, count: size)
    }

    /// Makes room for `capacity` codes in all before the table grows, if it has less.
    mutating func reserve(_ capacity: Int) {
        guard capacity / 3 * 4 + 4 > entries.count else { return }
        var bigger = CodeTable(capacity: capacity)
        for slot in 0..<entries.count where entries[slot].key != 0 {
            bigger.set(entries[slot].key, indices[slot])
        }
        self = bigger
    }

    /// The entry of `key`, if it is in the table.
    @inline(__always)
    func entry(_ key: UInt64) -> Entry? { slot(of: key).map { entries[$0] } }

    /// The slot holding `key`, if it is in the table.
    @inline(__always)
    private func slot(of key: UInt64) -> Int? {
        guard key != 0 else { return nil }
        var slot = Self.home(key, size: entries.count)
        while true {
            let stored = entries[slot].key
            if stored == key { return slot }
            if stored == 0 { return nil }
            slot &+= 1
            if slot == entries.count { slot = 0 }
        }
    }

    /// Asks for the slot where a search for `key` starts to be loaded (see `LedgerScan.prefetch`).
    @inline(__always)
    func prefetch(_ key: UInt64) { cprefetch_read(entries.base + Self.home(key, size: entries.count)) }

    /// Asks for both slots where `key` is stored or looked for by `set` and the subscript to be
    /// loaded: the entry and the region index.
    @inline(__always)
    func prefetchSlots(_ key: UInt64) {
        let home = Self.home(key, size: entries.count)
        cprefetch_write(entries.base + home)
        cprefetch_write(indices.base + home)
    }

    /// The region index of `key`, if any.
    subscript(key: UInt64) -> Int32? { slot(of: key).map { indices[$0] } }

    /// Stores the region index of `key` (a new key, or replacing the old index).
    mutating func set(_ key: UInt64, _ index: Int32) {
        guard key != 0 else { return }
        if (count + 1) * 4 > entries.count * 3 { grow() }
        if !isKnownUniquelyReferenced(&entries) { entries = entries.copy() }
        if !isKnownUniquelyReferenced(&indices) { indices = indices.copy() }
        var slot = Self.home(key, size: entries.count)
        while entries[slot].key != 0 && entries[slot].key != key {
            slot &+= 1
            if slot == entries.count { slot = 0 }
        }
        if entries[slot].key == 0 { count += 1 }
        entries[slot] = Entry(key: key)
        indices[slot] = index
    }

    /// Sets every entry's unit and township from its region index.
    mutating func place(unit: (Int) -> Int32, township: (Int) -> Int32) {
        if !isKnownUniquelyReferenced(&entries) { entries = entries.copy() }
        for slot in 0..<entries.count where entries[slot].key != 0 {
            let index = Int(indices[slot])
            entries[slot].unit = unit(index)
            entries[slot].township = township(index)
        }
    }

    /// The first slot to look at: the high half of (mixed key × size), uniform over any size.
    @inline(__always)
    private static func home(_ key: UInt64, size: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15).multipliedFullWidth(by: UInt64(size)).high)
    }

    private mutating func grow() {
        var bigger = CodeTable()
        bigger.entries = FlatBuffer(repeating: Entry(), count: entries.count * 2)
        bigger.indices = FlatBuffer(repeating: -1, count: entries.count * 2)
        for slot in 0..<entries.count where entries[slot].key != 0 {
            bigger.set(entries[slot].key, indices[slot])
        }
        self = bigger
    }
}
