/// The 62 ASCII letters and digits: URL-safe, double-click selectable, no ambiguity with `_`.
public enum Base62 {
    public static let alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    // Inlinable so that callers in other modules get a loop specialised for their collection:
    // the generic one, through witness tables, was 5% of `GET /v1/me` (perf).
    @inlinable
    public static func isBase62(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }

    @inlinable
    public static func isBase62<S: Sequence>(_ bytes: S) -> Bool where S.Element == UInt8 {
        bytes.allSatisfy(isBase62)
    }

    /// `value` in exactly `width` base62 digits, most significant first, zero-padded.
    public static func encode(_ value: UInt64, width: Int) -> String {
        var digits = [UInt8](repeating: alphabet[0], count: width)
        var rest = value
        for index in stride(from: width - 1, through: 0, by: -1) {
            digits[index] = alphabet[Int(rest % 62)]
            rest /= 62
        }
        return String(decoding: digits, as: UTF8.self)
    }
}
