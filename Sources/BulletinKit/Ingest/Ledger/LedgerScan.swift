import Foundation

/// One ledger scanned (SPEC §2.2–§2.6): its parts in order — one file, or every file its
/// pattern matches — sharing the indicators' tallies and the id checks, so that ids are unique
/// across all parts. Each part finds its own header; every row goes through `LedgerRow.check`.
struct LedgerScan {
    /// When ids are checked for uniqueness.
    enum IDCheck {
        /// Each row's id against the earlier rows' (`IDSet`), a duplicate reported at its line.
        case everyRow
        /// All at once at the end of the ledger (`IDLog`); a ledger with a repeat is scanned
        /// again with `everyRow`.
        case atTheEnd
    }

    /// The indicators reading this ledger (positions in the configuration).
    let members: [Int]
    let setting: LedgerScanner.Setting
    let idCheck: IDCheck

    var tallies: [Tally]
    var quality = QualityReport()
    var rows: [String: Int] = [:]
    var rejected: [String: Int] = [:]
    var encodings: [String: TextEncoding] = [:]
    var digests: [String: LedgerScanner.FileDigest] = [:]
    /// Whether an id column's log has a repeat (`atTheEnd`): the ledger must be scanned again.
    var hasRepeatedIDs = false
    /// A configuration mistake the rows revealed (a category column holding names): exit 2.
    var configurationProblem: Diagnostic? {
        didSet { isOver = configurationProblem != nil }
    }
    /// Whether a configuration problem ended the scan. Asked on every row: a flag, where asking
    /// the optional diagnostic itself copied its several hundred bytes each time.
    private(set) var isOver = false

    // State carried across the parts.
    var seenIDs: [IDSet] = []
    var idLogs: [IDLog] = [] {
        didSet { idAppenders = idLogs.map(\.appender) }
    }
    /// What the rows append through: `idLogs`' appenders, in the same order.
    private(set) var idAppenders: [IDLog.Appender] = []
    /// Per member: the total counted so far, kept far from overflow (`Tally.maximumTotal`).
    var totals: [Int64]
    /// Per member: category values' bytes and their index in the tally.
    var categoryCache: [[(bytes: [UInt8], index: Int)]]

    /// The most distinct values a category column may hold (SPEC §5.1): more means the column
    /// holds names or ids, which would be published on every page.
    static let maximumCategories = 64

    init(members: [Int], setting: LedgerScanner.Setting, idCheck: IDCheck) {
        self.members = members
        self.setting = setting
        self.idCheck = idCheck
        tallies = members.map(setting.emptyTally(for:))
        totals = Array(repeating: 0, count: members.count)
        categoryCache = Array(repeating: [], count: members.count)
    }

    var indicators: [Indicator] { members.map { setting.configuration.indicators[$0] } }

    /// Scans every part of the ledger, in order.
    mutating func scan(parts: [String], progress: ReadProgress?) {
        for part in parts {
            guard !isOver else { return }
            scanPart(part, progress: progress)
        }
        if idCheck == .atTheEnd { hasRepeatedIDs = idLogs.contains { $0.hasRepeats() } }
    }

    /// Reports a finding of the part as a whole (no row).
    mutating func reportFile(
        _ file: String, sheet: String? = nil, line: Int? = nil, column: Int? = nil,
        kind: Finding.Kind, _ message: Diagnostic.Message
    ) {
        quality.add(
            Finding(
                file: file, sheet: sheet, line: line, column: column, severity: .error, kind: kind,
                message: message))
    }

    private mutating func scanPart(_ file: String, progress: ReadProgress?) {
        let path = setting.path(of: file)
        let encoding = indicators.lazy.compactMap(\.encoding).first
        if readsAsWorkbook(file, progress: progress) { return }
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, encoding: encoding, chunkSize: 1 << 20, hashing: true)
        } catch {
            let exists = FileManager.default.fileExists(atPath: path)
            reportFile(
                file, kind: exists ? .encoding : .missingFile,
                exists
                    ? error.message
                    : .init(.ledgerMissing, ["indicators": .list(indicators.map(\.id), joinedBy: .listComma)])
            )
            return
        }
        var source = CSVSource(reader: reader)
        if scanRows(of: &source, file: file, progress: progress) { encodings[file] = source.reader.encoding }
        digests[file] = source.reader.digest().map {
            LedgerScanner.FileDigest(bytes: source.reader.bytesRead, sha256: $0)
        }
    }
}
