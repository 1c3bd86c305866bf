// CSV ingest benchmark (issue 2, SPEC §10): how fast `CSVReader` streams a realistic ledger,
// in UTF-8 and in GB18030, and whether its memory stays flat as the file grows.
//
//   swift run -c release BulletinBenchmarks csv [--rows N] [--large-rows M] [--runs K]
//
// The ledger is generated from a seeded generator (no clock, no system randomness), so every
// run reads the same bytes. It prints figures only; nothing is asserted.
import BulletinKit
import Foundation
import SplitMix

func runCSVBenchmark(_ arguments: [String]) {
    guard let options = CSVBenchmarkOptions(arguments) else {
        print(
            "usage: BulletinBenchmarks csv [--rows N (default 1000000)] "
                + "[--large-rows M (default 3 × N; 0 skips)] [--runs K (default 5)]")
        return
    }
    do {
        try CSVBenchmark(options: options).run()
    } catch {
        print("CSV benchmark failed: \(error)")
    }
}

private struct CSVBenchmarkOptions {
    var rows = 1_000_000
    var largeRows: Int?
    var runs = 5

    init?(_ arguments: [String]) {
        var remaining = arguments[...]
        while let name = remaining.popFirst() {
            guard let text = remaining.popFirst(), let value = Int(text), value >= 0 else { return nil }
            switch name {
            case "--rows" where value > 0: rows = value
            case "--large-rows": largeRows = value
            case "--runs" where value > 0: runs = value
            default: return nil
            }
        }
    }
}

private struct CSVBenchmark {
    let options: CSVBenchmarkOptions
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("bulletin-csv-benchmark-\(ProcessInfo.processInfo.processIdentifier)")

    func run() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        print("CSV benchmark: CSVReader on one core, record by record, files in the page cache")
        print("MB = 10^6 bytes; MiB = 2^20 bytes. Best and median of \(options.runs) runs of wall time,")
        print("and best of the thread's CPU time (user + system: one core's work on a shared machine).\n")

        let small = try measure(rows: options.rows, runs: options.runs)
        var results = [small]
        let largeRows = options.largeRows ?? 3 * options.rows
        if largeRows > 0 {
            results.append(try measure(rows: largeRows, runs: options.runs))
        }

