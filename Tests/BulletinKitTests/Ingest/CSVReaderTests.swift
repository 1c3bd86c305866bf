import Foundation
import Testing

@testable import BulletinKit

/// Chunk sizes small enough to cut records, fields, CRLF pairs and multi-byte characters at
/// every possible place, plus the default.
let chunkSizes = [1, 2, 3, 4, 7, 16, 1 << 20]

/// Every record of `bytes` read with `chunkSize`, with the line each starts on.
func readAll(_ bytes: [UInt8], encoding: TextEncoding? = nil, chunkSize: Int) throws(CSVError) -> [(
    line: Int, fields: [String]
)] {
    var reader = try CSVReader(data: Data(bytes), encoding: encoding, chunkSize: chunkSize)
    var record = CSVRecord()
    var records: [(line: Int, fields: [String])] = []
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
        Case(input: "村代码,竣工日期\n411323100201,2020年10月1日\n", records: [["村代码", "竣工日期"], ["411323100201", "2020年10月1日"]]),
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
        // Line 3 is `y"z` (the quoted field's line break counts); z is byte 8 + 5 + 2 = 15.
        ErrorCase(input: "id,name\n1,\"x\ny\"z\n", line: 3, column: 3, byteOffset: 15, reasonStart: afterQuote),
        // Columns count characters: 名 称 , " 值 " x, x at 7; bytes 3 + 3 + 1 + 1 + 3 + 1 = 12 before it.
        ErrorCase(input: "名称,\"值\"x", line: 1, column: 7, byteOffset: 12, reasonStart: afterQuote),
        // CR ends lines too: `"c"d` is line 3; the byte offset of d is 2 + 2 + 3 = 7.
        ErrorCase(input: "a\rb\r\"c\"d", line: 3, column: 4, byteOffset: 7, reasonStart: afterQuote),
        // CRLF inside quotes is one line break: line 3 is `z,"w"q`; q is byte 4 + 6 + 5 = 15.
        ErrorCase(input: "\"x\r\ny\",1\r\nz,\"w\"q", line: 3, column: 6, byteOffset: 15, reasonStart: afterQuote),
        // The BOM is not a character of line 1 but is a byte of the file: c is byte 3 + 5.
        ErrorCase(input: "\u{FEFF}a,\"b\"c", line: 1, column: 6, byteOffset: 8, reasonStart: afterQuote),
        // An unclosed quote is reported where it opens: line 2, column 3, byte 4 + 2.
        ErrorCase(input: "a,b\n1,\"open\n2,3\n", line: 2, column: 3, byteOffset: 6, reasonStart: unclosed),
        ErrorCase(input: "\"a\"\"", line: 1, column: 1, byteOffset: 0, reasonStart: unclosed),
    ])
    func malformedRecordsNameLineAndColumn(_ test: ErrorCase) throws {
        for chunkSize in chunkSizes {
            let error = try #require(readError(Array(test.input.utf8), chunkSize: chunkSize), "chunk size \(chunkSize)")
            #expect(error.line == test.line && error.column == test.column, "chunk size \(chunkSize): \(error)")
            #expect(error.byteOffset == test.byteOffset, "chunk size \(chunkSize)")
            #expect(error.reason.hasPrefix(test.reasonStart))
            #expect(error.description == "\(test.line):\(test.column): \(error.reason)")
        }
    }

    @Test func theErrorMessageSaysWhatWouldBeRight() {
        let error = readError(Array("a,\"b\"c".utf8), chunkSize: 1 << 20)
        #expect(
            error?.reason == "unexpected text after the closing quote of a quoted field; a quoted field must be "
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

    @Test func aFieldOfTenMegabytesIsReadWhole() throws {
        let big = [UInt8](repeating: UInt8(ascii: "x"), count: 10_000_000)
        // 1,"xxx…""",xxx…  then 2,y: the quoted field holds 10,000,000 x and one quote.
        let bytes = Array("id,text,more\n1,\"".utf8) + big + Array("\"\"\",".utf8) + big + Array("\n2,y,z\n".utf8)
        let directory = try TemporaryDirectory()
        let path = try directory.write("big.csv", bytes)
        for chunkSize in [4096, 1 << 20] {
            var reader = try CSVReader(path: path, encoding: nil, chunkSize: chunkSize)
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
        url = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }
}
