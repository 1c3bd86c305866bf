import Foundation

/// The shared conformance suites (`../shared/conformance`: csv, mustache, xlsx): the folder comes
/// from `BULLETIN_CONFORMANCE` (which `.ci/run` sets), else `../shared/conformance` beside the
/// package. Without it a suite's test checks nothing, so the project's own tests never depend
/// on it.
enum Conformance {
    /// `path` inside the first conformance folder that has it, or nil.
    static func file(_ path: String) -> URL? {
        var folders: [URL] = []
        if let folder = ProcessInfo.processInfo.environment["BULLETIN_CONFORMANCE"] {
            folders.append(URL(fileURLWithPath: folder))
        }
        folders.append(Repository.root.deletingLastPathComponent().appendingPathComponent("shared/conformance"))
        return folders.map { $0.appendingPathComponent(path) }.first { FileManager.default.fileExists(atPath: $0.path) }
    }
}
