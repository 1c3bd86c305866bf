/// Place names instead of codes (SPEC §2.6): a ledger names its row's place level by level
/// (`县区 | 乡镇 | 村`), and each name is looked up among the children of the place matched
/// before it — the first among the root's units — by its whole name, else by its stem.
struct PlaceNames: Sendable {
    /// The children of each region (compressed rows: `children[offsets[r]..<offsets[r + 1]]`).
    private let offsets: [Int32]
    private let children: [Int32]
    /// Each region's compared name and stem, and extra names from `aliases.csv`.
    private let names: [String]
    private let stems: [String]
    private let aliases: [Int32: [String]]
    let regions: Regions

    /// Administrative suffixes, longest first: a name less the longest it ends with is its stem.
    static let suffixes = [
        "社区居民委员会", "社区居委会", "村民委员会", "居民委员会", "街道办事处", "村委会", "居委会", "办事处", "街道", "社区",
        "县", "区", "市", "旗", "镇", "乡", "村",
    ]

    /// An index of `regions` with `aliases` (region index, alias) from `aliases.csv`.
    init(regions: Regions, aliases: [(region: Int, alias: String)] = []) {
        self.regions = regions
        let parents = regions.parents
        var counts = [Int32](repeating: 0, count: parents.count + 1)
        for parent in parents where parent >= 0 { counts[Int(parent) + 1] += 1 }
        for index in 1..<counts.count { counts[index] += counts[index - 1] }
        var next = counts
        var children = [Int32](repeating: 0, count: parents.count)
        for (child, parent) in parents.enumerated() where parent >= 0 {
            children[Int(next[Int(parent)])] = Int32(child)
            next[Int(parent)] += 1
        }
        offsets = counts
        self.children = children
        names = regions.names.map { HeaderText.normalized($0) }
        stems = names.map(Self.stem)
        var byRegion: [Int32: [String]] = [:]
        for (region, alias) in aliases {
            byRegion[Int32(region), default: []].append(HeaderText.normalized(alias))
        }
        self.aliases = byRegion
    }

    /// The name less its longest administrative suffix, when something is left.
    static func stem(_ name: String) -> String {
        for suffix in suffixes where name.hasSuffix(suffix) && name.count > suffix.count {
            return String(name.dropLast(suffix.count))
        }
        return name
    }

    /// What the names of one row (unit level first) denote.
    enum Match: Equatable, Sendable {
        /// The region named at the deepest non-empty level.
        case region(Int)
        /// The unit-level name is empty.
        case noName
        /// The name at `level` is empty although a deeper one is not.
        case gap(level: Int)
        /// The name at `level` is under no child of `parent`; `closest` are up to three names
        /// there nearest to it.
        case unknown(level: Int, parent: Int, closest: [String])
        /// The name at `level` fits several children of `parent`.
        case ambiguous(level: Int, parent: Int, candidates: [String])
    }

    /// Looks up `texts`, the row's cells from the unit level down.
    func match(_ texts: [String]) -> Match {
        var parent = regions.root
        var matched: Int?
        let keys = texts.map(HeaderText.normalized)
        guard let deepest = keys.lastIndex(where: { !$0.isEmpty }) else { return .noName }
        for level in 0...deepest {
            let key = keys[level]
            guard !key.isEmpty else { return level == 0 ? .noName : .gap(level: level) }
            let candidates = childIndices(of: parent)
            let found = matches(of: key, among: candidates)
            switch found.count {
            case 1:
                parent = found[0]
                matched = found[0]
            case 0:
                return .unknown(level: level, parent: parent, closest: closest(to: key, among: candidates))
            default:
                let names = found.sorted { regions.codes[$0] < regions.codes[$1] }.map { regions.names[$0] }
                return .ambiguous(level: level, parent: parent, candidates: names)
            }
        }
        return matched.map(Match.region) ?? .noName
    }

    /// The children `key` names, by the first rule that finds any: the whole name (or an
    /// alias); the child's stem written alone (`红旗` for 红旗街道 — a short form may itself end
    /// like a suffix); the stems equal, keeping, when several are, those whose suffix is of the
    /// kind the text's is (`西苇村` is the 村委会, not the 居委会).
    private func matches(of key: String, among candidates: [Int]) -> [Int] {
        let exact = candidates.filter { names[$0] == key || aliases[Int32($0)]?.contains(key) == true }
        if !exact.isEmpty { return exact }
        let stemAlone = candidates.filter {
            stems[$0] == key || aliases[Int32($0)]?.contains(where: { Self.stem($0) == key }) == true
        }
        if !stemAlone.isEmpty { return stemAlone }
        let stem = Self.stem(key)
        let byStem = candidates.filter {
            stems[$0] == stem || aliases[Int32($0)]?.contains(where: { Self.stem($0) == stem }) == true
        }
        guard byStem.count > 1, let kind = Self.suffixKind(of: key) else { return byStem }
        let sameKind = byStem.filter { Self.suffixKind(of: names[$0]) == kind }
        return sameKind.isEmpty ? byStem : sameKind
    }

    /// The kind of place a name's suffix says: villages (村, 村委会, 村民委员会), urban
    /// communities (社区, 居委会 …), sub-districts (街道, 办事处), towns, townships, counties.
    static func suffixKind(of name: String) -> String? {
        guard let suffix = suffixes.first(where: { name.hasSuffix($0) && name.count > $0.count }) else {
            return nil
        }
        switch suffix {
        case "村", "村委会", "村民委员会": return "村"
        case "社区", "居委会", "居民委员会", "社区居委会", "社区居民委员会": return "社区"
        case "街道", "街道办事处", "办事处": return "街道"
        case "县", "区", "市", "旗": return "县"
        default: return suffix
        }
    }

    private func childIndices(of region: Int) -> [Int] {
        (Int(offsets[region])..<Int(offsets[region + 1])).map { Int(children[$0]) }
    }

    /// Up to three names among `candidates` nearest to `key` by edit distance (ties by code).
    private func closest(to key: String, among candidates: [Int]) -> [String] {
        guard key.count <= 64 else { return [] }
        return
            candidates
            .map {
                (
                    region: $0,
                    distance: min(editDistance(key, names[$0]), editDistance(Self.stem(key), stems[$0]))
                )
            }
            .sorted { ($0.distance, regions.codes[$0.region]) < ($1.distance, regions.codes[$1.region]) }
            .prefix(3)
            .map { regions.names[$0.region] }
    }
}

/// The place names one part's rows named and what they matched, so that each combination is
/// looked up once: a county's thousands of rows name a few hundred places. Used by one scan
/// on one thread; bounded, so that a hostile file of unique names cannot grow it without end.
final class PlaceCache {
    private var matches: [String: PlaceNames.Match] = [:]
    /// The most combinations kept.
    static let capacity = 65_536

    /// What `texts` (unit level first) match in `places`.
    func match(_ texts: [String], in places: PlaceNames) -> PlaceNames.Match {
        let key = texts.joined(separator: "\u{1F}")
        if let known = matches[key] { return known }
        let match = places.match(texts)
        if matches.count < Self.capacity { matches[key] = match }
        return match
    }
}
