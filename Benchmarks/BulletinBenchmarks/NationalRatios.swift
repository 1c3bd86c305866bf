// The last block of the national benchmark: every ratio of SPEC §10 from one run, and whether
// its target holds. Peers that did not run are printed as skipped, with why.
import Foundation

/// What the peers measured on the same files and threads, or why they did not run.
struct Peers {
    var duckDB: Double?
    var duckDBSkipped = "skipped: run with --compare [PYTHON]"
    var hugo: HugoPeer.Figures?
    var hugoSkipped = "skipped: run with --compare [PYTHON]"
}

/// The figures of Bulletin's best build that the targets are about.
struct NationalRatios {
    var rows: Int
    var threads: Int
    var runs: Int
    var buildSeconds: Double
    var buildCPUSeconds: Double
    var floorCPUSeconds: Double?
    var peakKiB: Int
    var renderBytes: Int
    var renderCPUSeconds: Double
    var dataJSONBytes: Int
    var peers: Peers

    /// Prints one line per ratio: what, the figures, the target and whether it holds.
    func print() {
        Swift.print(
            "\nSPEC §10 in this run (\(grouped(rows)) rows, \(threads) threads; Bulletin's best of \(runs) by wall time):"
        )
        if let duckDB = peers.duckDB {
            let ratio = buildSeconds / duckDB
            line(
                "whole build / DuckDB group-by",
                String(format: "%.3f s / %.3f s = %.2f", buildSeconds, duckDB, ratio),
                "target ≤ 1: \(holds(ratio <= 1)); aim ≤ 0.5: \(holds(ratio <= 0.5))")
        } else {
            line(
                "whole build / DuckDB group-by", String(format: "%.3f s / –", buildSeconds),
                peers.duckDBSkipped)
        }
        if let floor = floorCPUSeconds, floor > 0 {
            let ratio = buildCPUSeconds / floor
            line(
                "build CPU / floor CPU",
                String(format: "%.3f s / %.3f s = %.2f", buildCPUSeconds, floor, ratio),
                "target ≤ 3: \(holds(ratio <= 3))")
        } else {
            line(
                "build CPU / floor CPU", String(format: "%.3f s / –", buildCPUSeconds),
                "skipped: no floor measured")
        }
        line("peak memory", mebibytes(peakKiB), "target < 256 MiB: \(holds(peakKiB < 256 * 1024))")
        let perCoreSecond = Double(renderBytes) / renderCPUSeconds / 1e6
        line(
            "render: output MB per core-second",
            String(
                format: "%.1f MB / %.3f s = %.0f", Double(renderBytes) / 1e6, renderCPUSeconds, perCoreSecond),
            "target ≥ 300: \(holds(perCoreSecond >= 300))")
        if let hugo = peers.hugo {
            line(
                "render / Hugo, per core-second",
                String(
                    format: "%.0f / %.1f = %.1f×", perCoreSecond, hugo.megabytesPerCoreSecond,
                    perCoreSecond / hugo.megabytesPerCoreSecond),
                String(
                    format:
                        "Hugo: %d pages, %.1f MB in %.2f s (CPU %.2f s): %.1f MB/s, %.1f MB per core-second",
                    hugo.pages, Double(hugo.bytes) / 1e6, hugo.seconds, hugo.cpuSeconds,
                    hugo.megabytesPerSecond,
                    hugo.megabytesPerCoreSecond))
        } else {
            line(
                "render / Hugo, per core-second", String(format: "%.0f / –", perCoreSecond), peers.hugoSkipped
            )
        }
        line(
            "data.json", megabytes(dataJSONBytes),
            "target ≤ 20 MB: \(holds(dataJSONBytes <= 20_000_000))")
    }

    private func line(_ what: String, _ figures: String, _ verdict: String) {
        Swift.print("  \(pad(what, 34)) \(pad(figures, 32)) \(verdict)")
    }

    private func holds(_ condition: Bool) -> String { condition ? "holds" : "NOT MET" }
}
