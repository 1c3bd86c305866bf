import Foundation

/// The region hierarchy from `regions.csv` (SPEC §2.1): every code with its name and parent,
/// the bulletin's root, its units (the root's children), and for every region the unit and the
/// unit's child (township) it lies in, so a ledger row's code resolves in one lookup.
struct Regions: Sendable {
    /// Codes as written, by region index.
    private(set) var codes = TextColumn()
    /// Names, by region index.
    private(set) var names = TextColumn()
    /// Short names from the optional `short_name` column (for chart axes), by region index;
    /// only the regions that have one.
    private(set) var shortNames: [Int32: String] = [:]
    /// Parent region index, or -1.
    private(set) var parents: [Int32] = []
    /// Region index by packed code (`FieldParsing.regionCode`).
    private(set) var indexByCode = CodeTable()
    /// The root's region index.
    private(set) var root: Int = 0
    /// Region indices of the units, sorted by code.
    private(set) var units: [Int] = []
    /// For each region: the position in `units` of the unit it lies in (the unit itself included);
    /// -1 outside the root, -2 for the root itself.
    private(set) var unitPosition: [Int32] = []
    /// For each region: the region index of the unit's child it lies in; -1 for a unit itself and
    /// regions outside units.
    private(set) var unitChild: [Int32] = []
    /// The units' children (townships) that have regions of their own or are named by rows, by
    /// township slot: every child of a unit, in region order.
    private(set) var townships: [Int32] = []

    /// Asks for the table slot of a packed region code to be loaded ahead of
    /// `location(ofPackedCode:)` (see `LedgerScan.batchSize`).
    @inline(__always)
    func prefetch(_ packedCode: UInt64) { indexByCode.prefetch(packedCode) }

    /// The region index of a code, if it exists.
    func index(of code: String) -> Int? {
        FieldParsing.regionCode(code).flatMap { indexByCode[$0] }.map(Int.init)
    }

    /// Region indices of a unit's children, sorted by code.
    func children(ofUnit position: Int) -> [Int] {
        let unit = Int32(units[position])
        return parents.indices.filter { parents[$0] == unit }.sorted { codes[$0] < codes[$1] }
    }
}

extension Regions {
    /// Reads `regions.csv` (columns `code,name,parent`) and roots it at `rootCode`. Problems are
    /// returned as findings; the regions are usable only when none is an error.
    static func load(path: String, file: String, rootCode: String) -> (Regions, [Finding]) {
        var loader = Loader(file: file, rootCode: rootCode)
        if loader.read(path: path) {
            loader.resolveParents()
            if loader.placeUnderRoot() { loader.numberTownships() }
        }
        return (loader.regions, loader.findings)
    }

    /// Reading `regions.csv` step by step: the rows, their parents, where each region lies
    /// under the root (finding cycles on the way), and the township slots.
    struct Loader {
        let file: String
        let rootCode: String
        var regions = Regions()
        var findings: [Finding] = []
        var parentCodes = TextColumn()
        /// The line of each region, for findings.
        var lines: [Int32] = []
        var parentColumn: Int?

        init(file: String, rootCode: String) {
            self.file = file
            self.rootCode = rootCode
        }

        mutating func report(
            _ line: Int?, _ column: Int?, _ kind: Finding.Kind, _ message: Diagnostic.Message
        ) {
            findings.append(
                Finding(
                    file: file, line: line, column: column, severity: .error, kind: kind, message: message))
        }

        /// Reads every row; false when the file cannot be used at all.
        mutating func read(path: String) -> Bool {
            var reader: CSVReader
            do {
                reader = try CSVReader(path: path)
            } catch {
                var isDirectory: ObjCBool = false
                if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                    report(
                        nil, nil, .missingFile,
                        .init(.regionsMissing, ["file": .text(file), "root": .text(rootCode)]))
                } else {
                    report(
                        nil, nil, .missingFile,
                        isDirectory.boolValue ? .init(.regionsFolder, ["file": .text(file)]) : error.message)
                }
                return false
            }
            var record = CSVRecord()
            do throws(CSVError) {
                guard try reader.readRecord(into: &record) else {
                    report(1, nil, .missingColumn, .init(.regionsEmpty))
                    return false
                }
                let header = (0..<record.count).map { record.trimmedString(at: $0) }
                var columns: [Int] = []
                for name in ["code", "name", "parent"] {
                    if let column = header.firstIndex(of: name) {
                        columns.append(column)
                    } else {
                        report(
                            1, nil, .missingColumn,
                            .init(
                                .regionsColumnMissing,
                                ["column": .text(name), "header": .quotedList(header)]))
                    }
                }
                guard columns.count == 3 else { return false }
                parentColumn = columns[2] + 1
                let shortNameColumn = header.firstIndex(of: "short_name")
                let fileBytes =
                    (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
                    ?? 0
                // Rows read a batch at a time, their codes' table slots asked for before any is
                // added (see `LedgerScan.batchSize`): each add would otherwise wait for memory.
                var batch = (0..<Self.batchSize).map { _ in CSVRecord() }
                // How much larger the whole file is than its first 1,024 rows, measured when
                // line 1,025 is read; the table and columns are sized just before it is added.
                var sizing: Double?
                var isExhausted = false
                while !isExhausted {
                    var filled = 0
                    var failure: CSVError?
                    do throws(CSVError) {
                        while filled < Self.batchSize {
                            guard try reader.readRecord(into: &batch[filled]) else {
                                isExhausted = true
                                break
                            }
                            if batch[filled].line == Self.sizingLine, fileBytes > 0 {
                                sizing = Double(fileBytes) / Double(max(1, reader.textPosition)) * 1.05
                            }
                            filled += 1
                        }
                    } catch {
                        // The rows read before it are added first, as they came.
                        failure = error
                    }
                    for index in 0..<filled {
                        if let code = batch[index].withBytes(at: columns[0], FieldParsing.regionCode) {
                            regions.indexByCode.prefetchSlots(code)
                        }
                    }
                    for index in 0..<filled {
                        if batch[index].line == Self.sizingLine, let scale = sizing { reserve(scale: scale) }
                        add(batch[index], header: header, columns: columns, shortNameColumn: shortNameColumn)
                    }
                    if let failure { throw failure }
                }
            } catch {
                report(error.line, error.column, Finding.kind(of: error), error.message)
                return false
            }
            return true
        }

