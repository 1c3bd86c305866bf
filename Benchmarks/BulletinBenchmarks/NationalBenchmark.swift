// National-scale benchmark (issue 6, SPEC §10): the whole build — ledgers read with full
// validation, aggregation, every unit page, the index, the briefing, summary.csv — over a
// generated national dataset of about 2,986 county units and any number of ledger rows.
//
//   swift run -c release BulletinBenchmarks national [--rows N] [--runs K] [--threads T] [--dir DIR]
//                                                    [--compare [PYTHON]]
//
// The dataset is generated once per row count (seeded, byte-identical every time) into DIR
// (default: the temporary folder) and reused by later runs. Prints per-stage seconds, rows/s,
// MB/s, files/s and peak memory, then the floor under any build of the same files on this
// machine (FloorBenchmark.swift); asserts nothing. With `--compare`, the peers run right after
// on the same files and threads: `hugo` renders as many data-driven pages (HugoPeer.swift;
// "skipped" when it is not on the PATH), and, given a PYTHON that has duckdb and polars,
// `Benchmarks/compare-engines.py` times DuckDB and Polars grouping the same ledgers. The last
// block prints every ratio of SPEC §10 and whether its target holds.
import BulletinKit
import Dispatch
import Foundation

func runNationalBenchmark(_ arguments: [String]) {
    guard let options = NationalOptions(arguments) else {
        print(
            "usage: BulletinBenchmarks national [--rows N (default 1000000)] [--runs K (default 3)] "
                + "[--threads T (default: every core)] [--dir DIR] [--compare [PYTHON]]")
        return
    }
    do {
        try NationalBenchmark(options: options).run()
    } catch {
        print("national benchmark failed: \(error)")
    }
}

private struct NationalOptions {
    var rows = 1_000_000
    var runs = 3
    var threads: Int?
    var directory: String?
    /// Whether the peers run after the build (`--compare`): Hugo, and DuckDB given a Python.
    var compare = false
    /// A Python with duckdb and polars, to run `Benchmarks/compare-engines.py` on the same files.
    var python: String?

    init?(_ arguments: [String]) {
        var remaining = arguments[...]
        while let name = remaining.popFirst() {
            if name == "--compare" {
                compare = true
                // The Python is optional: without it DuckDB is skipped, Hugo still runs.
                if let next = remaining.first, !next.hasPrefix("--") { python = remaining.popFirst() }
                continue
            }
            guard let text = remaining.popFirst() else { return nil }
            switch name {
            case "--dir": directory = text
            case "--rows":
                guard let value = Int(text), value > 0 else { return nil }
                rows = value
            case "--runs":
                guard let value = Int(text), value > 0 else { return nil }
                runs = value
            case "--threads":
                guard let value = Int(text), value > 0 else { return nil }
                threads = value
            default: return nil
            }
        }
    }
}

private struct NationalBenchmark {
    let options: NationalOptions

