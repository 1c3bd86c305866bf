// SHA-256 benchmark: how fast the manifest hashes an input file (one core, file in the page
// cache), on each compression this CPU has: the software one and, with SHA-NI, the hardware
// one. `swift run -c release BulletinBenchmarks sha256 FILE [--runs K]`; `sha256sum FILE` gives
// the digest and speed to compare with.
import BulletinKit
import Dispatch
import Foundation

func runSHA256Benchmark(_ arguments: [String]) {
    guard let path = arguments.first else {
        print("usage: BulletinBenchmarks sha256 FILE [--runs K (default 3)]")
        return
    }
    let runs = arguments.count == 3 && arguments[1] == "--runs" ? max(1, Int(arguments[2]) ?? 3) : 3
    let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    print("default compression on this CPU: \(SHA256.defaultImplementation.rawValue)")
    var digests: Set<String> = []
    for implementation in SHA256.Implementation.allCases {
        var best = Double.infinity
        var digest = ""
        for _ in 0..<runs {
            let started = DispatchTime.now()
            do {
                guard let hex = try SHA256.hexDigest(ofFileAt: path, implementation: implementation) else {
                    print("\(implementation.rawValue): not available on this CPU")
                    break
                }
                digest = hex
            } catch {
                print("cannot read \(path): \(error)")
                return
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9)
        }
        guard !digest.isEmpty else { continue }
        digests.insert(digest)
        print("\(digest)  \(path)")
        print(
            String(
                format: "%@: %@ in %.3f s, best of %d: %.0f MB/s", implementation.rawValue, megabytes(bytes),
                best, runs, Double(bytes) / best / 1e6))
    }
    if digests.count > 1 {
        print("THE COMPRESSIONS DISAGREE: \(digests.sorted())")
    }
}
