import Foundation

/// The print stylesheet that needs the bulletin's own words: the title and as-of date at the top
/// of every A4 page and the page number at the bottom (CSS page-margin boxes), and the two
/// properties the 2020 Nu checker does not know yet (`print-color-adjust`, `color-scheme`).
/// It is a `data:` URL, so pages stay self-contained and open offline.
enum PrintStylesheet {
    /// The `href` of the stylesheet for a bulletin titled `title`, dated `asOf` (already worded
    /// for the locale).
    static func href(title: String, asOf: String) -> String {
        // The margin boxes do not inherit the body's font: they are given its stack.
        let font = "font-family:system-ui,\"PingFang SC\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",\"WenQuanYi Micro Hei\",sans-serif"
        let css = """
            @page{@top-left{content:"\(cssString(title))";font-size:8pt;color:#444;\(font)}\
            @top-right{content:"\(cssString(asOf))";font-size:8pt;color:#444;\(font)}\
            @bottom-right{content:counter(page) " / " counter(pages);font-size:8pt;color:#444;\(font)}}\
            @media print{*{print-color-adjust:exact}}:root{color-scheme:light dark}
            """
        return "data:text/css;charset=utf-8," + percentEncoded(css)
    }

    /// Text made safe inside a double-quoted CSS string: every ASCII character other than a
    /// letter, digit or space becomes a hex escape, so data can never end the string or the rule.
    static func cssString(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, !(scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == " ") {
                result += "\\" + String(scalar.value, radix: 16) + " "
            } else if scalar.value < 0x20 || scalar.value == 0x7F {
                result += "\\" + String(scalar.value, radix: 16) + " "
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Percent-encodes everything but ASCII letters and digits (RFC 3986), byte by byte in UTF-8.
    static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}
