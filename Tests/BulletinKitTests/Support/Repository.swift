import Foundation

/// Paths in this repository, found from this source file so tests run from any folder.
enum Repository {
    /// The package root.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `examples/<name>`.
    static func example(_ name: String) -> URL { root.appendingPathComponent("examples/\(name)") }
    /// The shipped `templates/`.
    static let templates = root.appendingPathComponent("templates")
    /// The four example datasets.
    static let examples = ["nanyang", "jiyuan", "siping", "xuchang"]
}

/// A temporary folder for one test, removed when the value goes away.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Every regular file below `folder`, by relative path, with its bytes.
func filesBelow(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let base = folder.standardizedFileURL.path
    guard let enumerator = FileManager.default.enumerator(atPath: base) else { return files }
    for case let relative as String in enumerator {
        var isDirectory: ObjCBool = false
        let path = base + "/" + relative
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            files[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
        }
    }
    return files
}
