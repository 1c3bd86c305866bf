import Foundation
import Testing

@testable import BulletinKit

/// A workbook file of 1 MiB or more is mapped, and its streams give back the pages they have
/// read (`madvise`): the bytes handed out must still be exactly the entry's, pages given back
/// included, and a file read from memory must never have pages given back.
@Suite struct ZipMappingTests {
    /// 3 MiB of seeded bytes, stored (Bulletin's writer stores), between two small entries.
    static func archive() throws -> (bytes: [UInt8], archive: [UInt8]) {
        var random = SeededRandom(seed: 13)
        let bytes = (0..<(3 << 20)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let archive = try ZipWriter.archive([
            ("first.txt", Array("before".utf8)), ("big.bin", bytes), ("last.txt", Array("after".utf8)),
        ])
        return (bytes, archive)
    }

    @Test func aLargeFileIsMappedAndReadsBackWhole() throws {
        let (bytes, archive) = try Self.archive()
        let dataset = try TemporaryDataset(files: [:])
        try dataset.write(Data(archive), to: "big.zip")
        let opened = try ZipArchive(path: dataset.url.appendingPathComponent("big.zip").path)
        #expect(opened.isFileMapping)
        let entry = try #require(opened.entry(named: "big.bin"))
        // Read twice over: the second stream reads pages the first gave back.
        for _ in 0..<2 {
            let stream = try opened.stream(entry)
            var read: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 100_003)  // not a page multiple
            while true {
                let count = try chunk.withUnsafeMutableBufferPointer { try stream.read(into: $0) }
                if count == 0 { break }
                read += chunk[0..<count]
            }
            #expect(read == bytes)
        }
        #expect(try opened.contents(of: try #require(opened.entry(named: "last.txt"))) == Array("after".utf8))
    }

    @Test func archivesInMemoryAndSmallFilesAreNotMapped() throws {
        let (_, archive) = try Self.archive()
        #expect(try ZipArchive(data: Data(archive)).isFileMapping == false)
        let small = Repository.root.appendingPathComponent(
            "Tests/BulletinKitTests/Fixtures/Workbooks/ledger-openpyxl.xlsx")
        #expect(try ZipArchive(path: small.path).isFileMapping == false)
    }
}
