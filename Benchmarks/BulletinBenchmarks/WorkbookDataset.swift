// The workbook benchmark's dataset (issue 13): one county's housing ledger (台账) as Excel saves
// it — a merged title row, a filler row, a two-row header with merged cells, then any number of
// households: a running number, township and village names, the village code (a number cell),
// the householder, an 18-digit ID number (text, so a shared string, as Excel keeps it), the grade,
// the people count, and three date columns mixing date cells in two formats with dates typed as
// text (`2020/6/30`, `20201012`, `2020年5月1日`) and blanks; a remarks column, mostly empty.
// Strings go to the shared-strings part in order of first use, as Excel writes them; rows carry
// `spans` and `x14ac:dyDescent` as Excel's do.
//
// The parts are written here from a seeded generator alone, then zipped DEFLATE-compressed
// (zlib level 6, entries dated 1980-01-01) by Python's zipfile, since Bulletin writes stored
// ZIPs only: the same arguments give the same bytes with the same zlib.
import Foundation
import SplitMix

struct WorkbookDataset {
    /// The ledger's path in the dataset.
    static let ledger = "台账/武都区.xlsx"
    static let sheetName = "台账"
    static let columns = 12

    /// Writes bulletin.json, regions.csv and the ledger workbook of `rows` households into
    /// `folder`; returns the workbook's size in bytes and its sheet part's uncompressed size.
    static func write(to folder: URL, rows: Int, seed: UInt64 = 0x2020_1015) throws -> (
        bytes: Int, sheetBytes: Int
    ) {
        let fileManager = FileManager.default
        try fileManager.createDirectory(
            at: folder.appendingPathComponent("台账"), withIntermediateDirectories: true)
        try Data(configuration.utf8).write(to: folder.appendingPathComponent("bulletin.json"))
        let places = Places()
        try Data(places.regionsCSV.utf8).write(to: folder.appendingPathComponent("regions.csv"))

        let staging = folder.appendingPathComponent(".parts")
        try? fileManager.removeItem(at: staging)
        try fileManager.createDirectory(
            at: staging.appendingPathComponent("xl/worksheets"), withIntermediateDirectories: true)
        try fileManager.createDirectory(
            at: staging.appendingPathComponent("xl/_rels"), withIntermediateDirectories: true)
        try fileManager.createDirectory(
            at: staging.appendingPathComponent("_rels"), withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(at: staging) }
        for (name, text) in WorkbookParts.fixed {
            try Data(text.utf8).write(to: staging.appendingPathComponent(name))
        }
        var strings = StringTable()
        let sheet = staging.appendingPathComponent("xl/worksheets/sheet1.xml")
        var writer = try PartWriter(sheet)
        var generator = Households(seed: seed, places: places)
        WorkbookParts.writeSheetStart(rows: rows, strings: &strings, to: &writer)
        for index in 0..<rows {
            generator.writeRow(index, number: index + 5, strings: &strings, to: &writer)
        }
        WorkbookParts.writeSheetEnd(to: &writer)
        let sheetBytes = try writer.close()
        var shared = try PartWriter(staging.appendingPathComponent("xl/sharedStrings.xml"))
        strings.write(to: &shared)
        _ = try shared.close()
        let workbook = folder.appendingPathComponent(ledger)
        try zip(staging, names: WorkbookParts.order, to: workbook)
        let size = (try fileManager.attributesOfItem(atPath: workbook.path)[.size] as? Int) ?? 0
        return (size, sheetBytes)
    }

