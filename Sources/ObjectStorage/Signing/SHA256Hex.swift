/// Lowercase hex of digest bytes.
enum SHA256Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func of(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
