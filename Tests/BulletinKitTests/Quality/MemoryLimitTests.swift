import Foundation
import Testing

@testable import BulletinKit

/// Hostile files under a memory limit (issue 18): the built `bulletin` runs with its address
/// space capped (`setrlimit(RLIMIT_AS)`, through the shell's `ulimit -v`), so a reader that held
/// a huge line or cell would die of it instead of failing cleanly. No timings: memory is the
/// measure.
struct MemoryLimitTests {
    /// 512 MiB of address space: a build of the base dataset needs well under 300 MiB, and
    /// each file below is larger than what is left (50 million fields' bounds alone are 800 MB).
    static let addressSpaceKiB = 512 * 1024

    /// The base dataset with `housing.csv` written by `write` (straight to disk: the test
    /// process does not hold the file either).
    static func dataset(_ write: (FileHandle) throws -> Void) throws -> TemporaryDataset {
        let dataset = try BaseDataset.write { $0["housing.csv"] = Data() }
        let handle = try FileHandle(forWritingTo: dataset.url.appendingPathComponent("housing.csv"))
        try write(handle)
        try handle.close()
        return dataset
    }

    static func build(_ dataset: TemporaryDataset) throws -> (status: Int32, stdout: String, stderr: String) {
        let folder = try TemporaryDataset(files: [:])
        let templates = try makeTemplates(in: folder)
        return try LimitedRun.run(
            [
                "build", dataset.url.path, "--out", folder.url.appendingPathComponent("out").path,
                "--templates", templates,
            ],
            limits: ["-v \(addressSpaceKiB)"], in: folder.url)
    }

    /// Line 8 is `h7` then 50 million commas. The default cap is 16,384 fields: field 16,385
    /// starts after `h7` and 16,384 commas, at column 2 + 16,384 + 1 = 16,387; a cap set from
    /// the header (6 columns → 70 fields) would put field 71 at 2 + 70 + 1 = 73.
    @Test func fiftyMillionCommasOnOneLine() throws {
        let dataset = try Self.dataset { handle in
            try handle.write(contentsOf: Data(BaseDataset.ledger.utf8))
            try handle.write(contentsOf: Data("h7".utf8))
            let commas = Data(repeating: UInt8(ascii: ","), count: 1 << 20)
            var left = 50_000_000
            while left > 0 {
                try handle.write(contentsOf: commas.prefix(left))
                left -= commas.count
            }
            try handle.write(contentsOf: Data("\n".utf8))
        }
        let result = try Self.build(dataset)
        #expect(result.status == 1, "\(result.stderr)")
        let line = result.stderr.split(separator: "\n").first { $0.contains("housing.csv:8:") }
        #expect(
            line.map { $0.contains(":8:16387: error: ") || $0.contains(":8:73: error: ") } == true,
            "\(result.stderr)")
        #expect(line?.contains("more than") == true && line?.contains("fields") == true)
    }

    /// 600 MB of NUL bytes, as a power loss leaves a file (sparse: no disk space, no time).
    @Test func sixHundredMegabytesOfNul() throws {
        let dataset = try Self.dataset { try $0.truncate(atOffset: 600_000_000) }
        let result = try Self.build(dataset)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("housing.csv"), "\(result.stderr)")
        #expect(result.stderr.contains("is not a text file"), "\(result.stderr)")
    }

    /// A header whose second cell is 300 MB: the cap (1 MiB) is passed on line 1, at byte
    /// 1,048,577; the line is ASCII, so that is column 1,048,577.
    @Test func threeHundredMegabyteHeaderCell() throws {
        let dataset = try Self.dataset { handle in
            try handle.write(contentsOf: Data("hid,village".utf8))
            let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
            for _ in 0..<300 { try handle.write(contentsOf: block) }
            try handle.write(contentsOf: Data(",people,grade,started,completed\n".utf8))
            try handle.write(contentsOf: Data(BaseDataset.ledger.utf8.dropFirst(43)))
        }
        let result = try Self.build(dataset)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("housing.csv:1:1048577: error: "), "\(result.stderr)")
        #expect(result.stderr.contains("longer than 1 MiB"), "\(result.stderr)")
        #expect(!result.stderr.contains("xxxxxxxxxx"), "the cell was echoed")
    }
}

/// Runs the built `bulletin` with resource limits set by the shell (`ulimit`, which calls
/// `setrlimit` in the child before `exec`): `-v KiB` caps the address space, `-f blocks` (of
/// 512 bytes) the size of any file written.
enum LimitedRun {
    static func run(_ arguments: [String], limits: [String], in directory: URL) throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        guard let executable = BulletinExecutable.url else {
            Issue.record("the bulletin executable was not built beside the tests (swift build builds it)")
            return (-1, "", "")
        }
        let script = limits.map { "ulimit \($0) || exit 99; " }.joined() + "exec \"$0\" \"$@\""
        let capture = try TemporaryDataset(files: [:])
        let outURL = capture.url.appendingPathComponent("stdout")
        let errURL = capture.url.appendingPathComponent("stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, executable.path] + arguments
        process.currentDirectoryURL = directory
        // Files rather than pipes: nothing can block on a full pipe.
        let stdout = try FileHandle(forWritingTo: outURL)
        let stderr = try FileHandle(forWritingTo: errURL)
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try stdout.close()
        try stderr.close()
        let read = { (url: URL) in String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self) }
        // The shell execs bulletin, so a signal that ends it ends the process: reported as such.
        let status =
            process.terminationReason == .uncaughtSignal
            ? -process.terminationStatus : process.terminationStatus
        return (status, read(outURL), read(errURL))
    }
}