    func run() throws {
        let base =
            options.directory.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory
        let dataset = base.appendingPathComponent("bulletin-national-\(options.rows)")
        let summary = try prepare(dataset)
        let ledgers = summary.rows.keys.filter { $0 != "regions.csv" && $0 != "bulletin.json" }
        let ledgerBytes = ledgers.reduce(0) { $0 + (summary.bytes[$1] ?? 0) }
        let ledgerRows = ledgers.reduce(0) { $0 + (summary.rows[$1] ?? 0) }
        print(
            "National benchmark: \(grouped(summary.units)) units, \(grouped(summary.regions)) regions, "
                + "\(grouped(ledgerRows)) ledger rows, \(megabytes(ledgerBytes)) of ledgers "
                + "(regions.csv \(megabytes(summary.bytes["regions.csv"] ?? 0))) in \(dataset.path)")
        for file in ledgers.sorted() {
            print(
                "  \(pad(file, 16)) \(pad(grouped(summary.rows[file] ?? 0) + " rows", 18)) \(megabytes(summary.bytes[file] ?? 0))"
            )
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print(
            "threads: \(options.threads.map(String.init) ?? "\(cores) (one per core)"); files in the page cache after the first run;"
        )
        print("peak memory = VmHWM, reset to the resident size at the start of each stage;")
        print("CPU = user + system seconds of all threads (less disturbed by other work than wall time);")
        print("each run builds into a folder of its own, all removed at the end: on some file systems (ext4")
        print(
            "without a journal) creating files is several times slower for minutes after many were deleted,")
        print("and a weekly build does not follow the deletion of thousands of files.\n")

        // Builds into new folders: replacing one output with the next would delete ~3,000 files
        // right before each run (see above).
        let outputs = (1...options.runs).map {
            base.appendingPathComponent("bulletin-national-\(options.rows)-output-\($0)")
        }
        for folder in outputs { try? FileManager.default.removeItem(at: folder) }
        defer { for folder in outputs { try? FileManager.default.removeItem(at: folder) } }
        var runs: [Run] = []
        for (index, out) in zip(1..., outputs) {
            let run = try build(dataset: dataset, out: out)
            runs.append(run)
            print(
                String(
                    format: "run %d: %.2f s (CPU %.2f s), %d files, whole-build peak %@", index, run.seconds,
                    run.cpuSeconds, run.files, mebibytes(run.peakKiB)))
        }
        guard let best = runs.min(by: { $0.seconds < $1.seconds }) else { return }
        print("\nbest run, stage by stage:")
        for stage in BuildStage.allCases {
            guard let figures = best.stages[stage] else { continue }
            var line =
                "  \(pad(stage.rawValue, 10)) "
                + String(format: "%6.3f s (CPU %6.3f s)", figures.seconds, figures.cpuSeconds)
            line += "   peak \(pad(mebibytes(figures.peakKiB), 11))"
            switch stage {
            case .scan:
                line += String(
                    format: "   %.2f M rows/s, %.0f MB/s", Double(ledgerRows) / figures.seconds / 1e6,
                    Double(ledgerBytes) / figures.seconds / 1e6)
            case .render:
                line += String(format: "   %.0f files/s", Double(best.files - 1) / figures.seconds)
            default: break
            }
            print(line)
        }
        print(
            String(
                format: "  %@ %6.3f s (CPU %6.3f s)   peak %@   %.2f M rows/s, %.0f MB/s end to end",
                pad("total", 10), best.seconds, best.cpuSeconds, mebibytes(best.peakKiB),
                Double(ledgerRows) / best.seconds / 1e6,
                Double(ledgerBytes) / best.seconds / 1e6))
        let median = runs.map(\.seconds).sorted()[runs.count / 2]
        print(String(format: "  median of %d runs: %.3f s", runs.count, median))
        if let render = best.stages[.render] {
            print(
                String(
                    format: "  render wrote %@ (data.json %@): %.0f MB/s, %.0f MB per core-second",
                    megabytes(best.renderBytes), megabytes(best.dataJSONBytes),
                    Double(best.renderBytes) / render.seconds / 1e6,
                    Double(best.renderBytes) / render.cpuSeconds / 1e6))
        }
        let floor = try measureFloor(
            ledgers: ledgers.sorted().map { dataset.appendingPathComponent($0).path }, output: outputs[0])
        var peers = Peers()
        if options.compare {
            peers.hugo = runHugo(base: base)
            if let python = options.python {
                peers.duckDB = compareEngines(
                    python: python, dataset: dataset, bulletinSeconds: best.seconds,
                    floorSeconds: floor?.seconds ?? 0)
                if peers.duckDB == nil {
                    peers.duckDBSkipped = "skipped: compare-engines.py gave no DuckDB time"
                }
            } else {
                peers.duckDBSkipped = "skipped: no Python given (--compare PYTHON)"
            }
        }
        printRatios(best: best, rows: ledgerRows, floor: floor, peers: peers)
    }

    /// Times the floor (FloorBenchmark.swift) best of `runs`, prints its steps and returns its
    /// figures: reading, counting and hashing every ledger byte, then writing the output's bytes.
    private func measureFloor(ledgers: [String], output: URL) throws -> Floor.Figures? {
        let threads = options.threads ?? ProcessInfo.processInfo.activeProcessorCount
        var best: Floor.Figures?
        for _ in 1...options.runs {
            let figures = try Floor.measure(ledgers: ledgers, output: output, threads: threads)
            if best.map({ figures.seconds < $0.seconds }) ?? true { best = figures }
        }
        guard let best else { return nil }
        print(
            "\nfloor — what any build of these files must do at least, whatever its code (\(threads) threads, best of \(options.runs)):"
        )
        for step in best.steps {
            print(
                "  \(pad(step.name, 42)) "
                    + String(format: "%6.3f s (CPU %6.3f s)", step.seconds, step.cpuSeconds)
                    + "   \(step.detail)")
        }
        print(
            String(
                format:
                    "  floor (hash pass + writing) %6.3f s (CPU %6.3f s); no parsing, checking, counting or rendering",
                best.seconds, best.cpuSeconds))
        return best
    }

    /// Builds the Hugo peer best of `runs` by wall time and prints each run; nil when `hugo` is
    /// not on the PATH or failed (`printRatios` then says which).
    private func runHugo(base: URL) -> HugoPeer.Figures? {
        guard let hugo = HugoPeer.executable() else {
            print("\nHugo peer: skipped: hugo not found")
            return nil
        }
        let site = base.appendingPathComponent("bulletin-national-hugo")
        do {
            let pages = try HugoPeer.prepare(site)
            print("\nHugo peer: \(hugo) on \(grouped(pages)) content pages in \(site.path)")
            var best: HugoPeer.Figures?
            for index in 1...options.runs {
                let figures = try HugoPeer.build(
                    hugo: hugo, site: site,
                    output: base.appendingPathComponent("bulletin-national-hugo-public"),
                    threads: options.threads)
                print(
                    String(
                        format:
                            "  run %d: %.2f s (CPU %.2f s), %d files, %@, peak %@: %.1f MB/s, %.1f MB per core-second",
                        index, figures.seconds, figures.cpuSeconds, figures.pages, megabytes(figures.bytes),
                        mebibytes(figures.peakKiB), figures.megabytesPerSecond, figures.megabytesPerCoreSecond
                    ))
                if best.map({ figures.seconds < $0.seconds }) ?? true { best = figures }
            }
            return best
        } catch {
            print("  hugo peer failed: \(error)")
            return nil
        }
    }

    /// Prints the block of SPEC §10's ratios for the best build.
    private func printRatios(best: Run, rows: Int, floor: Floor.Figures?, peers: Peers) {
        var peers = peers
        if options.compare && peers.hugo == nil {
            peers.hugoSkipped =
                HugoPeer.executable() == nil ? "skipped: hugo not found" : "skipped: hugo failed"
        }
        NationalRatios(
            rows: rows, threads: options.threads ?? ProcessInfo.processInfo.activeProcessorCount,
            runs: options.runs,
            buildSeconds: best.seconds, buildCPUSeconds: best.cpuSeconds, floorCPUSeconds: floor?.cpuSeconds,
            peakKiB: best.peakKiB, renderBytes: best.renderBytes,
            renderCPUSeconds: best.stages[.render]?.cpuSeconds ?? 0, dataJSONBytes: best.dataJSONBytes,
            peers: peers
        ).print()
    }

    /// Runs `Benchmarks/compare-engines.py` on the dataset, prints each engine's time beside
    /// Bulletin's best build and the floor, and returns DuckDB's seconds.
    private func compareEngines(python: String, dataset: URL, bulletinSeconds: Double, floorSeconds: Double)
        -> Double?
    {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("compare-engines.py")
        print("\n\(python) \(script.path) \(dataset.path) --runs \(options.runs)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path, dataset.path, "--runs", String(options.runs)]
        let pipe = Pipe()
        process.standardOutput = pipe
        do {
            try process.run()
        } catch {
            print("could not run \(python): \(error)")
            return nil
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        print(output, terminator: "")
        guard process.terminationStatus == 0 else {
            print("compare-engines.py failed (exit status \(process.terminationStatus))")
            return nil
        }
        var duckDB: Double?
        // Lines such as "DuckDB 1.1.3 (2 threads): 1.362 s total (...)".
        for line in output.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":"), line.contains(" s total") else { continue }
            let engine = line[..<colon]
            let figure = line[line.index(after: colon)...].drop { $0 == " " }.prefix { $0 != " " }
            guard let seconds = Double(figure), seconds > 0 else { continue }
            if engine.hasPrefix("DuckDB") { duckDB = seconds }
            print(
                String(
                    format: "Bulletin %.3f s / %@ %.3f s = %.2f (target: at most 1; aim 0.5)",
                    bulletinSeconds,
                    String(engine), seconds, bulletinSeconds / seconds))
            print(
                String(
                    format: "floor %.3f s / %@ %.3f s = %.2f (no build on this machine can do better)",
                    floorSeconds,
                    String(engine), seconds, floorSeconds / seconds))
        }
        return duckDB
    }

    /// Generates the dataset unless a complete one for this row count is already there.
    private func prepare(_ dataset: URL) throws -> NationalDataset.Summary {
        let stamp = dataset.appendingPathComponent(".complete")
        if let data = FileManager.default.contents(atPath: stamp.path),
            let summary = try? JSONDecoder().decode(StoredSummary.self, from: data)
        {
            return summary.summary
        }
        try? FileManager.default.removeItem(at: dataset)
        let started = DispatchTime.now()
        let summary = try NationalDataset.write(to: dataset, rows: options.rows)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        print(String(format: "generated in %.1f s", seconds))
        try JSONEncoder().encode(StoredSummary(summary)).write(to: stamp)
        return summary
    }

    struct StageFigures {
        var seconds: Double = 0
        /// CPU seconds of all threads, user and system.
        var cpuSeconds: Double = 0
        var peakKiB = 0
    }

    struct Run {
        var seconds: Double
        var cpuSeconds: Double
        var files: Int
        var peakKiB: Int
        var stages: [BuildStage: StageFigures]
        /// Bytes of every file the render stage wrote: the whole output but the manifest.
        var renderBytes: Int
        var dataJSONBytes: Int
    }

    private func build(dataset: URL, out: URL) throws -> Run {
        let recorder = StageRecorder()
        var request = BuildJob.Request(dataset: dataset, out: out)
        // The shipped templates, as the command line finds them when run from the repository.
        request.shippedTemplates = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent("templates")
        request.threads = options.threads
        request.progress = { recorder.handle($0) }
        // Give back what the previous run freed, so that each run's peaks start from the same place.
        ProcessStatus.trimMalloc()
        ProcessStatus.resetPeak()
        let started = DispatchTime.now()
        let cpuAtStart = ProcessStatus.cpuSeconds()
        let outcome = try BuildJob.build(request)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        let cpuSeconds = ProcessStatus.cpuSeconds() - cpuAtStart
        if outcome.quality.errorCount > 0 {
            print("  (the dataset has \(outcome.quality.errorCount) errors)")
        }
        // The manifest is written in the commit stage, after the render stage's figures.
        let manifest = out.appendingPathComponent("manifest.json").path
        let manifestBytes =
            (try? FileManager.default.attributesOfItem(atPath: manifest)[.size] as? NSNumber)?.intValue ?? 0
        let dataJSON = out.appendingPathComponent("data.json").path
        let dataJSONBytes =
            (try? FileManager.default.attributesOfItem(atPath: dataJSON)[.size] as? NSNumber)?.intValue ?? 0
        return Run(
            seconds: seconds, cpuSeconds: cpuSeconds, files: outcome.filesWritten,
            peakKiB: recorder.wholePeakKiB,
            stages: recorder.stages, renderBytes: HugoPeer.sizes(of: out).bytes - manifestBytes,
            dataJSONBytes: dataJSONBytes)
    }
}

/// Times each stage and its peak memory from the build's events.
private final class StageRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var startedAt: [BuildStage: DispatchTime] = [:]
    private var cpuAtStart: [BuildStage: Double] = [:]
    private(set) var stages: [BuildStage: NationalBenchmark.StageFigures] = [:]
    private(set) var wholePeakKiB = 0

