// The floor under a national build: what any program that builds this bulletin must do at
// least, whatever its code, timed on the same files and threads as the build. It reads every
// ledger byte and finds every line end (as `wc -l` does), hashes every ledger byte (the
// manifest's SHA-256, SPEC §6), and writes the bytes of the build's output into as many files.
// It parses nothing, checks nothing, computes nothing and renders nothing, so no build can take
// less time on this machine.
import BulletinKit
import Dispatch
import Foundation

struct FloorStep {
    var name: String
    var seconds: Double
    var cpuSeconds: Double
    var detail: String
}

enum Floor {
    /// The three steps of one measurement.
    struct Figures {
        /// Reading every ledger byte and counting line ends: shown, not part of the floor.
        var read: FloorStep
        /// The same, and SHA-256 of every byte in the same pass.
        var hashed: FloorStep
        /// Writing the output's bytes into its files.
        var written: FloorStep

        var steps: [FloorStep] { [read, hashed, written] }
        /// The floor: the hash pass, then the writing.
        var seconds: Double { hashed.seconds + written.seconds }
        var cpuSeconds: Double { hashed.cpuSeconds + written.cpuSeconds }
    }

    /// Times the three steps; `output` is a built bulletin whose files are written again (into
    /// a sibling folder, removed afterwards).
    static func measure(ledgers: [String], output: URL, threads: Int) throws -> Figures {
        let sizes = ledgers.map {
            (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? NSNumber)?.intValue ?? 0
        }
        let order = ledgers.indices.sorted { (sizes[$0], $1) > (sizes[$1], $0) }.map { ledgers[$0] }
        let totalBytes = sizes.reduce(0, +)

        let lines = SharedCounter()
        var (seconds, cpu) = try timed(threads: threads, count: order.count) { index in
            try stream(order[index]) { chunk in lines.add(lineEnds(in: chunk)) }
        }
        let read = FloorStep(
            name: "read every ledger byte, count line ends", seconds: seconds, cpuSeconds: cpu,
            detail:
                "\(grouped(lines.value)) lines, \(String(format: "%.0f", Double(totalBytes) / seconds / 1e6)) MB/s"
        )

        (seconds, cpu) = try timed(threads: threads, count: order.count) { index in
            var hasher = SHA256()
            try stream(order[index]) { chunk in
                _ = lineEnds(in: chunk)
                hasher.update(chunk)
            }
            _ = hasher.finalize()
        }
        let hashed = FloorStep(
            name: "… and SHA-256 them in the same pass", seconds: seconds, cpuSeconds: cpu,
            detail: String(format: "%.0f MB/s", Double(totalBytes) / seconds / 1e6))

        let files = try contents(of: output)
        let copy = output.deletingLastPathComponent().appendingPathComponent(
            output.lastPathComponent + "-floor")
        try? FileManager.default.removeItem(at: copy)
        let written = files.reduce(0) { $0 + $1.bytes.count }
        (seconds, cpu) = try timed(threads: threads, count: 1) { _ in
            for folder in Set(files.map { ($0.path as NSString).deletingLastPathComponent }).sorted() {
                try FileManager.default.createDirectory(
                    at: copy.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
        }
        let (writeSeconds, writeCPU) = try timed(threads: threads, count: files.count) { index in
            try write(files[index].bytes, to: copy.appendingPathComponent(files[index].path).path)
        }
        try? FileManager.default.removeItem(at: copy)
        let writing = FloorStep(
            name: "write the output's bytes into its files", seconds: seconds + writeSeconds,
            cpuSeconds: cpu + writeCPU,
            detail: "\(grouped(files.count)) files, \(megabytes(written))")
        return Figures(read: read, hashed: hashed, written: writing)
    }

    /// Runs `body` for `0..<count` on `threads` threads, each taking the next index; the wall
    /// and CPU seconds it took.
    private static func timed(threads: Int, count: Int, _ body: @escaping @Sendable (Int) throws -> Void)
        throws -> (Double, Double)
    {
        let next = SharedCounter()
        let failure = Failure()
        let started = DispatchTime.now()
        let cpuAtStart = ProcessStatus.cpuSeconds()
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, count))) { _ in
            while true {
                let index = next.add(1) - 1
                guard index < count else { return }
                do { try body(index) } catch { failure.set(error) }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        let cpu = ProcessStatus.cpuSeconds() - cpuAtStart
        if let error = failure.error { throw error }
        return (seconds, cpu)
    }

    /// Reads the file at `path` in 1 MiB chunks into one buffer.
    private static func stream(_ path: String, _ body: (UnsafeRawBufferPointer) -> Void) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { chunk.deallocate() }
        while true {
            let count = read(descriptor, chunk.baseAddress, chunk.count)
            if count == 0 { return }
            if count < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            body(UnsafeRawBufferPointer(rebasing: chunk[..<count]))
        }
    }

    /// How many line feeds `chunk` holds, found with `memchr` (vectorised in glibc).
    private static func lineEnds(in chunk: UnsafeRawBufferPointer) -> Int {
        guard let base = chunk.baseAddress else { return 0 }
        var count = 0
        var position = base
        let end = base + chunk.count
        while position < end, let found = memchr(position, 0x0A, end - position) {
            count += 1
            position = UnsafeRawPointer(found) + 1
        }
        return count
    }

    /// Every file under `folder`, with its path relative to it, largest first.
    private static func contents(of folder: URL) throws -> [(path: String, bytes: Data)] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var files: [(path: String, bytes: Data)] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = folder.appendingPathComponent(path).path
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory),
                !isDirectory.boolValue
            else { continue }
            files.append((path, try Data(contentsOf: URL(fileURLWithPath: full))))
        }
        return files.sorted { ($0.bytes.count, $1.path) > ($1.bytes.count, $0.path) }
    }

    /// Creates `path` and writes `bytes` with one `write` call per megabyte.
    private static func write(_ bytes: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Foundation.write(
                    descriptor, buffer.baseAddress! + offset, min(1 << 20, buffer.count - offset))
                if count < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += count
            }
        }
    }
}

/// A counter shared by threads.
private final class SharedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var value = 0

    /// Adds `amount` and returns the new value.
    @discardableResult
    func add(_ amount: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += amount
        return value
    }
}

/// The first error any thread met.
private final class Failure: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var error: (any Error)?

    func set(_ error: any Error) {
        lock.lock()
        if self.error == nil { self.error = error }
        lock.unlock()
    }
}
