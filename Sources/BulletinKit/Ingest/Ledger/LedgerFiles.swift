import Foundation

/// The files of a ledger (SPEC §2.4): one file of the dataset, or every file a pattern such as
/// `危房改造/*.xlsx` matches, in code-point order of their paths. `*` and `?` match within one
/// folder level; the files are the parts of one ledger.
enum LedgerFiles {
    /// Why `pattern` cannot name a ledger, or nil when it can: a relative path inside the
    /// dataset, without `..`, hidden folders, backslashes or control characters.
    static func problem(withPattern pattern: String) -> Diagnostic.Message? {
        let levels = pattern.split(separator: "/", omittingEmptySubsequences: false)
        if pattern.isEmpty || pattern.hasPrefix("/") || pattern.contains("\\")
            || levels.contains(where: { $0.isEmpty || $0.hasPrefix(".") })
            || pattern.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        {
            return .init(.configLedgerOutside)
        }
        if levels.dropLast().contains(where: { $0.contains("*") || $0.contains("?") }) {
            return .init(.configLedgerPattern)
        }
        return nil
    }

    /// Whether `ledger` is a pattern rather than one file's name.
    static func isPattern(_ ledger: String) -> Bool { ledger.contains("*") || ledger.contains("?") }

    /// The dataset-relative paths of the ledger's files that exist, in code-point order. A plain
    /// name gives itself (whether or not it exists: the scan reports a missing file).
    static func parts(of ledger: String, in directory: URL) -> [String] {
        guard isPattern(ledger) else { return [ledger] }
        let levels = ledger.split(separator: "/").map(String.init)
        let folder = levels.dropLast().joined(separator: "/")
        let namePattern = levels.last ?? ""
        let folderURL = folder.isEmpty ? directory : directory.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folderURL.path)) ?? []
        return
            names
            .filter {
                !$0.hasPrefix(".") && !$0.hasPrefix("~$")
                    && matches(Array($0.unicodeScalars), Array(namePattern.unicodeScalars))
            }
            .map { folder.isEmpty ? $0 : folder + "/" + $0 }
            .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }

    /// Whether `name` matches `pattern`, where `*` is any run of characters and `?` one.
    /// Iterative with one backtracking point, so a hostile pattern cannot take exponential time.
    static func matches(_ name: [Unicode.Scalar], _ pattern: [Unicode.Scalar]) -> Bool {
        var (n, p) = (0, 0)
        var star: (pattern: Int, name: Int)?
        while n < name.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == name[n] {
                n += 1
                p += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = (p, n)
                p += 1
            } else if let last = star {
                p = last.pattern + 1
                n = last.name + 1
                star = (last.pattern, last.name + 1)
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
