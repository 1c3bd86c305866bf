import Foundation
import Testing

@testable import BulletinKit

/// A reader opened with `hashing` gives the SHA-256 of the file it read, so that the scan's
/// ledgers are hashed in the same pass that counts them (the manifest, SPEC §6).
@Suite struct ReaderDigestTests {
    /// Reads every record of the file at `path`, then asks for the digest.
    private func digestAfterReading(_ path: String, chunkSize: Int, detectionBytes: Int = 1 << 20) throws
        -> String?
    {
        var reader = try CSVReader(
            path: path, encoding: nil, chunkSize: chunkSize, detectionBytes: detectionBytes, hashing: true)
        var record = CSVRecord()
        while try reader.readRecord(into: &record) {}
        return reader.digest()
    }

    private func write(_ bytes: [UInt8]) throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("ledger.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (folder, path)
    }

    /// FIPS 180-2's first example, "abc", read as a one-field CSV in chunks of every size.
    @Test(arguments: [1, 2, 3, 1 << 20])
    func digestOfABCIsTheStandardsOne(chunkSize: Int) throws {
        let (folder, path) = try write(Array("abc".utf8))
        let digest = try digestAfterReading(path, chunkSize: chunkSize, detectionBytes: 1)
        #expect(digest == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        _ = folder
    }

    /// Every example ledger, UTF-8 and GB18030 (siping), in chunks that cut characters and
    /// records: the digest equals the whole file's, hashed separately.
    @Test(arguments: [7, 4096, 1 << 20])
    func digestOfEveryExampleLedgerIsTheFilesDigest(chunkSize: Int) throws {
        for example in Repository.examples {
            let folder = Repository.example(example)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
                $0.hasSuffix(".csv")
            }
            #expect(!files.isEmpty)
            for file in files.sorted() {
                let path = folder.appendingPathComponent(file).path
                let digest = try digestAfterReading(path, chunkSize: chunkSize, detectionBytes: 16)
                #expect(digest == (try SHA256.hexDigest(ofFileAt: path)), "\(example)/\(file)")
            }
        }
    }

    /// Before its end, or without `hashing`, a reader has no digest: never one of part of a file.
    @Test func noDigestBeforeTheEndOrWithoutHashing() throws {
        let path = Repository.example("nanyang").appendingPathComponent("relocation.csv").path
        var reader = try CSVReader(path: path, encoding: nil, chunkSize: 4096, hashing: true)
        var record = CSVRecord()
        #expect(try reader.readRecord(into: &record))
        #expect(reader.digest() == nil)

        var plain = try CSVReader(path: path, encoding: nil, chunkSize: 4096)
        while try plain.readRecord(into: &record) {}
        #expect(plain.digest() == nil)
    }

    /// A file whose reading stops at an encoding error, before its end, has no digest.
    @Test func noDigestWhenReadingStopsAtAnEncodingError() throws {
        // Valid UTF-8 header and row, then a lone continuation byte, then more rows.
        var bytes = Array("code,name\n1,甲\n".utf8)
        bytes.append(0x80)
        bytes += Array("\n2,乙\n3,丙\n4,丁\n".utf8)
        let (folder, path) = try write(bytes)
        var reader = try CSVReader(path: path, encoding: .utf8, chunkSize: 4, hashing: true)
        var record = CSVRecord()
        var failed = false
        do {
            while try reader.readRecord(into: &record) {}
        } catch {
            failed = true
        }
        #expect(failed)
        #expect(reader.digest() == nil)
        _ = folder
    }
}
