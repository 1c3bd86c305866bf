import SplitMix

/// The one seeded generator of the tests (SplitMix64, shared with the benchmarks and the
/// examples): the same seed gives the same data on every machine and toolchain, and nothing
/// comes from the clock. The fuzz tests and the reader tests know it by the names below.
typealias SeededRandom = SplitMix64
typealias SeededGenerator = SplitMix64
typealias TestRandom = SplitMix64

/// The tests' ways of drawing from it.
extension SplitMix64 {
    /// True with a chance of `percent` in 100.
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

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
