import Foundation

/// The starter dataset that `bulletin init DIR` writes: a complete, valid dataset small enough
/// to read in a minute — one indicator, a made-up city with three units, ten ledger rows — with
/// a README that explains every file, so that a clerk can replace it with their own ledgers.
enum StarterDataset {
    /// Why the starter dataset was not written.
    struct RefusalError: Error, CustomStringConvertible, Sendable {
        /// The file that already exists.
        var file: String
        /// What went wrong and what to do.
        var description: String {
            "\(file): already exists; bulletin init never overwrites files — choose an empty or new directory"
        }
    }

    /// The files written, by name, in the order they are written.
    static let files: [(name: String, text: String)] = [
        ("bulletin.json", configuration),
        ("regions.csv", regions),
        ("housing.csv", housingLedger),
        ("README.md", readme),
    ]

    /// Writes the starter dataset into `directory` (created when missing). Refuses, before
    /// writing anything, when any of its files already exists there: it never overwrites.
    static func write(to directory: URL) throws {
        let fileManager = FileManager.default
        for file in files {
            let url = directory.appendingPathComponent(file.name)
            if fileManager.fileExists(atPath: url.path) { throw RefusalError(file: url.path) }
        }
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in files {
            let url = directory.appendingPathComponent(file.name)
            do {
                // `.withoutOverwriting` closes the gap between the check above and this write.
                try Data(file.text.utf8).write(to: url, options: .withoutOverwriting)
            } catch CocoaError.fileWriteFileExists {
                throw RefusalError(file: url.path)
            }
        }
    }
}

private extension StarterDataset {
    static let configuration = """
        {
          "title": "示例市农村危房改造进度通报",
          "root": "990100",
          "unit_label": "县（区）",
          "as_of": "2020-10-15",
          "period": "week",
          "locale": "zh-Hans",
          "issuer": "示例市脱贫攻坚领导小组办公室",
          "doc_no": "示脱贫办〔2020〕1号",
          "issue_no": "auto",
          "cc": ["市委办公室", "市政府办公室"],
          "issued_on": "2020-10-15",
          "flags": { "top": 1, "bottom": 1 },
          "status": { "yellow_below_pp": 0, "red_below_pp": -10 },
          "remarks": ["各县区要对照时序进度，倒排工期，确保按期完成。"],
          "indicators": [
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
                { "id": "started", "title": "开工", "date": "started_on" },
                { "id": "completed", "title": "竣工", "date": "completed_on" }
              ],
              "rank_by": "completed",
              "start": "2020-03-01",
              "deadline": "2020-10-31",
              "time_progress": "days",
              "weight": 1
            }
          ]
        }

        """

    static let regions = """
        code,name,parent
        990100,示例市,
        990101,东县,990100
        990101001,东城镇,990101
        990101001001,东岭村,990101001
        990101001002,石桥村,990101001
        990102,西县,990100
        990102001,西河乡,990102
        990102001001,柳树村,990102001
        990102001002,杏园村,990102001
        990103,南县,990100
        990103001,南山镇,990103
        990103001001,南坡村,990103001
        990103001002,松林村,990103001

        """

    static let housingLedger = """
        household_id,householder,village_code,grade,started_on,completed_on
        9901010010001,张秀英,990101001001,C,2020-03-12,2020-05-20
        9901010010002,李建国,990101001001,D,2020-04-02,2020-07-15
        9901010010003,王桂兰,990101001002,D,2020/4/18,2020/8/30
        9901010010004,赵明,990101001002,C,2020-05-06,2020-06-28
        9901020010001,刘玉梅,990102001001,D,2020-04-20,2020-09-25
        9901020010002,陈国强,990102001001,C,2020-06-01,
        9901020010003,杨淑珍,990102001002,D,2020年7月3日,
        9901020010004,黄志刚,990102001002,D,,
        9901030010001,周丽,990103001001,C,2020-03-25,2020-06-10
        9901030010002,吴文华,990103001002,D,2020-05-15,2020-10-08

        """

    static let readme = """
        # 示例数据集 · Starter dataset

        Written by `bulletin init`. Build it with `bulletin build .` (or `bulletin check .` to
        validate only), then replace these files with your own — `bulletin init` never
        overwrites anything.

        ## `bulletin.json` — the configuration

        - `title`, `issuer`: the bulletin's heading and the office that issues it.
        - `doc_no` (文号), `issue_no` (期数: a number, or `"auto"` to count the periods since the
          start), `cc` (抄送) and `issued_on` (印发日期): optional; they dress `briefing.docx` as an
          official document (版头 and 版记) and the index's masthead. Delete any you do not use.
        - `root`: the region the bulletin covers (示例市 `990100`); its children in `regions.csv`
          are the **units** that are ranked (here 东县, 西县, 南县). `unit_label` names them.
        - `as_of`: the bulletin date (`--as-of` overrides it). Only stage dates on or before it
          count as done.
        - `period`: how far back 较上期 (change since the previous bulletin) looks: `"week"`,
          `"month"` or a number of days.
        - `flags`: how many units to name as 前三名 / 后三位 (top and bottom).
        - `status`: a unit is yellow when its rate is below time progress (时序进度) by more than
          `yellow_below_pp` percentage points, red below `red_below_pp`.
        - `remarks`: paragraphs printed as 五、下步工作.
        - `indicators`: one entry per programme. Here `housing` (农村危房改造) counts the rows
          of `housing.csv` (`"measure": "count"`; use `{"sum": "people"}` to add up a column),
          finds each row's region in the `village_code` column, splits by the `grade` column
          (C/D), and follows two stages, 开工 (`started_on`) and 竣工 (`completed_on`). Units
          are ranked by `rank_by`. Time progress runs from `start` to `deadline`.

        ## `regions.csv` — the region hierarchy

        `code,name,parent`: the root has an empty parent, units are its children, townships and
        villages sit below them. The codes here are made up (99…); use the real statistical
        division codes of your city.

        ## `housing.csv` — the ledger (台账)

        One row per household. An empty date means the stage is not reached yet. Dates may be
        written `2020-10-31`, `2020/10/31`, `2020.10.31` or `2020年10月31日`. `household_id`
        must be unique. As of 2020-10-15: 东县 4 of 4 complete, 西县 1 of 4, 南县 2 of 2.

        ## `targets.csv` (optional, not included)

        `indicator,region,target[,start,deadline]`: overrides a unit's planned total (otherwise
        the number of its ledger rows) and, optionally, its own time window.

        """
}
