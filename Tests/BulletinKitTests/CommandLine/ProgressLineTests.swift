import Foundation
import Testing

@testable import BulletinKit

/// The progress line of a long build on a terminal.
struct ProgressLineTests {
    /// 1,234,567 rows and 123.4 MB of 456.7 MB in 0.5 s: 246.8 MB/s, printed without decimals.
    @Test func readingLineSaysRowsMegabytesAndSpeed() {
        let text = ProgressLine.readText(
            rows: 1_234_567, bytes: 123_400_000, totalBytes: 456_700_000, seconds: 0.5)
        #expect(text == "reading ledgers: 1,234,567 rows, 123 of 457 MB, 247 MB/s")
    }

    /// A Chinese dataset's terminal reads Chinese: the same figures as above in zh-Hans words.
    @Test func chineseReadingAndWritingLines() throws {
        let texts = MessageTexts(labels: try TemplateLocation.labels(in: Repository.templates, locale: "zh-Hans"))
        #expect(
            ProgressLine.readText(rows: 1_234_567, bytes: 123_400_000, totalBytes: 456_700_000, seconds: 0.5, texts: texts)
                == "正在读取台账：1,234,567 行，123 / 457 MB，每秒 247 MB")
        let shown = Shown()
        let line = ProgressLine(texts: texts, write: { shown.append($0) })
        line.handle(.wrote(files: 4, of: 4))
        #expect(shown.all == ["正在写出文件：4 / 4"])
    }

    /// Before a twentieth of a second has passed a speed would be noise: none is shown.
    @Test func noSpeedAtTheVeryStart() {
        #expect(
            ProgressLine.readText(rows: 12, bytes: 999, totalBytes: 1_000_000, seconds: 0.01)
                == "reading ledgers: 12 rows, 0 of 1 MB")
    }

    /// Files written are shown, the last one always, and the line is cleared at the end.
    @Test func writingLineAndClear() {
        let shown = Shown()
        let clock = Shown()  // the fake clock's readings, in milliseconds since boot
        let line = ProgressLine(
            write: { shown.append($0) },
            now: { DispatchTime(uptimeNanoseconds: UInt64(clock.all.last ?? "1000")! * 1_000_000) })
        line.handle(.wrote(files: 1, of: 4))
        clock.append("1050")
        line.handle(.wrote(files: 2, of: 4))  // 50 ms after the first: skipped
        clock.append("1100")
        line.handle(.wrote(files: 3, of: 4))  // 100 ms after the first shown: shown
        clock.append("1110")
        line.handle(.wrote(files: 4, of: 4))  // the last, however soon
        line.clear()
        #expect(shown.all == ["writing files: 1 of 4", "writing files: 3 of 4", "writing files: 4 of 4", ""])
    }

    /// Nothing shown, nothing cleared: a quick build leaves no blank line behind.
    @Test func clearWithoutAnythingShownWritesNothing() {
        let shown = Shown()
        let line = ProgressLine(write: { shown.append($0) })
        line.handle(.started(.scan))
        line.clear()
        #expect(shown.all.isEmpty)
    }
}

private final class Shown: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }
    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }
}
