/// A region as the bulletin names it.
struct RegionName: Sendable, Equatable {
    var code: String
    var name: String
    /// The name where space is short (chart axes): `short_name` in regions.csv, else the name.
    var shortName: String

    init(code: String, name: String, shortName: String? = nil) {
        self.code = code
        self.name = name
        self.shortName = shortName ?? name
    }
}

/// One stage of a region's figures: the whole and each category (C级/D级 …).
struct StageFigures: Sendable {
    var whole: Figures
    /// Aligned with `IndicatorResult.categories`.
    var categories: [Figures]
}

/// A region's figures on one indicator: its window and every stage.
struct RegionFigures: Sendable {
    var region: RegionName
    /// The region's own window (a unit's may come from `targets.csv`).
    var start: Day
    var deadline: Day
    /// Aligned with the indicator's stages.
    var stages: [StageFigures]
}

/// The trend of an indicator's ranking stage (SPEC §4.5): done and time progress at each
/// bulletin date from the indicator's start to the as-of date.
struct Trend: Sendable {
    /// Bulletin dates, oldest first.
    var dates: [Day]
    /// Root: done and time progress at each date.
    var rootDone: [Int64]
    var rootTimeProgress: [Rational]
    /// Per unit (aligned with `Bulletin.units`): done and time progress at each date.
    var unitDone: [[Int64]]
    var unitTimeProgress: [[Rational]]
}

/// Everything computed for one indicator (SPEC §4).
struct IndicatorResult: Sendable {
    var indicator: Indicator
    /// Category values, sorted; empty when the indicator has no category column.
    var categories: [String]
    /// Root totals (ΣA / ΣT over units).
    var root: RegionFigures
    /// Per unit, aligned with `Bulletin.units`.
    var units: [RegionFigures]
    /// Unit positions in rank order (ranked units only; ties by code).
    var ranking: [Int]
    /// 前三名 and 后三位: unit positions, empty when fewer than top + bottom units are ranked.
    var top: [Int]
    var bottom: [Int]
    /// Units whose rate is below the root's (低于全市平均水平).
    var belowAverage: [Int]
    /// Units behind time progress (gap < 0), worst first.
    var behind: [Int]
    /// Township breakdown per unit (only for the main bulletin, not history pages).
    var breakdown: Breakdown
    var trend: Trend

    /// The ranking-stage figures of a unit.
    func ranked(_ unit: Int) -> Figures { units[unit].stages[indicator.rankingStage].whole }
    /// The ranking-stage figures of the root.
    var rootRanked: Figures { root.stages[indicator.rankingStage].whole }
}

/// One unit in the composite rank (综合排名, SPEC §4.4).
struct CompositeEntry: Sendable {
    /// Unit position.
    var unit: Int
    /// Weighted mean of the unit's ranking-stage rates, each capped at 100%.
    var score: Rational
    var rank: Int
}

/// The bulletin of one date: the model every output is rendered from.
struct Bulletin: Sendable {
    /// The configuration, its `asOf` this bulletin's own date (an earlier period's, for a
    /// history bulletin): the one home of the as-of date.
    var configuration: Configuration
    /// The bulletin date.
    var asOf: Day { configuration.asOf }
    /// The previous bulletin's date (较上期).
    var previous: Day
    var root: RegionName
    var units: [RegionName]
    var indicators: [IndicatorResult]
    /// Composite rank, best first (units with a weighted task only).
    var composite: [CompositeEntry]
    var quality: QualityReport
}
