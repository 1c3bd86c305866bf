/// `briefing.docx` (SPEC §6.3): the Markdown briefing's content, in its order, laid out as an
/// official document — 版头 (issuer, 期数, 文号), title, 一、总体进展, 二、各单位进度 (the unit tables,
/// on landscape pages when wide), 三、排名, 四、数据质量, 五、下步工作, the issuer and date, and
/// the 版记. Every text is read from the same render context `briefing.md` renders from, so the
/// two say the same thing in the same words and numbers.
struct BriefingDocument {
    /// The site context (`ContextBuilder.siteContext`), as `briefing.md` is rendered from.
    let context: JSONValue
    /// For labels and dates.
    let builder: ContextBuilder
    let trappings: DocumentTrappings

    /// A table wider than this many columns goes on landscape pages.
    static let portraitColumns = 8

    /// The package's bytes, handed to `sink` a chunk at a time.
    static func write(
        context: JSONObject, builder: ContextBuilder, into sink: ChunkSink
    ) throws(ZipWriter.Failure) {
        let document = BriefingDocument(
            context: .object(context), builder: builder, trappings: DocumentTrappings(builder.bulletin)
        ).make()
        var zip = ZipWriter { sink.take(&$0) }
        try WordParts.write(document, into: &zip)
    }

    /// The document.
    func make() -> WordDocument {
        var document = WordDocument(
            title: text("bulletin.title"), author: trappings.issuer, date: builder.bulletin.asOf,
            language: builder.label("document.language", default: "zh-CN"))
        document.eastAsianLanguage = builder.label("document.east_asian_language", default: "zh-CN")
        let hasHeader = addHeader(to: &document)
        var title = WordDocument.Paragraph(.title, text("bulletin.title"))
        if hasHeader { title.spaceBefore = WordStyles.linePitch * 2 }
        document.append(title)
        document.append(.init(.subtitle, text("labels.as_of") + text("bulletin.as_of_text")))
        document.append(.init(.heading1, text("labels.briefing.overview")))
        for indicator in list("indicators") {
            document.append(.init(.body, text("prose.overview", in: indicator)))
        }
        addUnitTables(to: &document)
        addRanking(to: &document)
        addQuality(to: &document)
        if isTrue("bulletin.has_remarks") {
            document.append(.init(.heading1, text("labels.briefing.remarks")))
            for item in list("bulletin.remark_items") {
                document.append(.init(.body, "\(text("number", in: item)). \(text("text", in: item))"))
            }
        }
        addSignature(to: &document)
        addColophon(to: &document)
        document.lastSection = .portrait
        return document
    }
}

extension BriefingDocument {
    /// 版头: the issuer in red 小标宋, then 第N期 and the 文号, over a red rule. Returns whether
    /// there is one.
    fileprivate func addHeader(to document: inout WordDocument) -> Bool {
        var lines: [WordDocument.Paragraph] = []
        if let issuer = trappings.issuer { lines.append(.init(.masthead, issuer)) }
        if let number = trappings.issueNumber {
            lines.append(
                .init(.mastheadLine, builder.phrase("document.issue_no", ["number": String(number)])))
        }
        if let docNo = trappings.docNo { lines.append(.init(.mastheadLine, docNo)) }
        guard !lines.isEmpty else { return false }
        // The red rule 4 mm (11 pt) under the last line, as wide as the text.
        lines[lines.count - 1].ruleBelow = WordDocument.Rule(width: 18, color: "FF0000", space: 11)
        for line in lines { document.append(line) }
        return true
    }

