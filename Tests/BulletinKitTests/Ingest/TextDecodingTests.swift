import Foundation
import Testing

@testable import BulletinKit

@Suite struct TextDecodingTests {
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    // 村 B4E5, 代 B4FA, 码 C2EB in GB2312 (a subset of GB18030): written by hand from the
    // code table, so that the test does not only round-trip through Foundation.
    static let villageCode: [UInt8] = [0xB4, 0xE5, 0xB4, 0xFA, 0xC2, 0xEB]

    @Test func aKnownGB18030StringDecodes() throws {
        for chunkSize in chunkSizes {
            let records = try readAll(Self.villageCode + Array(",1\r\n".utf8), chunkSize: chunkSize)
            #expect(records.map(\.fields) == [["村代码", "1"]], "chunk size \(chunkSize)")
        }
        #expect("村代码".data(using: Self.gb18030).map(Array.init) == Self.villageCode)
    }

    // Four-byte codes: 81 30 81 30 is the first (U+0080); U+1D11E is 0xD11E = 53,534 past
    // U+10000, whose code 90 30 81 30 has linear index 189,000; 242,534 = 19 × 12,600 +
    // 2 × 1,260 + 61 × 10 + 4 → 81+19, 30+2, 81+61, 30+4 = 94 32 BE 34.
    @Test func fourByteCodesDecode() throws {
        let bytes: [UInt8] = [0x81, 0x30, 0x81, 0x30, 0x2C, 0x94, 0x32, 0xBE, 0x34, 0x2C, 0xA2, 0xE3]
        for chunkSize in chunkSizes {
            let records = try readAll(bytes, encoding: .gb18030, chunkSize: chunkSize)
            #expect(records.map(\.fields) == [["\u{80}", "\u{1D11E}", "€"]], "chunk size \(chunkSize)")
        }
    }

    @Test func aGB18030LedgerWithChineseHeadersAndCRLFIsDetected() throws {
        let text =
            "村代码,户主姓名,开工日期,竣工日期\r\n411323100201,\"张三,李四\",2020年3月5日,\r\n411323100202,王五,2020/3/6,2020-10-01\r\n"
        let bytes = try #require(text.data(using: Self.gb18030))
        let directory = try TemporaryDirectory()
        let path = try directory.write("housing.csv", Array(bytes))
        for chunkSize in chunkSizes {
            var reader = try CSVReader(path: path, encoding: nil, chunkSize: chunkSize, detectionBytes: 16)
            #expect(reader.encoding == .gb18030)
            var record = CSVRecord()
            var records: [[String]] = []
            while try reader.readRecord(into: &record) { records.append(record.strings) }
            #expect(records.count == 3, "chunk size \(chunkSize)")
            #expect(records.first == ["村代码", "户主姓名", "开工日期", "竣工日期"])
            #expect(records.last == ["411323100202", "王五", "2020/3/6", "2020-10-01"])
            #expect(records.dropFirst().first == ["411323100201", "张三,李四", "2020年3月5日", ""])
            #expect(reader.bytesRead == bytes.count)
        }
        #expect(try CSV.parse(bytes).count == 3)
    }

    @Test func utf8WithAndWithoutBOMIsDetected() throws {
        for bytes in [Array("名称\n".utf8), [0xEF, 0xBB, 0xBF] + Array("名称\n".utf8)] {
            let reader = try CSVReader(data: Data(bytes))
            #expect(reader.encoding == .utf8)
            #expect(try CSV.parse(Data(bytes)) == [["名称"]])
        }
    }

