/// The township breakdown (SPEC §4.1, a unit page's table per child region) of every unit on
/// one indicator, kept as counts and turned into figures when a unit's page asks for them. A
/// national bulletin has some 40,000 townships on each indicator: their figures held all at
/// once took about a hundred megabytes, the counts take a fifth of that.
struct Breakdown: Sendable {
    /// One township's counts: target, then done by stage, then done by the previous bulletin.
    struct Row: Sendable {
        var region: RegionName
        var counts: [Int64]
    }

    /// Rows per unit, sorted by code.
    private var rows: [[Row]]
    /// Each unit's window (start, deadline).
    private let windows: [(start: Day, deadline: Day)]
    private let makeFigures: FigureMaker

    init(rows: [[Row]], windows: [(start: Day, deadline: Day)], makeFigures: FigureMaker) {
        self.rows = rows
        self.windows = windows
        self.makeFigures = makeFigures
    }

    /// No breakdown (history bulletins) for `unitCount` units.
    static func empty(unitCount: Int, makeFigures: FigureMaker) -> Breakdown {
        Breakdown(
            rows: Array(repeating: [], count: unitCount), windows: [], makeFigures: makeFigures)
    }

    /// The number of units.
    var count: Int { rows.count }

    /// The child regions of one unit that have ledger rows, by code, without their figures.
    func regions(of unit: Int) -> [RegionName] { rows[unit].map(\.region) }

    /// The breakdown of one unit: a row per child region that has ledger rows, by code, each in
    /// the unit's window.
    subscript(unit: Int) -> [RegionFigures] {
        let (start, deadline) = windows[unit]
        // Every township of the unit has the unit's window: its time progress is worked out once.
        let progress = makeFigures.timeProgress(start: start, deadline: deadline)
        return rows[unit].map { row in
            let stageCount = (row.counts.count - 1) / 2
            let stages = (0..<stageCount).map { stage in
                StageFigures(
                    whole: makeFigures(
                        target: row.counts[0], done: row.counts[1 + stage],
                        previousDone: row.counts[1 + stageCount + stage], progress: progress,
                        deadline: deadline),
                    categories: [])
            }
            return RegionFigures(region: row.region, start: start, deadline: deadline, stages: stages)
        }
    }
}

/// Makes the figures of one row (SPEC §4.1–§4.4 without ranks): time progress on the bulletin
/// date and the previous one in the row's window, and the status.
struct FigureMaker: Sendable {
    let rule: Indicator.TimeProgressRule
    let asOf: Day
    let previous: Day
    let yellowBelow: Rational
    let redBelow: Rational

    func callAsFunction(target: Int64, done: Int64, previousDone: Int64, start: Day, deadline: Day) -> Figures
    {
        self(
            target: target, done: done, previousDone: previousDone,
            progress: timeProgress(start: start, deadline: deadline), deadline: deadline)
    }

    /// Time progress in the window `start`…`deadline` on the bulletin date and on the previous one.
    func timeProgress(start: Day, deadline: Day) -> (now: Rational, previous: Rational) {
        (
            TimeProgress.on(asOf, start: start, deadline: deadline, rule: rule),
            TimeProgress.on(previous, start: start, deadline: deadline, rule: rule)
        )
    }

    /// The figures of a row whose window's time progress (`timeProgress(start:deadline:)`) is known.
    func callAsFunction(
        target: Int64, done: Int64, previousDone: Int64, progress: (now: Rational, previous: Rational),
        deadline: Day
    ) -> Figures {
        var row = Figures(
            target: target, done: done, previousDone: previousDone, timeProgress: progress.now,
            previousTimeProgress: progress.previous, deadline: deadline)
        row.status = Status.of(
            rate: row.rate, gap: row.gap, day: asOf, deadline: deadline, yellowBelow: yellowBelow,
            redBelow: redBelow)
        return row
    }
}
