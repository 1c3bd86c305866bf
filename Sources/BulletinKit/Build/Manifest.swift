import Foundation

/// `manifest.json`: what made this bulletin — tool version, options, as-of date, and for each
/// input file its size, rows and SHA-256 — so a published bulletin can be traced to its ledgers.
/// No clock and no absolute path: the manifest is as reproducible as the rest.
enum Manifest {
    struct Input {
        var file: String
        var bytes: Int
        var rows: Int?
        var sha256: String
        var encoding: String?
    }

    static func make(
        version: String, dataset: URL, asOf: Day, locale: String, history: Bool, keepGoing: Bool,
        customTemplates: Bool, inputs: [Input], quality: QualityReport
    ) -> String {
        let object = JSONObject([
            "tool": "bulletin",
            "version": .string(version),
            "dataset": .string(dataset.standardizedFileURL.lastPathComponent),
            "as_of": .string(asOf.description),
            "options": .object(
                JSONObject([
                    "locale": .string(locale), "history": .bool(history), "keep_going": .bool(keepGoing),
                    "templates": .string(customTemplates ? "custom" : "built-in"),
                ])),
            "inputs": .array(
                inputs.map { input in
                    var entry = JSONObject([
                        "file": .string(input.file), "bytes": .number(Double(input.bytes)),
                        "rows": input.rows.map { .number(Double($0)) } ?? .null, "sha256": .string(input.sha256),
                    ])
                    if let encoding = input.encoding { entry["encoding"] = .string(encoding) }
                    return .object(entry)
                }),
            "findings": .object(
                JSONObject(["errors": .number(Double(quality.errorCount)), "warnings": .number(Double(quality.warningCount))])),
        ])
        return JSONValue.object(object).jsonText() + "\n"
    }
}
