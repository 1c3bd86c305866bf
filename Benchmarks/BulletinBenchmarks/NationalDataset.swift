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
    struct DatasetError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// One county-level unit: its six-digit code and name.
    struct County {
        var code: [UInt8]
        var name: [UInt8]
    }

    /// Reads `code,name` rows (UTF-8, LF or CRLF, header row, no quoting needed).
    static func readCounties(from file: URL) throws -> [County] {
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

    static let rootCode = "100000"

    static let bulletinJSON = """
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
