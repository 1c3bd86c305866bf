/// SplitMix64 (Steele, Lea & Flood 2014): a small seeded pseudo-random generator for made-up
/// data — the tests' generated datasets, the benchmarks' inputs and the examples. The same seed
/// gives the same numbers on every machine and toolchain, and nothing comes from the clock or
/// the system's randomness, so whatever is made from it is made byte-identical on every run.
///
/// The one implementation of the package's seeded randomness, in its own module (no product
/// ships it). Conveniences one user alone needs live with that user, as extensions.
package struct SplitMix64: RandomNumberGenerator {
    // Inlinable, with the state visible to the inlined code: the benchmarks draw hundreds of
    // millions of numbers, and a call across modules for each would dominate their set-up.
    @usableFromInline var state: UInt64

    @inlinable package init(seed: UInt64) { state = seed }

    @inlinable package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in `range`, by the remainder (the tiny modulo bias does not matter for
    /// made-up data, and changing the method would change every dataset made with it).
    @inlinable package mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// One of `elements`, each as likely; `elements` must not be empty.
    @inlinable package mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[int(0...(elements.count - 1))]
    }
}
