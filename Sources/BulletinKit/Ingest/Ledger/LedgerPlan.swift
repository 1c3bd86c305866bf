/// The columns one ledger's indicators read, found in its header, each parsed once per row
/// however many indicators read it.
struct LedgerPlan: Sendable {
    /// Where a row's region is read from.
    enum RegionSource: Sendable, Equatable {
        /// A column of codes.
        case code(column: Int)
        /// Place-name columns, unit level first (SPEC §2.6).
        case names(columns: [Int])
    }

    var regionSources: [RegionSource] = []
    var idColumns: [Int] = []
    var measureColumns: [Int] = []
    var categoryColumns: [Int] = []
    var dateColumns: [Int] = []
    /// The configured name of each configured column, for messages: what the user wrote in
    /// bulletin.json, so the clerk recognises it.
    var names: [Int: String] = [:]
    /// Every configured column, in column order: a row with all of them empty is a footer.
    var configuredColumns: [Int] = []
    /// The columns whose `合计`/`小计` text makes a row a total row: the first, the ids, the regions.
    var totalMarkerColumns: [Int] = []
    /// Per id column: whether it is checked as a resident ID number (`id_check`).
    var checksIDCards: [Bool] = []

    // Per indicator of the ledger, positions into the arrays above.
    var region: [Int] = []
    var id: [Int?] = []
    var measure: [Int?] = []
    var category: [Int?] = []
    var dates: [[Int]] = []
    /// The earliest start of the indicators reading each date column.
    var dateColumnStart: [Day] = []
    /// Per indicator: whether its stage-order check is the first for its list of columns.
    var checksOrder: [Bool] = []
    /// Per indicator: its stages' titles, for the stage-order warnings.
    var stageTitles: [[String]] = []

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
            checksOrder.append(!orderChecked.contains(stageSlots))
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
    }

    /// The configured name of `column`.
    func name(of column: Int) -> String { names[column] ?? "column \(column + 1)" }
}
