import Foundation

@testable import BulletinKit

/// A small JSON Schema (2020-12) validator for the keywords `data.schema.json` uses, so that the
/// tests check every example's `data.json` without a package: `type`, `properties`, `required`,
/// `additionalProperties`, `items`, `prefixItems`, `minItems`, `maxItems`, `enum`, `const`,
/// `minimum`, `maximum`, `pattern`, `$ref` to `#/$defs/…`, and the annotations `$schema`,
/// `$id`, `$defs`, `title`, `description`. Any other keyword is reported as unsupported rather
/// than ignored, so a schema cannot lean on a rule this validator does not check.
struct JSONSchemaValidator {
    /// The root schema, where `$ref`s are resolved.
    let root: JSONValue

    /// Keywords that only annotate; they never fail a value.
    private static let annotations: Set<String> = ["$schema", "$id", "$defs", "title", "description"]
    private static let assertions: Set<String> = [
        "type", "properties", "required", "additionalProperties", "items", "prefixItems", "minItems", "maxItems",
        "enum", "const", "minimum", "maximum", "pattern", "$ref",
    ]

    /// Every way `instance` breaks the schema, each as `<JSON pointer>: <what is wrong>`; empty
    /// when it is valid.
    func errors(in instance: JSONValue) -> [String] {
        var errors: [String] = []
        check(instance, against: root, at: "", into: &errors)
        return errors
    }

    private func check(_ value: JSONValue, against schema: JSONValue, at path: String, into errors: inout [String]) {
        if case .bool(let allowed) = schema {
            if !allowed { errors.append("\(path): no value is allowed here") }
            return
        }
        guard let keywords = schema.objectValue else {
            errors.append("\(path): the schema here is neither an object nor a boolean")
            return
        }
        for key in keywords.keys where !Self.annotations.contains(key) && !Self.assertions.contains(key) {
            errors.append("\(path): unsupported schema keyword \(key)")
        }
        if let reference = keywords["$ref"]?.stringValue {
            if let target = resolve(reference) {
                check(value, against: target, at: path, into: &errors)
            } else {
                errors.append("\(path): cannot resolve $ref \(reference)")
            }
        }
        if let type = keywords["type"] {
            let allowed = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue ?? ""]
            if !allowed.contains(where: { Self.value(value, hasType: $0) }) {
                errors.append("\(path): expected \(allowed.joined(separator: " or ")), found \(value.kindDescription)")
            }
        }
        if let options = keywords["enum"]?.arrayValue, !options.contains(value) {
            errors.append("\(path): \(value.jsonText(pretty: false)) is not one of the allowed values")
        }
        if let constant = keywords["const"], constant != value {
            errors.append("\(path): expected \(constant.jsonText(pretty: false))")
        }
        if case .number(let number) = value {
            if let minimum = keywords["minimum"]?.numberValue, number < minimum {
                errors.append("\(path): \(number) is below the minimum \(minimum)")
            }
            if let maximum = keywords["maximum"]?.numberValue, number > maximum {
                errors.append("\(path): \(number) is above the maximum \(maximum)")
            }
        }
        if case .string(let text) = value, let pattern = keywords["pattern"]?.stringValue {
            if !Self.matches(text, pattern) { errors.append("\(path): \"\(text)\" does not match \(pattern)") }
        }
        if case .object(let object) = value { checkObject(object, keywords, at: path, into: &errors) }
        if case .array(let elements) = value { checkArray(elements, keywords, at: path, into: &errors) }
    }

    private func checkObject(_ object: JSONObject, _ keywords: JSONObject, at path: String, into errors: inout [String]) {
        let properties = keywords["properties"]?.objectValue ?? JSONObject()
        for key in keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[key] == nil {
            errors.append("\(path): the required key \"\(key)\" is missing")
        }
        for member in object.members {
            let memberPath = path + "/" + Self.escaped(member.key)
            if let schema = properties[member.key] {
                check(member.value, against: schema, at: memberPath, into: &errors)
            } else if let additional = keywords["additionalProperties"] {
                if additional == .bool(false) {
                    errors.append("\(path): the key \"\(member.key)\" is not allowed")
                } else {
                    check(member.value, against: additional, at: memberPath, into: &errors)
                }
            }
        }
    }

    private func checkArray(_ elements: [JSONValue], _ keywords: JSONObject, at path: String, into errors: inout [String]) {
        if let minimum = keywords["minItems"]?.numberValue, Double(elements.count) < minimum {
            errors.append("\(path): \(elements.count) items, fewer than \(Int(minimum))")
        }
        if let maximum = keywords["maxItems"]?.numberValue, Double(elements.count) > maximum {
            errors.append("\(path): \(elements.count) items, more than \(Int(maximum))")
        }
        let prefix = keywords["prefixItems"]?.arrayValue ?? []
        for (index, element) in elements.enumerated() {
            if index < prefix.count {
                check(element, against: prefix[index], at: "\(path)/\(index)", into: &errors)
            } else if let items = keywords["items"] {
                check(element, against: items, at: "\(path)/\(index)", into: &errors)
            }
        }
    }

    /// The schema a local reference (`#/$defs/name`, any JSON pointer into the root) points at.
    private func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#") else { return nil }
        var target: JSONValue? = root
        for token in reference.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            target = target?[key]
        }
        return target
    }

    /// Whether a value is of a JSON Schema type; an integer is a number with no fraction.
    private static func value(_ value: JSONValue, hasType type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array),
            ("object", .object):
            true
        case ("integer", .number(let number)): number.isFinite && number == number.rounded()
        default: false
        }
    }

    private static func matches(_ text: String, _ pattern: String) -> Bool {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return false }
        let range = NSRange(text.startIndex..., in: text)
        return expression.firstMatch(in: text, range: range) != nil
    }

    /// A key as a JSON pointer token.
    private static func escaped(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
