/// The findings by unit (issue 17: findings that can go back to the counties): one section per
/// county on the quality page, one list per county in `quality/<code>.csv`, and a sentence per
/// county in the briefing's 数据质量 section. Findings that belong to no unit — `bulletin.json`,
/// `regions.csv`, a row whose place is not found in a city-wide file — are the city's own,
/// listed under the root's code.
extension ContextBuilder {
    /// One list of findings: a unit's, or the city's own (`unit` nil).
    struct FindingList {
        /// The unit in `bulletin.units`, or nil for the findings of no unit.
        var unit: Int?
        /// The findings by file and line (`QualityReport.sortedFindings`' order).
        var findings: [Finding]
        var errorCount: Int { findings.count { $0.severity == .error } }
        var warningCount: Int { findings.count { $0.severity == .warning } }
    }

    /// The kept findings split by unit: units in their order (by code), then the city's own.
    func findingLists() -> [FindingList] {
        var byUnit: [Int: [Finding]] = [:]
        var unattributed: [Finding] = []
        for finding in bulletin.quality.sortedFindings {
            if let unit = finding.unit, bulletin.units.indices.contains(unit) {
                byUnit[unit, default: []].append(finding)
            } else {
                unattributed.append(finding)
            }
        }
        var lists = byUnit.keys.sorted().map { FindingList(unit: $0, findings: byUnit[$0] ?? []) }
        if !unattributed.isEmpty { lists.append(FindingList(unit: nil, findings: unattributed)) }
        return lists
    }

    /// The code a list is filed under: the unit's, or the root's for the city's own.
    func code(of list: FindingList) -> String {
        list.unit.map { bulletin.units[$0].code } ?? bulletin.root.code
    }

    /// The name a list is headed with.
    func name(of list: FindingList) -> String {
        list.unit.map { bulletin.units[$0].name }
            ?? phrase("quality.unattributed", ["unit_label": bulletin.configuration.unitLabel])
    }

    /// `错误1条、疑点2条`, leaving out a zero.
    func countsText(errors: Int, warnings: Int) -> String {
        var parts: [String] = []
        if errors > 0 { parts.append(phrase("quality.errors", ["count": String(errors)])) }
        if warnings > 0 { parts.append(phrase("quality.warnings", ["count": String(warnings)])) }
        return parts.joined(separator: label("quality.separator"))
    }

    /// `超任务1条、目标任务少于台账条数1条`: the kinds of a list, most frequent first.
    func kindsText(_ list: FindingList) -> String {
        var counts: [Finding.Kind: Int] = [:]
        for finding in list.findings { counts[finding.kind, default: 0] += 1 }
        let ordered = counts.sorted {
            $0.value != $1.value ? $0.value > $1.value : $0.key.rawValue < $1.key.rawValue
        }
        return ordered.map { kind, count in
            phrase("quality.kind_count", ["kind": kindText(kind), "count": String(count)])
        }.joined(separator: label("quality.separator"))
    }

    /// The kind as the locale names it (`日期无法识别`).
    func kindText(_ kind: Finding.Kind) -> String {
        label("finding.\(kind.rawValue)", default: kind.rawValue)
    }

    /// What a clerk does about a finding of this kind (`按 YYYY-MM-DD 填写日期`).
    func fixText(_ kind: Finding.Kind) -> String {
        label("quality.fix.\(kind.rawValue)", default: "")
    }

    /// The quality page's sections, one per list.
    func qualitySections(_ lists: [FindingList], pathToRoot: String) -> JSONValue {
        .array(
            lists.enumerated().map { index, list in
                let code = code(of: list)
                return .object(
                    JSONObject([
                        "code": .string(code), "name": .string(name(of: list)),
                        "anchor": .string("findings-\(index + 1)"),
                        "csv_href": .string("\(pathToRoot)quality/\(code).csv"),
                        "error_count": .number(Double(list.errorCount)),
                        "warning_count": .number(Double(list.warningCount)),
                        "heading": .string(
                            phrase(
                                "quality.section_heading",
                                [
                                    "name": name(of: list),
                                    "counts": countsText(
                                        errors: list.errorCount, warnings: list.warningCount),
                                ])),
                        "findings": .array(
                            list.findings.map { finding in
                                .object(
                                    JSONObject([
                                        "location": .string(finding.location),
                                        "record_id": .string(finding.recordID ?? ""),
                                        "severity": .string(finding.severity.rawValue),
                                        "severity_text": .string(
                                            label("severity.\(finding.severity.rawValue)")),
                                        "kind_text": .string(kindText(finding.kind)),
                                        "message": .string(messageText(finding)),
                                        "fix": .string(fixText(finding.kind)),
                                    ]))
                            }),
                    ]))
            })
    }

    /// The briefing's sentence on where the findings are: `卧龙区疑点2条（超任务1条、…）；…`.
    func qualityByUnitProse(_ lists: [FindingList]) -> String {
        guard !lists.isEmpty else { return "" }
        let items = lists.map { list in
            phrase(
                list.unit == nil ? "quality.unattributed_item" : "quality.unit_item",
                [
                    "name": name(of: list),
                    "counts": countsText(errors: list.errorCount, warnings: list.warningCount),
                    "kinds": kindsText(list), "unit_label": bulletin.configuration.unitLabel,
                ])
        }
        return phrase(
            "prose.quality_units",
            [
                "list": items.joined(separator: label("quality.item_separator")),
                "unit_label": bulletin.configuration.unitLabel,
            ])
    }

    /// How many findings were counted but not listed (past `QualityReport.storedPerKind`).
    var omittedFindingCount: Int { bulletin.quality.omitted.values.reduce(0, +) }
}
