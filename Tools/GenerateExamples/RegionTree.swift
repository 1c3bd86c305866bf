import Foundation

/// The example's own `regions.csv` (a copy of the shared division codes), read so that every
/// ledger row points at a real village of the right unit.
struct RegionTree {
    let root: String
    private(set) var names: [String: String] = [:]
    private(set) var parents: [String: String] = [:]
    private(set) var children: [String: [String]] = [:]

    init(contentsOf url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        var root: String?
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3 else { throw GeneratorError("\(url.path): unexpected line \(line)") }
            names[fields[0]] = fields[1]
            if fields[2].isEmpty {
                root = fields[0]
            } else {
                parents[fields[0]] = fields[2]
                children[fields[2], default: []].append(fields[0])
            }
        }
        guard let root else { throw GeneratorError("\(url.path): no root") }
        self.root = root
    }

    /// The root's children, by code.
    var units: [String] { (children[root] ?? []).sorted() }

    func name(_ code: String) -> String { names[code] ?? code }

    /// Villages (twelve-digit codes) below `code`, by code; rural ones (村) first when asked.
    func villages(under code: String, preferRural: Bool = true) -> [String] {
        var result: [String] = []
        var stack = [code]
        while let next = stack.popLast() {
            for child in children[next] ?? [] {
                if child.count == 12 { result.append(child) } else { stack.append(child) }
            }
        }
        result.sort()
        guard preferRural else { return result }
        let rural = result.filter { code in
            let name = self.name(code)
            return !name.contains("社区") && !name.contains("居民委员会") && !name.contains("居委会")
        }
        return rural.count >= 3 ? rural : result
    }

    /// The village name without the committee suffix, as clerks write it: 河街村.
    func shortName(_ code: String) -> String {
        var name = self.name(code)
        for suffix in ["村民委员会", "村委会", "居民委员会", "居委会"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
            if !name.hasSuffix("村") && !name.hasSuffix("社区") { name += suffix.hasPrefix("村") ? "村" : "社区" }
            break
        }
        return name
    }

    /// The township (nine-digit parent) of a village.
    func township(of village: String) -> String { parents[village] ?? village }
}

/// A generator failure: the design does not hold (a status came out other than designed) or a
/// file could not be read or written.
struct GeneratorError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
