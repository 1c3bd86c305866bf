/// A deterministic pseudo-random source (SplitMix64) for generated test data: the same seed gives
/// the same data on every machine and toolchain, and nothing comes from the clock.
/// The one seeded generator of the tests; the fuzz tests and the reader tests know it by the
/// names below.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in `range` (modulo bias is irrelevant for test data).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with a chance of `percent` in 100.
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    mutating func pick<T>(_ choices: [T]) -> T { choices[int(0...choices.count - 1)] }

    /// The elements in a random order (Fisher–Yates).
    mutating func shuffled<T>(_ elements: [T]) -> [T] {
        var result = elements
        for index in result.indices.dropLast() {
            result.swapAt(index, int(index...result.count - 1))
        }
        return result
    }

    /// A number in `0..<bound`, by the standard library's unbiased method.
    mutating func below(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &self) }

    /// True with probability `numerator / denominator`.
    mutating func chance(_ numerator: Int, in denominator: Int) -> Bool { below(denominator) < numerator }

    /// A number in `0..<bound`, by the remainder (slightly biased; fine for test data).
    mutating func int(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

typealias SeededGenerator = SeededRandom
typealias TestRandom = SeededRandom
