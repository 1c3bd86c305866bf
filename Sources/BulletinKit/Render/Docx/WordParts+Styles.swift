/// `word/styles.xml`: the document defaults and every paragraph style of `WordStyles`, each
/// complete in itself (no `basedOn`), so that a reader's own idea of "Title" or "heading 1"
/// (bold, a theme font, a larger size) never mixes in.
extension WordParts {
    /// The styles part; `language` is the East Asian language of the text (`zh-CN`).
    static func styles(language: String) -> String {
        let body = WordStyles.definition(.body)
        var xml =
            header
            + "<w:styles xmlns:w=\"\(WordprocessingML.namespace)\"><w:docDefaults><w:rPrDefault><w:rPr>"
            + fonts(body.font)
            + "<w:kern w:val=\"2\"/><w:sz w:val=\"\(body.size)\"/><w:szCs w:val=\"\(body.size)\"/>"
            + "<w:lang w:val=\"en-US\" w:eastAsia=\"\(XMLText.escaped(language, inAttribute: true))\"/>"
            + "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
            + "<w:spacing w:line=\"\(WordStyles.linePitch)\" w:lineRule=\"exact\"/><w:jc w:val=\"both\"/>"
            + "</w:pPr></w:pPrDefault></w:docDefaults>"
        for style in WordStyles.Style.allCases {
            xml += paragraphStyle(style)
        }
        xml +=
            "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
            + "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/>"
            + "</w:style><w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
            + "<w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/>"
            + "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
            + "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/>"
            + "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style></w:styles>"
        return xml
    }

    /// One paragraph style, its paragraph and run properties in schema order.
    private static func paragraphStyle(_ style: WordStyles.Style) -> String {
        let definition = WordStyles.definition(style)
        let isDefault = style == .body ? " w:default=\"1\"" : ""
        var xml =
            "<w:style w:type=\"paragraph\"\(isDefault) w:styleId=\"\(style.rawValue)\">"
            + "<w:name w:val=\"\(definition.name)\"/>"
        if style != .body { xml += "<w:next w:val=\"\(WordStyles.Style.body.rawValue)\"/>" }
        xml += "<w:qFormat/><w:pPr>"
        if definition.keepWithNext { xml += "<w:keepNext/>" }
        xml +=
            "<w:spacing w:before=\"0\" w:after=\"\(definition.spaceAfter)\" w:line=\"\(definition.line)\" w:lineRule=\"exact\"/>"
        // Character-based indents (the standard's "空二字") with the twips of 三号 type beside
        // them for readers that only know twips.
        let character = definition.size * 10
        let first = definition.firstLineChars
        let side = definition.sideChars
        xml +=
            "<w:ind w:left=\"\(side * character / 100)\" w:leftChars=\"\(side)\" w:right=\"\(side * character / 100)\""
            + " w:rightChars=\"\(side)\" w:firstLine=\"\(first * character / 100)\" w:firstLineChars=\"\(first)\"/>"
        xml += "<w:jc w:val=\"\(definition.alignment.rawValue)\"/>"
        if let level = definition.outlineLevel { xml += "<w:outlineLvl w:val=\"\(level)\"/>" }
        xml += "</w:pPr><w:rPr>" + fonts(definition.font)
        let bold = definition.isBold ? "" : " w:val=\"0\""
        xml += "<w:b\(bold)/><w:bCs\(bold)/><w:i w:val=\"0\"/><w:iCs w:val=\"0\"/>"
        xml += "<w:color w:val=\"\(definition.color ?? "000000")\"/>"
        xml += "<w:sz w:val=\"\(definition.size)\"/><w:szCs w:val=\"\(definition.size)\"/></w:rPr></w:style>"
        return xml
    }

    /// The same face for East Asian and Latin text, so that digits and Latin letters sit in the
    /// line as the standard's samples show them.
    private static func fonts(_ font: WordStyles.Font) -> String {
        let name = XMLText.escaped(font.name, inAttribute: true)
        return
            "<w:rFonts w:ascii=\"\(name)\" w:eastAsia=\"\(name)\" w:hAnsi=\"\(name)\" w:cs=\"\(name)\" w:hint=\"eastAsia\"/>"
    }
}
