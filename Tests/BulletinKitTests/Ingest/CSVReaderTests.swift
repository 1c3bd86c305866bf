import Foundation
import Testing

@testable import BulletinKit

/// Chunk sizes small enough to cut records, fields, CRLF pairs and multi-byte characters at
/// every possible place, plus the default.
let chunkSizes = [1, 2, 3, 4, 7, 16, 1 << 20]

/// A record's fields and the physical line it starts on.
typealias LineAndFields = (line: Int, fields: [String])

/// Every record of `bytes` read with `chunkSize`, with the line each starts on.
func readAll(_ bytes: [UInt8], encoding: TextEncoding? = nil, chunkSize: Int) throws(CSVError)
    -> [LineAndFields]
{
    var reader = try CSVReader(data: Data(bytes), encoding: encoding, chunkSize: chunkSize)
    var record = CSVRecord()
    var records: [LineAndFields] = []
    while try reader.readRecord(into: &record) {
        records.append((record.line, record.strings))
    }
    return records
}

/// The error reading `bytes` throws, if any.
func readError(_ bytes: [UInt8], encoding: TextEncoding? = nil, chunkSize: Int) -> CSVError? {
    do {
        _ = try readAll(bytes, encoding: encoding, chunkSize: chunkSize)
        return nil
    } catch {
        return error
    }
}

