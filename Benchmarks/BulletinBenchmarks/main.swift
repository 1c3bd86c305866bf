// Benchmarks: `swift run -c release BulletinBenchmarks <name> [options]`.
// Each benchmark prints figures; none asserts a time.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let name = arguments.first ?? "help"
let rest = Array(arguments.dropFirst())
switch name {
case "csv": runCSVBenchmark(rest)
case "mustache": runMustacheBenchmark(rest)
case "national": runNationalBenchmark(rest)
case "sha256": runSHA256Benchmark(rest)
case "workbook": runWorkbookBenchmark(rest)
default:
    print("usage: BulletinBenchmarks csv|mustache|national|sha256|workbook [options]")
}
