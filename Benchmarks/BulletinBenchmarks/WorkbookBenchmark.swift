// Workbook benchmark (issue 13): `bulletin check` of a dataset whose ledger is one county's
// workbook of a million households (WorkbookDataset.swift), against python-calamine (Rust)
// reading the same sheet, in the same run, on the same file.
//
//   swift build -c release --product bulletin
//   swift run -c release BulletinBenchmarks workbook [--rows N] [--small N] [--runs K] [--dir DIR]
//                                                    [--python PYTHON]
//
// Both are timed as child processes (wall, user + system CPU from wait4, peak RSS from
// /usr/bin/time's %M when it is there, else wait4), so each
// side pays its own start-up: for Python that includes the interpreter and the import, timed
// alone as well. The check runs again on a `--small` workbook (default 250,000 rows) to show
// whether peak memory grows with rows. Prints figures; asserts nothing. The target: the check
// takes at most half of calamine's time (aim: a fifth).
import Dispatch
import Foundation

func runWorkbookBenchmark(_ arguments: [String]) {
    guard let options = WorkbookOptions(arguments) else {
        print(
            "usage: BulletinBenchmarks workbook [--rows N (default 1000000)] [--small N (default 250000)] "
                + "[--runs K (default 3)] [--dir DIR] [--python PYTHON (default /tmp/bulletin-tools-venv/bin/python)]"
        )
        return
    }
    do {
        try WorkbookBenchmark(options: options).run()
    } catch {
        print("workbook benchmark failed: \(error)")
    }
}

private struct WorkbookOptions {
    var rows = 1_000_000
    var small = 250_000
    var runs = 3
    var directory: String?
    var python = "/tmp/bulletin-tools-venv/bin/python"

    init?(_ arguments: [String]) {
        var remaining = arguments[...]
        while let name = remaining.popFirst() {
            guard let text = remaining.popFirst() else { return nil }
            switch name {
            case "--dir": directory = text
            case "--python": python = text
            case "--rows", "--small", "--runs":
                guard let value = Int(text), value > 0 else { return nil }
                if name == "--rows" {
                    rows = value
                } else if name == "--small" {
                    small = value
                } else {
                    runs = value
                }
            default: return nil
            }
        }
    }
}

private struct WorkbookBenchmark {
    let options: WorkbookOptions

    func run() throws {
        let base =
            options.directory.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("bulletin")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            print("no \(executable.path): build it first with `swift build -c release --product bulletin`")
            return
        }
        print(
            "Workbook benchmark: `bulletin check` (\(executable.path)) against python-calamine, best of \(options.runs)"
        )
        print(
            "wall = elapsed seconds; CPU = user + system seconds; peak = the child's maximum RSS (/usr/bin/time %M)\n"
        )
        let large = try prepare(base, rows: options.rows)
        let bulletin = try best { try Child.run(executable.path, ["check", large.folder.path]) }
        report("bulletin check", bulletin)

        let workbook = large.folder.appendingPathComponent(WorkbookDataset.ledger).path
        if FileManager.default.isExecutableFile(atPath: options.python) {
            let read = """
                import sys
                from python_calamine import CalamineWorkbook
                rows = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_name(sys.argv[2]).to_python()
                print(len(rows), "rows")
                """
            let imports = "import python_calamine"
            let startup = try best { try Child.run(options.python, ["-c", imports]) }
            let calamine = try best {
                try Child.run(options.python, ["-c", read, workbook, WorkbookDataset.sheetName])
            }
            report("python-calamine to_python()", calamine)
            report("  of which Python start-up and import", startup)
            print(
                String(
                    format:
                        "\nratio: bulletin check %.3f s / calamine %.3f s = %.2f (target: at most 0.5; aim 0.2)",
                    bulletin.wall, calamine.wall, bulletin.wall / calamine.wall))
            print(
                String(
                    format: "CPU ratio: %.3f s / %.3f s = %.2f", bulletin.cpu, calamine.cpu,
                    bulletin.cpu / calamine.cpu))
        } else {
            print("python-calamine: skipped (no \(options.python))")
        }

