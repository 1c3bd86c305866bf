import Foundation
import Testing

@testable import BulletinKit

/// The ZIP reader against archives Python's zipfile wrote, and a few written field by field
/// (Fixtures/Container/make_zip_fixtures.py): every entry reads back as the bytes put in, as
/// `zip/expected.json` records them; damaged, truncated and hostile files end in clear errors.
@Suite struct ZipArchiveTests {
    struct Expected: Decodable {
        var path: String
        var method: UInt16
        var length: Int
        var crc32: UInt32
        var sha256: String
    }

    static let folder = Repository.root.appendingPathComponent(
        "Tests/BulletinKitTests/Fixtures/Container/zip")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static func expected() throws -> [String: [Expected]] {
        try JSONDecoder().decode(
            [String: [Expected]].self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
    }

    /// Stored and deflated entries, a comment after the end record, data descriptors, ZIP64
    /// fields in the local header only or in the central directory and its end record, and
    /// unflagged names: each entry in directory order, read whole and in 7-byte pieces.
    @Test(arguments: ["basic.zip", "descriptors.zip", "local-zip64.zip", "central-zip64.zip", "names.zip"])
    func entriesReadBackAsWritten(name: String) throws {
        let expected = try #require(try Self.expected()[name])
        let archive = try ZipArchive(path: Self.path(name))
        #expect(archive.entries.map(\.path) == expected.map(\.path))
        for (entry, want) in zip(archive.entries, expected) {
            #expect(entry.method == want.method, "\(entry.path)")
            #expect(entry.uncompressedSize == UInt64(want.length), "\(entry.path)")
            #expect(entry.crc32 == want.crc32, "\(entry.path)")
            let whole = try archive.contents(of: entry)
            #expect(SHA256.hex(SHA256.hash(Data(whole))) == want.sha256, "\(entry.path)")
            #expect(try Self.pull(archive.stream(entry), chunkSize: 7) == whole, "\(entry.path)")
        }
    }

    /// The same archive from memory, with the comment reached over: and the data in a slice
    /// that does not start at index 0.
    @Test func opensFromDataAndSlices() throws {
        let bytes = try Data(contentsOf: Self.folder.appendingPathComponent("basic.zip"))
        let padded = Data([1, 2, 3]) + bytes
        for data in [bytes, padded[3...]] {
            let archive = try ZipArchive(data: data)
            let sheet = try #require(archive.entry(named: "xl/worksheets/sheet1.xml"))
            #expect(try archive.contents(of: sheet).count == 14_435)
        }
    }

    /// Exact names first; then a leading `/`, `\` for `/` and ASCII case are forgiven.
    @Test(arguments: [
        ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet1.xml"),
        ("/xl/worksheets/sheet1.xml", "xl/worksheets/sheet1.xml"),
        ("xl\\worksheets\\sheet1.xml", "xl/worksheets/sheet1.xml"),
        ("XL/Worksheets/Sheet1.XML", "xl/worksheets/sheet1.xml"),
        ("xl/styles.xml", "/xl/styles.xml"),
        ("xl/sharedStrings.xml", "XL/SharedStrings.XML"),
        ("中文/台账.xml", "中文/台账.xml"),
    ])
    func lookupForgivesQuirks(asked: String, found: String) throws {
        let archive = try ZipArchive(path: Self.path("basic.zip"))
        #expect(archive.entry(named: asked)?.path == found)
    }

    /// Of two entries with one name, the first in the directory is the one found.
    @Test func theFirstOfEqualNamesWins() throws {
        let archive = try ZipArchive(path: Self.path("names.zip"))
        let entry = try #require(archive.entry(named: "台账.xml"))
        #expect(try archive.contents(of: entry) == Array("utf8".utf8))
    }

    @Test func lookupOfAMissingNameIsNil() throws {
        let archive = try ZipArchive(path: Self.path("basic.zip"))
        #expect(archive.entry(named: "xl/workbook.xml") == nil)
        #expect(archive.entry(named: "sheet1.xml") == nil)
    }

    /// Files that are no ZIP at all, each told apart.
    @Test(arguments: [
        ("empty", [UInt8](), ContainerError.Kind.notZip),
        ("text", Array("县区,完成数\n武都区,12\n".utf8), .notZip),
        (
            "OLE", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504),
            .oleCompoundFile
        ),
        ("local header only", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], .truncated),
    ])
    func filesThatAreNotArchives(name: String, bytes: [UInt8], kind: ContainerError.Kind) {
        #expect(Self.openingError(Data(bytes))?.kind == kind, "\(name)")
    }

    @Test func oleMessageSaysWhatToDo() {
        let ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504))
        #expect(
            Self.openingError(ole)?.message.contains("save it as .xlsx (without a password) or as .csv")
                == true)
    }

    @Test func aMissingFileIsAnError() {
        #expect(throws: ContainerError.self) { try ZipArchive(path: "/nonexistent/ledger.xlsx") }
    }

    /// Cut at every length, an archive without a comment has lost its end record: truncated.
    @Test func everyTruncationIsReported() throws {
        let bytes = try Data(contentsOf: Self.folder.appendingPathComponent("descriptors.zip"))
        for length in 2..<bytes.count {
            #expect(Self.openingError(bytes.prefix(length))?.kind == .truncated, "cut at \(length)")
        }
    }

    /// A directory that points past the data (the data cut out, the end record kept) reports
    /// the entry as truncated when it is read.
    @Test func entryDataPastTheEndIsTruncated() throws {
        let archive = try ZipArchive(path: Self.path("basic.zip"))
        var entry = try #require(archive.entry(named: "xl/worksheets/sheet1.xml"))
        entry.compressedSize = UInt64(archive.data.count)
        #expect(Self.readError(archive, entry)?.kind == .truncated)
        entry.localHeaderOffset = UInt64(archive.data.count - 10)
        #expect(Self.readError(archive, entry)?.kind == .truncated)
    }

    /// One flipped byte in a stored entry's data: the CRC-32 no longer matches, and the error
    /// names the entry.
    @Test func aFlippedByteFailsTheChecksum() throws {
        var bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent("basic.zip")))
        let data = Array("application/vnd.openxmlformats".utf8)
        let start = try #require(Self.find(data, in: bytes))
        bytes[start + 5] ^= 0x20
        let archive = try ZipArchive(data: Data(bytes))
        let entry = try #require(archive.entry(named: "mimetype"))
        let error = Self.readError(archive, entry)
        #expect(error?.kind == .checksumMismatch)
        #expect(error?.part == "mimetype")
        #expect(Self.readError(archive, entry, whole: false)?.kind == .checksumMismatch)
    }

    /// A wrong CRC recorded for a deflated entry is found once the entry is inflated.
    @Test func aWrongRecordedChecksumIsFound() throws {
        let archive = try ZipArchive(path: Self.path("basic.zip"))
        var entry = try #require(archive.entry(named: "xl/worksheets/sheet1.xml"))
        entry.crc32 ^= 1
        #expect(Self.readError(archive, entry)?.kind == .checksumMismatch)
        entry.crc32 ^= 1
        entry.uncompressedSize -= 1
        #expect(Self.readError(archive, entry)?.kind == .tooLarge)
        entry.uncompressedSize += 2
        #expect(Self.readError(archive, entry)?.kind == .corrupt)
    }

    /// Method 12 (bzip2) is unsupported and flag bit 0 means encrypted; each error names its entry.
    @Test func unsupportedAndEncryptedEntriesAreRefused() throws {
        let archive = try ZipArchive(path: Self.path("refused.zip"))
        let bzip2 = try #require(archive.entry(named: "bzip2.xml"))
        #expect(Self.readError(archive, bzip2)?.kind == .unsupported)
        #expect(Self.readError(archive, bzip2)?.part == "bzip2.xml")
        #expect(Self.readError(archive, bzip2)?.message.contains("method 12") == true)
        let secret = try #require(archive.entry(named: "secret.xml"))
        #expect(Self.readError(archive, secret)?.kind == .encrypted)
        #expect(Self.readError(archive, secret)?.part == "secret.xml")
    }

    /// 16 MiB of zeros deflated to 16,310 bytes: more than 1,000 times, refused from the
    /// directory's sizes before anything is inflated.
    @Test func aBombPastTheRatioIsRefused() throws {
        let archive = try ZipArchive(path: Self.path("bomb.zip"))
        let entry = try #require(archive.entries.first)
        #expect(entry.uncompressedSize == 16 * 1024 * 1024)
        #expect(Self.readError(archive, entry)?.kind == .tooLarge)
        // A looser ratio lets it through, all 16 MiB of zeros.
        let loose = try ZipArchive(
            path: Self.path("bomb.zip"), limits: .init(maximumEntrySize: 1 << 30, maximumRatio: 2000))
        let zeros = try loose.contents(of: entry)
        #expect(zeros.count == 16 * 1024 * 1024 && zeros.allSatisfy { $0 == 0 })
    }

    /// Headers lie: the bomb's directory rewritten to declare 20,000 bytes (within every ratio)
    /// still stops at the bytes actually inflated, long before 16 MiB.
    @Test func aBombWithALyingHeaderStopsAtItsDeclaredSize() throws {
        var bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent("bomb.zip")))
        let central = try #require(Self.find([0x50, 0x4B, 0x01, 0x02], in: bytes))
        bytes.replaceSubrange((central + 24)..<(central + 28), with: [0x20, 0x4E, 0, 0])  // 20,000
        let archive = try ZipArchive(data: Data(bytes))
        let entry = try #require(archive.entries.first)
        #expect(entry.uncompressedSize == 20_000)
        let stream = try archive.stream(entry)
        var total = 0
        var chunk = [UInt8](repeating: 0, count: 4096)
        let error = #expect(throws: ContainerError.self) {
            while true {
                let count = try chunk.withUnsafeMutableBufferPointer { try stream.read(into: $0) }
                if count == 0 { break }
                total += count
            }
        }
        #expect(error?.kind == .tooLarge)
        #expect(total == 20_000)
    }

    /// A small size limit refuses an entry larger than it, and admits one within it.
    @Test func theSizeLimitApplies() throws {
        let limits = ZipArchive.Limits(maximumEntrySize: 10_000, maximumRatio: 1000)
        let archive = try ZipArchive(path: Self.path("basic.zip"), limits: limits)
        let sheet = try #require(archive.entry(named: "xl/worksheets/sheet1.xml"))
        #expect(Self.readError(archive, sheet)?.kind == .tooLarge)
        let types = try #require(archive.entry(named: "[Content_Types].xml"))
        #expect(try archive.contents(of: types) == Array(#"<?xml version="1.0"?><Types/>"#.utf8))
    }

    /// Every single flipped byte of a small archive ends in entries read or a `ContainerError`,
    /// never a crash.
    @Test func everyFlippedByteEndsCleanly() throws {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent("names.zip")))
        for index in bytes.indices {
            for bit in [0, 7] {
                var damaged = bytes
                damaged[index] ^= UInt8(1 << bit)
                guard let archive = try? ZipArchive(data: Data(damaged)) else { continue }
                for entry in archive.entries { _ = try? archive.contents(of: entry) }
            }
        }
    }

    /// The shared xlsx conformance workbooks (`conformance/xlsx/files`, from `BULLETIN_CONFORMANCE`
    /// or `../shared/conformance`; without the folder this checks nothing): real archives from
    /// Excel, LibreOffice, WPS and libraries, whose every entry inflates with a matching CRC-32.
    /// The two the catalogue expects to fail do: the password-protected workbook is an OLE file,
    /// and in `issue252.xlsx` the relationships part inflates (by Python's zlib too) to 699
    /// bytes where the directory declares 697.
    @Test func everyConformanceWorkbookEntryInflates() throws {
        guard let folder = Self.conformanceFolder() else { return }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".xlsx")
        }.sorted()
        #expect(names.count == 64)
        var entries = 0
        for name in names {
            let path = folder.appendingPathComponent(name).path
            if name == "pass_protected.xlsx" {
                #expect(
                    Self.openingError(try Data(contentsOf: URL(fileURLWithPath: path)))?.kind
                        == .oleCompoundFile)
                continue
            }
            let archive = try ZipArchive(path: path)
            #expect(!archive.entries.isEmpty, "\(name)")
            for entry in archive.entries {
                if name == "issue252.xlsx" && entry.path == "xl/_rels/workbook.xml.rels" {
                    #expect(Self.readError(archive, entry)?.kind == .tooLarge)
                    continue
                }
                // `contents` checks the size and CRC-32 recorded in the directory; the CRC is
                // checked here once more, against the bytes returned.
                let bytes = try archive.contents(of: entry)
                #expect(CRC32.checksum(bytes) == entry.crc32, "\(name): \(entry.path)")
                entries += 1
            }
        }
        #expect(entries > 800)
    }

    static func conformanceFolder() -> URL? { Conformance.file("xlsx/files") }
}

extension ZipArchiveTests {
    static func pull(_ stream: ZipEntryStream, chunkSize: Int) throws -> [UInt8] {
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = try chunk.withUnsafeMutableBufferPointer { try stream.read(into: $0) }
            if count == 0 { return output }
            output += chunk[0..<count]
        }
    }

    static func openingError(_ data: Data) -> ContainerError? {
        do {
            _ = try ZipArchive(data: data)
            return nil
        } catch {
            return error
        }
    }

    /// The error reading `entry` whole (or streamed in 1,000-byte pieces) ends in.
    static func readError(_ archive: ZipArchive, _ entry: ZipArchive.Entry, whole: Bool = true)
        -> ContainerError?
    {
        do {
            if whole {
                _ = try archive.contents(of: entry)
            } else {
                _ = try pull(archive.stream(entry), chunkSize: 1000)
            }
            return nil
        } catch let error as ContainerError {
            return error
        } catch {
            return nil
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first {
            haystack[$0..<($0 + needle.count)].elementsEqual(needle)
        }
    }
}
