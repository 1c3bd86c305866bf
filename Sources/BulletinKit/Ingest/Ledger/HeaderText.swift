/// Header and place-name texts as they are compared (SPEC §2.5, §2.6): without any white space
/// (line breaks inside a cell included) and with full-width letters, digits, punctuation and
/// brackets (U+FF01…U+FF5E) folded to their ASCII forms, so that `竣工 日期`, `竣工\n日期` and
/// `改造进度（户）` find `竣工日期` and `改造进度(户)`.
enum HeaderText {
    /// `text` in its compared form.
    static func normalized(_ text: some StringProtocol) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.value == 0x200B || scalar.value == 0xFEFF { continue }
            if (0xFF01...0xFF5E).contains(scalar.value), let folded = Unicode.Scalar(scalar.value - 0xFEE0) {
                scalars.append(folded)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
