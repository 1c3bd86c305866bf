import Foundation

@testable import BulletinKit

/// A dataset written into a fresh temporary folder for one test, removed when the test ends.
final class TemporaryDataset {
    let url: URL

    init(files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, contents) in files { try write(contents, to: name) }
    }

    func write(_ contents: String, to name: String) throws {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: file)
    }

    func write(_ data: Data, to name: String) throws {
        try data.write(to: url.appendingPathComponent(name))
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// The small county set most aggregation tests use: root 100 with units 101–104, a township and
/// a village under 101 and 102.
let smallRegions = """
    code,name,parent
    100,示例市,
    101,甲县,100
    102,乙县,100
    103,丙县,100
    104,丁县,100
    101001,甲一镇,101
    101001001,甲一村,101001
    101002,甲二镇,101
    102001,乙一镇,102
    102001001,乙一村,102001
    103001,丙一镇,103
    999,外市,
    999001,外县,999

    """

/// The bulletin.json most aggregation tests use: `BaseDataset`'s settings and its housing
/// indicator alone, on time progress by days.
func housingConfiguration() -> String {
    BaseDataset.bulletinJSON(indicators: [BaseDataset.housing.setting("time_progress", to: "days")])
}

/// Builds `count` ledger lines for a region, `completed` of them completed on `completedOn`, the
/// rest started only; ids `prefix-1…`.
func ledgerLines(
    prefix: String, region: String, grade: String, count: Int, completed: Int, completedOn: String = "2020-09-01"
) -> String {
    (1...count).map { index in
        "\(prefix)-\(index),\(region),\(grade),2020-04-01,\(index <= completed ? completedOn : "")"
    }.joined(separator: "\n")
}
