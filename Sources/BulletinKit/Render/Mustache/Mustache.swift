import Foundation

/// The Mustache engine as the specification's conformance suites call it (SPEC §11).
public enum Mustache {
    /// Renders `template` with the JSON document `context` as the root of the context stack and
    /// `partials` by name; throws on malformed JSON or a malformed template. Values are escaped
    /// for HTML, and a partial that is not given renders as nothing, as the specification says.
    public static func render(_ template: String, context: Data, partials: [String: String]) throws -> String
    {
        let root = try JSONValue.parse(context)
        let names = ["template"] + partials.keys.sorted()
        var byName: [String: [Int]] = [:]
        for (index, name) in names.enumerated().dropFirst() { byName[name] = [index] }
        let resolve: (String) -> Int? = { byName[$0]?.first }
        var templates: [Template] = []
        for (index, name) in names.enumerated() {
            let source = index == 0 ? template : partials[name] ?? ""
            let parser = TemplateParser(
                file: name, kind: .html, resolve: resolve, unknownPartialsAreErrors: false)
            templates.append(Template(name: name, file: name, kind: .html, nodes: try parser.parse(source)))
        }
        let set = TemplateSet(templates: templates, byName: byName, unknownPartialsAreErrors: false)
        return try set.render(0, context: root)
    }
}
