/// Standard competition ranking (1, 2, 2, 4) by exact rates (SPEC §4.4).
enum Ranking {
    /// Ranks of `items` that have a value, best (largest) first: `isBelow(a, b)` says a's value is
    /// strictly below b's. Returns the rank of each item (nil where `hasValue` is false), the
    /// ranked indices in order, ties kept in their given order (callers pass units by code), and
    /// each item's rank counted from the bottom (1 + the number of items strictly below it).
    ///
    /// One sort, O(n log n): a national bulletin ranks thousands of units per indicator and
    /// category, where counting the items above each item would take millions of comparisons.
    static func competition(
        count: Int, hasValue: (Int) -> Bool, isBelow: (Int, Int) -> Bool
    ) -> (ranks: [Int?], order: [Int], reverseRanks: [Int?]) {
        let ranked = (0..<count).filter(hasValue)
        // Best first; equal values keep their given order (the sort is not stable by itself).
        let order = ranked.enumerated().sorted { a, b in
            if isBelow(b.element, a.element) { return true }
            if isBelow(a.element, b.element) { return false }
            return a.offset < b.offset
        }.map(\.element)
        var ranks = [Int?](repeating: nil, count: count)
        var reverseRanks = [Int?](repeating: nil, count: count)
        var groupStart = 0
        while groupStart < order.count {
            // A tie group: the items whose value equals the first one's.
            var groupEnd = groupStart + 1
            while groupEnd < order.count, !isBelow(order[groupEnd], order[groupStart]) { groupEnd += 1 }
            for position in groupStart..<groupEnd {
                ranks[order[position]] = groupStart + 1
                reverseRanks[order[position]] = order.count - groupEnd + 1
            }
            groupStart = groupEnd
        }
        return (ranks, order, reverseRanks)
    }
}
