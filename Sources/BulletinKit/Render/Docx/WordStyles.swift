/// The page and type of an official document after GB/T 9704-2012 (党政机关公文格式): A4 with
/// margins of 37 mm top, 35 mm bottom, 28 mm left and 26 mm right; 22 lines of 三号 type to the
/// page; title in 小标宋 二号, body in 仿宋_GB2312 三号, 一、 headings in 黑体 and （一） headings in
/// 楷体_GB2312, page numbers `— 1 —` in 宋体 四号. One table of styles, written as `styles.xml`
/// and `fontTable.xml`; the document's paragraphs only name them.
enum WordStyles {
    /// Twips (1/20 point, 1/1440 inch) in `millimetres`, rounded half up: mm × 1440 / 25.4.
    static func twips(millimetres: Int) -> Int {
        (millimetres * 28_800 + 254) / 508
    }

    /// A4: 210 × 297 mm.
    static let pageWidth = twips(millimetres: 210)
    static let pageHeight = twips(millimetres: 297)

    /// The line pitch: the 225 mm text block (297 − 37 − 35) holds 22 lines, 28.95 pt each, fixed
    /// as offices set it ("固定值 28.95 磅").
    static let linePitch = 579

    /// One character of 三号 (16 pt) type, the unit of first-line and colophon indents.
    static let bodyCharacter = 320

    /// The margins and footer distance of a page, in twips.
    struct Margins: Equatable {
        var top: Int
        var bottom: Int
        var left: Int
        var right: Int
        /// From the page's bottom edge to the footer's bottom: the page number's line sits
        /// 7 mm below the text block, as the standard places it.
        var footer: Int { bottom - twips(millimetres: 7) - pageNumberLine }
        /// 15 mm; no header is written.
        var header: Int { twips(millimetres: 15) }
    }

    /// The height of the page number's line: 14 pt.
    static let pageNumberLine = 280

    /// The margins of a page. A landscape page is the portrait page turned a quarter clockwise:
    /// the binding edge (left) goes to the top, so a bound pack reads it turned the same way.
    static func margins(_ orientation: WordDocument.Orientation) -> Margins {
        let (top, bottom, left, right) = (37, 35, 28, 26)
        switch orientation {
        case .portrait:
            return Margins(
                top: twips(millimetres: top), bottom: twips(millimetres: bottom),
                left: twips(millimetres: left),
                right: twips(millimetres: right))
        case .landscape:
            return Margins(
                top: twips(millimetres: left), bottom: twips(millimetres: right),
                left: twips(millimetres: bottom),
                right: twips(millimetres: top))
        }
    }

    /// The width of the text block, in twips.
    static func textWidth(_ orientation: WordDocument.Orientation) -> Int {
        let margins = margins(orientation)
        let width = orientation == .portrait ? pageWidth : pageHeight
        return width - margins.left - margins.right
    }

    /// A typeface with the face Word, WPS or LibreOffice falls back to when it is not installed.
    struct Font: Sendable {
        var name: String
        var fallback: String
        /// `roman` (serif) or `modern`/`swiss` (sans), for a reader choosing a substitute.
        var family: String
    }

    static let xiaobiaosong = Font(name: "方正小标宋简体", fallback: "华文中宋", family: "roman")
    static let zhongsong = Font(name: "华文中宋", fallback: "SimSun", family: "roman")
    static let fangsong = Font(name: "仿宋_GB2312", fallback: "FangSong", family: "modern")
    static let heiti = Font(name: "黑体", fallback: "SimHei", family: "modern")
    static let kaiti = Font(name: "楷体_GB2312", fallback: "KaiTi", family: "modern")
    static let songti = Font(name: "宋体", fallback: "SimSun", family: "roman")

    /// Every font `fontTable.xml` describes, each with its fallback.
    static let fonts = [xiaobiaosong, zhongsong, fangsong, heiti, kaiti, songti]

    /// The paragraph styles of the document.
    enum Style: String, Sendable, CaseIterable {
        /// 正文: 仿宋_GB2312 三号, two-character first-line indent, justified.
        case body = "Normal"
        /// 标题: 小标宋 二号, centred.
        case title = "Title"
        /// The as-of line under the title: 楷体 三号, centred.
        case subtitle = "Subtitle"
        /// 一、 headings: 黑体 三号.
        case heading1 = "Heading1"
        /// （一） headings: 楷体_GB2312 三号.
        case heading2 = "Heading2"
        /// 发文机关标志: 小标宋, red, centred.
        case masthead = "Masthead"
        /// 期数 and 文号 under it: 仿宋 三号, centred.
        case mastheadLine = "MastheadLine"
        /// 落款: the issuer and date at the end, right-aligned.
        case signature = "Signature"
        /// Table cells: 仿宋 小四, centred.
        case tableText = "TableText"
        /// Table header cells: 黑体 小四, centred.
        case tableHeading = "TableHeading"
        /// 版记: 仿宋 四号 (its lines start one character in by a tab, so that its rules span
        /// the text block).
        case colophon = "Colophon"
        /// Page numbers: 宋体 四号.
        case footer = "Footer"
    }

    /// What a style sets.
    struct Definition {
        var name: String
        var font: Font
        /// Size in half-points (`w:sz`): 三号 16 pt = 32.
        var size: Int
        var alignment: WordDocument.Alignment = .both
        /// First-line indent in hundredths of a character (`w:firstLineChars`).
        var firstLineChars = 0
        /// Exact line height in twips.
        var line = linePitch
        var spaceAfter = 0
        var color: String?
        var isBold = false
        var keepWithNext = false
        var outlineLevel: Int?
        /// Left and right indent in hundredths of a character.
        var sideChars = 0
    }

    /// The definition of each style.
    static func definition(_ style: Style) -> Definition {
        switch style {
        case .body: Definition(name: "Normal", font: fangsong, size: 32, firstLineChars: 200)
        case .title:
            Definition(
                name: "Title", font: xiaobiaosong, size: 44, alignment: .center, line: 700,
                spaceAfter: linePitch)
        case .subtitle:
            Definition(name: "Subtitle", font: kaiti, size: 32, alignment: .center, spaceAfter: linePitch)
        case .heading1:
            Definition(
                name: "heading 1", font: heiti, size: 32, firstLineChars: 200, keepWithNext: true,
                outlineLevel: 0)
        case .heading2:
            Definition(
                name: "heading 2", font: kaiti, size: 32, firstLineChars: 200, keepWithNext: true,
                outlineLevel: 1)
        case .masthead:
            Definition(
                name: "Masthead", font: xiaobiaosong, size: 52, alignment: .center, line: 900, color: "FF0000"
            )
        case .mastheadLine: Definition(name: "Masthead Line", font: fangsong, size: 32, alignment: .center)
        case .signature: Definition(name: "Signature", font: fangsong, size: 32, alignment: .right)
        case .tableText:
            Definition(name: "Table Text", font: fangsong, size: 24, alignment: .center, line: 400)
        case .tableHeading:
            Definition(
                name: "Table Heading", font: heiti, size: 24, alignment: .center, line: 400,
                keepWithNext: true)
        case .colophon: Definition(name: "Colophon", font: fangsong, size: 28, alignment: .left)
        case .footer:
            Definition(name: "footer", font: songti, size: 28, alignment: .right, line: pageNumberLine)
        }
    }
}
