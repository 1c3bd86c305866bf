/// A region as the bulletin names it.
public struct RegionName: Sendable, Equatable {
    public var code: String
    public var name: String
    /// The name where space is short (chart axes): `short_name` in regions.csv, else the name.
    public var shortName: String

    public init(code: String, name: String, shortName: String? = nil) {
        self.code = code
        self.name = name
        self.shortName = shortName ?? name
    }
}

/// One stage of a region's figures: the whole and each category (C级/D级 …).
public struct StageFigures: Sendable {
    public var whole: Figures
    /// Aligned with `IndicatorResult.categories`.
    public var categories: [Figures]
}

/// A region's figures on one indicator: its window and every stage.
public struct RegionFigures: Sendable {
    public var region: RegionName
    /// The region's own window (a unit's may come from `targets.csv`).
    public var start: Day
    public var deadline: Day
    /// Aligned with the indicator's stages.
    public var stages: [StageFigures]
}

/// The trend of an indicator's ranking stage (SPEC §4.5): done and time progress at each
/// bulletin date from the indicator's start to the as-of date.
public struct Trend: Sendable {
    /// Bulletin dates, oldest first.
    public var dates: [Day]
    /// Root: done and time progress at each date.
    public var rootDone: [Int64]
    public var rootTimeProgress: [Rational]
    /// Per unit (aligned with `Bulletin.units`): done and time progress at each date.
    public var unitDone: [[Int64]]
    public var unitTimeProgress: [[Rational]]
}

/// Everything computed for one indicator (SPEC §4).
public struct IndicatorResult: Sendable {
    public var indicator: Indicator
    /// Category values, sorted; empty when the indicator has no category column.
    public var categories: [String]
    /// Root totals (ΣA / ΣT over units).
    public var root: RegionFigures
    /// Per unit, aligned with `Bulletin.units`.
    public var units: [RegionFigures]
    /// Unit positions in rank order (ranked units only; ties by code).
    public var ranking: [Int]
    /// 前三名 and 后三位: unit positions, empty when fewer than top + bottom units are ranked.
    public var top: [Int]
    public var bottom: [Int]
    /// Units whose rate is below the root's (低于全市平均水平).
    public var belowAverage: [Int]
    /// Units behind time progress (gap < 0), worst first.
    public var behind: [Int]
    /// Township breakdown per unit (only for the main bulletin, not history pages).
    public var breakdown: Breakdown
    public var trend: Trend

    /// The ranking-stage figures of a unit.
    public func ranked(_ unit: Int) -> Figures { units[unit].stages[indicator.rankingStage].whole }
    /// The ranking-stage figures of the root.
    public var rootRanked: Figures { root.stages[indicator.rankingStage].whole }
}

/// One unit in the composite rank (综合排名, SPEC §4.4).
public struct CompositeEntry: Sendable {
    /// Unit position.
    public var unit: Int
    /// Weighted mean of the unit's ranking-stage rates, each capped at 100%.
    public var score: Rational
    public var rank: Int
}

/// The bulletin of one date: the model every output is rendered from.
public struct Bulletin: Sendable {
    /// The configuration, its `asOf` this bulletin's own date (an earlier period's, for a
    /// history bulletin): the one home of the as-of date.
    public var configuration: Configuration
    /// The bulletin date.
    public var asOf: Day { configuration.asOf }
    /// The previous bulletin's date (较上期).
    public var previous: Day
    public var root: RegionName
    public var units: [RegionName]
    public var indicators: [IndicatorResult]
    /// Composite rank, best first (units with a weighted task only).
    public var composite: [CompositeEntry]
    public var quality: QualityReport
}
