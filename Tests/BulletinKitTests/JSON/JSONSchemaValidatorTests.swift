import Foundation
import Testing

@testable import BulletinKit

/// The tests' JSON Schema validator (Support/JSONSchemaValidator.swift) rejects what it should:
/// each case breaks one rule of a small schema that uses every keyword the validator knows.
struct JSONSchemaValidatorTests {
    /// An object with a required date, a count of at least 1, a status word, an optional
    /// `[number, status]` pair and nothing else; the status word and the pair through `$defs`.
    static let schema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "description": "a test schema",
          "type": "object",
          "required": ["date", "count", "status"],
          "additionalProperties": false,
          "properties": {
            "version": { "const": 1 },
            "date": { "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" },
            "count": { "type": "integer", "minimum": 1, "maximum": 10 },
            "status": { "$ref": "#/$defs/status" },
            "note": { "type": ["string", "null"] },
            "pair": { "$ref": "#/$defs/pair" },
            "list": { "type": "array", "minItems": 1, "items": { "type": "number" } }
          },
          "$defs": {
            "status": { "enum": ["green", "red"] },
            "pair": {
              "type": "array", "minItems": 2, "maxItems": 2,
              "prefixItems": [{ "type": "number" }, { "$ref": "#/$defs/status" }],
              "items": false
            }
          }
        }
        """

    func errors(_ document: String, schema: String = Self.schema) throws -> [String] {
        let validator = JSONSchemaValidator(root: try JSONValue.parse(schema))
        return validator.errors(in: try JSONValue.parse(document))
    }

    @Test func aValidDocumentHasNoErrors() throws {
        let document = """
            {"version": 1, "date": "2020-10-15", "count": 3, "status": "green", "note": null,
             "pair": [72.59, "red"], "list": [1, 2.5]}
            """
        #expect(try errors(document) == [])
    }

    /// Each document breaks one rule; the error names the place (a JSON pointer) and the rule.
    @Test(arguments: [
        // Missing required key.
        (#"{"date": "2020-10-15", "count": 3}"#, #": the required key "status" is missing"#),
        // Wrong type: a string where an integer is required, and a fraction is not an integer.
        (#"{"date": "2020-10-15", "count": "3", "status": "red"}"#, "/count: expected integer, found a string"),
        (#"{"date": "2020-10-15", "count": 2.5, "status": "red"}"#, "/count: expected integer, found a number"),
        (#"{"date": "2020-10-15", "count": 3, "status": "red", "note": 7}"#, "/note: expected string or null, found a number"),
        // A stray key.
        (#"{"date": "2020-10-15", "count": 3, "status": "red", "rate_text": "72.59%"}"#, #": the key "rate_text" is not allowed"#),
        // Enum miss, through $ref.
        (#"{"date": "2020-10-15", "count": 3, "status": "blue"}"#, #"/status: "blue" is not one of the allowed values"#),
        // const, minimum, maximum, pattern.
        (#"{"version": 2, "date": "2020-10-15", "count": 3, "status": "red"}"#, "/version: expected 1"),
        (#"{"date": "2020-10-15", "count": 0, "status": "red"}"#, "/count: 0.0 is below the minimum 1.0"),
        (#"{"date": "2020-10-15", "count": 11, "status": "red"}"#, "/count: 11.0 is above the maximum 10.0"),
        (#"{"date": "2020/10/15", "count": 3, "status": "red"}"#, #"/date: "2020/10/15" does not match ^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#),
        // Tuples: a wrong element, one too many (items false), one too few.
        (#"{"date": "2020-10-15", "count": 3, "status": "red", "pair": [1, "blue"]}"#, #"/pair/1: "blue" is not one of the allowed values"#),
        (#"{"date": "2020-10-15", "count": 3, "status": "red", "pair": [1, "red", 2]}"#, "/pair/2: no value is allowed here"),
        (#"{"date": "2020-10-15", "count": 3, "status": "red", "pair": [1]}"#, "/pair: 1 items, fewer than 2"),
        // items of a list.
        (#"{"date": "2020-10-15", "count": 3, "status": "red", "list": [1, "2"]}"#, "/list/1: expected number, found a string"),
        (#"{"date": "2020-10-15", "count": 3, "status": "red", "list": []}"#, "/list: 0 items, fewer than 1"),
    ])
    func aBrokenRuleIsReported(document: String, expected: String) throws {
        let found = try errors(document)
        #expect(found.contains(expected), "\(found)")
    }

    @Test func aKeywordTheValidatorDoesNotKnowIsReportedNotIgnored() throws {
        let schema = #"{"type": "object", "minProperties": 5}"#
        #expect(try errors("{}", schema: schema) == [": unsupported schema keyword minProperties"])
    }

    @Test func aReferenceThatLeadsNowhereIsReported() throws {
        let schema = ##"{"$ref": "#/$defs/missing"}"##
        #expect(try errors("{}", schema: schema) == [": cannot resolve $ref #/$defs/missing"])
    }
}
