import CPrefetch

/// Running totals for one indicator while its ledger streams by (SPEC §10): per unit and
/// category the target, per unit, stage and category the amounts done in each calendar bucket,
/// and per township the amounts done by the as-of date and by the previous bulletin. Memory
/// grows with units × stages × periods and with the townships named, never with rows.
///
/// Every counter lives in a flat array indexed by arithmetic: a national ledger adds ten million
/// rows here, and a dictionary or an array of arrays per row cost more than the rest of a row.
struct Tally: Sendable {
    /// A township's counters (the breakdown on a unit page).
    struct Child: Sendable, Equatable {
        var target: Int64 = 0
        /// By stage: done by the as-of date and done by the previous bulletin.
        var done: [Int64]
        var previous: [Int64]
    }

    /// The largest total an indicator's ledger may add up to, in ten-thousandths of the measure
    /// (10^14 people, households or kilometres): with `targets.csv` held to the same bound, every
    /// sum the aggregation makes stays below Int64's limit and every cross product below Int128's.
    static let maximumTotal: Int64 = 1_000_000_000_000_000_000
    /// `maximumTotal` in the measure's own unit, as printed in findings.
    static let maximumTotalText = "100,000,000,000,000"

    let unitCount: Int
    let stageCount: Int
    let bucketCount: Int
    /// Category values in order of first appearance; `""` when the indicator has no category column.
    private(set) var categoryNames: [String] = []
    private var categoryIndex: [String: Int] = [:]
    /// Target by (category, unit), in ten-thousandths of the measure.
    private var targets: [Int64] = []
    /// Done by (category, unit, stage, bucket).
    private var doneCounts: [Int64] = []
    /// By (category, child slot) — a child slot is a township slot of `Regions.townships`, then
    /// one slot per unit for rows at the unit itself: target, done by stage, done by the previous
    /// bulletin by stage — side by side, so that a row touches one place.
    private var childCounts: [Int64] = []
    /// Whether any row counted in a child slot, whatever its category.
    private var childSeen: [Bool]
    private let townships: [Int32]

    /// The number of category values seen (1 when the indicator has no category column).
    var categoryCount: Int { categoryNames.count }

    /// `townships`: the region index of each township slot (`Regions.townships`).
    init(unitCount: Int, stageCount: Int, bucketCount: Int, townships: [Int32], hasCategories: Bool) {
        self.unitCount = unitCount
        self.stageCount = stageCount
        self.bucketCount = bucketCount
        self.townships = townships
        childSeen = Array(repeating: false, count: townships.count + unitCount)
        if !hasCategories { _ = category(named: "") }
    }

    /// The index of a category value, adding it on first sight.
    mutating func category(named name: String) -> Int {
        if let index = categoryIndex[name] { return index }
        categoryIndex[name] = categoryNames.count
        categoryNames.append(name)
        targets.append(contentsOf: repeatElement(0, count: unitCount))
        doneCounts.append(contentsOf: repeatElement(0, count: unitCount * stageCount * bucketCount))
        childCounts.append(contentsOf: repeatElement(0, count: childSeen.count * childStride))
        return categoryNames.count - 1
    }

    /// Accepted rows waiting to be counted together (`add(_:)`): fixed columns written in place
    /// (see `FlatBuffer`), reused batch after batch by one scan.
    final class Batch {
        let stageCount: Int
        let capacity: Int
        private(set) var count = 0
        fileprivate let units: FlatBuffer<Int>
        fileprivate let townships: FlatBuffer<Int>
        fileprivate let categories: FlatBuffer<Int>
        fileprivate let amounts: FlatBuffer<Int64>
        /// `stageCount` per row: the calendar bucket of each stage's date, or -1 when the stage
        /// is not done by the as-of date.
        let buckets: FlatBuffer<Int>
        /// Scratch for `add(_:)`: each row's first township counter.
        fileprivate let childBases: FlatBuffer<Int>

        init(stageCount: Int, capacity: Int) {
            self.stageCount = stageCount
            self.capacity = capacity
            units = FlatBuffer(repeating: 0, count: capacity)
            townships = FlatBuffer(repeating: 0, count: capacity)
            categories = FlatBuffer(repeating: 0, count: capacity)
            amounts = FlatBuffer(repeating: 0, count: capacity)
            buckets = FlatBuffer(repeating: -1, count: capacity * stageCount)
            childBases = FlatBuffer(repeating: 0, count: capacity)
        }

