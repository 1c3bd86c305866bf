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
        let sink = ChunkSink()
        write(bulletin, into: sink)
        return sink.text
    }

    /// Hands the file to `sink` in chunks of about `chunkSize` bytes. A national file has tens of
    /// thousands of rows: cells are appended as bytes, not joined as strings.
    static func write(_ bulletin: Bulletin, into sink: ChunkSink, chunkSize: Int = 1 << 20) {
        var output: [UInt8] = []
        output.reserveCapacity(chunkSize)
        output += "\u{FEFF}".utf8
        output += header.joined(separator: ",").utf8
        output += "\r\n".utf8
        func write(_ region: RegionName, _ indicator: IndicatorResult, _ figures: RegionFigures, isRoot: Bool) {
            for (stageIndex, stage) in indicator.indicator.stages.enumerated() {
                let stageFigures = figures.stages[stageIndex]
                let isRanking = stageIndex == indicator.indicator.rankingStage && !isRoot
                appendRow(
                    region, indicator.indicator.id, stage.id, category: "", stageFigures.whole, showRank: isRanking,
                    to: &output)
                for (categoryIndex, category) in indicator.categories.enumerated() {
                    appendRow(
                        region, indicator.indicator.id, stage.id, category: category,
                        stageFigures.categories[categoryIndex], showRank: isRanking, to: &output)
                }
            }
            if output.count >= chunkSize { sink.take(&output) }
        }
        for indicator in bulletin.indicators {
            write(bulletin.root, indicator, indicator.root, isRoot: true)
        }
        for unit in bulletin.units.indices {
            for indicator in bulletin.indicators {
                write(bulletin.units[unit], indicator, indicator.units[unit], isRoot: false)
            }
        }
        sink.take(&output)
    }

    private static func appendRow(
        _ region: RegionName, _ indicator: String, _ stage: String, category: String, _ figures: Figures,
        showRank: Bool, to output: inout [UInt8]
    ) {
        for cell in [region.code, text(region.name), indicator, stage, text(category)] {
            appendQuoted(cell, to: &output)
            output.append(UInt8(ascii: ","))
        }
        // A figure has a rate, a gap and a change exactly when it has a task.
        let percentages = figures.percentages
        if let rate = percentages.rate, let gap = percentages.gap, let change = percentages.rateChange {
            for cell in [
                Quantity.plain(figures.target), Quantity.plain(figures.done), rate.text(sign: .minusOnly, percentSign: false),
                percentages.timeProgress.text(sign: .minusOnly, percentSign: false),
                gap.text(sign: .minusOnly, percentSign: false), Quantity.plain(figures.newSincePrevious),
                change.text(sign: .minusOnly, percentSign: false), showRank ? figures.rank.map(String.init) ?? "" : "",
            ] {
                appendQuoted(cell, to: &output)
                output.append(UInt8(ascii: ","))
            }
        } else {
            output += ",,,,,,,,".utf8
        }
        appendQuoted(figures.status.rawValue, to: &output)
        output += "\r\n".utf8
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

    /// `quoted(value)`'s bytes. A value without a byte of `,`, `"`, CR or LF needs no quotes and
    /// is copied as it is, without looking at its characters.
    private static func appendQuoted(_ value: String, to output: inout [UInt8]) {
        let mayNeedQuotes = value.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
        }
        output += (mayNeedQuotes ? quoted(value) : value).utf8
    }
}
