/// Running totals for one indicator while its ledger streams by (SPEC §10): per unit and
/// category the target, per unit, stage and category the amounts done in each calendar bucket,
/// and per township the amounts done by the as-of date and by the previous bulletin. Memory
/// grows with units × stages × periods, never with rows.
struct Tally: Sendable {
    /// Counters of one category value (the whole is the sum over categories).
    struct Category: Sendable {
        /// Target by unit position, in ten-thousandths of the measure.
        var target: [Int64]
        /// Done by (unit, stage, bucket), flattened.
        var done: [Int64]
        /// Township breakdown by the township's region index (-1 - unit position: rows at the unit itself).
        var children: [Int32: Child] = [:]
    }

    /// A township's counters.
    struct Child: Sendable {
        var target: Int64 = 0
        /// By stage: done by the as-of date and done by the previous bulletin.
        var done: [Int64]
        var previous: [Int64]

        mutating func add(amount: Int64, buckets: [Int]) {
            target += amount
            for (stage, bucket) in buckets.enumerated() where bucket >= 0 {
                done[stage] += amount
                if bucket >= 1 { previous[stage] += amount }
            }
        }
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
    private(set) var categories: [Category] = []

    init(unitCount: Int, stageCount: Int, bucketCount: Int, hasCategories: Bool) {
        self.unitCount = unitCount
        self.stageCount = stageCount
        self.bucketCount = bucketCount
        if !hasCategories { _ = category(named: "") }
    }

    /// The index of a category value, adding it on first sight.
    mutating func category(named name: String) -> Int {
        if let index = categoryIndex[name] { return index }
        categoryIndex[name] = categories.count
        categoryNames.append(name)
        categories.append(
            Category(
                target: Array(repeating: 0, count: unitCount),
                done: Array(repeating: 0, count: unitCount * stageCount * bucketCount)))
        return categories.count - 1
    }

    /// Counts one accepted ledger row. `buckets[s]` is the calendar bucket of stage `s`'s date,
    /// or -1 when the stage is not done by the as-of date.
    mutating func add(unit: Int, child: Int, category: Int, amount: Int64, buckets: [Int]) {
        categories[category].target[unit] += amount
        let childKey = Int32(child >= 0 ? child : -1 - unit)
        let stageCount = self.stageCount
        let bucketCount = self.bucketCount
        // Mutated in place: reading the child out and storing it back would copy its arrays per row.
        categories[category].children[
            childKey,
            default: Child(
                done: Array(repeating: 0, count: stageCount), previous: Array(repeating: 0, count: stageCount)
            )
        ].add(amount: amount, buckets: buckets)
        for (stage, bucket) in buckets.enumerated() where bucket >= 0 {
            categories[category].done[(unit * stageCount + stage) * bucketCount + bucket] += amount
        }
    }

    /// Amount done by grid date `step` (0 = as-of) for a unit, stage and category:
    /// the sum of buckets `step…`.
    func done(unit: Int, stage: Int, category: Int, step: Int) -> Int64 {
        let base = (unit * stageCount + stage) * bucketCount
        var sum: Int64 = 0
        let done = categories[category].done
        for bucket in step..<bucketCount { sum += done[base + bucket] }
        return sum
    }

    /// Ledger target of a unit and category.
    func target(unit: Int, category: Int) -> Int64 { categories[category].target[unit] }
}