        /// Adds an accepted row and returns its position; its stage `s` goes in
        /// `buckets[position * stageCount + s]`. `township` is the township slot, or -1 for a
        /// row at the unit itself.
        func append(unit: Int, township: Int, category: Int, amount: Int64) -> Int {
            precondition(count < capacity, "batch is full")
            units[count] = unit
            townships[count] = township
            categories[count] = category
            amounts[count] = amount
            count += 1
            return count - 1
        }

        func removeAll() { count = 0 }
    }

    /// Counts a batch of rows: the same sums as adding them one by one. A national tally's
    /// counters are far larger than the cache; asking for every row's counters first (a
    /// prefetch, which holds nothing up) lets the waits for memory overlap, and the additions
    /// then find them in the cache.
    mutating func add(_ batch: Batch) {
        precondition(batch.stageCount == stageCount)
        let (unitCount, stageCount, bucketCount) = (unitCount, stageCount, bucketCount)
        let childSlots = childSeen.count
        let unitsInTownshipSlots = townships.count
        // Targets (a small table, in the cache) and each row's township slot first.
        for row in 0..<batch.count {
            let (unit, category) = (batch.units[row], batch.categories[row])
            targets[category &* unitCount &+ unit] += batch.amounts[row]
            let slot = batch.townships[row] >= 0 ? batch.townships[row] : unitsInTownshipSlots &+ unit
            childSeen[slot] = true
            batch.childBases[row] = (category &* childSlots &+ slot) &* childStride
        }
        childCounts.withUnsafeBufferPointer { child in
            guard let child = child.baseAddress else { return }
            // A township's counters may straddle two cache lines: ask for both ends.
            let last = childStride - 1
            for row in 0..<batch.count {
                let base = batch.childBases[row]
                cprefetch_write(child + base)
                cprefetch_write(child + (base &+ last))
            }
        }
        doneCounts.withUnsafeBufferPointer { done in
            guard let done = done.baseAddress else { return }
            for row in 0..<batch.count {
                let doneBase = (batch.categories[row] &* unitCount &+ batch.units[row]) &* stageCount
                for stage in 0..<stageCount {
                    let bucket = batch.buckets[row &* stageCount &+ stage]
                    if bucket >= 0 { cprefetch_write(done + ((doneBase &+ stage) &* bucketCount &+ bucket)) }
                }
            }
        }
        childCounts.withUnsafeMutableBufferPointer { child in
            doneCounts.withUnsafeMutableBufferPointer { done in
                for row in 0..<batch.count {
                    let (unit, category, amount) = (
                        batch.units[row], batch.categories[row], batch.amounts[row]
                    )
                    let childBase = batch.childBases[row]
                    child[childBase] += amount
                    let doneBase = (category &* unitCount &+ unit) &* stageCount
                    for stage in 0..<stageCount {
                        let bucket = batch.buckets[row &* stageCount &+ stage]
                        guard bucket >= 0 else { continue }
                        done[(doneBase &+ stage) &* bucketCount &+ bucket] += amount
                        child[childBase &+ 1 &+ stage] += amount
                        if bucket >= 1 { child[childBase &+ 1 &+ stageCount &+ stage] += amount }
                    }
                }
            }
        }
    }

    /// Amount done by grid date `step` (0 = as-of) for a unit, stage and category:
    /// the sum of buckets `step…`.
    func done(unit: Int, stage: Int, category: Int, step: Int) -> Int64 {
        let base = ((category * unitCount + unit) * stageCount + stage) * bucketCount
        var sum: Int64 = 0
        for bucket in step..<bucketCount { sum += doneCounts[base + bucket] }
        return sum
    }

    /// Ledger target of a unit and category.
    func target(unit: Int, category: Int) -> Int64 { targets[category * unitCount + unit] }

    /// The child slots that counted rows: the breakdown's townships (and units' own rows).
    var childSlots: [Int] { childSeen.indices.filter { childSeen[$0] } }

    /// The township breakdown's key of a child slot: the township's region index, or
    /// `-1 - unit` for rows at the unit itself.
    func childKey(slot: Int) -> Int32 {
        slot < townships.count ? townships[slot] : Int32(-1 - (slot - townships.count))
    }

    /// A township's counters in one category.
    func child(slot: Int, category: Int) -> Child {
        let base = (category * childSeen.count + slot) * childStride
        return Child(
            target: childCounts[base], done: Array(childCounts[(base + 1)..<(base + 1 + stageCount)]),
            previous: Array(childCounts[(base + 1 + stageCount)..<(base + childStride)]))
    }

    private var childStride: Int { 1 + 2 * stageCount }

}
