import Foundation
import Glibc
import Testing

@testable import BulletinKit

/// Only regular files inside the dataset are read (issue 18): a link that leaves the dataset,
/// a FIFO, a device, a socket or a folder in place of an input is refused with its path (a
/// configuration error, exit 2) before anything is read; and a ledger that cannot be read as a
/// whole fails the build (exit 1) even with --keep-going.
struct InputFileTests {
    static func build(_ dataset: TemporaryDataset, keepGoing: Bool = false) throws -> Result<
        BuildJob.Outcome, BuildJob.Failure
    > {
        let folder = try TemporaryDataset(files: [:])
        let request = BuildJob.Request(
            dataset: dataset.url, out: folder.url.appendingPathComponent("out"),
            templates: try makeTemplates(in: folder), keepGoing: keepGoing)
        return Result { () throws(BuildJob.Failure) in try BuildJob.build(request) }
    }

    /// Expects a configuration refusal naming `file`'s path and `words`, with or without
    /// --keep-going.
    static func expectRefusal(
        _ dataset: TemporaryDataset, _ file: String, _ words: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for keepGoing in [false, true] {
            guard case .failure(.configuration(let diagnostics)) = try build(dataset, keepGoing: keepGoing) else {
                Issue.record("\(file) was not refused", sourceLocation: sourceLocation)
                continue
            }
            let message = diagnostics.map(\.description).joined(separator: "\n")
            #expect(
                message.contains(dataset.url.appendingPathComponent(file).path), "\(message)",
                sourceLocation: sourceLocation)
            #expect(message.contains(words), "\(message)", sourceLocation: sourceLocation)
        }
    }

    /// A secret outside the dataset, linked as the ledger: refused, and neither its contents nor
    /// its path are printed (on the command line either, where --keep-going used to publish the
    /// first line as "the header has …").
    @Test(arguments: ["housing.csv", "regions.csv", "bulletin.json", "targets.csv"])
    func aLinkLeavingTheDatasetIsRefused(file: String) throws {
        let outside = try TemporaryDataset(files: ["secret.env": "API_TOKEN=hunter2,x\nb,c\n"])
        let dataset = try BaseDataset.write { $0.removeValue(forKey: file) }
        try FileManager.default.createSymbolicLink(
            at: dataset.url.appendingPathComponent(file),
            withDestinationURL: outside.url.appendingPathComponent("secret.env"))
        try Self.expectRefusal(dataset, file, "symbolic link to a file outside the dataset folder")
        let folder = try TemporaryDataset(files: [:])
        let result = try BulletinExecutable.run(
            [
                "build", dataset.url.path, "--out", folder.url.appendingPathComponent("out").path,
                "--templates", try makeTemplates(in: folder), "--keep-going",
            ], in: folder.url)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(
            !result.stderr.contains("hunter2") && !result.stderr.contains("secret.env"), "\(result.stderr)")
    }

    /// A link to a file inside the dataset is read as that file.
    @Test func aLinkInsideTheDatasetIsRead() throws {
        let dataset = try BaseDataset.write { $0.removeValue(forKey: "housing.csv") }
        try dataset.write(BaseDataset.ledger, to: "data/housing-2020.csv")
        try FileManager.default.createSymbolicLink(
            atPath: dataset.url.appendingPathComponent("housing.csv").path,
            withDestinationPath: "data/housing-2020.csv")
        let outcome = try Self.build(dataset).get()
        #expect(outcome.quality.errorCount == 0)
    }

    /// A FIFO in place of a ledger or the configuration: refused at once, never opened to wait
    /// for a writer.
    @Test(arguments: ["housing.csv", "bulletin.json"])
    func aFIFOIsRefusedWithoutHanging(file: String) throws {
        let dataset = try BaseDataset.write { $0.removeValue(forKey: file) }
        #expect(mkfifo(dataset.url.appendingPathComponent(file).path, 0o600) == 0)
        try Self.expectRefusal(dataset, file, "is a FIFO (named pipe), not a regular file")
    }

    @Test func aFolderIsRefused() throws {
        let dataset = try BaseDataset.write { $0.removeValue(forKey: "housing.csv") }
        try FileManager.default.createDirectory(
            at: dataset.url.appendingPathComponent("housing.csv"), withIntermediateDirectories: false)
        try Self.expectRefusal(dataset, "housing.csv", "is a folder, not a regular file")
    }

    /// A Unix socket bound at the ledger's name.
    @Test func aSocketIsRefused() throws {
        let dataset = try BaseDataset.write { $0.removeValue(forKey: "housing.csv") }
        let path = dataset.url.appendingPathComponent("housing.csv").path
        let socket = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #expect(socket >= 0)
        defer { close(socket) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        try #require(bytes.count < MemoryLayout.size(ofValue: address.sun_path))
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(bound == 0)
        try Self.expectRefusal(dataset, "housing.csv", "is a socket, not a regular file")
    }

    /// The guard at every open: a device, a FIFO and a folder are refused by `InputFile.open`
    /// itself (a file swapped after the dataset was checked), the FIFO without waiting.
    @Test func openRefusesWhatIsNotARegularFile() throws {
        let folder = try TemporaryDataset(files: ["plain.csv": "a\n"])
        let fifo = folder.url.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for (path, kind) in [
            ("/dev/null", "a character device"), (fifo, "a FIFO"), (folder.url.path, "a folder"),
        ] {
            #expect(throws: InputFailure.self, "\(path)") { _ = try InputFile.open(path) }
            do {
                _ = try CSVReader(path: path)
                Issue.record("\(path) was read")
            } catch {
                #expect(error.reason.contains(kind), "\(error.reason)")
            }
        }
        let descriptor = try InputFile.open(folder.url.appendingPathComponent("plain.csv").path)
        #expect(descriptor >= 0)
        close(descriptor)
    }

    /// Ledgers that fail as a whole: each fails the build with exit 1 even with --keep-going.
    static let unreadable: [(String, @Sendable (inout [String: Data]) -> Void)] = [
        ("missing", { $0.removeValue(forKey: "housing.csv") }),
        ("a sep=; line first", { $0["housing.csv"] = Data(("sep=;\n" + BaseDataset.ledger.replacingOccurrences(of: ",", with: ";")).utf8) }),
        // A workbook renamed .csv: the ZIP signature, then bytes no text encoding has.
        (
            "an .xlsx renamed",
            {
                $0["housing.csv"] = Data([
                    0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0x06, 0, 0x08, 0, 0xFF, 0xFF, 0x80,
                ])
            }
        ),
        (
            "a required column missing",
            {
                $0.replace("grade,started,completed", with: "grade,started,complete", in: "housing.csv")
            }
        ),
        (
            "UTF-16",
            { files in
                files["housing.csv"] = Data(
                    [0xFF, 0xFE] + BaseDataset.ledger.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            }
        ),
        ("a header quote never closed", { $0["housing.csv"] = Data("hid,\"village\n".utf8) }),
    ]

    @Test(arguments: unreadable.indices)
    func aLedgerThatFailsWholeFailsTheBuildEvenWithKeepGoing(index: Int) throws {
        let (name, change) = Self.unreadable[index]
        let dataset = try BaseDataset.write(change)
        guard case .failure(.data(let quality)) = try Self.build(dataset, keepGoing: true) else {
            Issue.record("\(name): the build did not fail with data errors")
            return
        }
        #expect(
            quality.findings.contains { $0.file == "housing.csv" && BuildJob.failsWholeFile($0) }, "\(name)")
    }

    /// On the command line: exit 1, the file named, and why --keep-going did not help.
    @Test func commandLineNamesTheUnreadLedger() throws {
        let dataset = try BaseDataset.write {
            $0.replace("grade,started,completed", with: "grade,started,complete", in: "housing.csv")
        }
        let folder = try TemporaryDataset(files: [:])
        let out = folder.url.appendingPathComponent("out")
        let result = try BulletinExecutable.run(
            [
                "build", dataset.url.path, "--out", out.path, "--templates", try makeTemplates(in: folder),
                "--keep-going",
            ], in: folder.url)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("housing.csv could not be read as a whole"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// Excel's `sep=,` hint line is a line above the header like a title row (SPEC §2.5): the
    /// ledger reads as without it, at the same lines plus one.
    @Test func sepHintLineIsSkippedLikeATitleRow() throws {
        let plain = try BaseDataset.write { _ in }
        let hinted = try BaseDataset.write { $0["housing.csv"] = Data(("sep=,\n" + BaseDataset.ledger).utf8) }
        let expected = try BuildJob.check(dataset: plain.url, asOf: nil)
        let bulletin = try BuildJob.check(dataset: hinted.url, asOf: nil)
        #expect(!bulletin.quality.hasErrors)
        #expect(bulletin.indicators.map(\.root.stages.last?.whole.done) == expected.indicators.map(\.root.stages.last?.whole.done))
        #expect(bulletin.indicators.map(\.root.stages.last?.whole.target) == expected.indicators.map(\.root.stages.last?.whole.target))
        #expect(bulletin.quality.findings.map { ($0.line ?? 0) - 1 } == expected.quality.findings.map { $0.line ?? 0 })
    }

    /// Rows with errors in a readable ledger are still skipped by --keep-going.
    @Test func keepGoingStillSkipsBadRows() throws {
        let dataset = try BaseDataset.write { $0.append(line: "h7,555,1,C,2020-04-01,", to: "housing.csv") }
        let outcome = try Self.build(dataset, keepGoing: true).get()
        #expect(outcome.quality.errorCount == 1)
    }
}
