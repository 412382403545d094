/// A job's opaque id: `sty_` + 20 base62 characters (≈119 bits from the system's cryptographic
/// generator), so one tenant cannot guess another's.
public struct JobID: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public static let prefix = "sty_"
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    public let rawValue: String

    /// Wraps a stored or client-supplied id without checking it: lookups of a malformed id simply
    /// find nothing, which is the answer a client should get.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// A fresh random id.
    static func make() -> JobID {
        var generator = SystemRandomNumberGenerator()
        let body = (0..<20).map { _ in alphabet[Int(generator.next(upperBound: UInt8(alphabet.count)))] }
        return JobID(rawValue: prefix + String(body))
    }

    public var description: String { rawValue }
}
