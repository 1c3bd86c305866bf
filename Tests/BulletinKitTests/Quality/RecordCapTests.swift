import Foundation
import Testing

@testable import BulletinKit

/// Bounded memory on any input (issue 18): a record past the field or byte cap is one error at
/// the place the cap was passed, it is skipped without being stored, and the reader goes on
/// with the next record. Files that are not text are refused at byte 0.
struct RecordCapTests {
    /// Every record of `text`, or for each record that fails, its error; reading goes on after
    /// an error (as the caps promise).
    static func outcomes(
        _ text: String, maximumFields: Int? = nil, maximumBytes: Int? = nil, chunkSize: Int = 1 << 20
    ) throws -> [Result<[String], CSVError>] {
        var reader = try CSVReader(data: Data(text.utf8), encoding: .utf8, chunkSize: chunkSize)
        if let maximumFields { reader.maximumFields = maximumFields }
        if let maximumBytes { reader.maximumBytes = maximumBytes }
        var record = CSVRecord()
        var results: [Result<[String], CSVError>] = []
        while results.count < 100 {
            do {
                guard try reader.readRecord(into: &record) else { break }
                results.append(.success(record.strings))
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }

    /// A record of 12 fields under a cap of 8: the 9th field starts at column 17 (`a,b,c,d,e,f,
    /// g,h,` is 16 characters); the next record is read as usual.
    @Test(arguments: [1 << 20, 1, 3, 7])
    func tooManyFieldsIsOneErrorAtTheFieldPastTheCap(chunkSize: Int) throws {
        let results = try Self.outcomes(
            "x,y\na,b,c,d,e,f,g,h,i,j,k,l\n1,2\n", maximumFields: 8, chunkSize: chunkSize)
        #expect(results.count == 3)
        #expect(try results[0].get() == ["x", "y"])
        guard case .failure(let error) = results[1] else {
            Issue.record("the record with 12 fields was read: \(results[1])")
            return
        }
        #expect(error.line == 2)
        #expect(error.column == 17)
        #expect(error.reason.contains("more than 8 fields"))
        #expect(try results[2].get() == ["1", "2"])
    }

    /// Exactly at the cap is fine.
    @Test func aRecordWithExactlyTheCapIsRead() throws {
        let results = try Self.outcomes("a,b,c,d,e,f,g,h\n", maximumFields: 8)
        #expect(try results[0].get() == ["a", "b", "c", "d", "e", "f", "g", "h"])
    }

    /// A byte cap of 16 on `id,` + 40 × `x`: the 17th byte is character 17 of line 2; the
    /// record is skipped and the next is read. Quoted, doubled quotes and all, the same.
    @Test(arguments: [1 << 20, 5])
    func aRecordPastTheByteCapIsSkipped(chunkSize: Int) throws {
        let long = String(repeating: "x", count: 40)
        let quoted = "\"" + String(repeating: "\"\"", count: 20) + "\""
        let text = "a,b\nid,\(long)\n2,\(quoted)\nok,1\n"
        let results = try Self.outcomes(text, maximumBytes: 16, chunkSize: chunkSize)
        #expect(results.count == 4)
        for index in [1, 2] {
            guard case .failure(let error) = results[index] else {
                Issue.record("record \(index + 1) was read past the cap: \(results[index])")
                continue
            }
            #expect(error.line == index + 1)
            #expect(error.column == 17)
            #expect(error.reason.contains("longer than 16 bytes"))
        }
        #expect(try results[3].get() == ["ok", "1"])
    }

    /// A quoted field holding line breaks: the cap is passed on the record's third physical
    /// line. `"ab` (line 2), `cd` (line 3), then `efghij…`: 16 bytes are `"ab\ncd\nefghijklm`
    /// (3 + 1 + 2 + 1 + 9), so the 17th byte is `n`, character 10 of line 4.
    @Test func theCapInAMultiLineRecordNamesItsPhysicalLine() throws {
        let results = try Self.outcomes("h\n\"ab\ncd\nefghijklmnopqrstuvwxyz\"\nnext\n", maximumBytes: 16)
        guard case .failure(let error) = results[1] else {
            Issue.record("read past the cap: \(results)")
            return
        }
        #expect((error.line, error.column) == (4, 10))
        #expect(try results[2].get() == ["next"])
    }

    /// The header's count plus 64, or twice it, whichever is larger, up to the default cap.
    @Test(arguments: [(6, 70), (64, 128), (100, 200), (10_000, 16_384)])
    func fieldLimitFollowsTheHeader(header: Int, expected: Int) {
        #expect(CSVReader.fieldLimit(forHeaderCount: header) == expected)
    }

    /// NUL bytes: a file of them, one that starts with one, and one with half its first bytes
    /// NUL or more (4 text bytes then 100 NUL; `a` then 1 NUL, exactly half). UTF-16 and UTF-32 by their byte-order marks. All refused at byte 0.
    @Test(
        arguments: [
            ([UInt8](repeating: 0, count: 4096), "not a text file"),
            ([0] + Array("hid,village\n".utf8), "not a text file"),
            (Array("a,b\n".utf8) + [UInt8](repeating: 0, count: 100), "not a text file"),
            ([0x61, 0], "not a text file"),
            ([0xFF, 0xFE] + Array("a\0,\0b\0\n\0".utf8), "UTF-16 (little-endian"),
            ([0xFE, 0xFF] + Array("\0a\0,\0b\0\n".utf8), "UTF-16 (big-endian"),
            ([0xFF, 0xFE, 0, 0, 0x61, 0, 0, 0], "UTF-32"),
        ] as [([UInt8], String)])
    func filesThatAreNotTextAreRefusedAtByteZero(bytes: [UInt8], words: String) {
        for encoding in [nil, TextEncoding.utf8, .gb18030] {
            do {
                _ = try CSVReader(data: Data(bytes), encoding: encoding)
                Issue.record("read as \(encoding?.rawValue ?? "detected")")
            } catch {
                #expect((error.line, error.column, error.byteOffset) == (1, 1, 0))
                #expect(error.reason.contains(words), "\(error.reason)")
            }
        }
    }

    /// A NUL byte or two in a text file (a cell typed with one) is still text: 2 of 9 bytes
    /// here, and 4 of 9 (under half).
    @Test func aFewNulBytesInTextAreStillRead() throws {
        #expect(try Self.outcomes("a,b\n1,x\0y\n")[1].get() == ["1", "x\0y"])
        #expect(try Self.outcomes("\u{1}\0\0\0\0abcd")[0].get() == ["\u{1}\0\0\0\0abcd"])
    }
}
