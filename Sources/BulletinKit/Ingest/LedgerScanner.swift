import Foundation

/// Streams each ledger once (SPEC §2.2, §5) — even when several indicators read it — checks
/// every row, and counts the accepted rows into one `Tally` per indicator.
struct LedgerScanner {
    /// What a scan produced.
    struct Result: Sendable {
        /// One tally per indicator, in configuration order.
        var tallies: [Tally]
        var quality: QualityReport
        /// Data rows read per ledger file (header excluded).
        var rows: [String: Int]
        /// Rows rejected by an error, per ledger file.
        var rejected: [String: Int]
        /// The encoding each ledger was read in.
        var encodings: [String: TextEncoding]
        /// The size and SHA-256 of each ledger read to its end: of the very bytes that were
        /// counted (for the manifest, SPEC §6).
        var digests: [String: FileDigest] = [:]
    }

    /// A file's size and SHA-256 (64 lowercase hexadecimal digits), as read.
    struct FileDigest: Sendable {
        var bytes: Int
        var sha256: String
    }

    let dataset: Dataset
    let calendar: BulletinCalendar

    /// Scans every ledger of the configuration, several at once when there are cores for them.
    /// The result does not depend on the number of threads: each file fills its own tallies and
    /// findings, merged afterwards in configuration order.
    func scan(progress: ReadProgress? = nil, concurrency: Int = ProcessInfo.processInfo.activeProcessorCount)
        -> Result
    {
        let indicators = dataset.configuration.indicators
        var ledgers: [String] = []
        for indicator in indicators where !ledgers.contains(indicator.ledger) {
            ledgers.append(indicator.ledger)
        }
        let files = ledgers
        // Largest first, so that two cores finish close together.
        let sizes = files.map {
            (try? FileManager.default.attributesOfItem(atPath: dataset.path(of: $0))[.size] as? NSNumber)?
                .intValue ?? 0
        }
        let order = files.indices.sorted { (sizes[$0], $1) > (sizes[$1], $0) }
        let scans = FileScans(count: files.count)
        let work: @Sendable (Int) -> Void = { position in
            let index = order[position]
            let members = indicators.indices.filter { indicators[$0].ledger == files[index] }
            var fileScan = scan(file: files[index], indicators: members, idCheck: .atTheEnd, progress: progress)
            if fileScan.hasRepeatedIDs {
                // Read again, checking each id as it comes, so that each duplicate is reported
                // at its line and its row is not counted (see `IDLog`).
                fileScan = scan(file: files[index], indicators: members, idCheck: .everyRow, progress: nil)
            }
            scans.set(index, fileScan)
        }
        if concurrency <= 1 || files.count <= 1 {
            for position in files.indices { work(position) }
        } else {
            DispatchQueue.concurrentPerform(iterations: files.count, execute: work)
        }
        var result = Result(tallies: [], quality: QualityReport(), rows: [:], rejected: [:], encodings: [:])
        var tallies = [Tally?](repeating: nil, count: indicators.count)
        for (index, file) in files.enumerated() {
            let scan = scans.results[index]
            for (indicator, tally) in zip(scan.members, scan.tallies) { tallies[indicator] = tally }
            result.quality.merge(scan.quality)
            result.rows[file] = scan.rows
            result.rejected[file] = scan.rejected
            if let encoding = scan.encoding { result.encodings[file] = encoding }
            if let digest = scan.digest { result.digests[file] = digest }
        }
        result.tallies = indicators.indices.map { tallies[$0] ?? emptyTally(for: $0) }
        return result
    }

    /// What one ledger file produced.
    private struct FileScan: Sendable {
        /// The indicators reading this file, and their tallies.
        var members: [Int] = []
        var tallies: [Tally] = []
        var quality = QualityReport()
        var rows = 0
        var rejected = 0
        var encoding: TextEncoding?
        /// The file's size and SHA-256, when it was read to its end.
        var digest: FileDigest?
        /// What the early loads of the table slots read (see `touch`): kept only so that the
        /// optimiser cannot drop those loads.
        var touched: UInt64 = 0
        /// Whether an id column's log has a repeat (`IDCheck.atTheEnd`): the scan must be redone.
        var hasRepeatedIDs = false
    }