    /// Zips `names` from `folder` into `archive`, deflated, with Python's zipfile (plain python3).
    private static func zip(_ folder: URL, names: [String], to archive: URL) throws {
        let script = """
            import shutil, sys, zipfile
            folder, archive, names = sys.argv[1], sys.argv[2], sys.argv[3:]
            with zipfile.ZipFile(archive, "w") as z:
                for name in names:
                    info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o100644 << 16
                    with open(folder + "/" + name, "rb") as source, z.open(info, "w") as target:
                        shutil.copyfileobj(source, target, 1 << 20)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, folder.path, archive.path] + names
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw WorkbookBenchmarkError(
                "python3 could not zip the workbook (exit status \(process.terminationStatus))")
        }
    }

    static let configuration = """
        {
          "title": "武都区农村危房改造进度通报", "root": "621202", "unit_label": "乡镇", "as_of": "2020-10-15",
          "indicators": [
            { "id": "housing", "title": "农村危房改造", "measure_unit": "户", "ledger": "\(ledger)",
              "region": "村代码", "id_column": "身份证号", "category": "等级",
              "stages": [ { "id": "started", "title": "开工", "date": "开工日期" },
                          { "id": "completed", "title": "竣工", "date": "竣工日期" },
                          { "id": "accepted", "title": "验收", "date": "验收日期" } ],
              "start": "2020-03-01", "deadline": "2020-10-31" },
            { "id": "people", "title": "危房改造人数", "measure_unit": "人", "ledger": "\(ledger)",
              "region": "村代码", "measure": { "sum": "人数" },
              "stages": [ { "id": "completed", "title": "竣工", "date": "竣工日期" } ],
              "start": "2020-03-01", "deadline": "2020-10-31" }
          ]
        }
        """
}

/// The county's 30 townships and 20 villages in each, named from syllables.
struct Places {
    static let townships = 30
    static let villagesPerTownship = 20
    private static let syllables = Array("城关安化角马街汉王两水外纳柏林石门洛塘三河坪垭蒲池鱼龙佛崖玉皇桔柑月照琵琶隆兴甘泉郭河")

    let townshipNames: [String]
    /// Per township, its villages' names and codes.
    let villages: [[(name: String, code: Int)]]

    init() {
        let syllables = Self.syllables
        var townshipNames: [String] = []
        var villages: [[(name: String, code: Int)]] = []
        for township in 0..<Self.townships {
            let first = syllables[township % syllables.count]
            let second = syllables[(township * 7 + 3) % syllables.count]
            townshipNames.append("\(first)\(second)\(township % 3 == 0 ? "乡" : "镇")")
            villages.append(
                (0..<Self.villagesPerTownship).map { village in
                    let a = syllables[(township * 5 + village * 3 + 1) % syllables.count]
                    let b = syllables[(village * 11 + township + 7) % syllables.count]
                    return (
                        "\(a)\(b)\(village % 4 == 0 ? "社区" : "村")",
                        621_202_001_001 + township * 1000 + village
                    )
                })
        }
        self.townshipNames = townshipNames
        self.villages = villages
    }

    var regionsCSV: String {
        var lines = ["code,name,parent", "621202,武都区,"]
        for (township, name) in townshipNames.enumerated() {
            lines.append("\(621_202_001 + township),\(name),621202")
        }
        for (township, list) in villages.enumerated() {
            for village in list {
                lines.append("\(village.code),\(village.name)委员会,\(621_202_001 + township)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Shared strings by first use, as Excel numbers them.
struct StringTable {
    private var indexes: [String: Int] = [:]
    private var order: [String] = []
    /// Cells that refer to the table (Excel's `count`).
    private var references = 0

    mutating func index(_ text: String) -> Int {
        references += 1
        if let index = indexes[text] { return index }
        indexes[text] = order.count
        order.append(text)
        return order.count - 1
    }

    func write(to out: inout PartWriter) {
        out.append(WorkbookParts.declaration)
        out.append(
            "<sst xmlns=\"\(WorkbookParts.main)\" count=\"\(references)\" uniqueCount=\"\(order.count)\">")
        for text in order { out.append("<si><t>\(text)</t></si>") }
        out.append("</sst>")
    }
}

/// Appends a part's bytes to a file through a 1 MiB buffer.
struct PartWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var written = 0

    init(_ url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(1 << 20 + 4096)
    }

    mutating func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    private mutating func flush() {
        handle.write(Data(buffer))
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered, closes the file and returns its size.
    mutating func close() throws -> Int {
        flush()
        try handle.close()
        return written
    }
}

/// Why the workbook benchmark could not go on.
struct WorkbookBenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
