/// The columns one ledger's indicators read, found in its header, each parsed once per row
/// however many indicators read it.
///
/// A class of constants: every row's check reads it, and a copy of a struct of twenty arrays
/// retained and released each of them (a tenth of the scan's reference counting).
final class LedgerPlan: Sendable {
    /// Where a row's region is read from.
    enum RegionSource: Sendable, Equatable {
        /// A column of codes.
        case code(column: Int)
        /// Place-name columns, unit level first (SPEC §2.6).
        case names(columns: [Int])
    }

    let regionSources: [RegionSource]
    /// The columns of the region sources that read codes.
    let codeColumns: [Int]
    let idColumns: [Int]
    let measureColumns: [Int]
    let categoryColumns: [Int]
    let dateColumns: [Int]
    /// The configured name of each configured column, for messages: what the user wrote in
    /// bulletin.json, so the clerk recognises it.
    let names: [Int: String]
    /// Every configured column, in column order: a row with all of them empty is a footer.
    let configuredColumns: [Int]
    /// The columns whose `合计`/`小计` text makes a row a total row: the first, the ids, the regions.
    let totalMarkerColumns: [Int]
    /// Per id column: whether it is checked as a resident ID number (`id_check`).
    let checksIDCards: [Bool]

    // Per indicator of the ledger, positions into the arrays above.
    let region: [Int]
    let id: [Int?]
    let measure: [Int?]
    let category: [Int?]
    let dates: [[Int]]
    /// The earliest start of the indicators reading each date column.
    let dateColumnStart: [Day]
    /// The indicators whose stage order is checked — each list of stage date columns once, by the
    /// first indicator reading it — with their date slots as a range of `orderSlots`: flat
    /// lists, read for every row.
    let orderChecks: [(indicator: Int, slots: Range<Int>)]
    let orderSlots: [Int]
    /// Per indicator: its stages' titles, for the stage-order warnings.
    let stageTitles: [[String]]

    /// Every column name the indicators need, in configuration order, each once.
    static func columnNames(of indicators: [Indicator]) -> [String] {
        var names: [String] = []
        func add(_ name: String) { if !names.contains(name) { names.append(name) } }
        for indicator in indicators {
            indicator.region.columns.forEach(add)
            indicator.idColumn.map(add)
            if case .sum(let column) = indicator.measure { add(column) }
            indicator.categoryColumn.map(add)
            for stage in indicator.stages { add(stage.dateColumn) }
        }
        return names
    }

    /// The plan of `indicators` (those reading one ledger) over a header's columns; every
    /// name of `columnNames(of:)` must be in `columns`.
    init(indicators: [Indicator], columns: [String: Int]) {
        var regionSources: [RegionSource] = []
        var idColumns: [Int] = []
        var measureColumns: [Int] = []
        var categoryColumns: [Int] = []
        var dateColumns: [Int] = []
        var names: [Int: String] = [:]
        var configuredColumns: [Int] = []
        var totalMarkerColumns: [Int] = []
        var checksIDCards: [Bool] = []
        var region: [Int] = []
        var id: [Int?] = []
        var measure: [Int?] = []
        var category: [Int?] = []
        var dates: [[Int]] = []
        var dateColumnStart: [Day] = []
        var orderChecks: [(indicator: Int, slots: Range<Int>)] = []
        var orderSlots: [Int] = []
        var stageTitles: [[String]] = []
        func slot(_ column: Int, in list: inout [Int]) -> Int {
            if let index = list.firstIndex(of: column) { return index }
            list.append(column)
            return list.count - 1
        }
        func column(_ name: String) -> Int { columns[name] ?? 0 }
        for (name, column) in columns where names[column] == nil { names[column] = name }
        var orderChecked: [[Int]] = []
        for indicator in indicators {
            let source: RegionSource =
                switch indicator.region {
                case .code(let name): .code(column: column(name))
                case .names(let list): .names(columns: list.map(column))
                }
            if let index = regionSources.firstIndex(of: source) {
                region.append(index)
            } else {
                regionSources.append(source)
                region.append(regionSources.count - 1)
            }
            if let name = indicator.idColumn {
                let position = slot(column(name), in: &idColumns)
                if position == checksIDCards.count { checksIDCards.append(false) }
                checksIDCards[position] = checksIDCards[position] || indicator.checksIDCards
                id.append(position)
            } else {
                id.append(nil)
            }
            if case .sum(let name) = indicator.measure {
                measure.append(slot(column(name), in: &measureColumns))
            } else {
                measure.append(nil)
            }
            category.append(indicator.categoryColumn.map { slot(column($0), in: &categoryColumns) })
            var stageSlots: [Int] = []
            for stage in indicator.stages {
                let position = slot(column(stage.dateColumn), in: &dateColumns)
                if position == dateColumnStart.count { dateColumnStart.append(indicator.start) }
                dateColumnStart[position] = min(dateColumnStart[position], indicator.start)
                stageSlots.append(position)
            }
            dates.append(stageSlots)
            stageTitles.append(indicator.stages.map(\.title))
            if !orderChecked.contains(stageSlots) {
                orderChecks.append((dates.count - 1, orderSlots.count..<orderSlots.count + stageSlots.count))
                orderSlots += stageSlots
            }
            orderChecked.append(stageSlots)
        }
        configuredColumns = Set(columns.values).sorted()
        var markers: Set<Int> = [0]
        markers.formUnion(idColumns)
        for source in regionSources {
            switch source {
            case .code(let column): markers.insert(column)
            case .names(let list): markers.formUnion(list)
            }
        }
        totalMarkerColumns = markers.sorted()
        self.regionSources = regionSources
        codeColumns = regionSources.compactMap {
            if case .code(let column) = $0 { return column }
            return nil
        }
        self.idColumns = idColumns
        self.measureColumns = measureColumns
        self.categoryColumns = categoryColumns
        self.dateColumns = dateColumns
        self.names = names
        self.configuredColumns = configuredColumns
        self.totalMarkerColumns = totalMarkerColumns
        self.checksIDCards = checksIDCards
        self.region = region
        self.id = id
        self.measure = measure
        self.category = category
        self.dates = dates
        self.dateColumnStart = dateColumnStart
        self.orderChecks = orderChecks
        self.orderSlots = orderSlots
        self.stageTitles = stageTitles
    }

    /// The configured name of `column`.
    func name(of column: Int) -> String { names[column] ?? "column \(column + 1)" }
}
