import BulletinKit
import SplitMix

/// Synthetic resident ID numbers (居民身份证号码, GB 11643-1999): the county's six-digit code, a
/// birth date, a three-digit sequence and the ISO 7064 MOD 11-2 check character. They are drawn
/// from a seeded generator for invented householders; any resemblance to a real person's number
/// is chance. Unique within one set.
struct ResidentIDs {
    private var used: Set<String> = []

    /// A fresh number for a householder of `county`, born between 1935 and 1990.
    mutating func make(county: String, rng: inout SplitMix64) -> String {
        while true {
            let year = rng.int(1935...1990)
            let month = rng.int(1...12)
            let day = rng.int(1...Day.daysIn(month: month, year: year))
            let sequence = rng.int(1...999)
            let body = county + String(year) + Self.two(month) + Self.two(day) + Self.padded(sequence, to: 3)
            let id = body + String(Self.checkCharacter(of: body))
            if used.insert(id).inserted { return id }
        }
    }

    /// The check character of a 17-digit body: weights 2^(17−i) mod 11, sum mod 11 mapped onto
    /// `10X98765432` (ISO 7064 MOD 11-2).
    static func checkCharacter(of body: String) -> Character {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body.compactMap(\.wholeNumberValue), weights).reduce(0) { $0 + $1.0 * $1.1 }
        return Array("10X98765432")[sum % 11]
    }

    /// The same number with a wrong check character: a typo a clerk makes copying it.
    static func mistyped(_ id: String) -> String {
        let right = id.last ?? "0"
        let wrong: Character = right == "3" ? "4" : "3"
        return String(id.dropLast()) + String(wrong)
    }

    private static func two(_ value: Int) -> String { padded(value, to: 2) }

    private static func padded(_ value: Int, to width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
