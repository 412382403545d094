/// A batch's opaque id: `bat_` + 20 base62 characters (≈119 bits from the system's
/// cryptographic generator), so one tenant cannot guess another's.
enum StylizationBatchID {
    static let prefix = "bat_"
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return prefix + String((0..<20).map { _ in alphabet[Int(generator.next(upperBound: UInt8(alphabet.count)))] })
    }

    /// Whether `id` could be a batch id at all (anything else is simply not found).
    static func isWellFormed(_ id: String) -> Bool {
        id.hasPrefix(prefix) && id.count == prefix.count + 20 && id.dropFirst(prefix.count).allSatisfy { alphabet.contains($0) }
    }
}