    /// When ids are checked for uniqueness.
    private enum IDCheck {
        /// Each row's id against the earlier rows' (`IDSet`), a duplicate reported at its line.
        case everyRow
        /// All at once at the end of the file (`IDLog`); a file with a repeat is scanned again
        /// with `everyRow`.
        case atTheEnd
    }

    /// Results of files scanned on several threads, each stored once by its own thread.
    private final class FileScans: @unchecked Sendable {
        private let lock = NSLock()
        private var scans: [FileScan]
        init(count: Int) { scans = Array(repeating: FileScan(), count: count) }
        func set(_ index: Int, _ scan: FileScan) {
            lock.lock()
            scans[index] = scan
            lock.unlock()
        }
        var results: [FileScan] {
            lock.lock()
            defer { lock.unlock() }
            return scans
        }
    }

    private func emptyTally(for indicator: Int) -> Tally {
        let indicator = dataset.configuration.indicators[indicator]
        return Tally(
            unitCount: dataset.regions.units.count, stageCount: indicator.stages.count,
            bucketCount: calendar.count, townships: dataset.regions.townships,
            hasCategories: indicator.categoryColumn != nil)
    }

    /// The columns one file's indicators read, each parsed once per row.
    private struct Plan {
        var regionColumns: [Int] = []
        var idColumns: [Int] = []
        var measureColumns: [Int] = []
        var categoryColumns: [Int] = []
        var dateColumns: [Int] = []
        /// Per indicator: positions into the arrays above.
        var region: [Int] = []
        var id: [Int?] = []
        var measure: [Int?] = []
        var category: [Int?] = []
        var dates: [[Int]] = []
        /// The earliest start of the indicators reading each date column.
        var dateColumnStart: [Day] = []
        /// Per indicator: whether its stage-order check is the first for its list of columns.
        var checksOrder: [Bool] = []
    }

    /// Rows read ahead and checked together. The region table and the id sets are far larger
    /// than the cache, and so are a national tally's counters: each row's lookups wait for
    /// memory. Reading a batch's slots back to back, before any row is counted, lets those
    /// waits overlap; the rows are then checked and counted one by one, in file order, and find
    /// their slots in the cache.
    private static let batchSize = 32