        /// Rows read and checked together in `load`.
        static let batchSize = 16

        /// The line at which the table and columns are sized for the whole file.
        static let sizingLine = 1025

        /// Sizes the code table and the columns once for the whole file, `scale` times what the
        /// first 1,024 lines took.
        private mutating func reserve(scale: Double) {
            regions.indexByCode.reserve(Int(scale * 1024))
            regions.codes.reserveCapacity(
                count: Int(scale * 1024), byteCount: Int(scale * Double(regions.codes.byteCount)))
            regions.names.reserveCapacity(
                count: Int(scale * 1024), byteCount: Int(scale * Double(regions.names.byteCount)))
            parentCodes.reserveCapacity(
                count: Int(scale * 1024), byteCount: Int(scale * Double(parentCodes.byteCount)))
        }

        /// Adds one row's region.
        private mutating func add(
            _ record: CSVRecord, header: [String], columns: [Int], shortNameColumn: Int?
        ) {
            guard record.count == header.count else {
                report(
                    record.line, nil, .fieldCount,
                    .init(
                        .regionsFieldCount,
                        [
                            "expected": .number(header.count), "header": .text(header.joined(separator: ",")),
                            "found": .number(record.count),
                        ]))
                return
            }
            let code = record.trimmedString(at: columns[0])
            guard let packed = FieldParsing.regionCode(code) else {
                report(record.line, columns[0] + 1, .badCode, .init(.badCode, ["code": .text(code)]))
                return
            }
            if let existing = regions.indexByCode[packed] {
                report(
                    record.line, columns[0] + 1, .duplicateCode,
                    .init(.duplicateCode, ["code": .text(code), "line": .number(Int(lines[Int(existing)]))]))
                return
            }
            regions.indexByCode.set(packed, Int32(regions.codes.count))
            regions.codes.append(code)
            if let shortNameColumn, case let shortName = record.trimmedString(at: shortNameColumn),
                !shortName.isEmpty
            {
                regions.shortNames[Int32(regions.names.count)] = shortName
            }
            // Straight from the record's bytes (valid UTF-8): a national file has some 670,000 rows.
            record.withTrimmedBytes(at: columns[1]) { regions.names.append(utf8: $0) }
            record.withTrimmedBytes(at: columns[2]) { parentCodes.append(utf8: $0) }
            lines.append(Int32(clamping: record.line))
        }

        /// Each region's parent index; a parent that is not in the file is an error.
        mutating func resolveParents() {
            regions.parents = Array(repeating: -1, count: regions.codes.count)
            let packedParents = parentCodes.map(FieldParsing.regionCode)
            for (index, parent) in parentCodes.enumerated() where !parent.isEmpty {
                // The slot of a parent some rows ahead asked for now, so that it is there when needed.
                if index + 8 < packedParents.count, let ahead = packedParents[index + 8] {
                    regions.indexByCode.prefetchSlots(ahead)
                }
                if let packed = packedParents[index], let parentIndex = regions.indexByCode[packed] {
                    regions.parents[index] = parentIndex
                } else {
                    report(
                        Int(lines[index]), parentColumn, .unknownParent,
                        .init(
                            packedParents[index] == nil ? .parentNotACode : .parentNotInFile,
                            [
                                "parent": .text(parent), "code": .text(regions.codes[index]),
                                "name": .text(regions.names[index]), "root": .text(rootCode),
                            ]))
                }
            }
        }