        print("\npeak memory while reading (VmHWM reset to VmRSS before each pass; before → peak):")
        for result in results {
            let (utf8, gb18030) = (result.utf8, result.gb18030)
            print(
                "  \(pad(grouped(result.rows) + " rows:", 16)) "
                    + "UTF-8 \(mebibytes(utf8.baseKiB)) → \(mebibytes(utf8.peakKiB)), "
                    + "GB18030 \(mebibytes(gb18030.baseKiB)) → \(mebibytes(gb18030.peakKiB))  "
                    + "(files \(megabytes(utf8.fileBytes)) / \(megabytes(gb18030.fileBytes)))")
        }
        if let status = ProcessStatus.read() {
            print("  whole process, generation included: VmHWM \(mebibytes(status.peakKiB))")
        }
    }

    struct Measurement {
        var rows: Int
        var utf8: Pass
        var gb18030: Pass
    }

    struct Pass {
        var fileBytes: Int
        var seconds: [Double]
        var cpuSeconds: [Double]
        /// Resident memory before the pass, and the peak during it.
        var baseKiB: Int
        var peakKiB: Int
        var checksum: UInt64
        var records: Int
        var encoding: TextEncoding
    }

    func measure(rows: Int, runs: Int) throws -> Measurement {
        let utf8Path = folder.appendingPathComponent("ledger-utf8.csv").path
        let gb18030Path = folder.appendingPathComponent("ledger-gb18030.csv").path
        defer {
            try? FileManager.default.removeItem(atPath: utf8Path)
            try? FileManager.default.removeItem(atPath: gb18030Path)
        }
        var generator = try LedgerGenerator(seed: 0x2020_1031)
        let (utf8Bytes, gb18030Bytes) = try generator.write(rows: rows, utf8: utf8Path, gb18030: gb18030Path)
        print(
            "ledger of \(grouped(rows)) rows (11 columns, CRLF): UTF-8 \(megabytes(utf8Bytes)) "
                + "(\(String(format: "%.1f", Double(utf8Bytes) / Double(rows))) bytes a row), "
                + "GB18030 \(megabytes(gb18030Bytes))")

        let utf8 = try pass(path: utf8Path, runs: runs, touchingBytes: true)
        let gb18030 = try pass(path: gb18030Path, runs: runs, touchingBytes: true)
        let utf8Bounds = try pass(path: utf8Path, runs: runs, touchingBytes: false)
        let gb18030Bounds = try pass(path: gb18030Path, runs: runs, touchingBytes: false)
        for (name, pass, bounds) in [("UTF-8", utf8, utf8Bounds), ("GB18030", gb18030, gb18030Bounds)] {
            print("  \(name), read as \(pass.encoding.rawValue), \(grouped(pass.records - 1)) data records:")
            print("    every field's bytes read: \(figures(pass, rows: rows))")
            print("    field bounds only:        \(figures(bounds, rows: rows))")
        }
        print(
            "  same fields in both files: \(utf8.checksum == gb18030.checksum ? "yes" : "NO") "
                + "(checksum \(String(utf8.checksum, radix: 16)) / \(String(gb18030.checksum, radix: 16)))")
        return Measurement(rows: rows, utf8: utf8, gb18030: gb18030)
    }

    func figures(_ pass: Pass, rows: Int) -> String {
        let sorted = pass.seconds.sorted()
        let (best, median, cpu) = (sorted[0], sorted[sorted.count / 2], pass.cpuSeconds.min() ?? 0)
        let mbps = { (seconds: Double) in String(format: "%5.0f", Double(pass.fileBytes) / seconds / 1e6) }
        let rowsPerSecond = { (seconds: Double) in String(format: "%5.2f", Double(rows) / seconds / 1e6) }
        return "wall \(mbps(best)) MB/s best, \(mbps(median)) median, \(rowsPerSecond(best)) M rows/s; "
            + "CPU \(mbps(cpu)) MB/s, \(rowsPerSecond(cpu)) M rows/s"
    }

    /// Reads the file `runs` times record by record, as `LedgerScanner` does: with
    /// `touchingBytes`, every byte of every field is read (summed); without, only each field's
    /// bounds (its length), which is the reader's own cost.
    func pass(path: String, runs: Int, touchingBytes: Bool) throws -> Pass {
        ProcessStatus.resetPeak()
        let base = ProcessStatus.read()
        var seconds: [Double] = []
        var cpuSeconds: [Double] = []
        var checksum: UInt64 = 0
        var records = 0
        var encoding = TextEncoding.utf8
        let clock = ContinuousClock()
        for _ in 0..<runs {
            let start = clock.now
            let cpuStart = threadCPUSeconds()
            var reader = try CSVReader(path: path)
            var record = CSVRecord()
            checksum = 0
            records = 0
            while try reader.readRecord(into: &record) {
                records &+= 1
                for field in 0..<record.count {
                    let value =
                        touchingBytes
                        ? record.withBytes(at: field, Self.touch) : record.withBytes(at: field, \.count)
                    checksum = checksum &* 31 &+ UInt64(value)
                }
            }
            let elapsed = start.duration(to: clock.now)
            cpuSeconds.append(threadCPUSeconds() - cpuStart)
            seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            encoding = reader.encoding
        }
        let fileBytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return Pass(
            fileBytes: fileBytes, seconds: seconds, cpuSeconds: cpuSeconds, baseKiB: base?.residentKiB ?? 0,
            peakKiB: ProcessStatus.read()?.peakKiB ?? 0, checksum: checksum,
            records: records, encoding: encoding)
    }

    /// Every byte of a field, folded into a number so that the reading cannot be optimised away.
    static func touch(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var sum = bytes.count
        for byte in bytes { sum &+= Int(byte) }
        return sum
    }
}

/// The CPU time this thread has used, user and system.
private func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
