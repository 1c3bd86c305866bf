import Testing

@testable import BulletinKit

/// Competition ranking (SPEC §4.4) against its definition, item by item: rank = 1 + the number of
/// items strictly above; counted from the bottom, 1 + the number strictly below; order best
/// first with ties in the given order.
struct RankingTests {
    /// Worked by hand: values 5, 9, 5, none, 2, 9 → 9s rank 1, 5s rank 3, 2 ranks 5; from the
    /// bottom 2 is 1, the 5s are 2, the 9s are 4; order 1, 5 (the 9s), 0, 2 (the 5s), 4.
    @Test func smallCaseWorkedByHand() {
        let values: [Int?] = [5, 9, 5, nil, 2, 9]
        let (ranks, order, reverse) = Ranking.competition(
            count: values.count, hasValue: { values[$0] != nil }, isBelow: { values[$0]! < values[$1]! })
        #expect(ranks == [3, 1, 3, nil, 5, 1])
        #expect(order == [1, 5, 0, 2, 4])
        #expect(reverse == [2, 4, 2, nil, 1, 4])
    }

    /// Thousands of items with many ties (values 0…40), as a national bulletin ranks them.
    @Test(arguments: [1, 2, 7, 100, 3_000])
    func agreesWithTheDefinition(count: Int) {
        var random = SeededRandom(seed: UInt64(count))
        let values: [Int?] = (0..<count).map { _ in random.chance(10) ? nil : random.int(0...40) }
        let (ranks, order, reverse) = Ranking.competition(
            count: count, hasValue: { values[$0] != nil }, isBelow: { values[$0]! < values[$1]! })
        let ranked = values.indices.filter { values[$0] != nil }
        for item in values.indices {
            guard let value = values[item] else {
                #expect(ranks[item] == nil && reverse[item] == nil)
                continue
            }
            #expect(ranks[item] == 1 + ranked.filter { values[$0]! > value }.count)
            #expect(reverse[item] == 1 + ranked.filter { values[$0]! < value }.count)
        }
        // Best first; equal values keep their given (index) order.
        let expected = ranked.sorted { values[$0]! != values[$1]! ? values[$0]! > values[$1]! : $0 < $1 }
        #expect(order == expected)
    }
}
