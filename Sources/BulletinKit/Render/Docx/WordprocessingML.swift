/// Writes a `WordDocument` as `word/document.xml` (ECMA-376 WordprocessingML, transitional),
/// minimal and in the element order the schema prescribes, so that Word opens it without a
/// repair prompt. Every piece of text is escaped (`XMLText`): data never becomes markup.
enum WordprocessingML {
    static let namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// The relationship ids of the document part (see `WordParts.documentRelationships`).
    enum RelationshipID {
        static let oddFooter = "rId4"
        static let evenFooter = "rId5"
    }

    /// `word/document.xml`.
    static func writeDocument(_ document: WordDocument, into out: inout ByteStream) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        out.append("<w:document xmlns:w=\"\(namespace)\" xmlns:r=\"\(relationshipsNamespace)\"><w:body>")
        for block in document.blocks {
            switch block {
            case .paragraph(let paragraph): write(paragraph, into: &out)
            case .table(let table): write(table, into: &out)
            }
        }
        writeSection(document.lastSection, into: &out)
        out.append("</w:body></w:document>")
    }

    /// One paragraph with its own properties over its style's.
    static func write(_ paragraph: WordDocument.Paragraph, bold: Bool = false, into out: inout ByteStream) {
        out.append("<w:p><w:pPr><w:pStyle w:val=\"\(paragraph.style.rawValue)\"/>")
        if paragraph.ruleAbove != nil || paragraph.ruleBelow != nil {
            out.append("<w:pBdr>")
            if let rule = paragraph.ruleAbove { write(rule, side: "top", into: &out) }
            if let rule = paragraph.ruleBelow { write(rule, side: "bottom", into: &out) }
            out.append("</w:pBdr>")
        }
        if !paragraph.tabs.isEmpty {
            out.append("<w:tabs>")
            for tab in paragraph.tabs {
                out.append("<w:tab w:val=\"\(tab.alignment.rawValue)\" w:pos=\"\(tab.position)\"/>")
            }
            out.append("</w:tabs>")
        }
        if let before = paragraph.spaceBefore { out.append("<w:spacing w:before=\"\(before)\"/>") }
        writeIndents(paragraph, into: &out)
        if let alignment = paragraph.alignment { out.append("<w:jc w:val=\"\(alignment.rawValue)\"/>") }
        if let orientation = paragraph.endsSection { writeSection(orientation, into: &out) }
        out.append("</w:pPr>")
        for run in paragraph.runs { write(run, bold: bold, into: &out) }
        out.append("</w:p>")
    }

    /// A table: fixed layout, single borders, its first row repeated on every page
    /// (`w:tblHeader`) and no row split across pages (`w:cantSplit`).
    static func write(_ table: WordDocument.Table, into out: inout ByteStream) {
        let width = table.columns.reduce(0) { $0 + $1.width }
        out.append(
            "<w:tbl><w:tblPr><w:tblW w:w=\"\(width)\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>")
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            out.append("<w:\(side) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>")
        }
        out.append("</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar>")
        out.append(
            "<w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
        )
        out.append("<w:tblGrid>")
        for column in table.columns { out.append("<w:gridCol w:w=\"\(column.width)\"/>") }
        out.append("</w:tblGrid>")
        writeHeaderRow(table.header, columns: table.columns, into: &out)
        // A national table has tens of thousands of rows: each column's cell opening is made
        // once for the table, not once per cell.
        let openings = table.columns.map { column in
            ByteStream.collect { out in
                writeCellOpening(column, into: &out)
                out.append("<w:p><w:pPr><w:pStyle w:val=\"\(WordStyles.Style.tableText.rawValue)\"/>")
                out.append("<w:jc w:val=\"\(column.alignment.rawValue)\"/></w:pPr>")
            }
        }
        for (index, row) in table.rows.enumerated() {
            let bold = table.boldRows.contains(index)
            out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            for (column, opening) in openings.enumerated() {
                opening.withUnsafeBufferPointer { out.append(bytes: $0) }
                let text = column < row.count ? row[column] : ""
                // What `write(_:bold:into:)` writes after the properties of a paragraph of
                // this text alone.
                if !text.isEmpty { write(.text(text), bold: bold, into: &out) }
                out.append("</w:p></w:tc>")
            }
            out.append("</w:tr>")
        }
        out.append("</w:tbl>")
    }

    /// Section properties: both footers, the A4 page in `orientation`, its margins and the
    /// line grid.
    static func writeSection(_ orientation: WordDocument.Orientation, into out: inout ByteStream) {
        let margins = WordStyles.margins(orientation)
        out.append("<w:sectPr>")
        out.append("<w:footerReference w:type=\"default\" r:id=\"\(RelationshipID.oddFooter)\"/>")
        out.append("<w:footerReference w:type=\"even\" r:id=\"\(RelationshipID.evenFooter)\"/>")
        switch orientation {
        case .portrait:
            out.append("<w:pgSz w:w=\"\(WordStyles.pageWidth)\" w:h=\"\(WordStyles.pageHeight)\"/>")
        case .landscape:
            out.append(
                "<w:pgSz w:w=\"\(WordStyles.pageHeight)\" w:h=\"\(WordStyles.pageWidth)\" w:orient=\"landscape\"/>"
            )
        }
        out.append(
            "<w:pgMar w:top=\"\(margins.top)\" w:right=\"\(margins.right)\" w:bottom=\"\(margins.bottom)\" "
                + "w:left=\"\(margins.left)\" w:header=\"\(margins.header)\" w:footer=\"\(margins.footer)\" w:gutter=\"0\"/>"
        )
        // The line pitch without snapping to it (`w:type` left at "default"): the body's exact
        // 28.95 pt lines make the 22 lines themselves, and table rows keep their own height.
        out.append("<w:cols w:space=\"425\"/><w:docGrid w:linePitch=\"\(WordStyles.linePitch)\"/>")
        out.append("</w:sectPr>")
    }

    /// One run: text (line breaks and tabs kept as `w:br` and `w:tab`), a tab or the page number.
    static func write(_ run: WordDocument.Run, bold: Bool = false, into out: inout ByteStream) {
        let properties = bold ? "<w:rPr><w:b/><w:bCs/></w:rPr>" : ""
        switch run {
        case .text(let text):
            out.append("<w:r>\(properties)")
            // Most text has no line break or tab: one `w:t`.
            if !text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
                if !text.isEmpty {
                    out.append("<w:t xml:space=\"preserve\">")
                    out.appendEscaped(text)
                    out.append("</w:t>")
                }
                out.append("</w:r>")
                return
            }
            var first = true
            for line in text.split(
                omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
            ) {
                if !first { out.append("<w:br/>") }
                first = false
                for (index, piece) in line.split(separator: "\t", omittingEmptySubsequences: false)
                    .enumerated()
                {
                    if index > 0 { out.append("<w:tab/>") }
                    guard !piece.isEmpty else { continue }
                    out.append("<w:t xml:space=\"preserve\">")
                    out.appendEscaped(String(piece))
                    out.append("</w:t>")
                }
            }
            out.append("</w:r>")
        case .tab:
            out.append("<w:r>\(properties)<w:tab/></w:r>")
        case .pageNumber:
            // A complex field: Word, WPS and LibreOffice all update it; "1" shows until they do.
            out.append("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>")
            out.append("<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>")
            out.append("<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r>")
            out.append("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>")
        }
    }
}

