import BulletinKit
import Foundation

/// The independent computation's place-name lookup (SPEC §2.6), written from the SPEC alone: each
/// name among the children of the place matched before it, by an equal name or alias, else by an
/// equal stem; no match or several is a row that cannot be counted.
extension IndependentSummary {
    /// Administrative suffixes as SPEC §2.6 lists them; a stem drops the longest one a name ends with.
    static let suffixes = [
        "县", "区", "市", "旗", "镇", "乡", "街道", "街道办事处", "办事处", "村", "社区", "村委会", "村民委员会", "居委会",
        "居民委员会", "社区居委会", "社区居民委员会",
    ]

    static func stem(_ name: String) -> String {
        let suffix = suffixes.filter { name.hasSuffix($0) && name.count > $0.count }.max {
            $0.count < $1.count
        }
        return suffix.map { String(name.dropLast($0.count)) } ?? name
    }

    /// `aliases.csv` (`code,alias`), by code; none when the file is absent.
    static func readAliases(directory: URL) throws -> [String: [String]] {
        let url = directory.appendingPathComponent("aliases.csv")
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        let records = try readCSV(url)
        guard let header = records.first, let code = header.firstIndex(of: "code"),
            let alias = header.firstIndex(of: "alias")
        else { throw Unsupported(description: "aliases.csv header") }
        var result: [String: [String]] = [:]
        for record in records.dropFirst() where record.count == header.count {
            result[record[code].trimmingCharacters(in: .whitespaces), default: []].append(
                normalized(record[alias]))
        }
        return result
    }

    /// The code the names denote (unit level first; trailing empty levels allowed), or nil.
    static func lookUp(_ texts: [String], regions: RegionTable, aliases: [String: [String]]) -> String? {
        let keys = texts.map(normalized)
        guard let deepest = keys.lastIndex(where: { !$0.isEmpty }) else { return nil }
        var parent = regions.root
        for key in keys.prefix(deepest + 1) {
            guard !key.isEmpty else { return nil }
            let children = regions.parents.filter { $0.value == parent }.map(\.key)
            let names = { (code: String) in [normalized(regions.names[code] ?? "")] + (aliases[code] ?? []) }
            var found = children.filter { names($0).contains(key) }
            if found.isEmpty { found = children.filter { names($0).map(stem).contains(stem(key)) } }
            guard found.count == 1 else { return nil }
            parent = found[0]
        }
        return parent
    }
}
