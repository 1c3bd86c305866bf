import Foundation

/// A merged range (`<mergeCell ref="A3:A1002"/>`): its value, stored in the top-left cell,
/// belongs to every cell it covers (SPEC §2.4).
struct MergedRange: Equatable {
    /// 1-based rows and 0-based columns, inclusive.
    var top: Int
    var left: Int
    var bottom: Int
    var right: Int

    /// The range a reference such as `A3:B1002` (or a single cell) names; nil when it is not one.
    init?(reference: UnsafeBufferPointer<UInt8>) {
        let colon = reference.firstIndex(of: UInt8(ascii: ":")) ?? reference.endIndex
        let first = UnsafeBufferPointer(rebasing: reference[..<colon])
        let second =
            colon < reference.endIndex ? UnsafeBufferPointer(rebasing: reference[(colon + 1)...]) : first
        guard let left = SheetStream.parseColumn(first), let top = SheetStream.parseRow(first),
            let right = SheetStream.parseColumn(second), let bottom = SheetStream.parseRow(second)
        else { return nil }
        self.init(
            top: min(top, bottom), left: min(left, right), bottom: max(top, bottom), right: max(left, right))
    }

    init(top: Int, left: Int, bottom: Int, right: Int) {
        self.top = top
        self.left = left
        self.bottom = bottom
        self.right = right
    }
}

/// Finds a sheet's merged ranges before its rows are read.
///
/// `<mergeCells>` comes after `<sheetData>` in the part, yet the ledger path must fill a merged
/// value into the data rows as they stream (a county's name merged down its 1,000 rows), and
/// holding the rows until the end would make memory grow with the sheet. So the part is read
/// twice: this first pass inflates it and only searches the bytes for `mergeCell` tags — no
/// tokenizing, no cells — which costs an inflate; the second pass streams the rows. (Buffering
/// rows, or seeking, would cost memory or need a ZIP index that DEFLATE does not give.)
enum MergedRangeFinder {
    /// The merged ranges of the part `source` streams, sorted by top row, then left column.
    /// At most `limit` ranges are kept (a hostile part cannot exhaust memory).
    static func ranges(in source: PartByteSource, part: String, limit: Int = 1_000_000) throws(WorkbookError)
        -> [MergedRange]
    {
        let capacity = 1 << 20
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var ranges: [MergedRange] = []
        var count = 0
        while true {
            let read = try source.read(
                into: UnsafeMutableBufferPointer(start: buffer + count, count: capacity - count))
            count += read
            // Scan up to the last `<` (a tag may go on in the next chunk), or everything at the end.
            var end = count
            if read > 0, let last = lastTagStart(buffer, count), count - last < 4096 { end = last }
            try collect(
                UnsafeBufferPointer(start: buffer, count: end), part: part, into: &ranges, limit: limit)
            if read == 0 { break }
            let kept = count - end
            if kept > 0, end > 0 { buffer.update(from: buffer + end, count: kept) }
            count = kept
        }
        return ranges.sorted { ($0.top, $0.left) < ($1.top, $1.left) }
    }

    private static func lastTagStart(_ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int? {
        var index = count - 1
        while index >= 0, count - index < 4096 {
            if buffer[index] == UInt8(ascii: "<") { return index }
            index -= 1
        }
        return nil
    }

    /// Adds the ranges of the `mergeCell` tags in `bytes` (with any namespace prefix).
    private static func collect(
        _ bytes: UnsafeBufferPointer<UInt8>, part: String, into ranges: inout [MergedRange], limit: Int
    ) throws(WorkbookError) {
        guard let base = bytes.baseAddress else { return }
        let needle: StaticString = "mergeCell"
        var offset = 0
        while offset < bytes.count {
            // The capital C is rare in sheet XML: find it, then look for the rest of the name around it.
            guard let found = memchr(base + offset, 0x43, bytes.count - offset) else { return }
            let capital = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            let start = capital - 5
            offset = capital + 4
            guard start >= 0, offset <= bytes.count, memcmp(base + start, needle.utf8Start, 9) == 0 else {
                offset = capital + 1
                continue
            }
            guard start > 0, base[start - 1] == UInt8(ascii: "<") || base[start - 1] == UInt8(ascii: ":"),
                offset < bytes.count, XMLScanner.isSpace(base[offset])
            else { continue }
            guard let close = bytes[offset...].firstIndex(of: UInt8(ascii: ">")) else { return }
            if let reference = referenceValue(UnsafeBufferPointer(rebasing: bytes[offset..<close])),
                let range = MergedRange(reference: reference)
            {
                guard ranges.count < limit else {
                    throw WorkbookError(.tooLarge, part: part, message: "more than \(limit) merged ranges")
                }
                ranges.append(range)
            }
            offset = close
        }
    }

    /// The value of the `ref` attribute among a tag's attributes.
    private static func referenceValue(_ attributes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<
        UInt8
    >? {
        var index = 0
        while index + 4 < attributes.count {
            if attributes[index] == UInt8(ascii: "r"), attributes[index + 1] == UInt8(ascii: "e"),
                attributes[index + 2] == UInt8(ascii: "f"),
                index == 0 || XMLScanner.isSpace(attributes[index - 1])
            {
                var cursor = index + 3
                while cursor < attributes.count, XMLScanner.isSpace(attributes[cursor]) { cursor += 1 }
                guard cursor < attributes.count, attributes[cursor] == UInt8(ascii: "=") else { return nil }
                cursor += 1
                while cursor < attributes.count, XMLScanner.isSpace(attributes[cursor]) { cursor += 1 }
                guard cursor < attributes.count else { return nil }
                let quote = attributes[cursor]
                guard let close = attributes[(cursor + 1)...].firstIndex(of: quote) else { return nil }
                return UnsafeBufferPointer(rebasing: attributes[(cursor + 1)..<close])
            }
            index += 1
        }
        return nil
    }
}
