import Foundation

/// Text encodings a ledger may be in: UTF-8 (with or without a byte-order mark), or GB18030,
/// the superset of GBK that Excel and WPS on a Chinese Windows write.
package enum TextEncoding: String, Sendable {
    /// UTF-8; a leading byte-order mark is not data.
    case utf8 = "utf-8"
    /// GB18030 (and its subsets GBK and GB2312).
    case gb18030 = "gb18030"
}

/// What checking or decoding a stretch of bytes found.
enum DecodingOutcome: Equatable {
    /// Every byte up to the end was complete text.
    case complete
    /// The bytes from this index on start a character that the stretch cuts off; read more and
    /// look again.
    case truncated(at: Int)
    /// The bytes at this index are not text in the encoding.
    case invalid(at: Int)
}