    func handle(_ event: BuildEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .started(let stage):
            notePeak()
            ProcessStatus.resetPeak()
            startedAt[stage] = .now()
            cpuAtStart[stage] = ProcessStatus.cpuSeconds()
        case .finished(let stage):
            guard let started = startedAt[stage] else { return }
            var figures = stages[stage] ?? .init()
            figures.seconds += Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            figures.cpuSeconds += ProcessStatus.cpuSeconds() - (cpuAtStart[stage] ?? 0)
            let peak = ProcessStatus.read()?.peakKiB ?? 0
            figures.peakKiB = max(figures.peakKiB, peak)
            wholePeakKiB = max(wholePeakKiB, peak)
            stages[stage] = figures
        case .read, .wrote:
            return
        }
    }

    private func notePeak() { wholePeakKiB = max(wholePeakKiB, ProcessStatus.read()?.peakKiB ?? 0) }
}

/// The generated dataset's figures, kept beside it so a later run need not count again.
private struct StoredSummary: Codable {
    var rows: [String: Int]
    var bytes: [String: Int]
    var regions: Int
    var units: Int

    init(_ summary: NationalDataset.Summary) {
        (rows, bytes, regions, units) = (summary.rows, summary.bytes, summary.regions, summary.units)
    }

    var summary: NationalDataset.Summary {
        NationalDataset.Summary(rows: rows, bytes: bytes, regions: regions, units: units)
    }
}
