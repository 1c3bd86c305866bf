// The national-scale benchmark dataset (SPEC §10): every county-level unit of China under one
// root, about 600,000 synthetic townships and villages, and three ledgers of any size.
//
// Made from a seeded generator alone (no clock, no system randomness, no dictionary order), so
// the same arguments write the same bytes on every run and machine. Rows are written through a
// byte buffer flushed in 1 MiB pieces; 10 million rows (about 1 GB) take seconds in release mode.
import Foundation
import SplitMix

struct NationalDataset {
    struct Summary {
        /// Data rows (header excluded) per ledger file.
        var rows: [String: Int]
        /// Bytes per file written, bulletin.json and regions.csv included.
        var bytes: [String: Int]
        /// Rows of regions.csv (header excluded): the root, the units, townships and villages.
        var regions: Int
        /// The root's children: the county-level units.
        var units: Int
    }

    /// Writes bulletin.json, regions.csv, relocation.csv, housing.csv, water.csv into `folder`
    /// (created if missing), `rows` ledger rows in all, split about 40% relocation / 35% housing /
    /// 25% water. Same arguments -> same bytes.
    static func write(to folder: URL, rows: Int, seed: UInt64 = 0x2020_1015) throws -> Summary {
        guard rows >= 0 else { throw DatasetError("rows must not be negative (got \(rows))") }
        let counties = try readCounties(from: countiesFile)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var summary = Summary(rows: [:], bytes: [:], regions: 0, units: counties.count)

        let configuration = Data(bulletinJSON.utf8)
        try configuration.write(to: folder.appendingPathComponent("bulletin.json"))
        summary.bytes["bulletin.json"] = configuration.count

        var plan = Plan(counties: counties, seed: seed)
        let regions = try plan.writeRegions(to: folder.appendingPathComponent("regions.csv"))
        summary.regions = regions.rows
        summary.bytes["regions.csv"] = regions.bytes

        let relocationRows = rows * 40 / 100
        let housingRows = rows * 35 / 100
        let ledgers: [(Ledger, Int)] = [
            (.relocation, relocationRows), (.housing, housingRows),
            (.water, rows - relocationRows - housingRows),
        ]
        for (ledger, count) in ledgers {
            let bytes = try plan.writeLedger(
                ledger, rows: count, to: folder.appendingPathComponent(ledger.file))
            summary.rows[ledger.file] = count
            summary.bytes[ledger.file] = bytes
        }
        return summary
    }

    /// The path of Benchmarks/data/counties-2021.csv found from #filePath.
    static var countiesFile: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data").appendingPathComponent("counties-2021.csv")
    }
}

// MARK: - Configuration and counties

extension NationalDataset {
    fileprivate struct DatasetError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// One county-level unit: its six-digit code and name.
    fileprivate struct County {
        var code: [UInt8]
        var name: [UInt8]
    }

