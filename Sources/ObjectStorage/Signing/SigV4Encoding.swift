/// The percent-encoding Signature Version 4 prescribes (RFC 3986): every byte of the UTF-8 form
/// except the unreserved `A-Z a-z 0-9 - _ . ~` becomes `%XX` with upper-case hex. The URLs the
/// client sends are built with the same functions, so what is signed is what is sent.
public enum SigV4Encoding {
    /// One query name or value, or one path segment.
    public static func component(_ text: String) -> String {
        encode(text, keepingSlash: false)
    }

    /// A whole path: each segment encoded once, `/` kept, nothing normalised (S3 object keys may
    /// contain `//`, `.` and `..`, which are names, not directions).
    public static func path(_ text: String) -> String {
        let encoded = encode(text, keepingSlash: true)
        return encoded.hasPrefix("/") ? encoded : "/" + encoded
    }

    /// The canonical query string: names and values encoded, sorted by name then value (byte
    /// order of the encoded forms), `name=value` joined with `&`; a bare name gets `=`.
    public static func canonicalQuery(_ fields: [SigV4Request.Field]) -> String {
        fields
            .map { (component($0.name), component($0.value)) }
            .sorted { lhs, rhs in
                lhs.0 == rhs.0 ? lhs.1.utf8.lexicographicallyPrecedes(rhs.1.utf8) : lhs.0.utf8.lexicographicallyPrecedes(rhs.0.utf8)
            }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func encode(_ text: String, keepingSlash: Bool) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) || (keepingSlash && byte == UInt8(ascii: "/")) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}
