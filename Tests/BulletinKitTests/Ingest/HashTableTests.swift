import Testing

@testable import BulletinKit

/// The ledger scan's own hash tables agree with the standard library's `Set` and `Dictionary`.
struct HashTableTests {
    /// 200,000 ids with about one in ten repeated, through growth and an early `reserve`: every
    /// insert says "new" exactly when `Set` does.
    @Test(arguments: [0, 50_000, 1_000_000])
    func idSetAgreesWithSet(reserve: Int) {
        var random = SeededRandom(seed: 42)
        var ids = IDSet()
        var reference = Set<UInt64>()
        for index in 0..<200_000 {
            if index == 1_000 { ids.reserve(reserve) }
            // Small values repeat often.
            let value = random.chance(10) ? UInt64(random.int(2...5_000)) : random.next()
            #expect(ids.insert(value) == reference.insert(value).inserted)
        }
        #expect(ids.count == reference.count)
    }

    /// Packed region codes: every stored code is found with its index, absent ones are not.
    @Test func codeTableAgreesWithDictionary() {
        var random = SeededRandom(seed: 7)
        var table = CodeTable()
        var reference: [UInt64: Int32] = [:]
        for index in 0..<100_000 {
            let code = UInt64(random.int(1...400_000))
            table.set(code, Int32(index))
            reference[code] = Int32(index)
        }
        #expect(table.count == reference.count)
        for code in UInt64(0)...400_001 { #expect(table[code] == reference[code]) }
    }
}
