/// Standard competition ranking (1, 2, 2, 4) by exact rates (SPEC §4.4).
enum Ranking {
    /// Ranks of `items` that have a value, best (largest) first: `isBelow(a, b)` says a's value is
    /// strictly below b's. Returns the rank of each item (nil where `hasValue` is false) and the
    /// ranked indices in order, ties kept in their given order (callers pass units by code).
    static func competition(
        count: Int, hasValue: (Int) -> Bool, isBelow: (Int, Int) -> Bool
    ) -> (ranks: [Int?], order: [Int]) {
        let ranked = (0..<count).filter(hasValue)
        var ranks = [Int?](repeating: nil, count: count)
        for item in ranked {
            ranks[item] = 1 + ranked.filter { isBelow(item, $0) }.count
        }
        let order = ranked.enumerated().sorted { a, b in
            let (x, y) = (ranks[a.element]!, ranks[b.element]!)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
        return (ranks, order)
    }

    /// Rank counted from the bottom: 1 + the number of items strictly below.
    static func reverse(_ item: Int, among ranked: [Int], isBelow: (Int, Int) -> Bool) -> Int {
        1 + ranked.filter { isBelow($0, item) }.count
    }
}