@Suite struct CSVReaderTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var input: String
        var records: [[String]]
        var testDescription: String { input.debugDescription }
    }

    @Test(arguments: [
        Case(input: "a,b\r\nc,d", records: [["a", "b"], ["c", "d"]]),
        Case(input: "a,b\nc,d\n", records: [["a", "b"], ["c", "d"]]),
        Case(input: "a,b\rc,d\r", records: [["a", "b"], ["c", "d"]]),
        Case(input: "a\r\n\r\n\nb\r\r", records: [["a"], ["b"]]),  // lines with no characters are no records
        Case(input: "\n\r\n\r", records: []),
        Case(input: "", records: []),
        Case(input: "\u{FEFF}", records: []),
        Case(input: "\u{FEFF}id,名称\n", records: [["id", "名称"]]),
        Case(input: "a,\u{FEFF}b", records: [["a", "\u{FEFF}b"]]),  // only a leading BOM is not data
        Case(input: " a , b ", records: [[" a ", " b "]]),  // spaces are data
        Case(input: " \n", records: [[" "]]),
        Case(input: "a,", records: [["a", ""]]),
        Case(input: ",", records: [["", ""]]),
        Case(input: "\"\"", records: [[""]]),
        Case(input: "\"\",\"\"\n", records: [["", ""]]),
        Case(input: "\"a,b\",\"c\"\"d\",\"e\nf\"", records: [["a,b", "c\"d", "e\nf"]]),
        Case(input: "\"a\r\nb\",\"c\rd\"\r\n", records: [["a\r\nb", "c\rd"]]),  // kept as they are
        Case(input: "\"a\"\r\n\"b\"\r", records: [["a"], ["b"]]),
        Case(input: "\"a\"\"\"", records: [["a\""]]),
        Case(input: "\"\"\"\"\"\"", records: [["\"\""]]),
        Case(input: "a\"b,c\"\"d\"", records: [["a\"b", "c\"\"d\""]]),  // a quote inside a field is data
        Case(input: " \"a\"", records: [[" \"a\""]]),
        Case(input: "x\n,,名\"", records: [["x"], ["", "", "名\""]]),  // even at the end of the file
        Case(
            input: "村代码,竣工日期\n411323100201,2020年10月1日\n",
            records: [["村代码", "竣工日期"], ["411323100201", "2020年10月1日"]]),
        Case(input: "a\u{0}b,\u{0}\n", records: [["a\u{0}b", "\u{0}"]]),
    ])
    func recordsFollowTheRules(_ test: Case) throws {
        for chunkSize in chunkSizes {
            let records = try readAll(Array(test.input.utf8), chunkSize: chunkSize)
            #expect(records.map(\.fields) == test.records, "chunk size \(chunkSize)")
        }
    }

    // Lines: 1 `h`, 2 empty, 3–4 the quoted field, 5 `c`, 6 empty (CRLF), 7 `d`.
    @Test func recordsKnowThePhysicalLineTheyStartOn() throws {
        let input = Array("h\n\n\"a\nb\"\nc\r\n\r\nd".utf8)
        for chunkSize in chunkSizes {
            let records = try readAll(input, chunkSize: chunkSize)
            #expect(records.map(\.line) == [1, 3, 5, 7], "chunk size \(chunkSize)")
            #expect(records.map(\.fields) == [["h"], ["a\nb"], ["c"], ["d"]])
        }
    }

    /// Multi-line quoted fields, worked by hand. Physical lines:
    ///  1 `id,备注`           2 `1,"第一行`        3 `第二行"`
    ///  4 `2,"a` (CR)         5 `b` (LF)           6 `c` (CRLF)      7 `` (CRLF, inside quotes)
    ///  8 `d"`                9 `` (a blank line: no record)
    /// 10 `3,"""引号""`      11 `换行"` (CR)      12 `4,end`        13 `5,"x"y`
    /// In UTF-8 the lines before 13 take 11 + 26 + 15 + 1 + 22 + 6 = 81 bytes, so the y after
    /// `5,"x"` is byte 86 and column 6.
    static let multiLine =
        "id,备注\r\n" + "1,\"第一行\r\n第二行\"\r\n" + "2,\"a\rb\nc\r\n\r\nd\"\n" + "\n"
        + "3,\"\"\"引号\"\"\n换行\"\r" + "4,end\n"

    @Test func quotedLineBreaksCountAsLinesInBothEncodings() throws {
        let gb18030 = try #require(Self.multiLine.data(using: TextDecodingTests.gb18030))
        for (bytes, encoding) in [
            (Array(Self.multiLine.utf8), TextEncoding.utf8), (Array(gb18030), .gb18030),
        ] {
            for chunkSize in chunkSizes {
                let records = try readAll(bytes, chunkSize: chunkSize)
                #expect(records.map(\.line) == [1, 2, 4, 10, 12], "\(encoding) chunk size \(chunkSize)")
                #expect(
                    records.map(\.fields) == [
                        ["id", "备注"], ["1", "第一行\r\n第二行"], ["2", "a\rb\nc\r\n\r\nd"], ["3", "\"引号\"\n换行"],
                        ["4", "end"],
                    ])
            }
        }
    }

    @Test func anErrorAfterMultiLineFieldsNamesItsPhysicalLine() throws {
        let text = Self.multiLine + "5,\"x\"y\n"
        let gb18030 = try #require(text.data(using: TextDecodingTests.gb18030))
        for chunkSize in chunkSizes {
            let error = try #require(readError(Array(text.utf8), chunkSize: chunkSize))
            #expect(
                error.line == 13 && error.column == 6 && error.byteOffset == 86,
                "chunk size \(chunkSize): \(error)")
            #expect(error.reason.hasPrefix(Self.afterQuote))
            // GB18030 is transcoded, so its errors give line and column but no byte offset.
            let gbError = try #require(readError(Array(gb18030), chunkSize: chunkSize))
            #expect(gbError.line == 13 && gbError.column == 6 && gbError.byteOffset == nil, "\(gbError)")
            #expect(gbError.description == "13:6: " + gbError.reason)
        }
    }

    /// A GB18030 file with Chinese before the error: columns count characters, not bytes.
    /// `户主,"张三"x`: 户 主 , " 张 三 " x, so x is column 8 of line 2.
    @Test func columnsInGB18030CountCharacters() throws {
        let bytes = try #require("村代码,户主\r\n户主,\"张三\"x\r\n".data(using: TextDecodingTests.gb18030))
        for chunkSize in chunkSizes {
            let error = try #require(readError(Array(bytes), chunkSize: chunkSize))
            #expect(error.line == 2 && error.column == 8, "chunk size \(chunkSize): \(error)")
        }
    }

    /// Records made at random, written by the rules of SPEC §11 (quoting what needs it, and now
    /// and then a field that only may be quoted), with LF, CRLF or CR and blank lines between
    /// them, read back exactly, with the line each starts on counted while writing. The records
    /// are long enough to cross the reader's 64-byte blocks and every chunk size cuts them.
    @Test(arguments: [1 as UInt64, 2, 3, 4])
    func recordsWrittenByTheRulesReadBackExactly(seed: UInt64) throws {
        var random = TestRandom(seed: seed)
        let (text, expected) = Self.randomLedger(records: 120, random: &random)
        let gb18030 = try #require(text.data(using: TextDecodingTests.gb18030))
        for chunkSize in chunkSizes {
            let records = try readAll(Array(text.utf8), chunkSize: chunkSize)
            #expect(records.count == expected.count, "chunk size \(chunkSize)")
            let isSame = { (a: LineAndFields, b: LineAndFields) in
                a.line == b.line && a.fields == b.fields
            }
            if let index = zip(records, expected).enumerated().first(where: { !isSame($1.0, $1.1) })?.offset {
                Issue.record("chunk size \(chunkSize): expected \(expected[index]), read \(records[index])")
            }
            let gbRecords = try readAll(Array(gb18030), encoding: .gb18030, chunkSize: chunkSize)
            #expect(gbRecords.elementsEqual(expected, by: isSame), "GB18030, chunk size \(chunkSize)")
        }
        #expect(try CSV.parse(Data(text.utf8)) == expected.map(\.fields))
    }

    static let fieldPieces = [
        "", "a", "x1", "411323100201", "2020/10/1", "2020年6月5日", "张三", "王小明", "  spaced  ", "!#$%&'()*+",
        "\t", "-", "1,234", "a,b", ",", "x\"y", "\"", "\"quoted\"", "line one\nline two", "cr\rcr",
        "crlf\r\ncrlf",
        "\r\n", "𝄞", "户主外出务工，由其子代办", String(repeating: "长", count: 30), String(repeating: "ab", count: 40),
    ]

    /// A ledger's text and its records with the line each starts on.
    static func randomLedger(records count: Int, random: inout TestRandom) -> (String, [LineAndFields]) {
        var text = ""
        var records: [LineAndFields] = []
        var line = 1
        for index in 0..<count {
            let fieldCount = random.int(below: 14) + 1
            var fields: [String] = []
            for _ in 0..<fieldCount {
                var field = ""
                for _ in 0..<random.int(below: 3) {
                    field += fieldPieces[random.int(below: fieldPieces.count)]
                }
                fields.append(field)
            }
            records.append((line, fields))
            var written: [String] = []
            for field in fields {
                let needsQuotes =
                    field.contains(where: { $0 == "," || $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
                    || field.hasPrefix("\"") || (fields.count == 1 && field.isEmpty)
                let mayQuote = field.contains("\"") || random.int(below: 8) == 0
                if needsQuotes || (mayQuote && random.int(below: 2) == 0) {
                    written.append("\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
                } else {
                    written.append(field)
                }
                // A line break is a CR, an LF or a CRLF.
                let scalars = field.unicodeScalars
                let crlfCount = field.components(separatedBy: "\r\n").count - 1
                line += scalars.filter { $0 == "\n" }.count + scalars.filter { $0 == "\r" }.count - crlfCount
            }
            text += written.joined(separator: ",")
            let lineEnd = ["\n", "\r\n", "\r"][random.int(below: 3)]
            let isLast = index == count - 1
            if !isLast || random.int(below: 2) == 0 {
                text += lineEnd
                line += 1
                // Blank lines are no records, but they are lines.
                for _ in 0..<(random.int(below: 6) == 0 ? random.int(below: 3) + 1 : 0) {
                    text += lineEnd
                    line += 1
                }
            }
        }
        return (text, records)
    }

    struct ErrorCase: CustomTestStringConvertible, Sendable {
        var input: String
        var line: Int
        var column: Int
        var byteOffset: Int
        var reasonStart: String
        var testDescription: String { input.debugDescription }
    }

    static let afterQuote = "unexpected text after the closing quote"
    static let unclosed = "the quoted field that starts here is never closed"

    @Test(arguments: [
        // a , " b " c: the c is the sixth character, byte 5.
        ErrorCase(input: "a,\"b\"c\n", line: 1, column: 6, byteOffset: 5, reasonStart: afterQuote),
        // The field opened on line 2 (the quote is its third character, byte 8 + 2 = 10) runs
        // over the line end to `y"z` on line 3: the error is where it opened, and names line 3.
        ErrorCase(
            input: "id,name\n1,\"x\ny\"z\n", line: 2, column: 3, byteOffset: 10,
            reasonStart: "the quoted field opened here runs on to line 3, column 3"),
        // Columns count characters: 名 称 , " 值 " x, x at 7; bytes 3 + 3 + 1 + 1 + 3 + 1 = 12 before it.
        ErrorCase(input: "名称,\"值\"x", line: 1, column: 7, byteOffset: 12, reasonStart: afterQuote),
        // CR ends lines too: `"c"d` is line 3; the byte offset of d is 2 + 2 + 3 = 7.
        ErrorCase(input: "a\rb\r\"c\"d", line: 3, column: 4, byteOffset: 7, reasonStart: afterQuote),
        // CRLF inside quotes is one line break: line 3 is `z,"w"q`; q is byte 4 + 6 + 5 = 15.
        ErrorCase(
            input: "\"x\r\ny\",1\r\nz,\"w\"q", line: 3, column: 6, byteOffset: 15, reasonStart: afterQuote),
        // The BOM is not a character of line 1 but is a byte of the file: c is byte 3 + 5.
        ErrorCase(input: "\u{FEFF}a,\"b\"c", line: 1, column: 6, byteOffset: 8, reasonStart: afterQuote),
        // An unclosed quote is reported where it opens: line 2, column 3, byte 4 + 2.
        ErrorCase(input: "a,b\n1,\"open\n2,3\n", line: 2, column: 3, byteOffset: 6, reasonStart: unclosed),
        ErrorCase(input: "\"a\"\"", line: 1, column: 1, byteOffset: 0, reasonStart: unclosed),
    ])
    func malformedRecordsNameLineAndColumn(_ test: ErrorCase) throws {
        for chunkSize in chunkSizes {
            let error = try #require(
                readError(Array(test.input.utf8), chunkSize: chunkSize), "chunk size \(chunkSize)")
            #expect(
                error.line == test.line && error.column == test.column, "chunk size \(chunkSize): \(error)")
            #expect(error.byteOffset == test.byteOffset, "chunk size \(chunkSize)")
            #expect(error.reason.hasPrefix(test.reasonStart))
            #expect(error.description == "\(test.line):\(test.column): \(error.reason)")
        }
    }

    @Test func theErrorMessageSaysWhatWouldBeRight() {
        let error = readError(Array("a,\"b\"c".utf8), chunkSize: 1 << 20)
        #expect(
            error?.reason
                == "unexpected text after the closing quote of a quoted field; a quoted field must be "
                + "followed by a comma or the end of the line (write a quote inside it as two quotes \"\")")
    }

    @Test func recordsBeforeAnErrorAreRead() throws {
        var reader = try CSVReader(data: Data("a,b\nc,\"d\"e\n".utf8))
        var record = CSVRecord()
        #expect(try reader.readRecord(into: &record))
        #expect(record.strings == ["a", "b"])
        #expect(throws: CSVError.self) { try reader.readRecord(into: &record) }
    }

    @Test func aCopiedRecordKeepsItsFields() throws {
        var reader = try CSVReader(data: Data("a,b\nc\n".utf8))
        var record = CSVRecord()
        _ = try reader.readRecord(into: &record)
        let copy = record
        _ = try reader.readRecord(into: &record)
        #expect(copy.strings == ["a", "b"] && copy.line == 1)
        #expect(record.strings == ["c"] && record.line == 2)
    }

    @Test func fieldsOutOfRangeAreEmpty() throws {
        var reader = try CSVReader(data: Data("a\n".utf8))
        var record = CSVRecord()
        _ = try reader.readRecord(into: &record)
        #expect(record.count == 1)
        #expect(record.string(at: 1).isEmpty && record.string(at: -1).isEmpty)
        #expect(record.withBytes(at: 0) { Array($0) } == [0x61])
        #expect(record.withBytes(at: 5) { $0.count } == 0)
    }

    /// A record starts with room for 16 fields; one with 100 (plain, empty and quoted ones)
    /// grows it, and the next record reads into the same storage.
    @Test func aRecordOfAHundredFieldsIsReadWhole() throws {
        let fields = (0..<100).map { index in
            switch index % 4 {
            case 0: ""
            case 1: "f\(index)"
            case 2: "q,\(index)"
            default: "村\(index)"
            }
        }
        let line = fields.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",")
        let bytes = Array((line + "\r\nx,y\r\n").utf8)
        for chunkSize in chunkSizes {
            let records = try readAll(bytes, chunkSize: chunkSize)
            #expect(records.map(\.fields) == [fields, ["x", "y"]], "chunk size \(chunkSize)")
            #expect(records.map(\.line) == [1, 2])
        }
    }

    @Test func aFieldOfTenMegabytesIsReadWhole() throws {
        let big = [UInt8](repeating: UInt8(ascii: "x"), count: 10_000_000)
        // 1,"xxx…""",xxx…  then 2,y: the quoted field holds 10,000,000 x and one quote.
        let bytes =
            Array("id,text,more\n1,\"".utf8) + big + Array("\"\"\",".utf8) + big + Array("\n2,y,z\n".utf8)
        let directory = try TemporaryDirectory()
        let path = try directory.write("big.csv", bytes)
        for chunkSize in [4096, 1 << 20] {
            var reader = try CSVReader(path: path, encoding: nil, chunkSize: chunkSize)
            reader.maximumBytes = 32 << 20  // above the 1 MiB cap of ledgers (issue 18)
            var record = CSVRecord()
            #expect(try reader.readRecord(into: &record))
            #expect(try reader.readRecord(into: &record))
            #expect(record.count == 3)
            #expect(record.withBytes(at: 1) { $0.count } == 10_000_001)
            #expect(record.withBytes(at: 1) { $0.last } == UInt8(ascii: "\""))
            #expect(record.withBytes(at: 2) { $0.count } == 10_000_000)
            #expect(try reader.readRecord(into: &record))
            #expect(record.strings == ["2", "y", "z"] && record.line == 3)
            #expect(try !reader.readRecord(into: &record))
            #expect(reader.bytesRead == bytes.count)
        }
    }

    @Test func aMissingFileIsAnErrorOnLineZero() {
        #expect {
            _ = try CSVReader(path: "/nonexistent/ledger.csv")
        } throws: { error in
            guard let error = error as? CSVError else { return false }
            return error.line == 0 && error.reason.hasPrefix("cannot open the file")
        }
    }

    @Test func aFileIsReadLikeTheSameBytesInMemory() throws {
        let text = "id,村代码,竣工日期\r\n1,411323100201,\"2020/10/1\"\r\n\r\n2,411323100202,\r\n"
        let directory = try TemporaryDirectory()
        let path = try directory.write("ledger.csv", Array(text.utf8))
        for chunkSize in chunkSizes {
            var reader = try CSVReader(path: path, encoding: nil, chunkSize: chunkSize)
            var record = CSVRecord()
            var records: [[String]] = []
            while try reader.readRecord(into: &record) { records.append(record.strings) }
            #expect(try records == CSV.parse(Data(text.utf8)))
            #expect(records.count == 3 && records[2] == ["2", "411323100202", ""])
            #expect(reader.encoding == .utf8)
        }
    }
}

/// A temporary directory removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "bulletin-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }
}