        print("\nmemory against rows (bulletin check, best of \(options.runs)):")
        for rows in [options.small, options.rows] {
            let dataset = try prepare(base, rows: rows)
            let figures =
                rows == options.rows
                ? bulletin
                : try best {
                    try Child.run(executable.path, ["check", dataset.folder.path])
                }
            print(
                "  \(pad(grouped(rows) + " rows", 16)) \(pad(megabytes(dataset.bytes) + " xlsx", 14))"
                    + String(
                        format: " %6.3f s (CPU %6.3f s)   peak %@", figures.wall, figures.cpu,
                        mebibytes(figures.peakKiB)))
        }
    }

    private func report(_ name: String, _ figures: Child.Figures) {
        print(
            "\(pad(name, 38)) "
                + String(
                    format: "%7.3f s (CPU %7.3f s)   peak %@", figures.wall, figures.cpu,
                    mebibytes(figures.peakKiB))
                + (figures.status == 0 ? "" : "   exit status \(figures.status)") + "   \(figures.lastLine)")
    }

    /// The fastest of `runs` runs by wall time; the peak is the largest seen.
    private func best(_ body: () throws -> Child.Figures) throws -> Child.Figures {
        var runs: [Child.Figures] = []
        for _ in 1...options.runs { runs.append(try body()) }
        guard var fastest = runs.min(by: { $0.wall < $1.wall }) else {
            throw WorkbookBenchmarkError("no runs")
        }
        fastest.peakKiB = runs.map(\.peakKiB).max() ?? fastest.peakKiB
        return fastest
    }

    /// Generates the dataset of `rows` households unless a complete one is there.
    private func prepare(_ base: URL, rows: Int) throws -> (folder: URL, bytes: Int) {
        let folder = base.appendingPathComponent("bulletin-workbook-\(rows)")
        let stamp = folder.appendingPathComponent(".complete")
        if let text = try? String(contentsOf: stamp, encoding: .utf8), let bytes = Int(text) {
            return (folder, bytes)
        }
        try? FileManager.default.removeItem(at: folder)
        let started = DispatchTime.now()
        let sizes = try WorkbookDataset.write(to: folder, rows: rows)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        print(
            String(
                format: "generated %@ in %.1f s: %@ rows, %@ (sheet part %@ uncompressed)", folder.path,
                seconds,
                grouped(rows), megabytes(sizes.bytes), megabytes(sizes.sheetBytes)))
        try String(sizes.bytes).write(to: stamp, atomically: true, encoding: .utf8)
        return (folder, sizes.bytes)
    }
}

/// A child process timed by `wait4`: its own wall time, CPU time and peak resident memory.
enum Child {
    struct Figures {
        var wall: Double
        var cpu: Double
        var peakKiB: Int
        var status: Int32
        /// The last line it printed (stdout and stderr), to see it did the work.
        var lastLine: String
    }

    /// `/usr/bin/time`, run between this process and the child: a child spawned from here
    /// (`posix_spawn` shares this process's memory until `exec`) inherits this process's peak
    /// RSS in its own, while `time` forks from its small self and reports the child's alone.
    static let time = "/usr/bin/time"

    static func run(_ path: String, _ arguments: [String]) throws -> Figures {
        let temporary = FileManager.default.temporaryDirectory
        let log = temporary.appendingPathComponent("bulletin-workbook-child.log").path
        let peakFile = temporary.appendingPathComponent("bulletin-workbook-child.peak").path
        try? FileManager.default.removeItem(atPath: peakFile)
        let timed = FileManager.default.isExecutableFile(atPath: time)
        let command = timed ? [time, "-o", peakFile, "-f", "%M", path] + arguments : [path] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let started = DispatchTime.now()
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
        guard spawned == 0 else { throw WorkbookBenchmarkError("could not start \(path): error \(spawned)") }
        var status: Int32 = 0
        var usage = rusage()
        guard wait4(pid, &status, 0, &usage) == pid else {
            throw WorkbookBenchmarkError("wait4 failed for \(path)")
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        let last = output.split(separator: "\n").last.map { String($0.prefix(100)) } ?? ""
        // Without `time`, the peak is at least this process's own (see `time`).
        let reported = (try? String(contentsOfFile: peakFile, encoding: .utf8)).flatMap {
            Int($0.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? "")
        }
        return Figures(
            wall: wall, cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
            peakKiB: reported ?? usage.ru_maxrss,
            status: (status >> 8) & 0xFF, lastLine: last)
    }
}