    private func scan(file: String, indicators members: [Int], idCheck: IDCheck, progress: ReadProgress?)
        -> FileScan
    {
        let indicators = dataset.configuration.indicators
        let asOf = dataset.configuration.asOf
        var result = FileScan()
        result.members = members
        result.tallies = members.map(emptyTally(for:))
        func report(
            _ severity: Finding.Severity, _ line: Int?, _ column: Int?, _ kind: String, _ message: String
        ) {
            result.quality.add(
                Finding(
                    file: file, line: line, column: column, severity: severity, kind: kind, message: message))
        }
        let encoding = members.lazy.compactMap { indicators[$0].encoding }.first
        var reader: CSVReader
        do {
            reader = try CSVReader(path: dataset.path(of: file), encoding: encoding, chunkSize: 1 << 20, hashing: true)
        } catch {
            let exists = FileManager.default.fileExists(atPath: dataset.path(of: file))
            report(
                .error, nil, nil, exists ? "encoding" : "missing-file",
                exists
                    ? error.reason
                    : "the ledger named in bulletin.json (indicators: \(members.map { indicators[$0].id }.joined(separator: ", "))) does not exist in the dataset folder"
            )
            return result
        }
        var rows = 0
        var rejected = 0
        // Counted into a local, not into `result`: `report` captures `result`, and every access
        // to a captured variable is checked for exclusivity at run time.
        var tallies = result.tallies
        var touched: UInt64 = 0
        do throws(CSVError) {
            var first = CSVRecord()
            guard try reader.readRecord(into: &first) else {
                report(
                    .error, 1, nil, "missing-column",
                    "the file is empty; expected a header line naming its columns")
                return result
            }
            result.encoding = reader.encoding
            let header = (0..<first.count).map { first.trimmedString(at: $0) }
            guard let plan = makePlan(header: header, indicators: members, report: report) else {
                return result
            }
            let fieldCount = header.count
            let batchSize = Self.batchSize
            let regionCount = plan.regionColumns.count
            let idCount = plan.idColumns.count
            let dateCount = plan.dateColumns.count
            var batch = (0..<batchSize).map { _ in CSVRecord() }
            // Per row of the batch and column: what the first pass over the batch found. Scratch
            // written row by row lives in `FlatBuffer`s, which need no copy-on-write check a write.
            let batchCodes = FlatBuffer<UInt64?>(repeating: nil, count: batchSize * regionCount)
            let batchEntries = FlatBuffer<CodeTable.Entry?>(repeating: nil, count: batchSize * regionCount)
            let batchHashes = FlatBuffer<UInt64?>(repeating: nil, count: batchSize * idCount)
            // A stage date: the day, or nil when the cell is empty or not a date (`batchDateIsBad`).
            let batchDays = FlatBuffer<Day?>(repeating: nil, count: batchSize * dateCount)
            let batchDateIsBad = FlatBuffer<Bool>(repeating: false, count: batchSize * dateCount)
            // Per row and date column: the calendar bucket of a day by the as-of date, else -1.
            let batchBuckets = FlatBuffer<Int>(repeating: -1, count: batchSize * dateCount)
            // Per region column: the row's unit and township slot.
            let locationUnits = FlatBuffer<Int>(repeating: -1, count: regionCount)
            let locationTownships = FlatBuffer<Int>(repeating: -1, count: regionCount)
            let measures = FlatBuffer<Int64>(repeating: 0, count: plan.measureColumns.count)
            var dates = [Day?](repeating: nil, count: dateCount)
            var seenIDs = [IDSet](repeating: IDSet(), count: idCheck == .everyRow ? idCount : 0)
            var idLogs = [IDLog](repeating: IDLog(), count: idCheck == .atTheEnd ? idCount : 0)
            defer { result.hasRepeatedIDs = idLogs.contains { $0.hasRepeats() } }
            let fileBytes =
                (try? FileManager.default.attributesOfItem(atPath: dataset.path(of: file))[.size] as? NSNumber)?
                .intValue ?? 0
            // Held once: `dataset.regions.place` as a closure would copy the regions every row.
            let regions = dataset.regions
            // Per indicator: the batch's accepted rows, counted at the end of the batch.
            let accepted = members.map { Tally.Batch(stageCount: indicators[$0].stages.count, capacity: batchSize) }
            let categoryIndex = FlatBuffer<Int>(repeating: 0, count: members.count)
            var categoryCache = [[(bytes: [UInt8], index: Int)]](repeating: [], count: members.count)
            let totals = FlatBuffer<Int64>(repeating: 0, count: members.count)
            var reportedRows = 0
            var reportedBytes = 0
            defer { progress?.add(rows: rows - reportedRows, bytes: reader.bytesRead - reportedBytes) }
            var isExhausted = false
            while !isExhausted {
                // Read a batch. A syntax error ends the file, after the rows read before it.
                var filled = 0
                var readError: CSVError?
                do {
                    while filled < batchSize {
                        guard try reader.readRecord(into: &batch[filled]) else {
                            isExhausted = true
                            break
                        }
                        filled += 1
                        rows += 1
                        if rows == 8192, idCount > 0, fileBytes > 0 {
                            // Size the id sets once for the whole file, from the bytes the first rows took.
                            let estimate = Int(
                                Double(fileBytes) / Double(max(1, reader.textPosition)) * 8192 * 1.05)
                            for slot in seenIDs.indices { seenIDs[slot].reserve(estimate) }
                            for slot in idLogs.indices { idLogs[slot].reserve(estimate) }
                        }
                        if rows & 0xFFFF == 0, let progress {
                            progress.add(rows: rows - reportedRows, bytes: reader.bytesRead - reportedBytes)
                            (reportedRows, reportedBytes) = (rows, reader.bytesRead)
                        }
                    }
                } catch {
                    readError = error
                    isExhausted = true
                }

                // First pass: parse the region codes, ids and dates of the batch's rows.
                for row in 0..<filled {
                    let record = batch[row]
                    let isWhole = record.count == fieldCount
                    for (slot, column) in plan.regionColumns.enumerated() {
                        batchCodes[row &* regionCount &+ slot] =
                            isWhole ? record.withBytes(at: column) { FieldParsing.regionCode($0) } : nil
                    }
                    for (slot, column) in plan.idColumns.enumerated() {
                        batchHashes[row &* idCount &+ slot] = isWhole ? record.withBytes(at: column, Self.idHash) : nil
                    }
                    guard isWhole else { continue }
                    for (slot, column) in plan.dateColumns.enumerated() {
                        let index = row &* dateCount &+ slot
                        var day: Day?
                        switch record.withBytes(at: column, FieldParsing.date) {
                        case .empty: batchDateIsBad[index] = false
                        case .day(let parsed):
                            day = parsed
                            batchDateIsBad[index] = false
                        case .invalid: batchDateIsBad[index] = true
                        }
                        batchDays[index] = day
                        batchBuckets[index] = day.map { $0 <= asOf ? calendar.bucket(of: $0) : -1 } ?? -1
                    }
                }
                // Read the slots the batch will need, back to back (see `batchSize`).
                for index in 0..<(filled &* regionCount) {
                    if let code = batchCodes[index] { touched &+= regions.touch(code) }
                }
                if !seenIDs.isEmpty {
                    for index in 0..<(filled &* idCount) {
                        if let hash = batchHashes[index] { touched &+= seenIDs[index % idCount].touch(hash) }
                    }
                }
                for index in 0..<(filled &* regionCount) {
                    batchEntries[index] = batchCodes[index].flatMap { regions.locate($0) }
                }
                // Second pass: check and count the rows in file order.
                for row in 0..<filled {
                    let record = batch[row]
                    let line = record.line
                    guard record.count == fieldCount else {
                        report(
                            .error, line, nil, "field-count",
                            "expected \(fieldCount) fields as in the header, found \(record.count); check for an unquoted comma or a missing cell"
                        )
                        rejected += 1
                        continue
                    }
                    var isRejected = false
                    for (slot, column) in plan.regionColumns.enumerated() {
                        let entry = batchEntries[row &* regionCount &+ slot]
                        if let entry, entry.unit >= 0 {
                            locationUnits[slot] = Int(entry.unit)
                            locationTownships[slot] = Int(entry.township)
                            continue
                        }
                        switch entry?.unit {
                        case nil:
                            let value = record.string(at: column)
                            let what =
                                FieldParsing.regionCode(value) == nil
                                ? "is not a region code (digits such as 411323100201)" : "is not in regions.csv"
                            report(
                                .error, line, column + 1, "unknown-region",
                                "\(header[column]) \"\(value)\" \(what)")
                            isRejected = true
                        case -2:
                            report(
                                .error, line, column + 1, "root-region",
                                "\(header[column]) \"\(record.string(at: column))\" is the root \(dataset.regions.names[dataset.regions.root]) itself; a row must name a unit or a region below one"
                            )
                            isRejected = true
                        default:
                            report(
                                .error, line, column + 1, "outside-root",
                                "\(header[column]) \"\(record.string(at: column))\" is not under \(dataset.regions.names[dataset.regions.root]) (\(dataset.configuration.root))"
                            )
                            isRejected = true
                        }
                    }
                    for (slot, column) in plan.measureColumns.enumerated() {
                        switch record.withBytes(at: column, FieldParsing.measure) {
                        case .value(let value): measures[slot] = value
                        case .empty:
                            report(
                                .error, line, column + 1, "bad-number",
                                "\(header[column]) is empty; expected a non-negative number such as 3")
                            isRejected = true
                        case .invalid(let reason):
                            report(
                                .error, line, column + 1, "bad-number",
                                "\(header[column]) \"\(record.string(at: column))\" \(reason)")
                            isRejected = true
                        }
                    }
                    for (slot, column) in plan.dateColumns.enumerated() {
                        dates[slot] = batchDays[row &* dateCount &+ slot]
                        // Parsed again for the reason: bad dates are rare.
                        if batchDateIsBad[row &* dateCount &+ slot],
                            case .invalid(let reason) = record.withBytes(at: column, FieldParsing.date)
                        {
                            report(
                                .error, line, column + 1, "bad-date",
                                "\(header[column]) \"\(record.string(at: column))\" \(reason)")
                            isRejected = true
                        }
                    }
                    for (slot, column) in plan.idColumns.enumerated() {
                        // An empty id is not checked for uniqueness.
                        guard let hash = batchHashes[row &* idCount &+ slot] else { continue }
                        if idCheck == .atTheEnd {
                            idLogs[slot].append(hash)
                        } else if !seenIDs[slot].insert(hash) {
                            report(
                                .error, line, column + 1, "duplicate-id",
                                "\(header[column]) \"\(record.string(at: column))\" appears on an earlier line; ids must be unique in the ledger"
                            )
                            isRejected = true
                        }
                    }
                    if isRejected {
                        rejected += 1
                        continue
                    }
                    // Every sum stays far from Int64's limit: a row that would carry an indicator's
                    // total past `Tally.maximumTotal` is rejected, so no counter can overflow.
                    var exceedsTotal = false
                    for (position, indicatorIndex) in members.enumerated() {
                        let amount = plan.measure[position].map { measures[$0] } ?? 10_000
                        let (sum, overflowed) = totals[position].addingReportingOverflow(amount)
                        guard overflowed || sum > Tally.maximumTotal else { continue }
                        let column = plan.measure[position].map { plan.measureColumns[$0] }
                        let value = column.map { "\(header[$0]) \"\(record.string(at: $0))\" " } ?? "this row "
                        report(
                            .error, line, column.map { $0 + 1 }, "bad-number",
                            "\(value)takes the total of \(indicators[indicatorIndex].id) past \(Tally.maximumTotalText), more than Bulletin counts; check the number"
                        )
                        exceedsTotal = true
                    }
                    if exceedsTotal {
                        rejected += 1
                        continue
                    }
                    for position in members.indices {
                        totals[position] += plan.measure[position].map { measures[$0] } ?? 10_000
                    }
                    // Warnings on dates: after the bulletin date (not yet counted), before the start.
                    for (slot, column) in plan.dateColumns.enumerated() {
                        guard let day = dates[slot] else { continue }
                        if day > asOf {
                            report(
                                .warning, line, column + 1, "after-as-of",
                                "\(header[column]) \(day) is after the bulletin date \(asOf); counted as not yet done"
                            )
                        } else if day < plan.dateColumnStart[slot] {
                            report(
                                .warning, line, column + 1, "before-start",
                                "\(header[column]) \(day) is before the start \(plan.dateColumnStart[slot]); counted as done"
                            )
                        }
                    }
                    for position in members.indices {
                        let unit = locationUnits[plan.region[position]]
                        let township = locationTownships[plan.region[position]]
                        let amount = plan.measure[position].map { measures[$0] } ?? 10_000
                        let stageSlots = plan.dates[position]
                        if plan.checksOrder[position] {
                            checkOrder(
                                indicator: members[position], slots: stageSlots, dates: dates,
                                line: line, columns: plan.dateColumns, report: report)
                        }
                        if let slot = plan.category[position] {
                            // Category values are few: their raw bytes are remembered, so a row's value
                            // is found without making a string.
                            let column = plan.categoryColumns[slot]
                            let cache = categoryCache[position]
                            if let known = record.withBytes(
                                at: column, { bytes in cache.first { $0.bytes.elementsEqual(bytes) } })
                            {
                                categoryIndex[position] = known.index
                            } else {
                                let index = tallies[position].category(named: record.trimmedString(at: column))
                                if cache.count < 64 {
                                    categoryCache[position].append(
                                        (record.withBytes(at: column) { Array($0) }, index))
                                }
                                categoryIndex[position] = index
                            }
                        }
                        let pending = accepted[position]
                        let stored = pending.append(
                            unit: unit, township: township, category: categoryIndex[position], amount: amount)
                        for (stage, slot) in stageSlots.enumerated() {
                            pending.buckets[stored &* pending.stageCount &+ stage] =
                                batchBuckets[row &* dateCount &+ slot]
                        }
                    }
                }
                for position in members.indices {
                    tallies[position].add(accepted[position])
                    accepted[position].removeAll()
                }
                if let readError { throw readError }
            }
        } catch {
            // A decoding error's reason names its byte offset already; a syntax error gets it added.
            let isEncoding = error.isEncodingError || error.line == 0
            let reason =
                isEncoding
                ? error.reason
                : error.byteOffset.map { "\(error.reason) (byte offset \($0))" } ?? error.reason
            report(
                .error, error.line > 0 ? error.line : nil, error.line > 0 ? error.column : nil,
                isEncoding ? "encoding" : "csv-syntax", reason)
        }
        result.tallies = tallies
        result.digest = reader.digest().map { FileDigest(bytes: reader.bytesRead, sha256: $0) }
        result.touched = touched
        result.rows = rows
        result.rejected = rejected
        return result
    }

