// The XML of the workbook benchmark's ledger (WorkbookDataset.swift), shaped as Excel writes it.
import Foundation
import SplitMix

enum WorkbookParts {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let officeRelationships =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// The entries in Excel's order.
    static let order = [
        "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
        "xl/worksheets/sheet1.xml", "xl/styles.xml", "xl/sharedStrings.xml",
    ]

    /// The parts that do not depend on the rows.
    static let fixed: [(String, String)] = [
        (
            "[Content_Types].xml",
            declaration + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
                + "</Types>"
        ),
        (
            "_rels/.rels",
            declaration + "<Relationships xmlns=\"\(packageRelationships)\">"
                + "<Relationship Id=\"rId1\" Type=\"\(officeRelationships)/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>"
        ),
        (
            "xl/workbook.xml",
            declaration + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(officeRelationships)\">"
                + "<fileVersion appName=\"xl\" lastEdited=\"7\" lowestEdited=\"7\" rupBuild=\"22228\"/>"
                + "<workbookPr defaultThemeVersion=\"166925\"/><bookViews><workbookView xWindow=\"0\" yWindow=\"0\" "
                + "windowWidth=\"28800\" windowHeight=\"12300\"/></bookViews>"
                + "<sheets><sheet name=\"\(WorkbookDataset.sheetName)\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
                + "<calcPr calcId=\"191029\"/></workbook>"
        ),
        (
            "xl/_rels/workbook.xml.rels",
            declaration + "<Relationships xmlns=\"\(packageRelationships)\">"
                + "<Relationship Id=\"rId3\" Type=\"\(officeRelationships)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"\(officeRelationships)/styles\" Target=\"styles.xml\"/>"
                + "<Relationship Id=\"rId1\" Type=\"\(officeRelationships)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "</Relationships>"
        ),
        ("xl/styles.xml", styles),
    ]

    /// Cell formats: 0 general; 1 bordered; 2 bordered date (built-in 14); 3 bordered date
    /// `yyyy"年"m"月"d"日"`; 4 the bold title.
    private static let styles =
        declaration + "<styleSheet xmlns=\"\(main)\">"
        + "<numFmts count=\"1\"><numFmt numFmtId=\"176\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/></numFmts>"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/><charset val=\"134\"/></font>"
        + "<font><b/><sz val=\"16\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
        + "<border><left style=\"thin\"><color auto=\"1\"/></left><right style=\"thin\"><color auto=\"1\"/></right>"
        + "<top style=\"thin\"><color auto=\"1\"/></top><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"><alignment vertical=\"center\"/></xf></cellStyleXfs>"
        + "<cellXfs count=\"5\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"><alignment vertical=\"center\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\"><alignment horizontal=\"center\" vertical=\"center\"/></xf>"
        + "<xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyBorder=\"1\"><alignment horizontal=\"center\" vertical=\"center\"/></xf>"
        + "<xf numFmtId=\"176\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyBorder=\"1\"><alignment horizontal=\"center\" vertical=\"center\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"><alignment horizontal=\"center\" vertical=\"center\"/></xf></cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"常规\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"

    static let letters = Array("ABCDEFGHIJKL")

    /// The worksheet up to the first household: title, filler row, the two header rows.
    static func writeSheetStart(rows: Int, strings: inout StringTable, to out: inout PartWriter) {
        out.append(declaration)
        out.append(
            "<worksheet xmlns=\"\(main)\" xmlns:r=\"\(officeRelationships)\" "
                + "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" mc:Ignorable=\"x14ac xr xr2 xr3\" "
                + "xmlns:x14ac=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac\" "
                + "xmlns:xr=\"http://schemas.microsoft.com/office/spreadsheetml/2014/revision\" "
                + "xmlns:xr2=\"http://schemas.microsoft.com/office/spreadsheetml/2015/revision2\" "
                + "xmlns:xr3=\"http://schemas.microsoft.com/office/spreadsheetml/2016/revision3\" "
                + "xr:uid=\"{00000000-0001-0000-0000-000000000000}\">")
        out.append(
            "<dimension ref=\"A1:L\(rows + 4)\"/><sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\">"
        )
        out.append("<pane ySplit=\"4\" topLeftCell=\"A5\" activePane=\"bottomLeft\" state=\"frozen\"/>")
        out.append("<selection pane=\"bottomLeft\" activeCell=\"A5\" sqref=\"A5\"/></sheetView></sheetViews>")
        out.append("<sheetFormatPr defaultRowHeight=\"14.25\" x14ac:dyDescent=\"0.2\"/><cols>")
        for (index, width) in [6, 10, 12, 15, 9, 21, 6, 6, 12, 12, 12, 10].enumerated() {
            out.append(
                "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>")
        }
        out.append("</cols><sheetData>")
        let heading = ["序号", "乡镇", "村", "村代码", "户主", "身份证号", "等级", "人数", "改造进度", "", "", "备注"]
        let below = ["", "", "", "", "", "", "", "", "开工日期", "竣工日期", "验收日期", ""]
        let title = ["武都区2020年农村危房改造台账"] + Array(repeating: "", count: 11)
        var filler = Array(repeating: "", count: 12)
        filler[0] = "填报单位：武都区住建局"
        filler[7] = "填报日期：2020年10月10日"
        for (number, texts, style) in [(1, title, 4), (2, filler, 0), (3, heading, 1), (4, below, 1)] {
            out.append("<row r=\"\(number)\" spans=\"1:12\" x14ac:dyDescent=\"0.2\">")
            for (column, text) in texts.enumerated() {
                let reference = "\(letters[column])\(number)"
                if text.isEmpty {
                    if style != 0 { out.append("<c r=\"\(reference)\" s=\"\(style)\"/>") }
                } else {
                    out.append(
                        "<c r=\"\(reference)\" s=\"\(style)\" t=\"s\"><v>\(strings.index(text))</v></c>")
                }
            }
            out.append("</row>")
        }
    }