    // "id,name\n" is 8 bytes and each "1,x\n" 4, so C3 28 (C3 needs a continuation byte;
    // 28 is "(") starts at 8 + 10 × 4 + 2 = 50, on line 12, column 3.
    @Test func invalidUTF8LateInAFileTakenAsUTF8IsAnError() throws {
        let bytes =
            Array("id,name\n".utf8) + Array(repeating: Array("1,x\n".utf8), count: 10).flatMap { $0 }
            + [0x32, 0x2C, 0xC3, 0x28, 0x0A]
        let directory = try TemporaryDirectory()
        let path = try directory.write("late.csv", bytes)
        for chunkSize in [1, 3, 16] {
            var reader = try CSVReader(path: path, encoding: nil, chunkSize: chunkSize, detectionBytes: 16)
            #expect(reader.encoding == .utf8)
            var record = CSVRecord()
            var count = 0
            let error = #expect(throws: CSVError.self) {
                while try reader.readRecord(into: &record) { count += 1 }
            }
            #expect(count == 11, "chunk size \(chunkSize)")
            #expect(error?.byteOffset == 50)
            #expect(error?.line == 12 && error?.column == 3, "\(String(describing: error))")
            #expect(error?.reason.contains("is not valid UTF-8 at byte offset 50 (byte C3)") == true)
            #expect(error?.reason.contains("\"encoding\": \"gb18030\"") == true)
        }
    }

    @Test func gb18030ForcedAsUTF8IsAnErrorAtItsFirstByte() throws {
        let bytes = Array("a,".utf8) + TextDecodingTests.villageCode
        let error = readError(bytes, encoding: .utf8, chunkSize: 1 << 20)
        #expect(error?.byteOffset == 2 && error?.line == 1 && error?.column == 3)
        #expect(error?.reason.contains("\"encoding\": \"gb18030\"") == true)
    }

    // FF is never a GB18030 byte, and 81 7F is not a code (trail bytes skip 7F).
    @Test(arguments: [
        ([0x61, 0x2C, 0xFF, 0x41] as [UInt8], 2, 3),
        ([0x61, 0x0A, 0xB4, 0xE5, 0x81, 0x7F] as [UInt8], 4, 2),
        ([0x61, 0x0A, 0xB4] as [UInt8], 2, 1),  // ends in the middle of a character
    ])
    func bytesInNeitherEncodingAreAnError(bytes: [UInt8], offset: Int, column: Int) throws {
        for chunkSize in chunkSizes {
            let error = try #require(readError(bytes, chunkSize: chunkSize))
            #expect(error.byteOffset == offset, "chunk size \(chunkSize)")
            #expect(error.column == column)
            #expect(error.reason.contains("GB18030"))
        }
        #expect(throws: CSVError.self) { try CSV.parse(Data(bytes)) }
    }

    @Test func aTruncatedUTF8FileIsAnErrorWhenUTF8IsSet() {
        let error = readError([0x61, 0x2C, 0xE6, 0x9D], encoding: .utf8, chunkSize: 1)
        #expect(error?.byteOffset == 2)
        #expect(
            error?.reason.hasPrefix("the file ends in the middle of a character at byte offset 2") == true)
    }

    @Test func garbageNeverCrashes() {
        // Deterministic pseudo-random bytes (a linear congruential generator), with many quotes,
        // commas and line breaks mixed in.
        var state: UInt64 = 0x2020_1015
        for length in [0, 1, 2, 5, 17, 100, 1000] {
            for _ in 0..<20 {
                let bytes = (0..<length).map { _ -> UInt8 in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    let choice = Int(state >> 56)
                    return choice % 4 == 0
                        ? [0x22, 0x2C, 0x0A, 0x0D, 0x00][choice / 4 % 5]
                        : UInt8(truncatingIfNeeded: state >> 40)
                }
                for chunkSize in [1, 7, 1 << 20] {
                    _ = try? readAll(bytes, chunkSize: chunkSize)
                    _ = try? readAll(bytes, encoding: .gb18030, chunkSize: chunkSize)
                    _ = try? readAll(bytes, encoding: .utf8, chunkSize: chunkSize)
                }
            }
        }
    }

    /// The UTF-8 check against the standard library's own validation, on text made of what
    /// ledgers hold (ASCII, Han, and the rarer two-, three- and four-byte characters whose leads
    /// take the slow path) with a few bytes spoiled, cut anywhere and checked from anywhere.
    @Test func theUTF8CheckAgreesWithTheStandardLibrary() {
        let pieces = [
            "a", "411323100201,", "2020-10-31", "张三", "户主外出务工", "é", "·", "ࠀ", "अ", "한국", "，", "𝄞", "😀",
            "\u{10FFFF}", "\u{FFFF}", "\u{D7FF}", "\u{E000}",
        ]
        let spoilers: [UInt8] = [
            0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0xA0, 0x41,
        ]
        var random = TestRandom(seed: 0x00AD_8E11)
        var disagreements: [String] = []
        for round in 0..<3000 {
            var bytes: [UInt8] = []
            while bytes.count < 8 + random.int(below: 80) {
                bytes += Array(pieces[random.int(below: pieces.count)].utf8)
            }
            for _ in 0..<(round % 4 == 0 ? 0 : random.int(below: 3)) {
                bytes[random.int(below: bytes.count)] = spoilers[random.int(below: spoilers.count)]
            }
            bytes = Array(bytes.prefix(1 + random.int(below: bytes.count)))
            let start = random.int(below: 4) == 0 ? random.int(below: bytes.count) : 0
            let outcome = bytes.withUnsafeBufferPointer {
                UTF8Validation.check($0.baseAddress!, from: start, to: $0.count)
            }
            let expected = Self.expectedOutcome(Array(bytes[start...]), offset: start)
            if outcome != expected, disagreements.count < 5 {
                disagreements.append(
                    "\(bytes.map { String($0, radix: 16) }) from \(start): \(outcome), expected \(expected)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements)")
    }

    /// What the check should say, from `String(validating:as:)`: the longest valid prefix, and
    /// whether what follows it could still become a character (cut off) or not (invalid).
    static func expectedOutcome(_ bytes: [UInt8], offset: Int) -> DecodingOutcome {
        func isValid(_ bytes: ArraySlice<UInt8>) -> Bool { String(validating: bytes, as: UTF8.self) != nil }
        guard !isValid(bytes[...]) else { return .complete }
        let validPrefix = (0..<bytes.count).last { isValid(bytes[..<$0]) } ?? 0
        let rest = bytes[validPrefix...]
        // Cut off: some continuation (second byte in 80…8F, 90…9F or A0…BF, then 80s) makes it
        // one whole character.
        func completes(_ second: UInt8, toLength length: Int) -> Bool {
            var completed = Array(rest)
            while completed.count < length { completed.append(completed.count == 1 ? second : 0x80) }
            return String(validating: completed, as: UTF8.self)?.unicodeScalars.count == 1
        }
        let seconds: [UInt8] = [0x80, 0x90, 0xA0, 0xBF]
        let canComplete =
            rest.count < 4
            && seconds.contains { second in (rest.count + 1...4).contains { completes(second, toLength: $0) }
            }
        return canComplete ? .truncated(at: offset + validPrefix) : .invalid(at: offset + validPrefix)
    }

    /// A long GB18030 ledger of ASCII runs (long and short, so that both the eight-byte path and
    /// single bytes meet every alignment), Han, four-byte codes and the lone byte 80, read at
    /// every chunk size: the same text as Foundation's decoder reads.
    @Test func longGB18030TextDecodesLikeFoundation() throws {
        let pieces = [
            "a", "ab", "abcdefgh", "411323100201", "2020/10/31 ", "张", "村代码", "户主外出务工，由其子代办", "€", "𠀀", "𝄞",
            "・",
            "、", "ㄅ", "Ā",
        ]
        var random = TestRandom(seed: 18030)
        var text = "村代码,备注\r\n"
        for row in 0..<200 {
            text += "\(row),"
            for _ in 0..<random.int(below: 12) { text += pieces[random.int(below: pieces.count)] }
            text += "\r\n"
        }
        var bytes = try #require(text.data(using: Self.gb18030))
        // 80 alone is € to Foundation (as in code page 936); put it where words meet.
        bytes.append(
            contentsOf: Array("x,".utf8) + [0x80] + Array("1234567".utf8) + [0x80, 0x80, 0x0D, 0x0A])
        let expected = try #require(String(data: bytes, encoding: Self.gb18030))
        for chunkSize in chunkSizes {
            let records = try readAll(Array(bytes), encoding: .gb18030, chunkSize: chunkSize)
            #expect(records.count == 202, "chunk size \(chunkSize)")
            let joined = records.map { $0.fields.joined(separator: ",") + "\r\n" }.joined()
            #expect(joined == expected, "chunk size \(chunkSize)")
        }
    }

    @Test func theTwoByteTableAgreesWithFoundationOnEveryCode() {
        var mismatches = 0
        for lead in UInt8(0x81)...0xFE {
            for trail in UInt8(0x40)...0xFE where trail != 0x7F {
                let expected = String(data: Data([lead, trail]), encoding: Self.gb18030)
                let decoded = try? readAll([lead, trail], encoding: .gb18030, chunkSize: 1 << 20).first?
                    .fields.first
                if expected != decoded { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
    }
}
