/// Opaque reservation ids: `rsv_` + 20 base62 characters (≈119 random bits from the system's
/// cryptographic generator), so one tenant cannot guess another's.
enum ReservationID {
    static let prefix = "rsv_"
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return prefix + String((0..<20).map { _ in alphabet[Int(generator.next(upperBound: UInt8(alphabet.count)))] })
    }
}