    /// Reads `code,name` rows (UTF-8, LF or CRLF, header row, no quoting needed).
    fileprivate static func readCounties(from file: URL) throws -> [County] {
        let text = try String(contentsOf: file, encoding: .utf8)
        var counties: [County] = []
        for (index, line) in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            if index == 0 {
                guard fields.count >= 2, fields[0] == "code", fields[1] == "name" else {
                    throw DatasetError("\(file.path): expected the header code,name")
                }
                continue
            }
            guard fields.count == 2, fields[0].utf8.count == 6,
                fields[0].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                !fields[1].isEmpty, !fields[1].contains("\"")
            else {
                throw DatasetError("\(file.path):\(index + 1): expected a six-digit code and a name")
            }
            counties.append(County(code: Array(fields[0].utf8), name: Array(fields[1].utf8)))
        }
        guard !counties.isEmpty else { throw DatasetError("\(file.path): no counties") }
        return counties
    }

    fileprivate static let rootCode = "100000"

    fileprivate static let bulletinJSON = """
        {
          "title": "全国脱贫攻坚重点任务进度通报",
          "issuer": "国务院扶贫开发领导小组办公室",
          "root": "100000",
          "unit_label": "县（市、区）",
          "as_of": "2020-10-15",
          "period": "week",
          "locale": "zh-Hans",
          "flags": {
            "top": 3,
            "bottom": 3
          },
          "status": {
            "yellow_below_pp": 0,
            "red_below_pp": -10
          },
          "remarks": [
            "各地要对照时序进度，倒排工期，确保易地扶贫搬迁和危房改造10月31日前全部完成、安全饮水11月底前全部完工。",
            "进度滞后的县（市、区）要逐户逐项分析原因，明确责任人和完成时限。"
          ],
          "indicators": [
            {
              "id": "relocation_households",
              "title": "易地扶贫搬迁（搬迁户）",
              "measure_unit": "户",
              "ledger": "relocation.csv",
              "region": "village_code",
              "id_column": "household_id",
              "measure": "count",
              "stages": [
                {
                  "id": "started",
                  "title": "开工",
                  "date": "started_on"
                },
                {
                  "id": "built",
                  "title": "竣工",
                  "date": "built_on"
                },
                {
                  "id": "moved_in",
                  "title": "入住",
                  "date": "moved_in_on"
                }
              ],
              "rank_by": "moved_in",
              "start": "2020-03-01",
              "deadline": "2020-10-31",
              "time_progress": "days",
              "weight": 1
            },
            {
              "id": "relocation_people",
              "title": "易地扶贫搬迁（搬迁人口）",
              "measure_unit": "人",
              "ledger": "relocation.csv",
              "region": "village_code",
              "measure": {
                "sum": "people"
              },
              "stages": [
                {
                  "id": "started",
                  "title": "开工",
                  "date": "started_on"
                },
                {
                  "id": "built",
                  "title": "竣工",
                  "date": "built_on"
                },
                {
                  "id": "moved_in",
                  "title": "入住",
                  "date": "moved_in_on"
                }
              ],
              "rank_by": "moved_in",
              "start": "2020-03-01",
              "deadline": "2020-10-31",
              "time_progress": "days",
              "weight": 0
            },
            {
              "id": "housing",
              "title": "农村危房改造",
              "measure_unit": "户",
              "ledger": "housing.csv",
              "region": "village_code",
              "id_column": "household_id",
              "measure": "count",
              "category": "grade",
              "stages": [
                {
                  "id": "started",
                  "title": "开工",
                  "date": "started_on"
                },
                {
                  "id": "completed",
                  "title": "竣工",
                  "date": "completed_on"
                }
              ],
              "rank_by": "completed",
              "start": "2020-03-01",
              "deadline": "2020-10-31",
              "time_progress": "days",
              "weight": 1
            },
            {
              "id": "water",
              "title": "农村安全饮水",
              "measure_unit": "人",
              "ledger": "water.csv",
              "region": "village_code",
              "id_column": "project_id",
              "measure": {
                "sum": "people"
              },
              "category": "supply",
              "stages": [
                {
                  "id": "started",
                  "title": "开工",
                  "date": "started_on"
                },
                {
                  "id": "completed",
                  "title": "完工",
                  "date": "completed_on"
                }
              ],
              "rank_by": "completed",
              "start": "2020-03-01",
              "deadline": "2020-11-30",
              "time_progress": "days",
              "weight": 1
            }
          ]
        }

        """
}

// MARK: - The generator

extension NationalDataset {
    fileprivate enum Ledger: Int, CaseIterable {
        case relocation, housing, water

        var file: String {
            switch self {
            case .relocation: "relocation.csv"
            case .housing: "housing.csv"
            case .water: "water.csv"
            }
        }

        var header: String {
            switch self {
            case .relocation:
                "household_id,householder,village_code,people,site,started_on,built_on,moved_in_on"
            case .housing: "household_id,householder,village_code,grade,started_on,completed_on,remark"
            case .water: "project_id,village_code,people,supply,started_on,completed_on"
            }
        }

        var stageCount: Int { self == .relocation ? 3 : 2 }

        /// Salt of the ledger's own random stream, so that ledgers do not depend on each other.
        var salt: UInt64 {
            switch self {
            case .relocation: 0x5245_4C4F_4341_5445
            case .housing: 0x484F_5553_494E_4721
            case .water: 0x5741_5445_5221_2121
            }
        }
    }

    /// Townships per county and villages per township, with the first serial of each.
    fileprivate static let townshipsPerCounty = 14
    fileprivate static let firstTownship = 1
    fileprivate static let villagesPerTownship = 15
    fileprivate static let firstVillage = 201
    fileprivate static let sitesPerCounty = 4

