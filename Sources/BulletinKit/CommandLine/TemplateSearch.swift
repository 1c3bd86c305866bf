import Foundation

/// The command line's search for the templates shipped with the tool: a `templates/` folder
/// (holding `layout.html`) in the working directory, or beside the executable or up to six
/// folders above it — the repository when run with `swift run`, the install prefix otherwise.
enum TemplateSearch {
    /// The shipped templates, or nil when none is found.
    static func shipped(executable: String, workingDirectory: String) -> URL? {
        var candidates = [URL(fileURLWithPath: workingDirectory)]
        var directory = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(directory)
            directory = directory.deletingLastPathComponent()
        }
        return candidates.lazy.map { $0.appendingPathComponent("templates") }.first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("layout.html").path)
        }
    }
}
