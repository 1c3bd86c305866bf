/// One sheet row laid out by column for the ledger path: each cell's text in one byte buffer,
/// its bounds and kind in per-column slots. The buffers are reused from row to row, so reading
/// a row allocates nothing once they have grown to the widest row.
struct RowAssembly {
    private(set) var bytes: [UInt8] = []
    /// Start and end of each column's text in `bytes` (two per column).
    private var bounds: [Int32] = []
    private var kinds: [CellKind] = []
    /// Columns up to the last non-empty one.
    private(set) var fieldCount = 0

    init() {
        bytes.reserveCapacity(1024)
    }

    /// Lays out the current row of `stream`.
    mutating func assemble(_ stream: SheetStream, formatter: CellFormatter) {
        for column in 0..<fieldCount {
            bounds[2 &* column] = 0
            bounds[2 &* column &+ 1] = 0
            kinds[column] = .empty
        }
        fieldCount = 0
        bytes.removeAll(keepingCapacity: true)
        stream.values.withUnsafeBufferPointer { values in
            for cell in stream.cells {
                let start = bytes.count
                let kind = formatter.append(cell, values: values, to: &bytes)
                if kind != .empty { setSlot(Int(cell.column), start: start, kind: kind) }
            }
        }
    }

    /// The most text one row may hold once merged values are copied into it: a hostile range
    /// copying a long value across thousands of columns must not exhaust memory.
    static let maximumBytes = 1 << 28

    /// Puts `text` into `column` (a merged range's value).
    mutating func setField(_ column: Int, text: [UInt8], kind: CellKind) throws(WorkbookError) {
        guard bytes.count + text.count <= Self.maximumBytes else {
            throw WorkbookError(
                .tooLarge, message: "a row holds more than 256 MiB of text once its merged cells are filled")
        }
        let start = bytes.count
        bytes.append(contentsOf: text)
        if kind == .empty {
            if column < fieldCount {
                bounds[2 &* column] = Int32(start)
                bounds[2 &* column &+ 1] = Int32(start)
                kinds[column] = .empty
            }
            return
        }
        setSlot(column, start: start, kind: kind)
    }

    /// The text and kind of `column`.
    func field(_ column: Int) -> (text: ArraySlice<UInt8>, kind: CellKind) {
        guard column < fieldCount else { return ([], .empty) }
        return (bytes[Int(bounds[2 &* column])..<Int(bounds[2 &* column &+ 1])], kinds[column])
    }

    func kind(of column: Int) -> CellKind {
        column >= 0 && column < fieldCount ? kinds[column] : .empty
    }

    /// Fills `record` with the row's fields.
    func write(to record: inout CSVRecord, line: Int) {
        bytes.withUnsafeBufferPointer { bytes in
            bounds.withUnsafeBufferPointer { bounds in
                record.setFields(bytes: bytes, bounds: bounds, count: fieldCount, line: line)
            }
        }
    }

    @inline(__always)
    private mutating func setSlot(_ column: Int, start: Int, kind: CellKind) {
        if column >= kinds.count {
            let grown = max(column + 1, kinds.count * 2, 16)
            bounds.append(contentsOf: repeatElement(0, count: 2 * grown - bounds.count))
            kinds.append(contentsOf: repeatElement(.empty, count: grown - kinds.count))
        }
        // Slots between the last field and this one may hold an earlier row's bounds only if
        // they were beyond `fieldCount`, and those were cleared when the row began.
        bounds[2 &* column] = Int32(truncatingIfNeeded: start)
        bounds[2 &* column &+ 1] = Int32(truncatingIfNeeded: bytes.count)
        kinds[column] = kind
        if column >= fieldCount { fieldCount = column &+ 1 }
    }
}

/// Fills merged ranges into the rows as they stream: a range becomes active at its top row,
/// where its top-left value is taken, and is dropped after its bottom row.
struct MergeFiller {
    private struct Active {
        var range: MergedRange
        var text: [UInt8] = []
        var kind = CellKind.empty
        var isCaptured = false
    }

    private let ranges: [MergedRange]
    private var next = 0
    private var active: [Active] = []

    /// `ranges` sorted by top row.
    init(ranges: [MergedRange]) { self.ranges = ranges }

    /// Fills the covered cells of row `rowNumber`.
    mutating func fill(_ row: inout RowAssembly, rowNumber: Int) throws(WorkbookError) {
        while next < ranges.count, ranges[next].top <= rowNumber {
            if ranges[next].bottom >= rowNumber { active.append(Active(range: ranges[next])) }
            next += 1
        }
        guard !active.isEmpty else { return }
        active.removeAll { $0.range.bottom < rowNumber }
        for index in active.indices {
            let range = active[index].range
            if !active[index].isCaptured {
                active[index].isCaptured = true
                if range.top == rowNumber {
                    let (text, kind) = row.field(range.left)
                    active[index].text = Array(text)
                    active[index].kind = kind
                }
            }
            guard active[index].kind != .empty else { continue }
            for column in range.left...range.right where !(rowNumber == range.top && column == range.left) {
                try row.setField(column, text: active[index].text, kind: active[index].kind)
            }
        }
    }
}
