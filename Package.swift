// swift-tools-version:6.0
// Bulletin: ledgers (台账) in, progress bulletin (进度通报) out. Swift toolchain and Foundation only.
import PackageDescription

#if arch(x86_64)
    // The SHA-NI intrinsics compile only with the SHA and SSE4.1 instruction sets enabled, and only
    // for the target that calls them (it checks the CPU before running them).
    let sha256HardwareSettings: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-msha", "-Xcc", "-msse4.1"])]
#else
    let sha256HardwareSettings: [SwiftSetting] = []
#endif

let package = Package(
    name: "Bulletin",
    products: [
        .library(name: "BulletinKit", targets: ["BulletinKit"]),
        .executable(name: "bulletin", targets: ["bulletin"]),
    ],
    targets: [
        .target(name: "BulletinKit", dependencies: ["SHA256Hardware"]),
        .target(name: "SHA256Hardware", swiftSettings: sha256HardwareSettings),
        .executableTarget(name: "bulletin", dependencies: ["BulletinKit"]),
        .executableTarget(
            name: "BulletinBenchmarks", dependencies: ["BulletinKit"], path: "Benchmarks/BulletinBenchmarks"),
        .executableTarget(
            name: "generate-examples", dependencies: ["BulletinKit"], path: "Tools/GenerateExamples"),
        .testTarget(name: "BulletinKitTests", dependencies: ["BulletinKit"], exclude: ["Snapshots", "Fixtures"]),
    ]
)
