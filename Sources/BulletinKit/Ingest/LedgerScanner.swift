import Foundation

/// Streams each ledger once (SPEC §2.2–§2.6, §5) — even when several indicators read it —
/// checks every row, and counts the accepted rows into one `Tally` per indicator. Ledgers are
/// scanned on several threads; the result does not depend on how many.
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
        /// The encoding each CSV ledger file was read in.
        var encodings: [String: TextEncoding]
        /// The size and SHA-256 of each ledger file read to its end: of the very bytes that were
        /// counted (for the manifest, SPEC §6).
        var digests: [String: FileDigest] = [:]
        /// Configuration mistakes the rows revealed (exit status 2).
        var configurationProblems: [Diagnostic] = []
    }

    /// A file's size and SHA-256 (64 lowercase hexadecimal digits), as read.
    struct FileDigest: Sendable {
        var bytes: Int
        var sha256: String
    }

    /// What every ledger's scan reads: the configuration, regions and calendar.
    struct Setting: Sendable {
        var directory: URL
        var configuration: Configuration
        var regions: Regions
        /// The place-name index, when an indicator names places (SPEC §2.6).
        var places: PlaceNames?
        var calendar: BulletinCalendar

        func path(of file: String) -> String { directory.appendingPathComponent(file).path }

        func emptyTally(for indicator: Int) -> Tally {
            let indicator = configuration.indicators[indicator]
            return Tally(
                unitCount: regions.units.count, stageCount: indicator.stages.count,
                bucketCount: calendar.count, townships: regions.townships,
                hasCategories: indicator.categoryColumn != nil)
        }
    }

    let setting: Setting

    init(dataset: Dataset, calendar: BulletinCalendar, places: PlaceNames? = nil) {
        setting = Setting(
            directory: dataset.directory, configuration: dataset.configuration, regions: dataset.regions,
            places: places, calendar: calendar)
    }

    /// Scans every ledger of the configuration, several at once when there are cores for them.
    func scan(progress: ReadProgress? = nil, concurrency: Int = ProcessInfo.processInfo.activeProcessorCount)
        -> Result
    {
        let indicators = setting.configuration.indicators
        let ledgers = indicators.map(\.ledger).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let parts = ledgers.map { LedgerFiles.parts(of: $0, in: setting.directory) }
        // Largest first, so that two cores finish close together.
        let sizes = parts.map { $0.reduce(0) { $0 + Self.size(of: setting.path(of: $1)) } }
        let order = ledgers.indices.sorted { (sizes[$0], $1) > (sizes[$1], $0) }
        let scans = IndexedResults<LedgerScan>(count: ledgers.count)
        let work: @Sendable (Int) -> Void = { position in
            let index = order[position]
            let members = indicators.indices.filter { indicators[$0].ledger == ledgers[index] }
            scans.set(index, scan(ledger: ledgers[index], parts: parts[index], members: members, progress: progress))
        }
        if concurrency <= 1 || ledgers.count <= 1 {
            for position in ledgers.indices { work(position) }
        } else {
            DispatchQueue.concurrentPerform(iterations: ledgers.count, execute: work)
        }
        var result = Result(tallies: [], quality: QualityReport(), rows: [:], rejected: [:], encodings: [:])
        var tallies = [Tally?](repeating: nil, count: indicators.count)
        for index in ledgers.indices {
            guard let scan = scans[index] else { continue }
            for (indicator, tally) in zip(scan.members, scan.tallies) { tallies[indicator] = tally }
            result.quality.merge(scan.quality)
            result.rows.merge(scan.rows) { $1 }
            result.rejected.merge(scan.rejected) { $1 }
            result.encodings.merge(scan.encodings) { $1 }
            result.digests.merge(scan.digests) { $1 }
            if let problem = scan.configurationProblem { result.configurationProblems.append(problem) }
        }
        result.tallies = indicators.indices.map { tallies[$0] ?? setting.emptyTally(for: $0) }
        return result
    }

    /// Scans one ledger. Ids are first written down and checked at the end (`IDLog`); a ledger
    /// with a repeat is read again checking each id as it comes, so that each duplicate is
    /// reported at its line and its row is not counted.
    private func scan(ledger: String, parts: [String], members: [Int], progress: ReadProgress?) -> LedgerScan {
        var scan = LedgerScan(members: members, setting: setting, idCheck: .atTheEnd)
        if parts.isEmpty {
            let ids = members.map { setting.configuration.indicators[$0].id }
            scan.reportFile(
                ledger, kind: .missingFile, .init(.patternMatchesNothing, ["indicators": .list(ids, joinedBy: .listComma)]))
            return scan
        }
        scan.scan(parts: parts, progress: progress)
        if scan.hasRepeatedIDs {
            scan = LedgerScan(members: members, setting: setting, idCheck: .everyRow)
            scan.scan(parts: parts, progress: nil)
        }
        return scan
    }

    static func size(of path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
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
