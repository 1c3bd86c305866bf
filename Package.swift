// swift-tools-version:6.0
// Bulletin: ledgers (台账) in, progress bulletin (进度通报) out. Swift toolchain and Foundation only.
import PackageDescription

let package = Package(
    name: "Bulletin",
    products: [
        .library(name: "BulletinKit", targets: ["BulletinKit"]),
        .executable(name: "bulletin", targets: ["bulletin"]),
    ],
    targets: [
        .target(name: "BulletinKit", dependencies: ["CSHA256", "CPrefetch"]),
        // SHA-256 on the x86 SHA extensions: C, so that the compression function alone enables
        // them (a target attribute), with no compiler flags (SwiftPM refuses unsafe flags in a
        // package used by version).
        .target(name: "CSHA256"),
        // The prefetch hint the ledger scan gives before its table lookups: C, because Swift
        // cannot emit one.
        .target(name: "CPrefetch"),
        // The seeded generator of the tests, the benchmarks and the examples; in no product.
        .target(name: "SplitMix"),
        .executableTarget(name: "bulletin", dependencies: ["BulletinKit"]),
        .executableTarget(
            name: "BulletinBenchmarks", dependencies: ["BulletinKit", "SplitMix"],
            path: "Benchmarks/BulletinBenchmarks"),
        .executableTarget(
            name: "generate-examples", dependencies: ["BulletinKit", "SplitMix"],
            path: "Tools/GenerateExamples"),
        .testTarget(
            name: "BulletinKitTests", dependencies: ["BulletinKit", "SplitMix"], exclude: ["Snapshots", "Fixtures"]),
    ]
)
