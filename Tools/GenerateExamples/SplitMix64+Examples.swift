import SplitMix

/// The examples' ways of drawing from the package's seeded generator (SplitMix64). The examples
/// are made from it alone, never from the system's randomness, so that every run of the
/// generator writes byte-identical files on every machine and toolchain.
extension SplitMix64 {
    /// A uniform number in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// An index drawn with the given relative weights.
    mutating func pick(weights: [Double]) -> Int {
        var remaining = unit() * weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            remaining -= weight
            if remaining < 0 { return index }
        }
        return weights.count - 1
    }

    /// Fisher–Yates with this generator: the standard library's `shuffle(using:)` does not
    /// promise the same order across toolchain versions.
    mutating func shuffle<Element>(_ elements: inout [Element]) {
        guard elements.count > 1 else { return }
        for index in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(index, int(0...index))
        }
    }
}
