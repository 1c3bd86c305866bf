/// A relationship of a package part (`_rels/*.rels`, OPC): which other part plays which role.
struct Relationship: Equatable {
    /// `rId1` …
    var id: String
    /// The last path segment of the type URI (`officeDocument`, `worksheet`, `sharedStrings`,
    /// `styles`): transitional and strict-ISO type URIs differ only before it.
    var type: String
    /// The target as a package path without a leading `/`, relative targets resolved.
    var target: String
}

extension WorkbookPackage {
    /// An XML scanner over a part, or nil when the package has no such part.
    func scanner(for part: String) throws(WorkbookError) -> XMLScanner? {
        guard let stored = storedPath(of: part) else { return nil }
        return XMLScanner(part: stored, source: try open(stored))
    }

    /// The relationships of `part` (`""` for the package itself), from its `.rels` part; empty
    /// when it has none. External targets (hyperlinks) are left out.
    func relationships(of part: String) throws(WorkbookError) -> [Relationship] {
        guard var xml = try scanner(for: Self.relationshipsPath(of: part)) else { return [] }
        var found: [Relationship] = []
        while true {
            let token = try xml.next()
            if token == .endOfPart { break }
            guard token == .startTag, xml.isNamed("Relationship") else { continue }
            guard try xml.string(ofAttribute: "TargetMode") != "External",
                let id = try xml.string(ofAttribute: "Id"), let type = try xml.string(ofAttribute: "Type"),
                let target = try xml.string(ofAttribute: "Target")
            else { continue }
            let kind = type.split(separator: "/").last.map(String.init) ?? type
            found.append(Relationship(id: id, type: kind, target: Self.resolve(target, from: part)))
        }
        return found
    }

    /// `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; `""` → `_rels/.rels`.
    static func relationshipsPath(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "_rels/\(part).rels" }
        return "\(part[..<slash])/_rels/\(part[part.index(after: slash)...]).rels"
    }

    /// A relationship target as a package path: absolute targets (`/xl/worksheets/sheet1.xml`)
    /// from the root, relative ones from the folder of the source part, `.` and `..` resolved.
    static func resolve(_ target: String, from part: String) -> String {
        var segments: [Substring] = []
        if !target.hasPrefix("/") {
            segments = part.split(separator: "/", omittingEmptySubsequences: false).dropLast().map { $0 }
        }
        for segment in target.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        return segments.filter { !$0.isEmpty }.joined(separator: "/")
    }
}
