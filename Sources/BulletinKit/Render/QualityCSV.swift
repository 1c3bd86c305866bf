/// `quality/<code>.csv` (issue 17): one county's findings, for the city to send back to it
/// (督办) — file, sheet, line, column, the row's id (masked, SPEC §5.1), severity, kind, what is
/// wrong and how to fix it, headed in the bulletin's language. UTF-8 with BOM and CRLF so that
/// Excel opens it as it is; text cells that could run as formulas get a leading `'`.
enum QualityCSV {
    /// The header labels' paths in the locale file, in column order.
    static let columns = [
        "col.file", "col.sheet", "col.line", "col.column", "col.record_id", "col.severity", "col.kind",
        "col.message", "col.fix",
    ]

    /// The file of one list of findings.
    static func make(_ list: ContextBuilder.FindingList, builder: ContextBuilder) -> String {
        var rows = [columns.map { builder.label($0) }]
        for finding in list.findings {
            rows.append([
                finding.file, finding.sheet ?? "", finding.line.map(String.init) ?? "",
                finding.column.map(String.init) ?? "", finding.recordID ?? "",
                builder.label("severity.\(finding.severity.rawValue)"), builder.kindText(finding.kind),
                builder.messageText(finding), builder.fixText(finding.kind),
            ])
        }
        return "\u{FEFF}"
            + rows.map { row in
                row.map { SummaryCSV.quoted(SummaryCSV.text($0)) }.joined(separator: ",") + "\r\n"
            }.joined()
    }
}
