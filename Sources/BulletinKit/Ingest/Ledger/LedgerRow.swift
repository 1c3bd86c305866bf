/// What one ledger row means (SPEC §2.2, §2.5, §5): the pure check of a row against its
/// ledger's plan and the regions, with no state carried from row to row. Duplicate ids, total
/// rows' sums and the counting are the scanner's; everything else a row can be is decided here.
///
/// A `LedgerRow` is also the row's parsed values — one location per region source, one number
/// per sum column, one day per date column — in arrays kept from row to row, so that checking
/// ten million rows allocates nothing for the nine million that are fine.
struct LedgerRow {
    /// Per region source of the plan: where the row lies (valid when accepted).
    var locations: [Regions.Location]
    /// Per measure column: the value in ten-thousandths.
    var measures: [Int64]
    /// Per date column: the day, or nil when empty (or invalid, with an error).
    var days: [Day?]
    /// The row's findings, errors and warnings, in column order.
    var findings: [Finding] = []

    init(plan: LedgerPlan) {
        locations = Array(repeating: .unknown, count: plan.regionSources.count)
        measures = Array(repeating: 0, count: plan.measureColumns.count)
        days = Array(repeating: nil, count: plan.dateColumns.count)
    }
}

/// The outcome of `LedgerRow.check`.
enum RowVerdict: Equatable {
    /// Counted; `findings` may hold warnings.
    case accepted
    /// Not counted: `findings` holds at least one error.
    case rejected
    /// Not counted, and not read further: its fields do not line up with the header's.
    case malformed
    /// A blank row or a footer (every configured column empty): skipped without a finding.
    case skipped
    /// A total row (合计, 总计, 小计): not counted; its figures are the scanner's to check.
    case total(TotalRow.Kind)
}

/// What the row check needs beyond the record: where it is and what it compares against.
struct RowContext {
    var file: String
    /// The sheet of a workbook part.
    var sheet: String?
    var plan: LedgerPlan
    var regions: Regions
    /// The place-name index, when a region source reads names.
    var places: PlaceNames?
    /// The names already looked up in this part (a county's rows repeat a few hundred).
    let placeCache = PlaceCache()
    var asOf: Day
    /// The number of cells of the header, when rows must have as many (CSV); nil for sheets,
    /// whose rows end at their last non-empty cell.
    var fieldCount: Int?
}

extension LedgerRow {
    /// Checks `record` and fills this row's values and findings. `cells` says which fields of a
    /// sheet held no usable value (a CSV's never).
    mutating func check(_ record: CSVRecord, cells: some CellKinds, context: RowContext) -> RowVerdict {
        findings.removeAll(keepingCapacity: true)
        let plan = context.plan
        if plan.configuredColumns.allSatisfy({ column in record.withBytes(at: column) { Self.isBlank($0) } })
        {
            return .skipped
        }
        for column in plan.totalMarkerColumns {
            if let kind = record.withBytes(at: column, TotalRow.kind(ofCell:)) { return .total(kind) }
            if record.withBytes(at: column, FooterRow.isFooter) { return .skipped }
        }
        if let fieldCount = context.fieldCount, record.count != fieldCount {
            report(
                .error, record, nil, .fieldCount, context,
                .init(.fieldCount, ["expected": .number(fieldCount), "found": .number(record.count)]))
            return .malformed
        }
        var isRejected = false
        for (slot, source) in plan.regionSources.enumerated() {
            isRejected = !locate(record, source: source, slot: slot, context: context) || isRejected
        }
        for (slot, column) in plan.measureColumns.enumerated() {
            switch record.withBytes(at: column, FieldParsing.measure) {
            case .value(let value): measures[slot] = value
            case .empty:
                report(
                    .error, record, column, .badNumber, context,
                    .init(.measureEmpty, ["column": .text(plan.name(of: column))]))
                isRejected = true
            case .invalid(let reason):
                report(
                    .error, record, column, .badNumber, context,
                    .init(
                        .invalidValue,
                        [
                            "column": .text(plan.name(of: column)),
                            "value": Self.shown(record.string(at: column)),
                            "reason": .message(reason),
                        ]))
                isRejected = true
            }
        }
        for (slot, column) in plan.dateColumns.enumerated() {
            isRejected =
                !readDate(record, column: column, slot: slot, cells: cells, context: context) || isRejected
        }
        if isRejected { return .rejected }
        checkDates(record, context: context)
        return .accepted
    }

