// TEMPORARY until the Mustache engine lands from branch mustache.
import Foundation

public struct MustacheError: Error, Sendable, CustomStringConvertible { public var description: String }
public struct TemplateLibrary: Sendable {
    public init(directory: URL) throws(MustacheError) {}
    public func render(_ name: String, context: JSONValue) throws(MustacheError) -> String { "" }
}