    /// Day 0 is the indicators' start 2020-03-01; the last day is the bulletin date 2020-10-15.
    fileprivate static let lastDay = 228

    /// Everything drawn once per dataset: per county its weight in each ledger, how far along it
    /// is, its relocation sites; and the byte tables the rows are assembled from.
    fileprivate struct Plan {
        let counties: [County]
        let seed: UInt64
        /// Per ledger: cumulative county weights, for drawing a row's county.
        var cumulative: [[UInt64]] = []
        /// Per ledger: per county and stage (county * 3 + stage), the share done in ‰: a row is done
        /// up to stage k when its draw from 0..<1000 is below this.
        var stageRates: [[Int]] = []
        /// Per county `sitesPerCounty` relocation sites (安置点).
        var sites: [[UInt8]] = []
        /// `YYYY-MM-DD` of every day from the start to the bulletin date, 10 bytes each.
        let dates: [UInt8]

        init(counties: [County], seed: UInt64) {
            self.counties = counties
            self.seed = seed
            var dates: [UInt8] = []
            let monthLengths = [31, 30, 31, 30, 31, 31, 30, 31]  // March to October 2020
            var month = 0
            var day = 1
            for _ in 0...NationalDataset.lastDay {
                dates += Array("2020-".utf8)
                NationalDataset.appendPadded(month + 3, width: 2, to: &dates)
                dates.append(UInt8(ascii: "-"))
                NationalDataset.appendPadded(day, width: 2, to: &dates)
                day += 1
                if day > monthLengths[month] {
                    day = 1
                    month += 1
                }
            }
            self.dates = dates

            var random = SplitMix64(seed: seed ^ 0x434F_554E_5449_4553)
            // A county's size: most middling, some large poverty counties, some small urban districts.
            let sizes = counties.map { _ -> UInt64 in
                let base = UInt64(random.int(30...120))
                switch random.int(0...99) {
                case 0..<15: return base * UInt64(random.int(2...3))
                case 15..<30: return base / 3
                default: return base
                }
            }
            for ledger in Ledger.allCases {
                var total: UInt64 = 0
                var cumulative: [UInt64] = []
                var rates: [Int] = []
                cumulative.reserveCapacity(counties.count)
                rates.reserveCapacity(counties.count * 3)
                for size in sizes {
                    total += size * UInt64(random.int(3...6))
                    cumulative.append(total)
                    // How far along the county is at the last stage, in ‰: some complete, most
                    // close to the time progress, some far behind.
                    let last: Int
                    switch random.int(0...99) {
                    case 0..<10: last = 1000
                    case 10..<62: last = random.int(850...999)
                    case 62..<92: last = random.int(600...849)
                    default: last = random.int(250...599)
                    }
                    let left = 1000 - last
                    if ledger.stageCount == 3 {
                        rates += [
                            last + left * random.int(7...9) / 10, last + left * random.int(3...6) / 10, last,
                        ]
                    } else {
                        rates += [last + left * random.int(6...9) / 10, last, last]
                    }
                }
                self.cumulative.append(cumulative)
                stageRates.append(rates)
            }
        }

        /// regions.csv: the root, the counties under it, 14 townships per county, 15 villages per
        /// township. Also picks each county's relocation sites from its townships.
        mutating func writeRegions(to file: URL) throws -> (rows: Int, bytes: Int) {
            var out = try ByteFile(file)
            var random = SplitMix64(seed: seed ^ 0x5245_4749_4F4E_5321)
            var rows = 0
            out.append("code,name,parent\n")
            out.append("\(NationalDataset.rootCode),全国,\n")
            rows += 1
            let root = Array(NationalDataset.rootCode.utf8)
            for county in counties {
                out.append(county.code)
                out.append(UInt8(ascii: ","))
                out.append(county.name)
                out.append(UInt8(ascii: ","))
                out.append(root)
                out.append(UInt8(ascii: "\n"))
                rows += 1
            }
            try out.flushIfFull()
            sites = []
            sites.reserveCapacity(counties.count * NationalDataset.sitesPerCounty)
            for county in counties {
                var townshipNames: [[UInt8]] = []
                var townshipFullNames: [[UInt8]] = []
                for township in 0..<NationalDataset.townshipsPerCounty {
                    let serial = NationalDataset.firstTownship + township
                    let name = Names.township(&random, avoiding: townshipNames)
                    townshipNames.append(name.stem)
                    townshipFullNames.append(name.stem + name.suffix)
                    out.append(county.code)
                    out.appendPadded(serial, width: 3)
                    out.append(UInt8(ascii: ","))
                    out.append(name.stem)
                    out.append(name.suffix)
                    out.append(UInt8(ascii: ","))
                    out.append(county.code)
                    out.append(UInt8(ascii: "\n"))
                    rows += 1
                    for village in 0..<NationalDataset.villagesPerTownship {
                        out.append(county.code)
                        out.appendPadded(serial, width: 3)
                        out.appendPadded(NationalDataset.firstVillage + village, width: 3)
                        out.append(UInt8(ascii: ","))
                        Names.appendVillage(&random, to: &out)
                        out.append(UInt8(ascii: ","))
                        out.append(county.code)
                        out.appendPadded(serial, width: 3)
                        out.append(UInt8(ascii: "\n"))
                        rows += 1
                    }
                    try out.flushIfFull()
                }
                for _ in 0..<NationalDataset.sitesPerCounty {
                    // 东城区和平镇幸福家园安置点: the county, a township of it, a site name.
                    sites.append(county.name + random.pick(townshipFullNames) + random.pick(Names.siteNames))
                }
            }
            let bytes = try out.close()
            return (rows, bytes)
        }

        /// One ledger of `rows` rows over villages of every county.
        func writeLedger(_ ledger: Ledger, rows: Int, to file: URL) throws -> Int {
            var out = try ByteFile(file)
            var random = SplitMix64(seed: seed ^ ledger.salt)
            out.append(ledger.header)
            out.append(UInt8(ascii: "\n"))
            let cumulative = self.cumulative[ledger.rawValue]
            let total = cumulative.last ?? 1
            let rates = stageRates[ledger.rawValue]
            let idWidth = max(8, NationalDataset.digitCount(rows))
            let stageCount = ledger.stageCount
            var days = (0, 0, 0)
            var rebuild = false
            for row in 1..<(rows + 1) {
                // The county, by weight: the first cumulative weight above the draw.
                let draw = random.next() % total
                var low = 0
                var high = cumulative.count - 1
                while low < high {
                    let middle = (low + high) / 2
                    if cumulative[middle] > draw { high = middle } else { low = middle + 1 }
                }
                let county = low

                // How many stages are done, and their days.
                let progress = random.int(0...999)
                var done = 0
                while done < stageCount && progress < rates[county * 3 + done] { done += 1 }
                if done > 0 {
                    let gap1: Int
                    let gap2: Int
                    switch ledger {
                    case .relocation:
                        gap1 = random.int(40...130)
                        gap2 = random.int(5...40)
                    case .housing:
                        gap1 = random.int(20...90)
                        gap2 = 0
                    case .water:
                        gap1 = random.int(30...120)
                        gap2 = 0
                    }
                    let span = done == 1 ? 0 : done == 2 ? gap1 : gap1 + gap2
                    let first = random.int(0...(NationalDataset.lastDay - span))
                    days = (first, first + gap1, first + gap1 + gap2)
                }

                // Id (water: AQYS-county-serial) and householder.
                if ledger == .water {
                    out.append(Names.waterProject)
                    out.append(counties[county].code)
                    out.append(UInt8(ascii: "-"))
                } else {
                    out.append(ledger == .relocation ? UInt8(ascii: "R") : UInt8(ascii: "H"))
                }
                out.appendPadded(row, width: idWidth)
                out.append(UInt8(ascii: ","))
                if ledger != .water {
                    Names.appendPerson(&random, to: &out)
                    out.append(UInt8(ascii: ","))
                }
                // Village code: county, township 001…014, village 201…215.
                out.append(counties[county].code)
                out.appendPadded(
                    NationalDataset.firstTownship + random.int(0...(NationalDataset.townshipsPerCounty - 1)),
                    width: 3)
                out.appendPadded(
                    NationalDataset.firstVillage + random.int(0...(NationalDataset.villagesPerTownship - 1)),
                    width: 3)
                out.append(UInt8(ascii: ","))
                switch ledger {
                case .relocation:
                    out.appendNumber(Names.householdSizes[random.int(0...(Names.householdSizes.count - 1))])
                    out.append(UInt8(ascii: ","))
                    if random.int(0...99) < 12 {
                        out.append(random.pick(Names.dispersedSites))
                    } else {
                        out.append(sites[county * NationalDataset.sitesPerCounty + random.int(0...3)])
                    }
                case .housing:
                    rebuild = random.int(0...99) >= 62
                    out.append(rebuild ? UInt8(ascii: "D") : UInt8(ascii: "C"))
                case .water:
                    if random.int(0...99) < 35 {
                        out.appendNumber(random.int(150...3000))
                        out.append(Names.centralised)
                    } else {
                        out.appendNumber(random.int(3...120))
                        out.append(Names.scattered)
                    }
                }
                // Stage dates: done ones, then empty ones.
                for stage in 0..<stageCount {
                    out.append(UInt8(ascii: ","))
                    if stage < done {
                        let day = stage == 0 ? days.0 : stage == 1 ? days.1 : days.2
                        out.append(dates, from: day * 10, count: 10)
                    }
                }
                if ledger == .housing {
                    out.append(UInt8(ascii: ","))
                    out.append(random.pick(rebuild ? Names.rebuildMethods : Names.repairMethods))
                    out.append(
                        random.pick(
                            done == stageCount
                                ? Names.finishedRemarks : done == 0 ? Names.waitingRemarks : Names.openRemarks
                        ))
                }
                out.append(UInt8(ascii: "\n"))
                try out.flushIfFull()
            }
            return try out.close()
        }
    }

