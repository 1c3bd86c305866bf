/// Packed region codes (`FieldParsing.regionCode`) to region indices: an open-addressing hash
/// table with a multiplicative hash. A national `regions.csv` holds some 670,000 codes and every
/// ledger row looks one up; `Dictionary`'s seeded SipHash made that lookup the scan's largest
/// cost. The codes come from the dataset, not from an adversary who could choose collisions.
struct CodeTable: Sendable {
    /// Keys by slot; `empty` marks a free slot (no packed code is 0: it encodes the length).
    private var keys: [UInt64]
    private var values: [Int32]
    private var shift: UInt64
    private(set) var count = 0

    private static let empty: UInt64 = 0

    /// An empty table sized for `capacity` codes without growing.
    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = Array(repeating: Self.empty, count: size)
        values = Array(repeating: -1, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// The index stored for `key`, if any.
    @inline(__always)
    subscript(key: UInt64) -> Int32? {
        guard key != Self.empty else { return nil }
        let mask = keys.count &- 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let stored = keys[slot]
            if stored == key { return values[slot] }
            if stored == Self.empty { return nil }
            slot = (slot &+ 1) & mask
        }
    }

    /// Stores `value` for `key` (a new key, or replacing the old value).
    mutating func set(_ key: UInt64, _ value: Int32) {
        guard key != Self.empty else { return }
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count &- 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while keys[slot] != Self.empty && keys[slot] != key { slot = (slot &+ 1) & mask }
        if keys[slot] == Self.empty { count += 1 }
        keys[slot] = key
        values[slot] = value
    }

    private mutating func grow() {
        var bigger = CodeTable(capacity: keys.count)
        for (key, value) in zip(keys, values) where key != Self.empty { bigger.set(key, value) }
        self = bigger
    }
}
