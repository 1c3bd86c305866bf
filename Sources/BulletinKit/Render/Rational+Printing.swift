extension Rational {
    /// `doubleValue`, the same number, made in 64-bit arithmetic when the numerator and the
    /// denominator fit (rates and time progress of counts always do): converting a 128-bit
    /// integer to a double goes through a generic conversion many times slower, and the trend
    /// charts of a national build convert hundreds of thousands. Converting an integer to a
    /// double rounds to nearest either way, so the two agree.
    var quickDoubleValue: Double {
        guard let numerator = Int64(exactly: numerator), let denominator = Int64(exactly: denominator) else {
            return doubleValue
        }
        return Double(numerator) / Double(denominator)
    }
}
