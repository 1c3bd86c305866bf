import Foundation

/// The dataset's `bulletin.json` (SPEC §3): what the bulletin is called, which region is the
/// root, the reporting date and the indicators to compute.
struct Configuration: Sendable {
    /// The bulletin's title (南阳市脱贫攻坚重点任务进度通报).
    var title: String
    /// The issuing office printed under the title, if any.
    var issuer: String?
    /// The root region's code; its children are the bulletin's units.
    var root: String
    /// What a unit is called in table headers (县（市、区）).
    var unitLabel: String
    /// The bulletin date (as-of date).
    var asOf: Day
    /// How far back "previous bulletin" (较上期) looks.
    var period: Period
    /// The locale of labels and number formats.
    var locale: String
    /// How many best and worst ranks are named (前三名 / 后三位).
    var flagsTop: Int
    var flagsBottom: Int
    /// Gaps below these (in percentage points) make a unit yellow or red.
    var yellowBelow: Rational
    var redBelow: Rational
    /// Paragraphs printed as the briefing's 五、下步工作.
    var remarks: [String]
    /// The indicators, in the order they are printed.
    var indicators: [Indicator]
    /// 文号, 期数, 抄送 and 印发日期 for the Word briefing and the masthead (SPEC §3).
    var document = DocumentKeys()

    /// The locales Bulletin ships labels for.
    static let locales = ["zh-Hans", "zh-Hant", "en"]
    /// The locale of a bulletin.json without `"locale"`.
    static let defaultLocale = "zh-Hans"
}
