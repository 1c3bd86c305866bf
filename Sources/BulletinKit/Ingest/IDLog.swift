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
struct IDLog: Sendable {
    private var lists: [[UInt64]] = Array(repeating: [], count: 256)
    private(set) var count = 0

    /// Makes room for about `capacity` hashes in all.
    mutating func reserve(_ capacity: Int) {
        // Each list gets a 256th, and a margin of several standard deviations.
        let share = capacity / 256
        let margin = Int(Double(share).squareRoot() * 6) + 16
        for index in lists.indices { lists[index].reserveCapacity(share + margin) }
    }

    /// Writes down one id's hash.
    @inline(__always)
    mutating func append(_ hash: UInt64) {
        lists[Int(truncatingIfNeeded: hash >> 56)].append(hash)
        count &+= 1
    }

    /// Whether any hash was written down twice.
    func hasRepeats() -> Bool {
        var table: [UInt64] = []
        for list in lists where list.count > 1 {
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
