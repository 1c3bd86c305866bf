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
    /// Per category, per child slot (a township slot of `Regions.townships`, then one slot per
    /// unit for rows at the unit itself): rows, target, done by stage, done by the previous
    /// bulletin by stage — side by side, so that a row touches one place.
    private var childCounts: [[Int64]] = []
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
        childCounts.append(Array(repeating: 0, count: childSeen.count * childStride))
        return categoryNames.count - 1
    }

    /// Counts one accepted ledger row. `buckets[s]` is the calendar bucket of stage `s`'s date,
    /// or -1 when the stage is not done by the as-of date. `township` is the township slot, or -1
    /// for a row at the unit itself.
    mutating func add(unit: Int, township: Int, category: Int, amount: Int64, buckets: [Int]) {
        targets[category &* unitCount &+ unit] += amount
        let slot = township >= 0 ? township : townships.count &+ unit
        childSeen[slot] = true
        let childBase = slot &* childStride
        childCounts[category][childBase] += amount
        let doneBase = (category &* unitCount &+ unit) &* stageCount
        for (stage, bucket) in buckets.enumerated() where bucket >= 0 {
            doneCounts[(doneBase &+ stage) &* bucketCount &+ bucket] += amount
            childCounts[category][childBase &+ 1 &+ stage] += amount
            if bucket >= 1 { childCounts[category][childBase &+ 1 &+ stageCount &+ stage] += amount }
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
        let base = slot * childStride
        let counts = childCounts[category]
        return Child(
            target: counts[base], done: Array(counts[(base + 1)..<(base + 1 + stageCount)]),
            previous: Array(counts[(base + 1 + stageCount)..<(base + childStride)]))
    }

    private var childStride: Int { 1 + 2 * stageCount }

}