    /// 二、各单位进度: per indicator a （一） heading and the table of the root and the units in
    /// rank order, then the note. A table wider than eight columns takes landscape pages: the
    /// section before it ends, and its own ends after the note.
    fileprivate func addUnitTables(to document: inout WordDocument) {
        let keys = ["unit", "target", "done", "rate", "change", "time_progress", "gap", "rank", "status"]
        let header = keys.map { text($0 == "change" || $0 == "gap" ? "labels.unit_col.\($0)" : "labels.col.\($0)") }
        let orientation: WordDocument.Orientation =
            header.count > Self.portraitColumns ? .landscape : .portrait
        if orientation == .landscape { document.endSection(.portrait) }
        document.append(.init(.heading1, text("labels.briefing.table")))
        let columns = Self.columns(
            weights: [1.8, 1.05, 1.05, 1.45, 1, 1.1, 1.05, 0.6, 1.3],
            alignments: [.left, .right, .right, .right, .right, .right, .right, .center, .center],
            width: WordStyles.textWidth(orientation))
        for (index, indicator) in list("indicators").enumerated() {
            let heading = text("heading_stage_unit", in: indicator)
            document.append(.init(.heading2, subheading(index + 1) + heading))
            var rows = [unitRow(value("root", in: indicator), isTotal: true)]
            rows += list("rows_by_rank", in: indicator).map { unitRow($0, isTotal: false) }
            document.append(WordDocument.Table(columns: columns, header: header, rows: rows, boldRows: [0]))
        }
        document.append(.init(.body, text("labels.briefing.table_note")))
        if orientation == .landscape { document.endSection(.landscape) }
    }

    /// A region's row: the ranking stage's figures as the Markdown table prints them.
    fileprivate func unitRow(_ deferred: JSONValue?, isTotal: Bool) -> [String] {
        // A unit's row is made each time it is read: made once here for its nine cells.
        let row = deferred?.resolved
        var rate = text("ranked.rate_text", in: row)
        if !isTotal, isTrue("ranked.is_over_target", in: row) {
            rate += " " + text("labels.over_target_symbol")
        }
        return [
            text("name", in: row), text("ranked.target_text", in: row), text("ranked.done_text", in: row),
            rate,
            text("ranked.rate_change_text", in: row), text("ranked.time_progress_text", in: row),
            text("ranked.gap_text", in: row), text("ranked.rank_text", in: row),
            text("ranked.status_symbol", in: row) + " " + text("ranked.status_text", in: row),
        ]
    }

    /// 三、排名: per indicator its ranking sentences; then the composite rank.
    fileprivate func addRanking(to document: inout WordDocument) {
        document.append(.init(.heading1, text("labels.briefing.ranking")))
        let indicators = list("indicators")
        for (index, indicator) in indicators.enumerated() {
            let heading = text("heading_stage", in: indicator)
            document.append(.init(.heading2, subheading(index + 1) + heading))
            for sentence in list("prose.ranking", in: indicator) {
                document.append(.init(.body, sentence.stringValue ?? ""))
            }
        }
        let tied = text("composite_tied_text")
        if !tied.isEmpty {
            document.append(
                .init(.heading2, subheading(indicators.count + 1) + text("labels.briefing.composite")))
            document.append(.init(.body, tied))
        }
        guard isTrue("has_composite") else { return }
        document.append(
            .init(.heading2, subheading(indicators.count + 1) + text("labels.briefing.composite")))
        let rows = list("composite").map { entry in
            [Self.plain(value("rank", in: entry)), text("name", in: entry), text("score_text", in: entry)]
        }
        document.append(
            WordDocument.Table(
                columns: Self.columns(
                    weights: [1, 3, 2], alignments: [.center, .left, .right],
                    width: WordStyles.textWidth(.portrait)),
                header: [text("labels.col.rank"), text("labels.col.unit"), text("labels.col.score")],
                rows: rows))
    }

    /// 四、数据质量: the counts, where they are county by county, and every finding with its
    /// county, so that the printed pack needs no web page to follow.
    fileprivate func addQuality(to document: inout WordDocument) {
        document.append(.init(.heading1, text("labels.briefing.quality")))
        document.append(.init(.body, text("quality.prose")))
        guard isTrue("quality.has_findings") else { return }
        document.append(.init(.body, text("quality.by_unit_prose")))
        let rows = list("quality.sections").flatMap { section in
            list("findings", in: section).map { finding in
                [
                    text("name", in: section), text("location", in: finding), text("severity_text", in: finding),
                    text("message", in: finding),
                ]
            }
        }
        document.append(
            WordDocument.Table(
                columns: Self.columns(
                    weights: [1.6, 2.6, 1, 4.8], alignments: [.left, .left, .center, .left],
                    width: WordStyles.textWidth(.portrait)),
                header: [
                    text("labels.col.unit"), text("labels.col.location"), text("labels.col.severity"),
                    text("labels.col.message"),
                ],
                rows: rows))
    }

