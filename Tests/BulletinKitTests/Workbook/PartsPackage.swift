import Foundation

@testable import BulletinKit

/// A workbook package from parts in memory (or read from an extracted folder), for tests of the
/// XML layer that do not need a ZIP file; reads hand out `chunk` bytes at a time.
struct PartsPackage: WorkbookPackage {
    var parts: [String: [UInt8]]
    var chunk = Int.max

    init(parts: [String: String], chunk: Int = .max) {
        self.parts = parts.mapValues { Array($0.utf8) }
        self.chunk = chunk
    }

    /// Every file below `folder`, by relative path.
    init(folder: URL, chunk: Int = .max) throws {
        parts = try filesBelow(folder).mapValues { Array($0) }
        self.chunk = chunk
    }

    func storedPath(of part: String) -> String? {
        if parts[part] != nil { return part }
        let wanted = part.drop { $0 == "/" || $0 == "\\" }.lowercased()
        return parts.keys.sorted().first { $0.lowercased() == wanted }
    }

    func open(_ storedPath: String) throws(WorkbookError) -> PartByteSource {
        MemoryPartSource(parts[storedPath] ?? [], chunk: chunk)
    }
}
