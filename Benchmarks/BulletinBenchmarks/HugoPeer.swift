// The Hugo peer of the national benchmark (SPEC §10: "Hugo, rendering the same number of
// data-driven pages, manages about 7.5 MB/s here"). One page per county unit of the national
// dataset (2,986), each 11 tables of 16 rows whose values are precomputed and stored in the
// page's JSON front matter, rendered by `Benchmarks/hugo-peer/layouts/_default/single.html`.
// Hugo runs as a child process (the Debian package `hugo`, found on the PATH), timed like the
// workbook benchmark's children: wall, user + system CPU from `wait4`, and the bytes it wrote.
import Foundation
import SplitMix

enum HugoPeer {
    /// One Hugo build of the peer site.
    struct Figures {
        var seconds: Double
        var cpuSeconds: Double
        var peakKiB: Int
        var pages: Int
        var bytes: Int

        /// Output megabytes per second of wall time.
        var megabytesPerSecond: Double { Double(bytes) / seconds / 1e6 }
        /// Output megabytes per second of CPU time, over all of Hugo's threads.
        var megabytesPerCoreSecond: Double { Double(bytes) / cpuSeconds / 1e6 }
    }

    /// Bump when the generated pages change, so that an older site is written again.
    static let version = "2"

    /// `hugo` on the PATH, or nil.
    static func executable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/hugo" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// The site skeleton kept in the repository: `config.toml` and `layouts/`.
    static var skeleton: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("hugo-peer")
    }

    /// Writes the peer site into `site` (the skeleton and one content page per county) unless
    /// this version of it is there already; returns the number of pages.
    static func prepare(_ site: URL) throws -> Int {
        let counties = try NationalDataset.readCounties(from: NationalDataset.countiesFile)
        let stamp = site.appendingPathComponent(".complete")
        let manager = FileManager.default
        if (try? String(contentsOf: stamp, encoding: .utf8)) != version {
            try? manager.removeItem(at: site)
            let folder = site.appendingPathComponent("content/units")
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            var random = SplitMix64(seed: 0x4855_474F)
            for county in counties {
                let page = frontMatter(county, &random)
                let name = String(decoding: county.code, as: UTF8.self) + ".md"
                try Data(page.utf8).write(to: folder.appendingPathComponent(name))
            }
            try version.write(to: stamp, atomically: true, encoding: .utf8)
        }
        // The skeleton is copied every time: it is small, and an edited layout must count.
        for file in ["config.toml", "layouts"] {
            try? manager.removeItem(at: site.appendingPathComponent(file))
            try manager.copyItem(
                at: skeleton.appendingPathComponent(file), to: site.appendingPathComponent(file))
        }
        return counties.count
    }

    /// Builds the site into `output` (removed afterwards) with `hugo`, on `threads` threads
    /// (GOMAXPROCS) when given.
    static func build(hugo: String, site: URL, output: URL, threads: Int?) throws -> Figures {
        try? FileManager.default.removeItem(at: output)
        defer { try? FileManager.default.removeItem(at: output) }
        var arguments = [
            hugo, "--source", site.path, "--destination", output.path,
            "--cacheDir", site.appendingPathComponent("cache").path, "--noBuildLock", "--quiet",
        ]
        if let threads { arguments.insert("GOMAXPROCS=\(threads)", at: 0) }
        let child = try Child.run("/usr/bin/env", arguments)
        guard child.status == 0 else {
            throw HugoPeerError("hugo failed (exit status \(child.status)): \(child.lastLine)")
        }
        let (files, bytes) = sizes(of: output)
        return Figures(
            seconds: child.wall, cpuSeconds: child.cpu, peakKiB: child.peakKiB, pages: files, bytes: bytes)
    }

    /// The number of files under `folder` and their bytes.
    static func sizes(of folder: URL) -> (files: Int, bytes: Int) {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return (0, 0) }
        var (files, bytes) = (0, 0)
        while let path = enumerator.nextObject() as? String {
            let attributes = try? FileManager.default.attributesOfItem(
                atPath: folder.appendingPathComponent(path).path)
            guard attributes?[.type] as? FileAttributeType == .typeRegular else { continue }
            files += 1
            bytes += (attributes?[.size] as? NSNumber)?.intValue ?? 0
        }
        return (files, bytes)
    }
}

/// Why the Hugo peer could not be measured.
struct HugoPeerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension HugoPeer {
    /// The indicators' captions: one table each.
    static let captions = [
        "危房改造开工", "危房改造竣工", "危房改造验收", "易地搬迁安置房建设", "易地搬迁入住", "饮水安全工程",
        "产业扶贫项目", "就业帮扶", "教育资助", "医疗保障", "兜底保障",
    ]
    /// The share of the campaign's time gone by, per table (时序进度): the same for every unit.
    static let timeProgress = [62.5, 62.5, 55.0, 70.0, 58.3, 66.7, 75.0, 50.0, 80.0, 45.8, 90.0]

    /// One content page: JSON front matter with 11 tables of 16 townships, every figure already
    /// formatted, so the template only places text.
    private static func frontMatter(_ county: NationalDataset.County, _ random: inout SplitMix64) -> String {
        let code = String(decoding: county.code, as: UTF8.self)
        var text = "{\n\"title\": \"\(String(decoding: county.name, as: UTF8.self))\",\n"
        text += "\"code\": \"\(code)\",\n\"as_of\": \"2020年10月15日\",\n\"tables\": ["
        let townships = (0..<16).map { _ in
            String(
                decoding: random.pick(NationalDataset.Names.placeFirst)
                    + random.pick(NationalDataset.Names.placeSecond), as: UTF8.self)
                + (random.int(0...3) == 0 ? "乡" : "镇")
        }
        for (table, caption) in captions.enumerated() {
            let progress = timeProgress[table]
            var rows: [(name: String, target: Int, done: Int)] = townships.map { name in
                let target = random.int(50...5_000)
                return (name, target, target * random.int(20...100) / 100)
            }
            rows.sort { ($0.done * $1.target, $1.name) > ($1.done * $0.target, $0.name) }
            text += table == 0 ? "\n" : ",\n"
            text += "{\"id\": \"indicator-\(table + 1)\", \"caption\": \"\(caption)\", \"rows\": ["
            for (rank, row) in rows.enumerated() {
                let rate = Double(row.done) / Double(row.target) * 100
                let gap = rate - progress
                let (status, kind) =
                    gap >= 0 ? ("超前", "ahead") : gap > -5 ? ("正常", "normal") : ("落后", "behind")
                text += rank == 0 ? "\n" : ",\n"
                text +=
                    "{\"rank\": \"\(rank + 1)\", \"name\": \"\(row.name)\", \"target\": \"\(grouped(row.target))\", "
                text +=
                    "\"done\": \"\(grouped(row.done))\", \"rate\": \"\(String(format: "%.2f%%", rate))\", "
                text +=
                    "\"progress\": \"\(String(format: "%.2f%%", progress))\", \"gap\": \"\(String(format: "%.2f", gap))\", "
                text += "\"status\": \"\(status)\", \"class\": \"\(kind)\"}"
            }
            text += "]}"
        }
        return text + "]\n}\n"
    }
}
