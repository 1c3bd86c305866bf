extension Diagnostic {
    /// The kinds of finding (SPEC §5). The raw value is the stable key the quality page groups
    /// by and the locale files label (`finding.bad-date`).
    enum Kind: String, Sendable, Hashable, CaseIterable {
        // A whole file that cannot be read.
        case missingFile = "missing-file"
        case encoding
        case csvSyntax = "csv-syntax"
        case workbook
        case missingColumn = "missing-column"
        // A row that cannot be counted.
        case fieldCount = "field-count"
        case unknownRegion = "unknown-region"
        case unknownPlace = "unknown-place"
        case rootRegion = "root-region"
        case outsideRoot = "outside-root"
        case badNumber = "bad-number"
        case badDate = "bad-date"
        case duplicateID = "duplicate-id"
        // A counted row that looks wrong.
        case afterAsOf = "after-as-of"
        case beforeStart = "before-start"
        case stageOrder = "stage-order"
        case idCard = "id-card"
        case totalRow = "total-row"
        // Aggregate findings.
        case overTarget = "over-target"
        case targetBelowLedger = "target-below-ledger"
        // regions.csv, targets.csv and aliases.csv.
        case badCode = "bad-code"
        case duplicateCode = "duplicate-code"
        case unknownParent = "unknown-parent"
        case unknownRoot = "unknown-root"
        case noUnits = "no-units"
        case cycle
        case notAUnit = "not-a-unit"
        case unknownIndicator = "unknown-indicator"
        case duplicateTarget = "duplicate-target"
        case badAlias = "bad-alias"
        // Not about the data: the build cannot start or finish (exit status 2).
        case configuration
        case template
        case output

        /// Whether a finding of this kind means a whole file could not be read: the build fails
        /// on it even with `--keep-going`.
        var failsWholeFile: Bool {
            switch self {
            case .missingFile, .encoding, .workbook, .missingColumn: true
            default: false
            }
        }
    }
}
