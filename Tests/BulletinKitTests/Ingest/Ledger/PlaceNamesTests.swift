import Foundation
import Testing

@testable import BulletinKit

/// Place names matched level by level (SPEC §2.6), on a piece of 陇南市 with both a 城关镇 and a
/// 城关街道 under 武都区, and another 城关镇 under 成县.
@Suite struct PlaceNamesTests {
    static let regions = """
        code,name,parent
        621200,陇南市,
        621202,武都区,621200
        621221,成县,621200
        621202001,城关镇,621202
        621202002,城关街道,621202
        621202100,汉王镇,621202
        621202101,东江镇,621202
        621221100,城关镇,621221
        621202100201,寺林山村委会,621202100
        621202001001,孟家山社区居民委员会,621202001
        621221003,红旗街道,621221
        621202100301,西苇村委会,621202100
        621202100302,西苇居委会,621202100
        621202100303,新农村村,621202100
        """

    static func index() throws -> (PlaceNames, Regions) {
        let folder = try TemporaryDataset(files: ["regions.csv": regions])
        let (regions, findings) = Regions.load(
            path: folder.url.appendingPathComponent("regions.csv").path, file: "regions.csv", rootCode: "621200")
        #expect(findings.isEmpty)
        return (PlaceNames(regions: regions, aliases: [(regions.index(of: "621202001")!, "老城关")]), regions)
    }

    enum Expected: Sendable {
        case code(String)
        case ambiguous(level: Int, [String])
        case unknown(level: Int, closest: [String])
        case noName
        case gap(Int)
    }

    @Test(arguments: [
        // Stems: 武都 → 武都区, 汉王 → 汉王镇, 寺林山村 → 寺林山村委会 (suffix 村委会).
        (["武都", "汉王", "寺林山村"], Expected.code("621202100201")),
        // An equal name wins over a stem that two children share.
        (["武都区", "城关镇", "孟家山社区"], .code("621202001001")),
        (["武都区", "城关街道"], .code("621202002")),
        // 城关 alone is the stem of 城关镇 and of 城关街道 under 武都区: ambiguous …
        (["武都区", "城关"], .ambiguous(level: 1, ["城关镇", "城关街道"])),
        // … but under 成县 there is one.
        (["成县", "城关"], .code("621221100")),
        // Full-width space and surrounding blanks are not part of a name.
        ([" 武都区 ", "汉王　镇"], .code("621202100")),
        // The ledger stops at the unit.
        (["武都区"], .code("621202")),
        (["武都区", "老城关"], .code("621202001")),
        // 成关镇: one character off 城关镇 and (by stem) 城关街道; then the 镇 at distance 2 by code.
        (["武都区", "成关镇"], .unknown(level: 1, closest: ["城关镇", "城关街道", "汉王镇"])),
        (["天水市", "城关镇"], .unknown(level: 0, closest: ["武都区", "成县"])),
        (["", "城关镇"], .noName),
        // A short form that itself ends like a suffix: 红旗 is 红旗街道's stem written alone,
        // 新农村 is 新农村村's.
        (["成县", "红旗"], .code("621221003")),
        (["武都区", "汉王镇", "新农村"], .code("621202100303")),
        // 西苇村 and 西苇社区 share the stem 西苇 with both committees: the suffix's kind decides.
        (["武都区", "汉王镇", "西苇村"], .code("621202100301")),
        (["武都区", "汉王镇", "西苇社区"], .code("621202100302")),
        (["武都区", "汉王镇", "西苇"], .ambiguous(level: 2, ["西苇村委会", "西苇居委会"])),
        (["武都区", "", "寺林山村"], .gap(1)),
    ])
    func matches(names: [String], expected: Expected) throws {
        let (places, regions) = try Self.index()
        let match = places.match(names)
        switch (expected, match) {
        case (.code(let code), .region(let region)): #expect(regions.codes[region] == code)
        case (.ambiguous(let level, let names), .ambiguous(let found, _, let candidates)):
            #expect(found == level)
            #expect(candidates == names)
        case (.unknown(let level, let closest), .unknown(let found, _, let candidates)):
            #expect(found == level)
            #expect(candidates == closest)
        case (.noName, .noName): break
        case (.gap(let level), .gap(let found)): #expect(found == level)
        default: Issue.record("\(names): expected \(expected), got \(match)")
        }
    }

    @Test(arguments: [
        ("武都区", "武都"), ("寺林山村委会", "寺林山"), ("孟家山社区居民委员会", "孟家山"), ("城关街道", "城关"),
        ("城关街道办事处", "城关"), ("县", "县"), ("东岭村", "东岭"),
    ])
    func stems(name: String, stem: String) {
        #expect(PlaceNames.stem(name) == stem)
    }
}
