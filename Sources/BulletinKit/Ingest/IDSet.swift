/// The 64-bit hashes of the ids seen in one ledger column (SPEC §10: duplicate detection may
/// keep one 64-bit hash per row). Open addressing over a flat array of any size: eight bytes a
/// slot, at most three quarters full, no second hashing of a value that is a hash already. A
/// scanner that knows about how many rows a file holds sizes the set once (`reserve`), so that
/// no growth holds the old and the new table at the same time.
struct IDSet: Sendable {
    private var slots: FlatBuffer<UInt64>
    private(set) var count = 0

    /// An empty set for about `capacity` ids before it grows.
    init(capacity: Int = 768) {
        slots = FlatBuffer(repeating: 0, count: max(1024, capacity / 3 * 4 + 4))
    }

    /// Makes room for `capacity` ids in all, if the set has less.
    mutating func reserve(_ capacity: Int) {
        guard capacity / 3 * 4 + 4 > slots.count else { return }
        rebuild(slots: capacity / 3 * 4 + 4)
    }

    /// Adds `hash`; false when it was there already.
    @inline(__always)
    mutating func insert(_ hash: UInt64) -> Bool {
        // 0 marks a free slot; the one id in 2^64 that hashes to 0 is kept as 1.
        let value = hash == 0 ? 1 : hash
        if (count + 1) * 4 > slots.count * 3 { rebuild(slots: slots.count + slots.count / 2) }
        if !isKnownUniquelyReferenced(&slots) { slots = slots.copy() }
        // The slot is the high half of (mixed value × size): uniform over any size.
        let mixed = value &* 0x9E37_79B9_7F4A_7C15
        var slot = Int(truncatingIfNeeded: mixed.multipliedFullWidth(by: UInt64(slots.count)).high)
        while true {
            let stored = slots[slot]
            if stored == value { return false }
            if stored == 0 {
                slots[slot] = value
                count += 1
                return true
            }
            slot &+= 1
            if slot == slots.count { slot = 0 }
        }
    }

    private mutating func rebuild(slots size: Int) {
        var bigger = IDSet()
        bigger.slots = FlatBuffer(repeating: 0, count: size)
        for index in 0..<slots.count where slots[index] != 0 { _ = bigger.insert(slots[index]) }
        self = bigger
    }
}
