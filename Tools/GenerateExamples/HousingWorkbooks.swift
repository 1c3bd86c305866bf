import BulletinKit
import Foundation
import SplitMix

/// The housing ledger as county offices keep it: one workbook per county, `危房改造/梨树县.xlsx`,
/// with a notes sheet (填表说明) first and the ledger sheet (台账) after it — a merged title
/// row, a `填报单位：… 填报日期：…` line, a two-row header with `改造进度` merged over the three
/// stage dates, place names instead of codes, the county merged down all of its rows, the
/// householder's name and resident ID number, a 小计 row after each township, a 合计 row and a
/// `填表人：… 审核人：…` footer.
///
/// It only dresses the ledger's items: their units, villages and dates — every figure — are
/// the CSV version's. The dressing (spellings, ID numbers, household sizes, how each row's
/// dates are typed) comes from its own seeded generator, so the items' generator is untouched.
struct HousingWorkbooks {
    static let folder = "危房改造"
    static let sheet = "台账"
    static let columns = [
        "序号", "县区", "乡镇", "村", "户主姓名", "身份证号码", "家庭人口", "危房等级", "改造方式", "开工日期", "竣工日期", "验收日期", "备注",
    ]
    static let widths: [Double] = [6, 16, 14, 15, 10, 21, 8, 8, 10, 14, 14, 14, 12]
    /// The column numbers (1-based) of the three stage dates, under `改造进度`.
    static let dateColumns = 10...12

    let regions: RegionTree
    let filledOn: Day
    /// The unit whose fifth householder's ID number is mistyped (a wrong check character).
    let mistypedIDUnit: String
    /// The unit whose second township's 小计 is one household and two people off.
    let wrongSubtotalUnit: String

    /// Where each item went: its part (`危房改造/梨树县.xlsx[台账]`) and the row Excel shows.
    private(set) var rows: [Int: (part: String, row: Int)] = [:]
    private(set) var planted: [PlantedWarning] = []
    /// What the planted 小计 reads and what its rows give.
    private(set) var wrongSubtotal = ""

    /// Gives the items resident ID numbers and writes one workbook per unit, in unit order.
    mutating func write(_ items: inout [Item], rng: inout SplitMix64) throws -> [(
        file: String, items: Int, data: Data
    )] {
        var ids = ResidentIDs()
        for index in items.indices { items[index].id = ids.make(county: items[index].unit, rng: &rng) }
        var workbooks: [(file: String, items: Int, data: Data)] = []
        for unit in regions.units {
            let indices = items.indices.filter { items[$0].unit == unit }
            guard !indices.isEmpty else { continue }
            if unit == mistypedIDUnit, indices.count > 4 {
                let index = indices[4]
                items[index].id = ResidentIDs.mistyped(items[index].id)
                planted.append(
                    PlantedWarning(
                        file: "", line: 0,
                        what:
                            "身份证号码 fails its GB 11643 check character (a copying slip); the row still counts",
                        item: index))
            }
            let file = "\(Self.folder)/\(regions.name(unit)).xlsx"
            let ledgerSheet = try ledgerSheet(
                unit: unit, items: items, indices: indices, part: "\(file)[\(Self.sheet)]", rng: &rng)
            let book = WorkbookWriter(sheets: [Self.notesSheet, ledgerSheet])
            workbooks.append((file, indices.count, Data(try book.data())))
        }
        for offset in planted.indices {
            guard let item = planted[offset].item, let place = rows[item] else { continue }
            planted[offset].file = place.part
            planted[offset].line = place.row
        }
        return workbooks
    }

    /// The ledger sheet of one unit.
    private mutating func ledgerSheet(
        unit: String, items: [Item], indices: [Int], part: String, rng: inout SplitMix64
    ) throws -> WorkbookWriter.Sheet {
        let spelling = PlaceSpelling(regions: regions)
        let county = regions.name(unit)
        var sheet = Self.frame(county: county, filledOn: filledOn, rng: &rng)
        var row = 5
        var townships: [[Int]] = []
        for index in indices {
            if let last = townships.last?.last,
                regions.township(of: items[last].village) == regions.township(of: items[index].village)
            {
                townships[townships.count - 1].append(index)
            } else {
                townships.append([index])
            }
        }
        var serial = 0
        var people = 0
        for (number, township) in townships.enumerated() {
            var townshipPeople = 0
            for index in township {
                serial += 1
                let size = [1, 2, 2, 3, 3, 3, 4, 4, 5, 6][rng.int(0...9)]
                townshipPeople += size
                write(
                    items[index], serial: serial, size: size, spelling: spelling, row: row, into: &sheet,
                    rng: &rng)
                rows[index] = (part, row)
                row += 1
            }
            // The 小计 row: the township's households and people; one county's second is off.
            let isWrong = unit == wrongSubtotalUnit && number == 1
            let households = township.count + (isWrong ? 1 : 0)
            let shownPeople = townshipPeople + (isWrong ? 2 : 0)
            let name = spelling.localName(regions.township(of: items[township[0]].village))
            if isWrong {
                wrongSubtotal =
                    "`\(part):\(row)` — \(name)小计 reads \(households)户 \(shownPeople)人; its rows give "
                    + "\(township.count)户 \(townshipPeople)人"
            }
            sheet.style(rows: row, row, columns: 1, Self.columns.count, .body)
            sheet.set(row, 3, .text(name + "小计"))
            sheet.set(row, 5, .text("\(households)户"), style: .centered)
            sheet.set(row, 7, .number(Double(shownPeople)), style: .centered)
            row += 1
            people += townshipPeople
        }
        // The county's name once, merged down its rows (details and 小计 alike).
        sheet.set(5, 2, .text(county), style: .centered)
        sheet.merge(rows: 5, row - 1, columns: 2, 2)
        sheet.style(rows: row, row, columns: 1, Self.columns.count, .body)
        sheet.set(row, 1, .text("合计"), style: .centered)
        sheet.merge(rows: row, row, columns: 1, 4)
        sheet.set(row, 5, .text("\(indices.count)户"), style: .centered)
        sheet.set(row, 7, .number(Double(people)), style: .centered)
        sheet.set(row + 2, 1, .text("填表人：\(Names.draw(&rng))　　　审核人：\(Names.draw(&rng))"), style: .caption)
        sheet.merge(rows: row + 2, row + 2, columns: 1, 8)
        return sheet
    }
}
