/// An exact ratio such as a frame rate (24000/1001) or a stream time base (1/12288).
///
/// Kept as integers because frame rates like 29.97 are not representable in binary floating point,
/// and timestamps must round-trip exactly between decoder and encoder.
public struct VideoRational: Sendable, Hashable, CustomStringConvertible {
    public var numerator: Int
    public var denominator: Int

    public init(_ numerator: Int, _ denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The ratio as a floating-point number; 0 when the denominator is 0 (an unknown rate).
    public var doubleValue: Double {
        denominator == 0 ? 0 : Double(numerator) / Double(denominator)
    }

    /// True when both parts are positive, i.e. it can be used as a rate or a time base.
    public var isPositive: Bool { numerator > 0 && denominator > 0 }

    public var description: String { "\(numerator)/\(denominator)" }
}