    /// Finds each indicator's columns in the header; a missing column is fatal for the file.
    private func makePlan(
        header: [String], indicators members: [Int],
        report: (Finding.Severity, Int?, Int?, String, String) -> Void
    ) -> Plan? {
        let indicators = dataset.configuration.indicators
        var plan = Plan()
        var missing = false
        func column(_ name: String, for indicator: Indicator) -> Int? {
            if let index = header.firstIndex(of: name) { return index }
            var message = "missing required column \"\(name)\" (set in bulletin.json for \(indicator.id))"
            if let suggestion = closest(to: name, in: header) {
                message += "; did you mean \"\(suggestion)\"?"
            }
            message += " The header has: \(header.joined(separator: ", "))"
            report(.error, 1, nil, "missing-column", message)
            missing = true
            return nil
        }
        func slot(_ column: Int, in columns: inout [Int]) -> Int {
            if let index = columns.firstIndex(of: column) { return index }
            columns.append(column)
            return columns.count - 1
        }
        var orderChecked: [[Int]] = []
        for indicatorIndex in members {
            let indicator = indicators[indicatorIndex]
            plan.region.append(
                column(indicator.regionColumn, for: indicator).map { slot($0, in: &plan.regionColumns) } ?? 0)
            plan.id.append(
                indicator.idColumn.flatMap { column($0, for: indicator) }.map {
                    slot($0, in: &plan.idColumns)
                })
            if case .sum(let name) = indicator.measure {
                plan.measure.append(column(name, for: indicator).map { slot($0, in: &plan.measureColumns) })
            } else {
                plan.measure.append(nil)
            }
            plan.category.append(
                indicator.categoryColumn.flatMap { column($0, for: indicator) }.map {
                    slot($0, in: &plan.categoryColumns)
                })
            var stageSlots: [Int] = []
            for stage in indicator.stages {
                guard let index = column(stage.dateColumn, for: indicator) else { continue }
                let position = slot(index, in: &plan.dateColumns)
                if position == plan.dateColumnStart.count { plan.dateColumnStart.append(indicator.start) }
                plan.dateColumnStart[position] = min(plan.dateColumnStart[position], indicator.start)
                stageSlots.append(position)
            }
            plan.dates.append(stageSlots)
            plan.checksOrder.append(!orderChecked.contains(stageSlots))
            orderChecked.append(stageSlots)
        }
        return missing ? nil : plan
    }

