// What every benchmark measures with: memory from /proc and figures printed the same way.
import Foundation

/// Peak and current resident memory from `/proc/self/status` (Linux).
struct ProcessStatus {
    var peakKiB: Int
    var residentKiB: Int

    static func read() -> ProcessStatus? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        func kibibytes(_ field: String) -> Int? {
            text.split(separator: "\n").first { $0.hasPrefix(field) }.flatMap { Int($0.filter(\.isNumber)) }
        }
        guard let peak = kibibytes("VmHWM:"), let resident = kibibytes("VmRSS:") else { return nil }
        return ProcessStatus(peakKiB: peak, residentKiB: resident)
    }

    /// Sets the peak back to the current resident size (writing 5 to clear_refs, Linux ≥ 4.0).
    /// CPU seconds the process has used so far, user and system, on all its threads: less
    /// disturbed than wall time by other work on a shared machine.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Returns freed heap memory to the system (glibc's `malloc_trim`, looked up at run time: the
    /// Glibc module does not export it); does nothing where there is no such function.
    static func trimMalloc() {
        #if os(Linux)
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        }
        #endif
    }

    static func resetPeak() {
        let descriptor = open("/proc/self/clear_refs", O_WRONLY)
        guard descriptor >= 0 else { return }
        _ = write(descriptor, "5", 1)
        close(descriptor)
    }
}

func grouped(_ value: Int) -> String {
    let digits = String(value)
    var result = ""
    for (index, character) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { result += "," }
        result.append(character)
    }
    return result
}

func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1e6) }

func mebibytes(_ kibibytes: Int) -> String { String(format: "%.1f MiB", Double(kibibytes) / 1024) }

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}
