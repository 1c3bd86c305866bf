/// The 64-bit hashes of the ids seen in one ledger column (SPEC §10: duplicate detection may
/// keep one 64-bit hash per row). Open addressing over a flat array: eight bytes a slot, at most
/// half full, and no second hashing of a value that is a hash already.
struct IDSet: Sendable {
    private var slots: [UInt64]
    private var shift: UInt64
    private(set) var count = 0

    /// An empty set sized for `capacity` ids without growing.
    init(capacity: Int = 1024) {
        var size = 1024
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// Adds `hash`; false when it was there already.
    @inline(__always)
    mutating func insert(_ hash: UInt64) -> Bool {
        // 0 marks a free slot; the one id in 2^64 that hashes to 0 is kept as 1.
        let value = hash == 0 ? 1 : hash
        if (count + 1) * 2 > slots.count { grow() }
        let mask = slots.count &- 1
        var slot = Int(truncatingIfNeeded: (value &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let stored = slots[slot]
            if stored == value { return false }
            if stored == 0 {
                slots[slot] = value
                count += 1
                return true
            }
            slot = (slot &+ 1) & mask
        }
    }

    private mutating func grow() {
        var bigger = IDSet(capacity: slots.count)
        for value in slots where value != 0 { _ = bigger.insert(value) }
        self = bigger
    }
}