    /// Warns when a later stage is dated before an earlier one, or dated while an earlier one is empty.
    private func checkOrder(
        indicator index: Int, slots: [Int], dates: [Day?], line: Int, columns: [Int],
        report: (Finding.Severity, Int?, Int?, String, String) -> Void
    ) {
        var previous: (stage: Int, day: Day?)? = nil
        for (stage, slot) in slots.enumerated() {
            let day = dates[slot]
            if let earlier = previous, let day {
                // Looked up only for a finding: copying the indicator for every row is not free.
                func stages() -> (earlier: Indicator.Stage, this: Indicator.Stage) {
                    let indicator = dataset.configuration.indicators[index]
                    return (indicator.stages[earlier.stage], indicator.stages[stage])
                }
                if let earlierDay = earlier.day, day < earlierDay {
                    let (earlierStage, thisStage) = stages()
                    report(
                        .warning, line, columns[slot] + 1, "stage-order",
                        "\(thisStage.title) (\(thisStage.dateColumn) \(day)) is before \(earlierStage.title) (\(earlierStage.dateColumn) \(earlierDay))"
                    )
                } else if earlier.day == nil {
                    let (earlierStage, thisStage) = stages()
                    report(
                        .warning, line, columns[slot] + 1, "stage-order",
                        "\(thisStage.title) (\(thisStage.dateColumn) \(day)) is dated but \(earlierStage.title) (\(earlierStage.dateColumn)) is empty"
                    )
                }
            }
            previous = (stage, day)
        }
    }

    /// A 64-bit FNV-1a hash of an id with surrounding spaces trimmed; nil for an empty id.
    static func idHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 { end -= 1 }
        guard start < end else { return nil }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for index in start..<end {
            hash = (hash ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
