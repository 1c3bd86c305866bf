import SplitMix

/// How a county clerk writes place names (SPEC §2.6): the local name (`山门镇`, not the
/// `四平市铁东区山门镇` some division tables print), at times without its suffix (`伊通`,
/// `前桥`), at times padded with full-width spaces (`伊　通`, as two-character names are spaced
/// to line up with three-character ones).
struct PlaceSpelling {
    let regions: RegionTree

    /// Administrative suffixes, longest first — the list SPEC §2.6 gives.
    static let suffixes = [
        "社区居民委员会", "社区居委会", "村民委员会", "居民委员会", "街道办事处", "村委会", "居委会", "办事处", "街道", "社区",
        "县", "区", "市", "旗", "镇", "乡", "村",
    ]

    /// The name less its longest administrative suffix, when something is left.
    static func stem(_ name: String) -> String {
        for suffix in suffixes where name.hasSuffix(suffix) && name.count > suffix.count {
            return String(name.dropLast(suffix.count))
        }
        return name
    }

    /// The name a clerk writes in full: the village without its committee suffix, and without
    /// the city, county and township names that some tables put before it.
    func localName(_ code: String) -> String {
        let name = code.count == 12 ? regions.shortName(code) : regions.name(code)
        guard let parent = regions.parents[code] else { return name }
        for prefix in [regions.name(regions.root) + regions.name(parent), regions.name(parent)]
        where name.hasPrefix(prefix) && name.count > prefix.count {
            return String(name.dropFirst(prefix.count))
        }
        return name
    }

    /// `aliases.csv` rows (`code,alias`) for the regions whose local name is not their name
    /// in `regions.csv`, so that a lookup finds them (SPEC §2.6).
    func aliases(under unit: String) -> [(code: String, alias: String)] {
        regions.names.keys.filter { $0.hasPrefix(unit) && $0 != unit }.sorted().compactMap { code in
            alias(code).map { (code, $0) }
        }
    }

    /// The alias of a region printed with the city's name before it (`四平市铁东区山门镇`).
    func alias(_ code: String) -> String? {
        regions.name(code).hasPrefix(regions.name(regions.root)) ? localName(code) : nil
    }

    /// One row's spelling of `code`: the local name (most rows), its stem, or a spaced form —
    /// a short form only where the lookup of SPEC §2.6 finds exactly this place by it.
    func spelling(_ code: String, rng: inout SplitMix64) -> String {
        // `西苇村` fits both 西苇村委会 and 西苇居委会 by stem: there the clerk writes it in full.
        let name = isFound(localName(code), as: code) ? localName(code) : regions.name(code)
        let stem = Self.stem(name)
        let short = stem != name && isFound(stem, as: code) ? stem : name
        switch rng.unit() {
        case ..<0.6: return name
        case ..<0.88: return short
        default:
            // `伊　通` for a two-character name; otherwise a trailing full-width space.
            return short.count == 2 ? short.map(String.init).joined(separator: "\u{3000}") : name + "\u{3000}"
        }
    }

    /// Whether `written` names `code` alone among its siblings: by an equal name (from
    /// `regions.csv` or local), else by an equal stem — the rule of SPEC §2.6, applied to the
    /// written text as it stands (so `红旗` for `红旗街道` is refused: its own stem is `红`).
    private func isFound(_ written: String, as code: String) -> Bool {
        let siblings = regions.children[regions.parents[code] ?? ""] ?? []
        let names = { (sibling: String) in
            [self.regions.name(sibling)] + (self.alias(sibling).map { [$0] } ?? [])
        }
        let equal = siblings.filter { names($0).contains(written) }
        if !equal.isEmpty { return equal == [code] }
        let stem = Self.stem(written)
        return siblings.filter { names($0).contains { Self.stem($0) == stem } } == [code]
    }
}