    /// Whether a cell holds nothing but white space.
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var hasOtherBytes = false
        for byte in bytes {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            // Bytes that can be part of Unicode white space (U+00A0, U+1680, U+2000…, U+3000,
            // U+FEFF): only then is the text worth decoding. Any other byte is a character.
            case 0x80...0xBF, 0xC2, 0xE1, 0xE2, 0xE3, 0xEF: hasOtherBytes = true
            default: return false
            }
        }
        return !hasOtherBytes || HeaderText.normalized(String(decoding: bytes, as: UTF8.self)).isEmpty
    }

    /// A value from the ledger as a finding may show it (SPEC §5.1): quoted when it is a short
    /// run of digits, Latin letters and date punctuation — a code, a number, a date — and never
    /// when it looks like a resident ID number or holds other text, which may be a name typed
    /// into the wrong column: such a value is described instead (`a 2-character text`).
    static func shown(_ value: String) -> Diagnostic.Value {
        let allowed: (Unicode.Scalar) -> Bool = {
            $0.isASCII
                && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
                    || " -/.:,+".unicodeScalars.contains($0))
                || "年月日".unicodeScalars.contains($0)
        }
        if value.unicodeScalars.count <= 24, value.unicodeScalars.allSatisfy(allowed),
            !PersonalData.looksLikeIDNumber(value)
        {
            return .message(.init(.valueQuoted, ["value": .text(value)]))
        }
        return .message(
            .init(.valueDescribed, ["description": .message(PersonalData.description(of: value))]))
    }

    /// An id as a finding shows it: a resident ID number masked (`411002********0055`), a
    /// household number such as `H0001` as it is.
    static func shownID(_ id: String) -> Diagnostic.Value {
        PersonalData.looksLikeIDNumber(id)
            ? .message(.init(.valueQuoted, ["value": .text(PersonalData.masked(id))])) : shown(id)
    }

    /// The unit of the row's first region source that lies in one.
    var unit: Int? {
        for location in locations {
            if case .inUnit(let unit, _) = location { return unit }
        }
        return nil
    }

    /// An id as a county's list of findings shows it (the id column is one the configuration
    /// names, SPEC §5.1): a resident ID number masked (`411002********0055`), a household number
    /// such as `H0001` or `4113270010034` as it is, anything else — a name typed into the id
    /// column — not at all.
    static func listedID(_ id: String) -> String? {
        if PersonalData.looksLikeIDNumber(id) { return PersonalData.masked(id) }
        let scalars = id.unicodeScalars
        let isShortCode =
            (1...24).contains(scalars.count)
            && scalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
                        || "-_".unicodeScalars.contains($0))
            }
        return isShortCode ? id : nil
    }

    mutating func report(
        _ severity: Finding.Severity, _ record: CSVRecord, _ column: Int?, _ kind: Finding.Kind,
        _ context: RowContext,
        _ message: Diagnostic.Message
    ) {
        findings.append(
            Finding(
                file: context.file, sheet: context.sheet, line: record.line, column: column.map { $0 + 1 },
                severity: severity, kind: kind,
                message: message))
    }
}

/// What the row check needs to know of a record's cells beyond their text: whether a sheet's
/// cell held no usable value. A CSV's cells are all text.
protocol CellKinds {
    /// Whether field `index` of the last record was an error value (`#N/A`) or a formula with
    /// no cached value.
    func isUnusableCell(_ index: Int) -> Bool
}

/// The cells of a CSV record: text, every one.
struct TextCells: CellKinds {
    func isUnusableCell(_ index: Int) -> Bool { false }
}

/// A record's unusable cells, listed (`RecordSource.unusableCells(of:)`): usually none.
struct ListedCells: CellKinds {
    var fields: [Int] = []

    func isUnusableCell(_ index: Int) -> Bool { fields.contains(index) }
}
