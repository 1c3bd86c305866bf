/// A Word document as the briefing lays it out: paragraphs in the named styles of the house
/// layout (`WordStyles`) and tables, in sections of portrait or landscape A4 pages. The model
/// holds text only; `WordprocessingML` turns it into the package's XML.
struct WordDocument: Sendable {
    /// The document's title in its core properties.
    var title: String
    /// Its author in the core properties (the issuer), if any.
    var author: String?
    /// The date of its core properties (no time of day), if any.
    var date: Day?
    /// The language of its text (`zh-CN`), for the core properties.
    var language: String
    /// The language of its Chinese text (`zh-CN`, `zh-TW`): the glyph forms a reader picks.
    var eastAsianLanguage = "zh-CN"
    /// The body, in order.
    private(set) var blocks: [Block] = []
    /// The orientation of the last section (the body's own section properties).
    var lastSection: Orientation = .portrait

    init(title: String, author: String?, date: Day?, language: String) {
        self.title = title
        self.author = author
        self.date = date
        self.language = language
    }

    /// A page orientation.
    enum Orientation: Sendable, Equatable {
        case portrait
        case landscape
    }

    /// A paragraph or a table.
    enum Block: Sendable {
        case paragraph(Paragraph)
        case table(Table)
    }

    /// A paragraph alignment, where it differs from its style's.
    enum Alignment: String, Sendable {
        case left
        case center
        case right
        case both
    }

    /// A piece of a paragraph.
    enum Run: Sendable, Equatable {
        /// Text (line breaks and tabs in it are kept as breaks and tabs).
        case text(String)
        /// A tab to the paragraph's next tab stop.
        case tab
        /// The page number (a `PAGE` field).
        case pageNumber
    }

    /// A horizontal rule above or below a paragraph: the 版头's red line and the 版记's lines.
    struct Rule: Sendable, Equatable {
        /// Width in eighths of a point (`w:sz`).
        var width: Int
        /// `RRGGBB`.
        var color: String = "000000"
        /// Distance from the text in points.
        var space: Int = 1
    }

    struct Paragraph: Sendable {
        var style: WordStyles.Style
        var runs: [Run]
        var alignment: Alignment?
        /// Space before the paragraph in twips, over its style's.
        var spaceBefore: Int?
        var ruleAbove: Rule?
        var ruleBelow: Rule?
        /// Indents from the left and right margins and the hanging indent of the lines after the
        /// first, in hundredths of a character of the style's size, over the style's own.
        var indentLeftChars: Int?
        var indentRightChars: Int?
        var hangingChars: Int?
        /// Tab stops: alignment (`left`, `right`) and position in twips from the left margin.
        var tabs: [(alignment: Alignment, position: Int)] = []
        /// The orientation of the section this paragraph ends, if it ends one.
        var endsSection: Orientation?

        init(_ style: WordStyles.Style, _ runs: [Run], alignment: Alignment? = nil) {
            self.style = style
            self.runs = runs
            self.alignment = alignment
        }

        init(_ style: WordStyles.Style, _ text: String, alignment: Alignment? = nil) {
            self.init(style, [.text(text)], alignment: alignment)
        }
    }

    /// A table whose first row repeats on every page and whose rows never split.
    struct Table: Sendable {
        struct Column: Sendable {
            /// Width in twips.
            var width: Int
            var alignment: Alignment
        }

        var columns: [Column]
        /// The header row.
        var header: [String]
        var rows: [[String]]
        /// Rows (by index into `rows`) printed bold: the total row.
        var boldRows: Set<Int> = []
    }

    /// Appends a paragraph.
    mutating func append(_ paragraph: Paragraph) {
        blocks.append(.paragraph(paragraph))
    }

    /// Appends a table.
    mutating func append(_ table: Table) {
        blocks.append(.table(table))
    }

    /// Ends the current section, whose pages have `orientation`: the section properties go on
    /// its last paragraph, or on an empty one when the section ends with a table.
    mutating func endSection(_ orientation: Orientation) {
        if case .paragraph(var last) = blocks.last, last.endsSection == nil {
            last.endsSection = orientation
            blocks[blocks.count - 1] = .paragraph(last)
        } else {
            var empty = Paragraph(.body, [])
            empty.endsSection = orientation
            blocks.append(.paragraph(empty))
        }
    }
}
