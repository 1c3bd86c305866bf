import BulletinKit
import Foundation
import SplitMix

/// A housing-renovation ledger (危房改造台账) like the ones counties send: ids, householder names,
/// phone numbers, twelve-digit village codes, township and village names, grade, household
/// size, two stage dates in the accepted forms, and remarks that are sometimes quoted (commas,
/// doubled quotes, a line break).
/// Writes the same text as UTF-8 and as GB18030 in one pass, from pieces encoded once.
struct LedgerGenerator {
    private var random: SplitMix64
    private let surnames: [Piece]
    private let givenNames: [Piece]
    private let townships: [Piece]
    private let villages: [Piece]
    private let plainRemarks: [Piece]
    private let quotedRemarks: [Piece]
    private let multiLineRemark: Piece
    private let year: Piece
    private let month: Piece
    private let day: Piece
    private static let counties = [411_302, 411_303, 411_321, 411_322, 411_323, 411_324, 411_325, 411_326]

    /// Text in both encodings.
    struct Piece {
        var utf8: [UInt8]
        var gb18030: [UInt8]

        init(_ text: String) throws {
            utf8 = Array(text.utf8)
            guard let encoded = text.data(using: String.Encoding(rawValue: 0x8000_0632)) else {
                throw BenchmarkError("\(text) cannot be written in GB18030")
            }
            gb18030 = Array(encoded)
        }
    }

    init(seed: UInt64) throws {
        random = SplitMix64(seed: seed)
        surnames = try "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
            .map { try Piece(String($0)) }
        givenNames = try [
            "建国", "军", "伟", "秀英", "桂兰", "玉梅", "明", "华", "福贵", "春生", "淑珍", "凤霞", "长有", "小红", "志强", "丽",
        ]
        .map(Piece.init)
        townships = try ["瓦店镇", "山门镇", "石桥镇", "潦河镇", "安皋镇", "桐河乡", "红泥湾镇"].map(Piece.init)
        villages = try ["小李庄村", "瓦店村", "靠道村", "余庄村", "和庄村", "西林庵村", "张庄村", "王营村", "石桥村", "丁河村", "后湾村", "高庙村"]
            .map(Piece.init)
        plainRemarks = try ["已验收", "五保户", "低保户", "原址重建", "已入住", "待验收"].map(Piece.init)
        quotedRemarks = try [
            "\"已入住,待验收\"", "\"户主外出务工,由其子代办\"", "\"户主称\"\"年底前完工\"\"\"",
            "\"墙体开裂,屋面漏雨,鉴定为D级\"", "\"一户多宅,\"\"拆旧建新\"\"\"",
        ].map(Piece.init)
        multiLineRemark = try Piece("\"户主外出务工,\n由其子代办\"")
        year = try Piece("年")
        month = try Piece("月")
        day = try Piece("日")
    }

    /// Writes `rows` data rows after a header; returns the size of each file.
    mutating func write(rows: Int, utf8 utf8Path: String, gb18030 gb18030Path: String) throws -> (Int, Int) {
        var utf8 = try BufferedFile(path: utf8Path)
        var gb18030 = try BufferedFile(path: gb18030Path)
        var row = RowBuffer()
        row.ascii(
            "household_id,householder,phone,village_code,township,village,grade,people,started_on,completed_on,note\r\n"
        )
        for index in 0..<rows {
            makeRow(index, into: &row)
            if row.utf8.count >= 1 << 20 {
                try utf8.write(row.utf8)
                try gb18030.write(row.gb18030)
                row.removeAll()
            }
        }
        try utf8.write(row.utf8)
        try gb18030.write(row.gb18030)
        return (try utf8.close(), try gb18030.close())
    }

