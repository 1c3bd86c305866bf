import Foundation

extension GeneratedBuilder {
    // MARK: ledgers

    mutating func writeLedger(name: String, members: [Int], hasErrors: Bool, _ random: inout SeededRandom) {
        let chinese = random.chance(50)
        features.insert(chinese ? "headers:zh" : "headers:en")
        let stageCount = random.int(1...3)
        let hasCategory = random.chance(65)
        let hasMeasure = members.contains { indicators[$0].sums }
        // The second indicator of a shared ledger may leave the id column out (as 济源's people do).
        let idForAll = members.count == 1 || random.chance(60)
        for (position, member) in members.enumerated() {
            indicators[member].usesID = position == 0 || idForAll
            indicators[member].usesCategory = hasCategory && (position == 0 || random.chance(70))
        }
        var columns: [(GeneratedRole, String)] = [
            (.id, chinese ? "农户编号" : "household_id"),
            (.region, random.pick(chinese ? ["村代码", "区划代码"] : ["village_code", "code"])),
        ]
        if hasCategory { columns.append((.category, chinese ? "类别" : "grade")) }
        if hasMeasure { columns.append((.measure, chinese ? "人数" : "people")) }
        let stageNames = chinese ? ["开工日期", "竣工日期", "验收日期"] : ["started_on", "completed_on", "accepted_on"]
        for stage in 0..<stageCount { columns.append((.stage(stage), stageNames[stage])) }
        let extraNames = chinese ? ["户主", "备注"] : ["householder", "note"]
        for extra in 0..<(large ? 2 : random.int(0...2)) {
            columns.append((.extra(extra), extraNames[extra]))
        }
        if columns.count > 2 + stageCount { features.insert("extra-columns") }
        columns = random.shuffled(columns)
        for member in members {
            indicators[member].json = indicatorJSON(
                member, ledger: name, columns: Dictionary(columns, uniquingKeysWith: { a, _ in a }),
                stageCount: stageCount,
                &random)
        }

        let categories = random.pick([
            ["C", "D"], ["集中", "分散"], ["+A", "B", "=C"], ["-1", "2"], ["𠮷级", "㐀", "€Ａ", "·"],
        ])
        if hasCategory { features.insert("category") }
        var rows: [GeneratedRow] = []
        var serial = 0
        for unit in units where large || random.int(0...99) >= 20 {
            let pace = random.pick([0, 30, 60, 90, 100])
            for _ in 0..<(large ? 20_000 / units.count : random.int(1...6)) {
                serial += 1
                var cells: [GeneratedRole: String] = [.id: "H\(seed)-\(serial)", .region: random.pick(unit.places)]
                if hasCategory { cells[.category] = random.pick(categories) }
                var amount = Fraction.one
                if hasMeasure {
                    let text: String
                    switch random.int(0...19) {
                    case 0: text = "0"
                    case 1...14: text = "\(random.int(1...9))"
                    case 15...17: text = random.pick(["2.5", "0.25", "1.75", "3.5"])
                    default:
                        text = "\(random.int(1...3)),\(random.int(100...999))"
                        features.insert("measure:grouped")
                    }
                    cells[.measure] = text
                    amount = IndependentSummary.measureCell(text)!
                }
                var previous: CalendarDay?
                for stage in 0..<stageCount {
                    let reached =
                        stage == 0
                        ? random.chance(min(100, pace + 20)) : previous != nil && random.chance(pace)
                    guard reached else {
                        cells[.stage(stage)] = random.chance(5) ? "  " : ""
                        previous = nil
                        continue
                    }
                    let start = indicators[members[0]].start
                    var day =
                        previous.map { $0.adding(random.int(0...30)) }
                        ?? start.adding(random.int(-10...max(0, asOf.serial - start.serial) + 15))
                    if let earlier = previous, random.chance(5) { day = earlier.adding(-random.int(1...10)) }
                    if random.chance(12) {
                        day = random.pick(edges + [start, start.adding(-1)])
                        features.insert("date:on-edge")
                    }
                    cells[.stage(stage)] = dateText(day, &random)
                    previous = day
                }
                for extra in 0..<2 {
                    // Large ledgers are mostly two-byte characters, so that chunks end inside one.
                    cells[.extra(extra)] =
                        large
                        ? random.pick(["危房改造农户已搬迁入住", "村民小组长张三", "备注：已验收，待拨款"])
                        : random.pick([
                            "张三", "李四", "", "备注，含逗号", "说\"明\"", "两行\n备注", "note, with comma", " spaced ",
                        ])
                }
                rows.append(GeneratedRow(cells: cells, amount: amount, unit: unit.code))
            }
        }
        for member in members { acceptedRows[member] = rows }
        if hasErrors, !rows.isEmpty {
            rows = insertErrors(into: rows, members: members, stageCount: stageCount, &random)
        }

        var records = [columns.map(\.1)]
        for row in rows {
            var fields = columns.map { row.cells[$0.0] ?? "" }
            if row.fieldCountChange < 0 { fields.removeLast() }
            if row.fieldCountChange > 0 { fields.append("x") }
            records.append(fields)
        }
        let lineEnd = random.pick(["\n", "\r\n", "\r"])
        features.insert(["\n": "lines:LF", "\r\n": "lines:CRLF", "\r": "lines:CR"][lineEnd]!)
        var text = csvText(records, lineEnd: lineEnd, &random)
        if random.chance(20) { text.removeLast(lineEnd.count) }  // no final line break
        switch large ? 2 : random.int(0...2) {
        case 0:
            files[name] = Data(text.utf8)
            features.insert("encoding:utf-8")
        case 1:
            files[name] = Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
            features.insert("encoding:utf-8-bom")
        default:
            files[name] =
                text.data(using: String.Encoding(rawValue: 0x8000_0632))
                ?? Data("not encodable in GB18030".utf8)
            features.insert("encoding:gb18030")
            if large || random.chance(50) {
                indicators[members[0]].json = indicators[members[0]].json.setting(
                    "encoding", to: "gb18030", before: "stages")
                features.insert("encoding:gb18030-declared")
            }
        }
    }

