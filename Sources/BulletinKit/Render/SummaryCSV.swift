import Foundation

/// `summary.csv` (SPEC §6.1): one row per region (root first, then units by code) × indicator ×
/// stage × category, plain numbers, UTF-8 with BOM and CRLF so Excel opens it as it is.
enum SummaryCSV {
    static let header = [
        "unit_code", "unit_name", "indicator", "stage", "category", "target", "done", "rate_pct",
        "time_progress_pct", "gap_pp", "new_since_previous", "rate_change_pp", "rank", "status",
    ]

    /// The whole file.
    static func make(_ bulletin: Bulletin) -> String {
        var output = "\u{FEFF}" + header.joined(separator: ",") + "\r\n"
        func write(_ region: RegionName, _ indicator: IndicatorResult, _ figures: RegionFigures, isRoot: Bool) {
            for (stageIndex, stage) in indicator.indicator.stages.enumerated() {
                let stageFigures = figures.stages[stageIndex]
                let isRanking = stageIndex == indicator.indicator.rankingStage && !isRoot
                output += row(region, indicator.indicator.id, stage.id, category: "", stageFigures.whole, showRank: isRanking)
                for (categoryIndex, category) in indicator.categories.enumerated() {
                    output += row(
                        region, indicator.indicator.id, stage.id, category: category, stageFigures.categories[categoryIndex],
                        showRank: isRanking)
                }
            }
        }
        for indicator in bulletin.indicators {
            write(bulletin.root, indicator, indicator.root, isRoot: true)
        }
        for unit in bulletin.units.indices {
            for indicator in bulletin.indicators {
                write(bulletin.units[unit], indicator, indicator.units[unit], isRoot: false)
            }
        }
        return output
    }

    private static func row(
        _ region: RegionName, _ indicator: String, _ stage: String, category: String, _ figures: Figures, showRank: Bool
    ) -> String {
        var cells = [region.code, text(region.name), indicator, stage, text(category)]
        if let rate = figures.rate, let gap = figures.gap, let change = figures.rateChange {
            cells += [
                Quantity.plain(figures.target), Quantity.plain(figures.done), rate.percent(2),
                figures.timeProgress.percent(2), gap.percent(2), Quantity.plain(figures.newSincePrevious),
                change.percent(2), showRank ? figures.rank.map(String.init) ?? "" : "",
            ]
        } else {
            cells += Array(repeating: "", count: 8)
        }
        cells.append(figures.status.rawValue)
        return cells.map(quoted).joined(separator: ",") + "\r\n"
    }

    /// A text cell made safe for spreadsheets: one starting with `= + - @` (or a tab or carriage
    /// return) would run as a formula, so it gets a leading `'`. Numbers never pass through here.
    static func text(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return value }
        return "'" + value
    }

    /// RFC 4180 quoting where needed.
    static func quoted(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