    static func writeSheetEnd(to out: inout PartWriter) {
        out.append("</sheetData><mergeCells count=\"11\"><mergeCell ref=\"A1:L1\"/>")
        for column in "ABCDEFGH" { out.append("<mergeCell ref=\"\(column)3:\(column)4\"/>") }
        out.append("<mergeCell ref=\"I3:K3\"/><mergeCell ref=\"L3:L4\"/></mergeCells>")
        out.append(
            "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        )
        out.append("<pageSetup paperSize=\"9\" orientation=\"landscape\"/></worksheet>")
    }
}

/// The households, one row each, from a seeded generator.
struct Households {
    private var random: SplitMix64
    private let places: Places
    private static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎")
    private static let given = Array("建国秀英志强玉兰春华海军桂芳明德淑珍永红丽娟小平文斌金花长林翠莲红梅振东凤英保国玉梅")
    private static let grades = ["C", "D", "C", "D", "D", "B"]
    private static let remarks = ["五保户", "低保户", "已入住", "建档立卡户", "分散供养特困户"]
    /// ID number check digits (GB 11643): weights, and the digit for each remainder.
    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkDigits = Array("10X98765432")
    /// Serial numbers of 2020-03-01 and 2020-10-10 (days since 1899-12-30).
    private static let firstStart = 43_891
    private static let lastDate = 44_114

    init(seed: UInt64, places: Places) {
        random = SplitMix64(seed: seed)
        self.places = places
    }

    /// Writes household `index` as sheet row `number`.
    mutating func writeRow(_ index: Int, number: Int, strings: inout StringTable, to out: inout PartWriter) {
        let township = random.int(0...(Places.townships - 1))
        let village = places.villages[township][random.int(0...(Places.villagesPerTownship - 1))]
        let name =
            "\(random.pick(Self.surnames))\(random.pick(Self.given))"
            + (random.int(0...2) == 0 ? "" : String(random.pick(Self.given)))
        var row = "<row r=\"\(number)\" spans=\"1:12\" x14ac:dyDescent=\"0.2\">"
        func text(_ column: Int, _ value: String) {
            row +=
                "<c r=\"\(WorkbookParts.letters[column])\(number)\" s=\"1\" t=\"s\"><v>\(strings.index(value))</v></c>"
        }
        func cell(_ column: Int, _ value: Int, style: Int = 1) {
            row += "<c r=\"\(WorkbookParts.letters[column])\(number)\" s=\"\(style)\"><v>\(value)</v></c>"
        }
        func blank(_ column: Int) { row += "<c r=\"\(WorkbookParts.letters[column])\(number)\" s=\"1\"/>" }
        cell(0, index + 1)
        text(1, places.townshipNames[township])
        text(2, village.name)
        cell(3, village.code)
        text(4, name)
        text(5, Self.idNumber(index))
        text(6, random.pick(Self.grades))
        cell(7, random.int(1...7))
        let started = Self.firstStart + random.int(0...183)
        writeDate(8, started, cell: cell, text: text)
        let completed = started + random.int(20...90)
        if random.int(0...9) < 7, completed <= Self.lastDate {
            writeDate(9, completed, cell: cell, text: text)
            let accepted = completed + random.int(3...20)
            if random.int(0...1) == 0, accepted <= Self.lastDate {
                writeDate(10, accepted, cell: cell, text: text)
            } else {
                blank(10)
            }
        } else {
            blank(9)
            blank(10)
        }
        if random.int(0...19) == 0 { text(11, random.pick(Self.remarks)) } else { blank(11) }
        out.append(row + "</row>")
    }

    /// A date as most offices keep it (a date cell in one of two formats) or typed as text.
    private mutating func writeDate(
        _ column: Int, _ serial: Int, cell: (Int, Int, Int) -> Void, text: (Int, String) -> Void
    ) {
        let (year, month, day) = Self.civil(serial)
        switch random.int(0...19) {
        case 0...12: cell(column, serial, 2)
        case 13...15: cell(column, serial, 3)
        case 16, 17: text(column, "\(year)/\(month)/\(day)")
        case 18: text(column, String(format: "%04d%02d%02d", year, month, day))
        default: text(column, "\(year)年\(month)月\(day)日")
        }
    }

    /// A unique, valid 18-digit ID number: county 621202, a birth day from 1940 on, a sequence.
    static func idNumber(_ index: Int) -> String {
        let days = 23_741  // 1940-01-01 to 2004-12-31
        let (year, month, day) = civil(14_611 + index % days)  // serial 14611 = 1940-01-01
        let body = String(format: "621202%04d%02d%02d%03d", year, month, day, 100 + index / days)
        let sum = zip(body.utf8, weights).reduce(0) { $0 + Int($1.0 - 48) * $1.1 }
        return body + String(checkDigits[sum % 11])
    }

    /// Year, month and day of an Excel serial (days since 1899-12-30), after 1900-03-01.
    static func civil(_ serial: Int) -> (Int, Int, Int) {
        // Howard Hinnant's days-to-civil, from 1970-01-01 (serial 25569).
        let z = serial - 25_569 + 719_468
        let era = z / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
