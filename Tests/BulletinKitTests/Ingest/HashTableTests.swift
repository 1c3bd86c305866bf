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

extension HashTableTests {
    /// The end-of-file id check finds a repeat exactly when there is one: 300,000 distinct
    /// random hashes have none; the same with one earlier hash written again, anywhere, have one.
    @Test(arguments: [0, 1, 150_000, 299_999])
    func idLogFindsARepeatExactlyWhenThereIsOne(repeatAt position: Int) {
        var random = SeededRandom(seed: 11)
        var distinct = Set<UInt64>()
        var hashes: [UInt64] = []
        while hashes.count < 300_000 {
            let value = random.next()
            if distinct.insert(value).inserted { hashes.append(value) }
        }
        let clean = IDLog()
        clean.reserve(hashes.count)
        for hash in hashes { clean.append(hash) }
        #expect(clean.count == hashes.count)
        #expect(!clean.hasRepeats())

        let repeated = IDLog()
        for (index, hash) in hashes.enumerated() {
            repeated.append(hash)
            // Repeat an earlier hash (the first one when `position` is 0).
            if index == position { repeated.append(hashes[position / 2]) }
        }
        #expect(repeated.hasRepeats())
    }

    /// Hashes that share their top byte all land in one list, which must still be checked whole;
    /// small lists and a single hash have no repeat.
    @Test func idLogChecksCrowdedAndTinyLists() {
        let crowded = IDLog()
        for low in UInt64(1)...50_000 { crowded.append(0xAB00_0000_0000_0000 | low &* 7) }
        #expect(!crowded.hasRepeats())
        crowded.append(0xAB00_0000_0000_0000 | 49_999 &* 7)
        #expect(crowded.hasRepeats())

        let single = IDLog()
        single.append(42)
        #expect(!single.hasRepeats())
        let pair = IDLog()
        pair.append(42)
        pair.append(42)
        #expect(pair.hasRepeats())
        #expect(!IDLog().hasRepeats())
    }
}
