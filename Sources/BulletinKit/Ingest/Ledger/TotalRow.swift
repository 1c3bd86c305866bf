/// Total rows (合计, 总计, 小计) in a ledger (SPEC §2.5): never counted; for a sum measure their
/// figure is checked against the rows they cover.
enum TotalRow {
    /// What a total row sums.
    enum Kind: Equatable {
        /// `小计`: the detail rows since the previous `小计`, or since the start of the part.
        case subtotal
        /// `合计` or `总计`: every detail row above it in the part.
        case total
    }

    /// The kind of total a cell's text announces, when it reads or ends with `合计`, `总计` or
    /// `小计` (`全县合计`, `本页小计`, `武都区小计`), after white space is removed.
    static func kind(ofCell bytes: UnsafeBufferPointer<UInt8>) -> Kind? {
        // The suffixes are three bytes each in UTF-8 (two CJK characters): test the bytes before
        // making a string, since nearly every cell is not one.
        var end = bytes.count
        while end > 0,
            bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0A
                || bytes[end - 1] == 0x0D
        {
            end -= 1
        }
        guard end >= 6, containsTotalCharacter(bytes, end: end) else { return nil }
        let tail = String(decoding: UnsafeBufferPointer(rebasing: bytes[(end - 6)..<end]), as: UTF8.self)
        switch tail {
        case "小计": return .subtotal
        case "合计", "总计": return .total
        default:
            // A full-width or ideographic space between the characters (`合　计`) is common.
            let text = HeaderText.normalized(
                String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self))
            if text.hasSuffix("小计") { return .subtotal }
            if text.hasSuffix("合计") || text.hasSuffix("总计") { return .total }
            return nil
        }
    }

    /// Whether the bytes hold 计 (E8 AE A1), which every marker ends with: a test on bytes
    /// that rules out nearly every cell before any string is made.
    private static func containsTotalCharacter(_ bytes: UnsafeBufferPointer<UInt8>, end: Int) -> Bool {
        var index = 0
        while index + 2 < end {
            if bytes[index] == 0xE8, bytes[index + 1] == 0xAE, bytes[index + 2] == 0xA1 { return true }
            index += 1
        }
        return false
    }

    /// The running sums a part's total rows are checked against, per sum column.
    struct Sums {
        /// Since the previous `小计` (or the part's start).
        var sinceSubtotal: [Int64]
        /// Since the part's start.
        var sincePartStart: [Int64]

        init(columns: Int) {
            sinceSubtotal = Array(repeating: 0, count: columns)
            sincePartStart = Array(repeating: 0, count: columns)
        }

        /// Adds a detail row's figure in sum column `slot`.
        mutating func add(_ value: Int64, slot: Int) {
            sinceSubtotal[slot] &+= value
            sincePartStart[slot] &+= value
        }

        /// The figure a total row of `kind` should carry in `slot`; a `小计` starts a new run.
        mutating func expected(for kind: Kind, slot: Int) -> Int64 {
            switch kind {
            case .subtotal: sinceSubtotal[slot]
            case .total: sincePartStart[slot]
            }
        }

        /// After a `小计` row: the next one covers the rows from here.
        mutating func closeSubtotal() {
            for slot in sinceSubtotal.indices { sinceSubtotal[slot] = 0 }
        }
    }
}

/// Footer rows under a ledger's table (`填表人：…  审核人：…`, `制表：…`, `联系电话：…`),
/// skipped without a finding (SPEC §2.5). A footer's text may sit in a configured column — the
/// first column is often the county's — so besides rows whose configured columns are all
/// empty, a row whose cell starts with a signature label followed by a colon is one.
enum FooterRow {
    /// Labels that open a footer, compared after white space is removed.
    static let labels = [
        "填表人", "填报人", "制表人", "制表", "审核人", "审核", "负责人", "单位负责人", "分管领导", "联系人", "联系电话", "填表日期", "填报日期",
        "填表说明", "备注", "说明", "注",
    ]

    /// Whether the cell opens a footer: a label, then `：` or `:`.
    static func isFooter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Nearly every cell fails on its first bytes: footers begin with a CJK character (three
        // UTF-8 bytes from E4 to E9) after optional spaces.
        var start = 0
        while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        guard start + 3 <= bytes.count, (0xE4...0xE9).contains(bytes[start]) else { return false }
        // A label is followed by a colon, full-width (EF BC 9A) or not, within its first bytes.
        let window = min(bytes.count, start + 48)
        guard
            (start..<window).contains(where: {
                bytes[$0] == 0x3A
                    || (bytes[$0] == 0x9A && $0 >= 2 && bytes[$0 - 1] == 0xBC && bytes[$0 - 2] == 0xEF)
            })
        else { return false }
        let text = HeaderText.normalized(
            String(
                decoding: UnsafeBufferPointer(rebasing: bytes[start..<min(bytes.count, start + 64)]),
                as: UTF8.self))
        return labels.contains { text.hasPrefix($0 + ":") }
    }
}