        /// Finds the root and walks every region up to it, detecting cycles, remembering its unit
        /// and the unit's child (township) it lies in; false without a root.
        mutating func placeUnderRoot() -> Bool {
            guard let root = regions.index(of: rootCode) else {
                let tops = regions.codes.indices.filter { parentCodes[$0].isEmpty }.prefix(5)
                    .map { "\(regions.codes[$0]) \(regions.names[$0])" }
                let known: Diagnostic.Value =
                    tops.isEmpty
                    ? ""
                    : .message(.init(.unknownRootTops, ["regions": .list(Array(tops), joinedBy: .listComma)]))
                report(nil, nil, .unknownRoot, .init(.unknownRoot, ["root": .text(rootCode), "tops": known]))
                return false
            }
            regions.root = root
            // Walk every region up to the root, detecting cycles, and remember its unit and township.
            let count = regions.codes.count
            regions.unitPosition = Array(repeating: -1, count: count)
            regions.unitChild = Array(repeating: -1, count: count)
            regions.units = (0..<count).filter { regions.parents[$0] == Int32(root) }.sorted {
                regions.codes[$0] < regions.codes[$1]
            }
            for (position, unit) in regions.units.enumerated() {
                regions.unitPosition[unit] = Int32(position)
            }
            regions.unitPosition[root] = -2
            var state = [UInt8](repeating: 0, count: count)  // 0 unvisited, 1 on the current path, 2 done
            for start in 0..<count where state[start] == 0 {
                var path: [Int] = []
                var current = start
                var cycle = false
                while current >= 0, state[current] == 0 {
                    state[current] = 1
                    path.append(current)
                    current = Int(regions.parents[current])
                }
                if current >= 0, state[current] == 1 {
                    cycle = true
                    let loop =
                        path.suffix(from: path.firstIndex(of: current) ?? 0).map { regions.codes[$0] } + [
                            regions.codes[current]
                        ]
                    report(
                        Int(lines[current]), parentColumn, .cycle,
                        .init(
                            .cycle,
                            [
                                "code": .text(regions.codes[current]), "name": .text(regions.names[current]),
                                "loop": .list(loop, joinedBy: .listArrow),
                            ]))
                }
                // Resolve from the top of the path down.
                for region in path.reversed() {
                    state[region] = 2
                    if cycle { continue }
                    let parent = Int(regions.parents[region])
                    guard parent >= 0, regions.unitPosition[region] == -1 else { continue }
                    let parentUnit = regions.unitPosition[parent]
                    if parentUnit >= 0 {
                        regions.unitPosition[region] = parentUnit
                        regions.unitChild[region] =
                            regions.unitChild[parent] >= 0 ? regions.unitChild[parent] : Int32(region)
                    }
                }
            }
            return true
        }

        /// Numbers the townships and stores each code's unit and township slot in the table.
        mutating func numberTownships() {
            let count = regions.codes.count
            // Township slots: every child of a unit, numbered densely, so that counters per township
            // are flat arrays.
            var townshipSlot = [Int32](repeating: -1, count: count)
            for region in 0..<count where regions.unitChild[region] == Int32(region) {
                townshipSlot[region] = Int32(regions.townships.count)
                regions.townships.append(Int32(region))
            }
            // Copied out, so that the closures read no part of `regions` while its table changes.
            let (unitPosition, unitChild) = (regions.unitPosition, regions.unitChild)
            regions.indexByCode.place(
                unit: { unitPosition[$0] },
                township: { unitChild[$0] >= 0 ? townshipSlot[Int(unitChild[$0])] : -1 })
            if regions.units.isEmpty {
                report(nil, nil, .noUnits, .init(.noUnits, ["root": .text(rootCode)]))
            }
        }
    }
}

extension Regions {
    /// Where a ledger row's region lies, in the terms the tally counts in (SPEC §2.1).
    enum Location: Equatable, Sendable {
        /// Under (or at) the unit at `unit` in `units`; `township` is the township slot
        /// (`townships`), or -1 for a row at the unit itself.
        case inUnit(unit: Int, township: Int)
        /// The root itself: a row there cannot be attributed to a unit.
        case root
        /// A region of the file that is not under the root.
        case outsideRoot
        /// Not in `regions.csv`.
        case unknown
    }

    /// The location of a packed region code (`FieldParsing.regionCode`): one table lookup.
    @inline(__always)
    func location(ofPackedCode code: UInt64) -> Location {
        guard let entry = indexByCode.entry(code) else { return .unknown }
        // The table keeps the unit position, or -1 outside the root and -2 for the root.
        switch entry.unit {
        case 0...: return .inUnit(unit: Int(entry.unit), township: Int(entry.township))
        case -2: return .root
        default: return .outsideRoot
        }
    }

    /// The location of the region at `index`.
    func location(ofRegion index: Int) -> Location {
        guard let code = FieldParsing.regionCode(codes[index]) else { return .unknown }
        return location(ofPackedCode: code)
    }
}
