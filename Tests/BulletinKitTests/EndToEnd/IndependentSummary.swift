import BulletinKit
import Foundation

/// A second implementation of `summary.csv` (SPEC §4, §6.1), written from the SPEC alone and kept
/// deliberately plain: whole files in memory, dictionaries, a loop per figure. It shares nothing
/// with the program's Ingest or Aggregate code except the public `CSV.parse` (SPEC §11), so the
/// two can check each other. Rates, time progress and gaps are exact fractions, rounded half away
/// from zero to two decimals only when printed.
enum IndependentSummary {
    /// The columns of SPEC §6.1.
    static let header = [
        "unit_code", "unit_name", "indicator", "stage", "category", "target", "done", "rate_pct",
        "time_progress_pct", "gap_pp", "new_since_previous", "rate_change_pp", "rank", "status",
    ]

    /// Something the dataset does that this implementation does not follow (never expected in a test).
    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    /// The rows of `summary.csv` (header excluded, text cells already given their leading `'`) for
    /// the dataset in `directory`, as of `asOf` (`YYYY-MM-DD`) or else the configuration's date.
    static func rows(directory: URL, asOf: String? = nil) throws -> [[String]] {
        let config = try Config(directory: directory)
        let regions = try RegionTable(
            records: readCSV(directory.appendingPathComponent("regions.csv")), root: config.root)
        guard let asOfText = asOf ?? config.asOf, let day = CalendarDay(iso: asOfText) else {
            throw Unsupported(description: "no as-of date")
        }
        let previous = config.period.previous(of: day)
        let overrides = try Overrides(directory: directory, regions: regions)
        let ledgerRows = try readLedgers(directory: directory, config: config, regions: regions)

        var root: [[String]] = []
        var units = [[[String]]](repeating: [], count: regions.units.count)
        for (index, indicator) in config.indicators.enumerated() {
            let table = IndicatorTable(
                indicator: indicator, rows: ledgerRows[index], units: regions.units, day: day,
                previous: previous,
                overrides: overrides.byIndicator[indicator.id] ?? [:])
            for stage in indicator.stages.indices {
                let ranks = stage == indicator.rankingStage ? table.ranks(stage: stage) : [:]
                for category in [nil] + table.categories.map(Optional.some) {
                    func row(_ code: String, _ figures: Figures, _ window: Window, rank: Int?) -> [String] {
                        [
                            code, text(regions.names[code] ?? ""), indicator.id, indicator.stages[stage].id,
                            text(category ?? ""),
                        ]
                            + cells(
                                figures, day: day, window: window, rule: indicator.rule, rank: rank,
                                thresholds: config.thresholds)
                    }
                    root.append(
                        row(
                            regions.root, table.rootFigures(stage: stage, category: category),
                            indicator.window, rank: nil))
                    for (position, unit) in regions.units.enumerated() {
                        units[position].append(
                            row(
                                unit, table.unitFigures(unit: unit, stage: stage, category: category),
                                table.window(of: unit),
                                rank: ranks[Key(unit: unit, category: category)]))
                    }
                }
            }
        }
        return root + units.joined()
    }

    /// SPEC §6: a text cell starting with `= + - @` gets a leading `'`.
    static func text(_ value: String) -> String {
        guard let first = value.first, "=+-@".contains(first) else { return value }
        return "'" + value
    }
}
