import Foundation
import SplitMix

// MARK: - The generator

extension NationalDataset {
    enum Ledger: Int, CaseIterable {
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
    static let townshipsPerCounty = 14
    static let firstTownship = 1
    static let villagesPerTownship = 15
    static let firstVillage = 201
    static let sitesPerCounty = 4

    /// Day 0 is the indicators' start 2020-03-01; the last day is the bulletin date 2020-10-15.
    static let lastDay = 228

    /// Everything drawn once per dataset: per county its weight in each ledger, how far along it
    /// is, its relocation sites; and the byte tables the rows are assembled from.
    struct Plan {
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
}