    // MARK: Names

    /// Plain Chinese names and phrases, each character three UTF-8 bytes.
    fileprivate enum Names {
        static let surnames = characters(
            "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严")
        static let givenMale = characters("建国军伟强明华平刚勇志文光杰海东林峰金波德成春庆小新卫福贵长有")
        static let givenFemale = characters("秀英桂兰玉梅淑珍凤霞丽敏静燕芳娟红荣琴云花")
        static let secondCharacters = characters("国华明英兰军平林生安福荣民山才松梅芳霞娥娟玲")
        static let placeFirst = characters(
            "东西南北上下前后大小新老高白石黄青红金马牛龙凤杨柳李王张刘陈朱桃杏枣槐松柏泉沙")
        static let placeSecond = characters("庄店营沟坪岭湾集寨桥河坡岗台庙铺坝溪川田林山口园屯堡洼")
        static let townshipStems = [
            "和平", "兴隆", "太平", "永安", "长兴", "新华", "红星", "胜利", "富民", "安乐", "青山", "白云", "清河",
            "柳林", "双河", "三合", "五里", "城关", "石桥", "龙泉", "凤凰", "高庙", "黄土", "马鞍", "金沙", "桃园",
        ].map { Array($0.utf8) }
        static let siteNames = [
            "幸福家园安置点", "集中安置区", "移民新村", "易地扶贫搬迁安置小区", "新民社区安置点", "阳光小区",
        ].map { Array($0.utf8) }
        static let town = Array("镇".utf8)
        static let ruralTownship = Array("乡".utf8)
        static let subdistrict = Array("街道".utf8)
        static let village = Array("村".utf8)
        static let community = Array("社区".utf8)
        static let centralised = Array(",集中".utf8)
        static let scattered = Array(",分散".utf8)
        /// Housing remarks: how the house is renovated (by grade), then how far the work is.
        static let repairMethods = ["C级危房，维修加固", "C级危房，加固改造"].map { Array($0.utf8) }
        static let rebuildMethods = ["D级危房，拆除重建", "D级危房，原址翻建", "D级危房，统建安置"].map { Array($0.utf8) }
        static let waitingRemarks = ["，待开工", "，已落实施工队伍，近期开工", "，材料正在采购"].map { Array($0.utf8) }
        static let openRemarks = ["，正在施工", "，主体完工，待验收", "，正在施工，按计划推进"].map { Array($0.utf8) }
        static let finishedRemarks = [
            "，已竣工验收", "，已竣工验收，补助资金已拨付到户", "，已竣工，已入住", "，竣工验收合格，资金已兑付",
        ].map { Array($0.utf8) }
        static let dispersedSites = ["分散安置（投亲靠友）", "分散安置（进城务工）", "分散安置（自主购房）"].map {
            Array($0.utf8)
        }
        static let waterProject = Array("AQYS-".utf8)
        /// Household sizes 1–7, drawn uniformly from this list: 3 and 4 most common.
        static let householdSizes = [1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 6, 6, 7]

        /// The UTF-8 bytes of each character, three each.
        static func characters(_ text: String) -> [[UInt8]] {
            text.map { character in
                let bytes = Array(String(character).utf8)
                precondition(bytes.count == 3, "\(character) is not three UTF-8 bytes")
                return bytes
            }
        }

        /// A township's name, its stem not among `taken` (the county's other townships).
        static func township(_ random: inout SplitMix64, avoiding taken: [[UInt8]]) -> (
            stem: [UInt8], suffix: [UInt8]
        ) {
            var stem: [UInt8]
            repeat {
                stem =
                    random.int(0...1) == 0
                    ? random.pick(townshipStems) : random.pick(placeFirst) + random.pick(placeSecond)
            } while taken.contains(stem)
            let draw = random.int(0...19)
            return (stem, draw < 13 ? town : draw < 19 ? ruralTownship : subdistrict)
        }

        static func appendVillage(_ random: inout SplitMix64, to out: inout ByteFile) {
            out.append(random.pick(placeFirst))
            out.append(random.pick(placeSecond))
            out.append(random.int(0...9) == 0 ? community : village)
        }

        /// A householder: a surname and one or two given characters.
        static func appendPerson(_ random: inout SplitMix64, to out: inout ByteFile) {
            // Common surnames first: the lower of two draws leans towards the list's head.
            let last = surnames.count - 1
            out.append(surnames[min(random.int(0...last), random.int(0...last))])
            let male = random.int(0...99) < 55
            out.append(male ? random.pick(givenMale) : random.pick(givenFemale))
            if random.int(0...9) < 7 { out.append(random.pick(secondCharacters)) }
        }
    }