    /// Copies of accepted rows, each with exactly one error, at random places (a repeated id after
    /// the row it repeats). Measure and id errors only where every indicator of the ledger reads
    /// that column, so that "the row cannot be counted" means the same for all of them.
    mutating func insertErrors(
        into rows: [GeneratedRow], members: [Int], stageCount: Int, _ random: inout SeededRandom
    ) -> [GeneratedRow] {
        var kinds = ["unknown-region", "outside-root", "root-region", "bad-date", "field-count"]
        if members.allSatisfy({ indicators[$0].sums }) { kinds.append("bad-measure") }
        if members.allSatisfy({ indicators[$0].usesID }) { kinds.append("duplicate-id") }
        var result = rows
        for number in 1...random.int(1...4) {
            let original = random.int(0...rows.count - 1)
            var row = rows[original]
            row.cells[.id] = "E\(seed)-\(number)"
            let kind = random.pick(kinds)
            switch kind {
            case "unknown-region":
                row.cells[.region] = random.pick([row.unit + "999", "村A", "12345678901234567"])
            case "outside-root": row.cells[.region] = random.pick(["990100", "990100001"])
            case "root-region": row.cells[.region] = rootCode
            case "bad-date":
                row.cells[.stage(random.int(0...stageCount - 1))] = random.pick([
                    "2020-02-30", "2021-13-01", "2020/10/", "明天", "2020-10-15x", "20-10-15",
                ])
            case "field-count": row.fieldCountChange = random.pick([-1, 1])
            case "bad-measure": row.cells[.measure] = random.pick(["-3", "abc", "1,23", "", "3."])
            default: row.cells[.id] = rows[original].cells[.id]
            }
            let position = result.firstIndex { $0.cells[.id] == rows[original].cells[.id] }! + 1
            result.insert(row, at: random.int(position...result.count))
            _ = features.insert("error:\(kind)")
        }
        return result
    }
}
