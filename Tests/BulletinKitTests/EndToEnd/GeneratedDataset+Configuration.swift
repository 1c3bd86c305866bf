import Foundation

extension GeneratedBuilder {
    // MARK: targets.csv

    mutating func writeTargets(_ random: inout SeededRandom) {
        let withWindow = random.chance(70)
        var header = ["indicator", "region", "target"] + (withWindow ? ["start", "deadline"] : [])
        if random.chance(30) { header = random.shuffled(header) }
        var records: [[String]] = [header]
        for (position, indicator) in indicators.enumerated() {
            for unit in random.shuffled(units).prefix(random.int(0...2)) {
                let rows = acceptedRows[position].filter { $0.unit == unit.code }
                let ledgerTarget = rows.reduce(Fraction.zero) { $0 + (indicator.sums ? $1.amount : .one) }
                var target: Fraction
                // 0 only where the ledger lists nothing: an explicit "no task". (0 over ledger rows is
                // left out: the SPEC does not say whether a unit without a task adds its done to the root.)
                switch rows.isEmpty && random.chance(50) ? -1 : random.int(0...11) {
                case -1: target = .zero
                case 0...4: target = ledgerTarget > .one ? ledgerTarget - .one : ledgerTarget + .one
                // 32 × what the first stage has done: a rate of 1/32 = 3.125%, exactly halfway between
                // two printed values.
                case 10, 11:
                    let done = rows.filter { row in
                        guard case .day(let day) = IndependentSummary.dateCell(row.cells[.stage(0)] ?? "")
                        else { return false }
                        return day <= asOf
                    }.reduce(Fraction.zero) { $0 + (indicator.sums ? $1.amount : .one) }
                    target = Fraction(32) * (done == .zero ? .one : done)
                default: target = ledgerTarget + Fraction(Int128(random.int(1...5)))
                }
                var cells = [
                    "indicator": indicator.id, "region": unit.code, "target": target.plainText, "start": "",
                    "deadline": "",
                ]
                if withWindow {
                    var start = indicator.start
                    if random.chance(40) {
                        start = indicator.start.adding(random.int(-20...20))
                        if let first = indicator.firstMilestone, first <= start { start = first.adding(-1) }
                        cells["start"] = start.iso
                    }
                    if random.chance(60) { cells["deadline"] = start.adding(random.int(20...250)).iso }
                    if start <= asOf, random.chance(20) {
                        cells["deadline"] = asOf.iso
                        features.insert("targets:deadline-on-as-of")
                    }
                    if cells["start"] != "" || cells["deadline"] != "" { features.insert("targets:window") }
                }
                if target == .zero { features.insert("targets:zero") }
                records.append(header.map { cells[$0]! })
                features.insert(rows.isEmpty ? "targets:unit-without-rows" : "targets:override")
            }
        }
        let text = csvText(records, lineEnd: random.pick(["\n", "\r\n"]), &random)
        files["targets.csv"] =
            random.chance(30) ? Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8) : Data(text.utf8)
    }

    // MARK: bulletin.json

    mutating func indicatorJSON(
        _ position: Int, ledger: String, columns: [GeneratedRole: String], stageCount: Int,
        _ random: inout SeededRandom
    ) -> FixtureJSON {
        var plan = indicators[position]
        var fields: [(key: String, value: FixtureJSON)] = [
            ("id", .string(plan.id)), ("title", .string(["农村危房改造", "安全饮水", "易地搬迁"][position % 3])),
            ("measure_unit", "户"), ("ledger", .string(ledger)), ("region", .string(columns[.region]!)),
        ]
        if plan.usesID { fields.append(("id_column", .string(columns[.id]!))) }
        if plan.sums {
            fields.append(("measure", ["sum": .string(columns[.measure]!)]))
            features.insert("measure:sum")
        } else {
            if random.chance(60) { fields.append(("measure", "count")) }
            features.insert("measure:count")
        }
        if plan.usesCategory { fields.append(("category", .string(columns[.category]!))) }
        let stageIDs = ["started", "completed", "accepted"]
        let stages = (0..<stageCount).map { stage -> FixtureJSON in
            [
                "id": .string(stageIDs[stage]), "title": .string(["开工", "竣工", "验收"][stage]),
                "date": .string(columns[.stage(stage)]!),
            ]
        }
        fields.append(("stages", .array(stages)))
        if random.chance(50) { fields.append(("rank_by", .string(stageIDs[random.int(0...stageCount - 1)]))) }
        fields += [("start", .string(plan.start.iso)), ("deadline", .string(plan.deadline.iso))]
        switch plan.rule {
        case "days": fields.append(("time_progress", "days"))
        case "months": fields.append(("time_progress", "months"))
        case "milestones":
            let span = plan.deadline.serial - plan.start.serial
            let count = random.int(1...3)
            var offsets = random.shuffled(Array(1...span)).prefix(count).sorted()
            if random.chance(50) { offsets[count - 1] = span }
            let rates = (0..<count).map { _ in
                random.pick(["0.1", "0.2", "0.25", "0.3", "0.5", "0.6", "0.75", "0.9", "1"])
            }
            .sorted { Fraction(decimal: $0)! < Fraction(decimal: $1)! }
            let milestones = zip(offsets, rates).map { offset, rate -> FixtureJSON in
                ["date": .string(plan.start.adding(offset).iso), "rate": .literal(rate)]
            }
            plan.firstMilestone = plan.start.adding(offsets[0])
            fields.append(("time_progress", .array(milestones)))
        default: break  // days by default
        }
        features.insert("rule:\(plan.rule == "omitted" ? "days" : plan.rule)")
        indicators[position].firstMilestone = plan.firstMilestone
        return .object(fields)
    }

    mutating func writeConfiguration(asOf: CalendarDay, _ random: inout SeededRandom) {
        features.insert(
            "period:\(period.hasPrefix("\"") ? period.replacingOccurrences(of: "\"", with: "") : "days")")
        let (yellow, red) = random.pick([
            ("0", "-10"), ("5", "-5"), ("-2.5", "-20"), ("0", "0"), ("1.25", "-7.5"),
        ])
        let configuration: FixtureJSON = [
            "title": .string("生成的进度通报 \(seed)"),
            "root": .string(rootCode),
            "unit_label": "县",
            "as_of": .string(asOf.iso),
            "period": .literal(period),
            // Drawn in this order, top before bottom, as every earlier seed's dataset was.
            "flags": [
                "top": .literal(String(random.int(0...3))), "bottom": .literal(String(random.int(0...3))),
            ],
            "status": ["yellow_below_pp": .literal(yellow), "red_below_pp": .literal(red)],
            "indicators": .array(indicators.map(\.json)),
        ]
        files["bulletin.json"] = Data(configuration.text.utf8)
    }

    // MARK: text

    /// A date in one of the SPEC's forms, sometimes with one-digit month and day or surrounding spaces.
    mutating func dateText(_ day: CalendarDay, _ random: inout SeededRandom) -> String {
        let short = random.chance(50)
        let month = short ? "\(day.month)" : twoDigits(day.month)
        let date = short ? "\(day.day)" : twoDigits(day.day)
        let form = random.int(0...4)
        let text: String
        switch form {
        case 0: text = day.iso
        case 1: text = "\(day.year)/\(month)/\(date)"
        case 2: text = "\(day.year).\(month).\(date)"
        case 3: text = "\(day.year)年\(month)月\(date)日"
        default: text = "\(day.year)-\(day.month)-\(day.day)"
        }
        features.insert("date:\(["iso", "slash", "dot", "cjk", "dash-short"][form])")
        guard random.chance(10) else { return text }
        features.insert("date:spaces")
        return random.pick([" \(text) ", "\u{3000}\(text)", "\(text)\t"])
    }

    /// RFC 4180 text: fields with commas, quotes or line breaks are quoted, and a few others too.
    mutating func csvText(_ records: [[String]], lineEnd: String, _ random: inout SeededRandom) -> String {
        records.map { record in
            record.map { field -> String in
                // Scalars, not Characters: "\r\n" is one Character and would hide a lone "\n".
                let needsQuotes = field.unicodeScalars.contains { ",\"\r\n".unicodeScalars.contains($0) }
                guard needsQuotes || random.chance(8) else { return field }
                features.insert("quoted")
                return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }.joined(separator: ",")
        }.joined(separator: lineEnd) + lineEnd
    }

    func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