    // MARK: Bytes

    fileprivate static func digitCount(_ value: Int) -> Int {
        var count = 1
        var rest = value / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        return count
    }

    /// Appends the decimal digits of `value` (≥ 0), zero-padded to at least `width`.
    fileprivate static func appendPadded(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        let digits = digitCount(value)
        if digits < width {
            for _ in digits..<width { bytes.append(UInt8(ascii: "0")) }
        }
        let start = bytes.count
        var rest = value
        repeat {
            bytes.append(UInt8(truncatingIfNeeded: 48 + rest % 10))
            rest /= 10
        } while rest > 0
        bytes[start...].reverse()
    }

    /// A file written through a byte buffer handed to the file handle in 1 MiB pieces.
    fileprivate struct ByteFile {
        static let piece = 1 << 20
        private let handle: FileHandle
        private var buffer: [UInt8] = []
        private var written = 0

        init(_ file: URL) throws {
            guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
                throw DatasetError("cannot create \(file.path)")
            }
            handle = try FileHandle(forWritingTo: file)
            buffer.reserveCapacity(Self.piece + 64 * 1024)
        }

        mutating func append(_ byte: UInt8) { buffer.append(byte) }
        mutating func append(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }
        mutating func append(_ text: String) { buffer.append(contentsOf: text.utf8) }
        mutating func append(_ bytes: [UInt8], from start: Int, count: Int) {
            buffer.append(contentsOf: bytes[start..<(start + count)])
        }
        mutating func appendPadded(_ value: Int, width: Int) {
            NationalDataset.appendPadded(value, width: width, to: &buffer)
        }
        mutating func appendNumber(_ value: Int) {
            NationalDataset.appendPadded(value, width: 1, to: &buffer)
        }

        mutating func flushIfFull() throws {
            if buffer.count >= Self.piece { try flush() }
        }

        private mutating func flush() throws {
            guard !buffer.isEmpty else { return }
            try handle.write(contentsOf: buffer)
            written += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }

        /// Writes what is left, closes the file and returns its size.
        mutating func close() throws -> Int {
            try flush()
            try handle.close()
            return written
        }
    }
}
