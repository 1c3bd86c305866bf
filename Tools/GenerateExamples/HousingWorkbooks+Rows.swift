import BulletinKit
import SplitMix

extension HousingWorkbooks {
    /// The title row, the `填报单位` line and the two-row header (rows 1–4).
    static func frame(county: String, filledOn: Day, rng: inout SplitMix64) -> WorkbookWriter.Sheet {
        var sheet = WorkbookWriter.Sheet(name: sheet)
        sheet.columnWidths = widths
        sheet.printsLandscape = true
        let last = columns.count
        sheet.set(1, 1, .text("\(county)2020年农村危房改造台账"), style: .title)
        sheet.merge(rows: 1, 1, columns: 1, last)
        sheet.rowHeights[1] = 36
        sheet.set(2, 1, .text("填报单位：\(county)住房和城乡建设局（盖章）"), style: .caption)
        sheet.merge(rows: 2, 2, columns: 1, 6)
        let (year, month, day) = filledOn.components
        sheet.set(2, 10, .text("填报日期：\(year)年\(month)月\(day)日"), style: .caption)
        sheet.merge(rows: 2, 2, columns: 10, last)
        sheet.rowHeights[2] = 22
        for (offset, title) in columns.enumerated() where !dateColumns.contains(offset + 1) {
            sheet.set(3, offset + 1, .text(title), style: .header)
            sheet.merge(rows: 3, 4, columns: offset + 1, offset + 1)
        }
        sheet.set(3, dateColumns.lowerBound, .text("改造进度"), style: .header)
        sheet.merge(rows: 3, 3, columns: dateColumns.lowerBound, dateColumns.upperBound)
        for column in dateColumns { sheet.set(4, column, .text(columns[column - 1]), style: .header) }
        sheet.style(rows: 3, 4, columns: 1, last, .header)
        return sheet
    }

    /// One household's row. The county cell is left to the merged range; each row's dates are
    /// typed by one hand: date cells (some shown as `2020年7月22日`), text, or `20200722`.
    func write(
        _ item: Item, serial: Int, size: Int, spelling: PlaceSpelling, row: Int,
        into sheet: inout WorkbookWriter.Sheet, rng: inout SplitMix64
    ) {
        sheet.style(rows: row, row, columns: 1, Self.columns.count, .body)
        sheet.set(row, 1, .number(Double(serial)), style: .centered)
        sheet.set(row, 3, .text(spelling.spelling(regions.township(of: item.village), rng: &rng)))
        sheet.set(row, 4, .text(spelling.spelling(item.village, rng: &rng)))
        sheet.set(row, 5, .text(item.name))
        sheet.set(row, 6, .text(item.id))
        sheet.set(row, 7, .number(Double(size)), style: .centered)
        sheet.set(row, 8, .text(item.category == "拆除重建" ? "D级" : "C级"), style: .centered)
        sheet.set(row, 9, .text(item.category))
        let hand = rng.pick(weights: [0.62, 0.12, 0.14, 0.12])
        for (stage, column) in Self.dateColumns.enumerated() {
            guard let day = item.dates[stage] else { continue }
            let (year, month, dayOfMonth) = day.components
            switch hand {
            case 0: sheet.set(row, column, .date(day), style: .date)
            case 1: sheet.set(row, column, .date(day), style: .chineseDate)
            case 2: sheet.set(row, column, .text(item.style.format(day)), style: .centered)
            default:
                sheet.set(
                    row, column, .number(Double(year * 10_000 + month * 100 + dayOfMonth)), style: .centered)
            }
        }
        if !item.note.isEmpty { sheet.set(row, 13, .text(item.note)) }
    }

    /// The notes sheet a county office puts first.
    static let notesSheet: WorkbookWriter.Sheet = {
        var sheet = WorkbookWriter.Sheet(name: "填表说明")
        sheet.columnWidths = [80]
        sheet.set(1, 1, .text("填表说明"), style: .title)
        sheet.rowHeights[1] = 30
        let notes = [
            "一、本表由乡镇（街道）逐户填报，县级住房和城乡建设部门汇总审核后，每周四前报市脱贫攻坚领导小组办公室。",
            "二、县区、乡镇、村填写规范名称，不填代码；县区名称只填一次。",
            "三、身份证号码填写户主18位居民身份证号码，末位为X的用大写；本表含个人信息，不得外传。",
            "四、危房等级按住房安全性鉴定结果填写C级或D级：C级维修加固，D级拆除重建。",
            "五、改造进度填写开工、竣工、验收的实际日期；尚未开工、竣工或验收的留空，不得填写计划日期。",
            "六、每个乡镇（街道）末行加“小计”，表末加“合计”。",
        ]
        for (offset, note) in notes.enumerated() {
            sheet.set(offset + 2, 1, .text(note), style: .paragraph)
            sheet.rowHeights[offset + 2] = 30
        }
        return sheet
    }()
}