    /// 落款 of a document without a seal (GB/T 9704 7.3.5.2): the issuer two characters in from
    /// the right margin, and under it the date, its first character two characters right of the
    /// issuer's first. Widths are counted as the standard's fonts set them: a Chinese character
    /// one, a digit half.
    fileprivate func addSignature(to document: inout WordDocument) {
        let dateText = text("bulletin.as_of_text")
        var date = WordDocument.Paragraph(.signature, dateText)
        date.indentRightChars = 200
        if let issuer = trappings.issuer {
            var line = WordDocument.Paragraph(.signature, issuer)
            line.indentRightChars = 200
            line.spaceBefore = WordStyles.linePitch * 2
            document.append(line)
            // The date ends (issuer − date) characters in from the margin; flush right when the
            // issuer is the shorter.
            let difference = SummaryWorkbook.displayWidth(issuer) - SummaryWorkbook.displayWidth(dateText)
            date.indentRightChars = max(0, difference * 50)
        } else {
            date.spaceBefore = WordStyles.linePitch * 2
        }
        document.append(date)
    }

    /// 版记: 抄送 and 印发机关 with 印发日期, each line only when it has something to say, between
    /// a thick rule above and below and a thin one between. The rules span the text block and
    /// the text sits one character in from each side: a paragraph's border follows its indent,
    /// so the text is moved in by tab stops rather than by indenting.
    fileprivate func addColophon(to document: inout WordDocument) {
        let character = WordStyles.pageNumberLine  // one character of 四号
        let inner = WordStyles.textWidth(.portrait) - character
        var lines: [WordDocument.Paragraph] = []
        if !trappings.cc.isEmpty {
            let label = text("labels.document.cc")
            let list = trappings.cc.joined(separator: builder.label("document.cc_separator"))
            var line = WordDocument.Paragraph(
                .colophon, [.tab, .text(label + list + builder.label("document.cc_end"))])
            // Lines after the first start under the first office, after "抄送：".
            let hanging = 100 + SummaryWorkbook.displayWidth(label) * 50
            line.indentLeftChars = hanging
            line.hangingChars = hanging
            line.tabs = [(.left, character)]
            lines.append(line)
        }
        if trappings.issuer != nil || trappings.hasIssuedOn {
            let date = builder.phrase("document.issued_on", ["date": builder.format.date(trappings.issuedOn)])
            var line = WordDocument.Paragraph(
                .colophon, [.tab, .text(trappings.issuer ?? ""), .tab, .text(date)])
            line.tabs = [(.left, character), (.right, inner)]
            lines.append(line)
        }
        guard !lines.isEmpty else { return }
        let thick = WordDocument.Rule(width: 8)
        // 0.35 mm ≈ 1 pt and 0.25 mm ≈ 0.75 pt, the standard's recommended weights, in eighths.
        let thin = WordDocument.Rule(width: 6)
        for index in lines.indices {
            lines[index].ruleAbove = index == 0 ? thick : nil
            lines[index].ruleBelow = index == lines.count - 1 ? thick : thin
        }
        lines[0].spaceBefore = WordStyles.linePitch * 2
        for line in lines { document.append(line) }
    }

    /// （一）, （二）… in Chinese numerals, or the locale's own numbering.
    fileprivate func subheading(_ number: Int) -> String {
        let numeral =
            builder.label("document.numerals") == "chinese" ? Self.chineseNumeral(number) : String(number)
        return builder.phrase("document.subheading", ["number": numeral])
    }
}
