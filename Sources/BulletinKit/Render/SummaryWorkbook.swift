/// `summary.xlsx`: the tidy table of `summary.csv` (SPEC §6.1) — the same rows, columns and
/// values — as a workbook analysts open straight in Excel or WPS: numbers are numeric cells
/// (the same decimal text as the CSV), the four percentage columns show two decimals (`0.00`),
/// the header row is frozen and the columns are as wide as their contents. Text is stored as
/// inline strings, which a spreadsheet never evaluates, so a name starting with `=` stays text
/// without the CSV's leading `'`.
enum SummaryWorkbook {
    /// One cell of the table.
    enum Cell: Equatable {
        case text(String)
        /// A number, as the CSV prints it (`12345`, `12.5`).
        case number(String)
        /// A percentage or percentage points with two decimals (`87.65`, `-3.20`).
        case percent(String)
        case empty
    }

    /// The package's bytes, handed to `sink` a chunk at a time.
    static func write(_ bulletin: Bulletin, into sink: ChunkSink) throws(ZipWriter.Failure) {
        var zip = ZipWriter(emit: { sink.take(&$0) }, rewrite: { sink.rewrite(at: Int($0), $1) })
        try write(bulletin, into: &zip)
    }

    /// The package, written through `zip`. The sheet is produced row by row (a national table
    /// has tens of thousands): once to size the columns, then once (or twice, for a ZIP writer
    /// that cannot rewrite its headers) to write it.
    static func write(_ bulletin: Bulletin, into zip: inout ZipWriter) throws(ZipWriter.Failure) {
        var widths = SummaryCSV.header.map(displayWidth)
        var rowCount = 1
        forEachRow(bulletin) { cells in
            rowCount += 1
            for (index, cell) in cells.enumerated() where index < widths.count {
                widths[index] = max(widths[index], displayWidth(cell))
            }
        }
        try SpreadsheetML.writePackage(into: &zip) { out in
            SpreadsheetML.writeSheet(
                header: SummaryCSV.header, widths: widths, rowCount: rowCount, into: &out
            ) { row in
                forEachRow(bulletin, row)
            }
        }
    }

    /// Every row of the table in `summary.csv`'s order: the root first, then units by code;
    /// within them indicators and stages in config order, the whole before each category.
    static func forEachRow(_ bulletin: Bulletin, _ body: ([Cell]) -> Void) {
        func rows(_ region: RegionName, _ indicator: IndicatorResult, _ figures: RegionFigures, isRoot: Bool)
        {
            for (stageIndex, stage) in indicator.indicator.stages.enumerated() {
                let stageFigures = figures.stages[stageIndex]
                let showRank = stageIndex == indicator.indicator.rankingStage && !isRoot
                let names = [region.code, region.name, indicator.indicator.id, stage.id]
                body(row(names, category: "", stageFigures.whole, showRank: showRank))
                for (categoryIndex, category) in indicator.categories.enumerated()
                where categoryIndex < stageFigures.categories.count {
                    body(
                        row(
                            names, category: category, stageFigures.categories[categoryIndex],
                            showRank: showRank))
                }
            }
        }
        for indicator in bulletin.indicators {
            rows(bulletin.root, indicator, indicator.root, isRoot: true)
        }
        for unit in bulletin.units.indices {
            for indicator in bulletin.indicators where unit < indicator.units.count {
                rows(bulletin.units[unit], indicator, indicator.units[unit], isRoot: false)
            }
        }
    }

    /// One row: the four names, the category, the figures and the status.
    static func row(_ names: [String], category: String, _ figures: Figures, showRank: Bool) -> [Cell] {
        var cells = names.map(Cell.text)
        cells.append(category.isEmpty ? .empty : .text(category))
        let percentages = figures.percentages
        // A figure has a rate, a gap and a change exactly when it has a task (as in the CSV).
        if let rate = percentages.rate, let gap = percentages.gap, let change = percentages.rateChange {
            cells += [
                .number(Quantity.plain(figures.target)), .number(Quantity.plain(figures.done)),
                .percent(rate.text(sign: .minusOnly, percentSign: false)),
                .percent(percentages.timeProgress.text(sign: .minusOnly, percentSign: false)),
                .percent(gap.text(sign: .minusOnly, percentSign: false)),
                .number(Quantity.plain(figures.newSincePrevious)),
                .percent(change.text(sign: .minusOnly, percentSign: false)),
                showRank ? figures.rank.map { .number(String($0)) } ?? .empty : .empty,
            ]
        } else {
            cells += Array(repeating: .empty, count: 8)
        }
        cells.append(.text(figures.status.rawValue))
        return cells
    }

    /// How many columns a text takes in Excel's units (the width of a digit): two for a wide
    /// (CJK) character, one otherwise.
    static func displayWidth(_ text: String) -> Int {
        // Numbers and codes are ASCII: a column per byte, no scalar decoded.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.count }
        return text.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    static func displayWidth(_ cell: Cell) -> Int {
        switch cell {
        case .text(let text), .number(let text), .percent(let text): displayWidth(text)
        case .empty: 0
        }
    }

    /// East Asian wide and full-width characters (CJK, kana, hangul, full-width forms).
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            true
        default: false
        }
    }
}
