/// The parts of a Word package other than the body: content types, relationships, styles,
/// fonts, settings, the two page-number footers and the document properties — and the package
/// itself, written with `ZipWriter` in a fixed order.
enum WordParts {
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    private static let w = WordprocessingML.namespace
    private static let relationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    private static let officeRelationships =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// Writes the package of `document` through `zip`: every part, in a fixed order.
    static func write(_ document: WordDocument, into zip: inout ZipWriter) throws(ZipWriter.Failure) {
        try zip.add("[Content_Types].xml", bytes: Array(contentTypes.utf8))
        try zip.add("_rels/.rels", bytes: Array(packageRelationships.utf8))
        try zip.add("docProps/core.xml", bytes: Array(coreProperties(document).utf8))
        try zip.add("docProps/app.xml", bytes: Array(appProperties.utf8))
        try zip.add("word/document.xml") { WordprocessingML.writeDocument(document, into: &$0) }
        try zip.add("word/_rels/document.xml.rels", bytes: Array(documentRelationships.utf8))
        try zip.add("word/styles.xml", bytes: Array(styles(language: document.eastAsianLanguage).utf8))
        try zip.add("word/settings.xml", bytes: Array(settings.utf8))
        try zip.add("word/fontTable.xml", bytes: Array(fontTable.utf8))
        try zip.add("word/footer1.xml", bytes: Array(footer(odd: true).utf8))
        try zip.add("word/footer2.xml", bytes: Array(footer(odd: false).utf8))
        try zip.finish()
    }

    static let contentTypes =
        header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + override("/word/document.xml", "officedocument.wordprocessingml.document.main")
        + override("/word/styles.xml", "officedocument.wordprocessingml.styles")
        + override("/word/settings.xml", "officedocument.wordprocessingml.settings")
        + override("/word/fontTable.xml", "officedocument.wordprocessingml.fontTable")
        + override("/word/footer1.xml", "officedocument.wordprocessingml.footer")
        + override("/word/footer2.xml", "officedocument.wordprocessingml.footer")
        + override("/docProps/core.xml", "package.core-properties")
        + override("/docProps/app.xml", "officedocument.extended-properties")
        + "</Types>"

    static let packageRelationships =
        header + "<Relationships xmlns=\"\(relationships)\">"
        + relationship("rId1", "\(officeRelationships)/officeDocument", "word/document.xml")
        + relationship("rId2", "\(relationships)/metadata/core-properties", "docProps/core.xml")
        + relationship("rId3", "\(officeRelationships)/extended-properties", "docProps/app.xml")
        + "</Relationships>"

    static let documentRelationships =
        header + "<Relationships xmlns=\"\(relationships)\">"
        + relationship("rId1", "\(officeRelationships)/styles", "styles.xml")
        + relationship("rId2", "\(officeRelationships)/settings", "settings.xml")
        + relationship("rId3", "\(officeRelationships)/fontTable", "fontTable.xml")
        + relationship(
            WordprocessingML.RelationshipID.oddFooter, "\(officeRelationships)/footer", "footer1.xml")
        + relationship(
            WordprocessingML.RelationshipID.evenFooter, "\(officeRelationships)/footer", "footer2.xml")
        + "</Relationships>"

    /// The title, author and language, and the bulletin date without a time of day (a W3CDTF
    /// date), so that the properties change with the data, never with the clock.
    static func coreProperties(_ document: WordDocument) -> String {
        var xml =
            header
            + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<dc:title>\(XMLText.escaped(document.title))</dc:title>"
        if let author = document.author { xml += "<dc:creator>\(XMLText.escaped(author))</dc:creator>" }
        xml += "<dc:language>\(XMLText.escaped(document.language))</dc:language>"
        if let date = document.date {
            xml += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(date)</dcterms:created>"
            xml += "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(date)</dcterms:modified>"
        }
        return xml + "</cp:coreProperties>"
    }

    static let appProperties =
        header
        + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
        + "<Application>Bulletin</Application></Properties>"

    /// Odd and even pages carry their own footer (`w:evenAndOddHeaders`): the standard puts the
    /// page number one character in from the outer edge.
    static let settings =
        header + "<w:settings xmlns:w=\"\(w)\"><w:zoom w:percent=\"100\"/>"
        + "<w:defaultTabStop w:val=\"\(WordStyles.bodyCharacter * 2)\"/><w:evenAndOddHeaders/>"
        + "<w:characterSpacingControl w:val=\"compressPunctuation\"/><w:compat>"
        + "<w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>"
        + "</w:compat></w:settings>"

    /// Each font with the face to use when it is missing (`w:altName`), GB2312's character set
    /// (86) and its family.
    static let fontTable =
        header + "<w:fonts xmlns:w=\"\(w)\">"
        + WordStyles.fonts.map { font in
            "<w:font w:name=\"\(XMLText.escaped(font.name, inAttribute: true))\">"
                + "<w:altName w:val=\"\(XMLText.escaped(font.fallback, inAttribute: true))\"/>"
                + "<w:charset w:val=\"86\"/><w:family w:val=\"\(font.family)\"/><w:pitch w:val=\"variable\"/></w:font>"
        }.joined() + "</w:fonts>"

    /// `— 1 —`: the page number between em dashes, in 宋体 四号, one character in from the outer
    /// edge: right on odd pages, left on even ones.
    static func footer(odd: Bool) -> String {
        var paragraph = WordDocument.Paragraph(.footer, [.text("— "), .pageNumber, .text(" —")])
        paragraph.alignment = odd ? .right : .left
        // One character in from the outer edge.
        if odd { paragraph.indentRightChars = 100 } else { paragraph.indentLeftChars = 100 }
        let body = ByteStream.collect { WordprocessingML.write(paragraph, into: &$0) }
        return header + "<w:ftr xmlns:w=\"\(w)\" xmlns:r=\"\(officeRelationships)\">"
            + String(decoding: body, as: UTF8.self) + "</w:ftr>"
    }

    private static func override(_ part: String, _ type: String) -> String {
        "<Override PartName=\"\(part)\" ContentType=\"application/vnd.openxmlformats-\(type)+xml\"/>"
    }

    private static func relationship(_ id: String, _ type: String, _ target: String) -> String {
        "<Relationship Id=\"\(id)\" Type=\"\(type)\" Target=\"\(target)\"/>"
    }
}
