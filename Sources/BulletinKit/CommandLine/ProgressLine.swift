import Dispatch
import Foundation

/// The one line a long build keeps rewriting on a terminal: rows and megabytes read with the
/// speed, then files written. Shown only on a terminal and never with `--quiet`; it goes to
/// stderr and disappears before the summary line.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var scanStarted: DispatchTime?
    private var lastShown = DispatchTime(uptimeNanoseconds: 0)
    private var isShowing = false
    private let write: @Sendable (String) -> Void
    private let now: @Sendable () -> DispatchTime
    /// The line's words, in the terminal's locale (English by default).
    private let texts: MessageTexts

    init(
        texts: MessageTexts = MessageTexts.english,
        write: @escaping @Sendable (String) -> Void = { Runner.printProgress($0) },
        now: @escaping @Sendable () -> DispatchTime = { .now() }
    ) {
        self.texts = texts
        self.write = write
        self.now = now
    }

    /// Takes one build event; redraws at most ten times a second.
    func handle(_ event: BuildEvent) {
        lock.lock()
        defer { lock.unlock() }
        let now = self.now()
        switch event {
        case .started(.scan):
            scanStarted = now
            return
        case .read(let rows, let bytes, let totalBytes):
            guard isDue(now) else { return }
            let seconds = scanStarted.map { Double(now.uptimeNanoseconds - $0.uptimeNanoseconds) / 1e9 } ?? 0
            show(Self.readText(rows: rows, bytes: bytes, totalBytes: totalBytes, seconds: seconds, texts: texts))
        case .wrote(let files, let total):
            guard isDue(now) || files == total else { return }
            show(texts.text(.init(.progressWriting, ["files": .number(files), "total": .number(total)])))
        case .started, .finished:
            return
        }
    }

    /// Clears the line, if anything was shown.
    func clear() {
        lock.lock()
        defer { lock.unlock() }
        if isShowing { write("") }
        isShowing = false
    }

    /// `reading ledgers: 1,234,567 rows, 123 of 456 MB, 512 MB/s` (in `texts`' locale).
    static func readText(
        rows: Int, bytes: Int, totalBytes: Int, seconds: Double, texts: MessageTexts = MessageTexts.english
    ) -> String {
        let megabytes = { (value: Int) in String(format: "%.0f", Double(value) / 1e6) }
        let speed: Diagnostic.Value =
            seconds > 0.05
            ? .message(.init(.progressSpeed, ["speed": .text(String(format: "%.0f", Double(bytes) / 1e6 / seconds))]))
            : ""
        return texts.text(
            .init(
                .progressReading,
                [
                    "rows": .text(grouped(rows)), "read": .text(megabytes(bytes)), "total": .text(megabytes(totalBytes)),
                    "speed": speed,
                ]))
    }

    private func isDue(_ now: DispatchTime) -> Bool {
        guard now.uptimeNanoseconds >= lastShown.uptimeNanoseconds + 100_000_000 else { return false }
        lastShown = now
        return true
    }

    private func show(_ text: String) {
        isShowing = true
        write(text)
    }

    private static func grouped(_ value: Int) -> String {
        var digits = Array(String(value))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits)
    }
}
