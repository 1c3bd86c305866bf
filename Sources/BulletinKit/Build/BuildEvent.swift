import Foundation

/// What a build is doing, reported as it goes: for the progress line on a terminal and for the
/// benchmark's per-stage figures. Never written into the output.
package enum BuildEvent: Sendable {
    /// A stage began.
    case started(BuildStage)
    /// A stage ended.
    case finished(BuildStage)
    /// Ledger rows and bytes read so far, over every ledger, of `totalBytes` to read.
    case read(rows: Int, bytes: Int, totalBytes: Int)
    /// Output files written so far, of `total`.
    case wrote(files: Int, of: Int)
}

/// The stages of a build, in the order they run (SPEC: Ingest → Aggregate → Render).
package enum BuildStage: String, Sendable, CaseIterable {
    /// `bulletin.json`, `regions.csv` and `targets.csv`.
    case load
    /// Every ledger streamed, checked and counted.
    case scan
    /// The bulletin of the as-of date (and, with `--history`, of every earlier period).
    case aggregate
    /// Pages rendered and written into the staging folder.
    case render
    /// The manifest written and the staging folder swapped in.
    case commit
}

/// Counts rows and bytes read by ledgers scanned at the same time, and reports the totals now
/// and then rather than per row.
final class ReadProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var rows = 0
    private var bytes = 0
    private let totalBytes: Int
    private let report: @Sendable (BuildEvent) -> Void

    init(totalBytes: Int, report: @escaping @Sendable (BuildEvent) -> Void) {
        self.totalBytes = totalBytes
        self.report = report
    }

    /// Adds what one ledger read since its last call.
    func add(rows: Int, bytes: Int) {
        lock.lock()
        self.rows += rows
        self.bytes += bytes
        let (rows, bytes) = (self.rows, self.bytes)
        lock.unlock()
        report(.read(rows: rows, bytes: bytes, totalBytes: totalBytes))
    }
}