    private mutating func makeRow(_ index: Int, into row: inout RowBuffer) {
        // Twelve-digit village code: a county of 南阳 (4113xx), township 1xx, village 2xx.
        let county = Self.counties[random.int(0...(Self.counties.count - 1))]
        let village = county * 1_000_000 + random.int(100...115) * 1000 + random.int(200...230)
        row.number(4_113_000_000_000 + index)  // 13-digit household id, unique
        row.comma()
        row.append(surnames[random.int(0...(surnames.count - 1))])
        row.append(givenNames[random.int(0...(givenNames.count - 1))])
        row.comma()
        row.number(13_000_000_000 + random.int(0...6_999_999_999))  // mobile number, 13x to 19x
        row.comma()
        row.number(village)
        row.comma()
        row.append(townships[village / 1000 % townships.count])
        row.comma()
        row.append(villages[village % villages.count])
        row.comma()
        row.ascii(random.int(0...2) == 0 ? "D" : "C")
        row.comma()
        row.number(random.int(1...7))
        row.comma()
        let started = random.int(0...150)
        date(dayOfYear: started, into: &row)
        row.comma()
        if random.int(0...4) != 0 { date(dayOfYear: started + random.int(20...120), into: &row) }
        row.comma()
        switch random.int(0...999) {
        case 0..<550: break
        case 550..<850: row.append(plainRemarks[random.int(0...(plainRemarks.count - 1))])
        case 850..<999: row.append(quotedRemarks[random.int(0...(quotedRemarks.count - 1))])
        default: row.append(multiLineRemark)
        }
        row.ascii("\r\n")
    }

    /// A day of 2020 in one of the accepted forms: 2020-05-06, 2020/5/6, 2020.05.06, 2020年5月6日.
    private mutating func date(dayOfYear: Int, into row: inout RowBuffer) {
        let monthLengths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var (month, rest) = (0, min(dayOfYear, 365))
        while rest >= monthLengths[month] {
            rest -= monthLengths[month]
            month += 1
        }
        let (monthNumber, dayNumber) = (month + 1, rest + 1)
        switch random.int(0...19) {
        case 0..<8:
            row.ascii("2020-")
            row.twoDigits(monthNumber)
            row.ascii("-")
            row.twoDigits(dayNumber)
        case 8..<14:
            row.ascii("2020/")
            row.number(monthNumber)
            row.ascii("/")
            row.number(dayNumber)
        case 14..<17:
            row.ascii("2020.")
            row.twoDigits(monthNumber)
            row.ascii(".")
            row.twoDigits(dayNumber)
        default:
            row.ascii("2020")
            row.append(year)
            row.number(monthNumber)
            row.append(self.month)
            row.number(dayNumber)
            row.append(day)
        }
    }
}

/// The text of rows being written, in both encodings.
struct RowBuffer {
    var utf8: [UInt8] = []
    var gb18030: [UInt8] = []

    init() {
        utf8.reserveCapacity(1 << 20 + 4096)
        gb18030.reserveCapacity(1 << 20 + 4096)
    }

    mutating func append(_ piece: LedgerGenerator.Piece) {
        utf8 += piece.utf8
        gb18030 += piece.gb18030
    }

    mutating func ascii(_ text: StaticString) {
        text.withUTF8Buffer {
            utf8 += $0
            gb18030 += $0
        }
    }

    mutating func comma() {
        utf8.append(0x2C)
        gb18030.append(0x2C)
    }

    mutating func number(_ value: Int) {
        let start = utf8.count
        var rest = value
        repeat {
            utf8.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        utf8[start...].reverse()
        gb18030 += utf8[start...]
    }

    mutating func twoDigits(_ value: Int) {
        if value < 10 {
            utf8.append(UInt8(ascii: "0"))
            gb18030.append(UInt8(ascii: "0"))
        }
        number(value)
    }

    mutating func removeAll() {
        utf8.removeAll(keepingCapacity: true)
        gb18030.removeAll(keepingCapacity: true)
    }
}

/// A file written through `write(2)`; `close()` returns its size.
struct BufferedFile {
    let descriptor: Int32
    var size = 0

    init(path: String) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw BenchmarkError("cannot create \(path)") }
    }

    mutating func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(
                    descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                guard written > 0 else {
                    throw BenchmarkError("cannot write: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
        size += bytes.count
    }

    func close() throws -> Int {
        guard Foundation.close(descriptor) == 0 else { throw BenchmarkError("cannot close the file") }
        return size
    }
}
