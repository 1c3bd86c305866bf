import Foundation

/// The templates folder (SPEC §7), loaded and parsed once, then rendered as often as needed,
/// from any thread. Every `*.html`, `*.md` and `*.css` file in the folder and its subfolders is a
/// template named by its relative path without extension (`index`, `partials/table`); the
/// `locales/` folder and hidden files are not. The extension decides how values are escaped.
package struct TemplateLibrary: Sendable {
    private let set: TemplateSet

    /// Loads and parses every template. A malformed template, or a partial or parent that names no
    /// template, is an error naming the file, line and column of the tag.
    package init(directory: URL) throws(MustacheError) {
        let files = try Self.templateFiles(in: directory)
        var byName: [String: [Int]] = [:]
        for (index, file) in files.enumerated() { byName[file.name, default: []].append(index) }
        let names = byName
        var templates: [Template] = []
        for file in files {
            let url = directory.appendingPathComponent(file.path)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw MustacheError(file: file.path, reason: "cannot be read")
            }
            guard let source = String(data: data, encoding: .utf8) else {
                throw MustacheError(file: file.path, reason: "is not UTF-8 text; save the template as UTF-8")
            }
            let resolve = { (name: String) in
                names[name].flatMap { Self.first($0, preferring: file.kind, in: files) }
            }
            let parser = TemplateParser(
                file: file.path, kind: file.kind, resolve: resolve, unknownPartialsAreErrors: true)
            templates.append(
                Template(name: file.name, file: file.path, kind: file.kind, nodes: try parser.parse(source)))
        }
        set = TemplateSet(templates: templates, byName: byName, unknownPartialsAreErrors: true)
    }

    /// Renders the template `name` (`index` finds `index.html`, `briefing` finds `briefing.md`)
    /// with `context` as the root of the context stack.
    package func render(_ name: String, context: JSONValue) throws(MustacheError) -> String {
        try set.render(try index(of: name), context: context)
    }

    /// Renders the template `name` into `sink`, handing it the output each time there are
    /// `chunkSize` bytes or more.
    func render(_ name: String, context: JSONValue, into sink: ChunkSink, chunkSize: Int = 1 << 20)
        throws(MustacheError)
    {
        try set.render(try index(of: name), context: context, into: sink, chunkSize: chunkSize)
    }

    private func index(of name: String) throws(MustacheError) -> Int {
        guard
            let index = set.index(of: name, preferring: nil)
                ?? set.templates.firstIndex(where: { $0.file == name })
        else {
            throw MustacheError(
                file: name, reason: "there is no template by this name in the templates folder")
        }
        return index
    }
}

extension TemplateLibrary {
    fileprivate struct File {
        var path: String
        var name: String
        var kind: TemplateKind
    }

    /// The template files under `directory`, sorted by kind (html, markdown, css), then path.
    fileprivate static func templateFiles(in directory: URL) throws(MustacheError) -> [File] {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory.path, isDirectory: &isDirectory),
            isDirectory.boolValue,
            let enumerator = fileManager.enumerator(atPath: directory.path)
        else {
            throw MustacheError(
                file: directory.path, reason: "the templates folder does not exist or cannot be read")
        }
        var files: [File] = []
        while let path = enumerator.nextObject() as? String {
            let components = path.split(separator: "/")
            // Labels live in locales/; hidden files are an editor's or a file system's, not ours.
            if components.first == "locales" || components.contains(where: { $0.hasPrefix(".") }) { continue }
            let fileExtension = (path as NSString).pathExtension
            guard let kind = TemplateKind(fileExtension: fileExtension) else { continue }
            var isFolder: ObjCBool = false
            guard
                fileManager.fileExists(
                    atPath: directory.appendingPathComponent(path).path, isDirectory: &isFolder),
                !isFolder.boolValue
            else { continue }
            files.append(File(path: path, name: String(path.dropLast(fileExtension.count + 1)), kind: kind))
        }
        return files.sorted { ($0.kind.rawValue, $0.path) < ($1.kind.rawValue, $1.path) }
    }

    /// Of the files with one name, the one of `kind`, else the first.
    fileprivate static func first(_ candidates: [Int], preferring kind: TemplateKind, in files: [File])
        -> Int?
    {
        candidates.first { files[$0].kind == kind } ?? candidates.first
    }
}
