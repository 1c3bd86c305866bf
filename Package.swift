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
        .target(name: "BulletinKit"),
        .executableTarget(name: "bulletin", dependencies: ["BulletinKit"]),
        .executableTarget(
            name: "BulletinBenchmarks", dependencies: ["BulletinKit"], path: "Benchmarks/BulletinBenchmarks"),
        .executableTarget(
            name: "generate-examples", dependencies: ["BulletinKit"], path: "Tools/GenerateExamples"),
        .testTarget(name: "BulletinKitTests", dependencies: ["BulletinKit"], exclude: ["Snapshots"]),
    ]
)
