// Regenerates examples/ deterministically: `swift run generate-examples` from the package root.
// Each example's regions.csv is committed (a copy of the shared division codes) and read here;
// everything else in the example folder is written from a seeded generator, never the clock.
import Foundation

let examplesDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    .appendingPathComponent("examples")
let makers: [(String, (RegionTree) throws -> Example)] = [
    ("nanyang", Nanyang.make),
    ("jiyuan", Jiyuan.make),
    ("siping", Siping.make),
    ("xuchang", Xuchang.make),
]
do {
    for (folder, make) in makers {
        let directory = examplesDirectory.appendingPathComponent(folder)
        let regions = try RegionTree(contentsOf: directory.appendingPathComponent("regions.csv"))
        let example = try make(regions)
        try example.write(to: directory)
        print("wrote examples/\(folder)")
    }
} catch {
    FileHandle.standardError.write(Data("generate-examples: \(error)\n".utf8))
    exit(1)
}