extension WordprocessingML {
    /// The paragraph's own indents, in characters and in twips of its style's size for readers
    /// that only know twips.
    fileprivate static func writeIndents(_ paragraph: WordDocument.Paragraph, into out: inout ByteStream) {
        let indents = [
            ("left", paragraph.indentLeftChars), ("right", paragraph.indentRightChars),
            ("hanging", paragraph.hangingChars),
        ]
        guard indents.contains(where: { $0.1 != nil }) else { return }
        let character = WordStyles.definition(paragraph.style).size * 10
        out.append("<w:ind")
        for case (let name, let chars?) in indents {
            out.append(" w:\(name)=\"\(chars * character / 100)\" w:\(name)Chars=\"\(chars)\"")
        }
        out.append("/>")
    }

    fileprivate static func write(_ rule: WordDocument.Rule, side: String, into out: inout ByteStream) {
        out.append(
            "<w:\(side) w:val=\"single\" w:sz=\"\(rule.width)\" w:space=\"\(rule.space)\" w:color=\"\(rule.color)\"/>"
        )
    }

    /// A cell's start and properties: its width, its text centred vertically.
    fileprivate static func writeCellOpening(_ column: WordDocument.Table.Column, into out: inout ByteStream)
    {
        out.append(
            "<w:tc><w:tcPr><w:tcW w:w=\"\(column.width)\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>"
        )
    }

    /// The header row, repeated on every page: table headings, centred by their style.
    fileprivate static func writeHeaderRow(
        _ cells: [String], columns: [WordDocument.Table.Column], into out: inout ByteStream
    ) {
        out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
        for (index, column) in columns.enumerated() {
            writeCellOpening(column, into: &out)
            let text = index < cells.count ? cells[index] : ""
            write(WordDocument.Paragraph(.tableHeading, text.isEmpty ? [] : [.text(text)]), into: &out)
            out.append("</w:tc>")
        }
        out.append("</w:tr>")
    }
}
