extension Int64 {
    /// Parses 1–18 ASCII digits only (no sign, no spaces), so lengths can never overflow or go negative.
    init?<S: StringProtocol>(digits: S) {
        guard !digits.isEmpty, digits.utf8.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in digits.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        self = value
    }
}
