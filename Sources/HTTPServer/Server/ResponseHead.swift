/// Serialises a response head straight into a reusable byte buffer (no intermediate strings).
enum ResponseHead {
    enum Framing {
        case length(Int64)
        case chunked
        /// No framing header: 1xx/204/304, or a body delimited by closing the connection (HTTP/1.0 streams).
        case none
    }

    static func write(
        into buffer: inout [UInt8], status: HTTPStatus, headers: HTTPHeaders, framing: Framing,
        requestID: String, connection: String?, date: [UInt8]
    ) {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(Int64(status.code), to: &buffer)
        buffer.append(UInt8(ascii: " "))
        buffer.append(contentsOf: status.reasonPhrase.utf8)
        buffer.append(contentsOf: crlf)
        buffer.append(contentsOf: date)
        for field in headers.fields where !isFramingHeader(field.name) {
            buffer.append(contentsOf: field.name.utf8)
            buffer.append(contentsOf: colonSpace)
            appendSanitised(field.value, to: &buffer)
            buffer.append(contentsOf: crlf)
        }
        switch framing {
        case .length(let length):
            buffer.append(contentsOf: contentLengthPrefix)
            appendDecimal(length, to: &buffer)
            buffer.append(contentsOf: crlf)
        case .chunked:
            buffer.append(contentsOf: chunkedLine)
        case .none:
            break
        }
        buffer.append(contentsOf: requestIDPrefix)
        buffer.append(contentsOf: requestID.utf8)
        buffer.append(contentsOf: crlf)
        if let connection {
            buffer.append(contentsOf: connectionPrefix)
            buffer.append(contentsOf: connection.utf8)
            buffer.append(contentsOf: crlf)
        }
        buffer.append(contentsOf: crlf)
    }

    static let crlf: [UInt8] = [13, 10]
    /// The interim response that tells a client waiting on `Expect: 100-continue` to send its body.
    static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
    /// The zero-length chunk that ends a chunked body (no trailers).
    static let lastChunk = Array("0\r\n\r\n".utf8)
    private static let colonSpace: [UInt8] = [UInt8(ascii: ":"), UInt8(ascii: " ")]
    private static let contentLengthPrefix = Array("Content-Length: ".utf8)
    private static let chunkedLine = Array("Transfer-Encoding: chunked\r\n".utf8)
    private static let requestIDPrefix = Array("X-Request-Id: ".utf8)
    private static let connectionPrefix = Array("Connection: ".utf8)

    /// The server owns message framing; handler-set framing headers would corrupt the stream.
    private static func isFramingHeader(_ name: String) -> Bool {
        name.equalsIgnoringASCIICase("Content-Length") || name.equalsIgnoringASCIICase("Transfer-Encoding")
            || name.equalsIgnoringASCIICase("Connection") || name.equalsIgnoringASCIICase("X-Request-Id")
    }

    /// Header values must never contain CR or LF (response splitting); replace them with spaces.
    private static func appendSanitised(_ value: String, to buffer: inout [UInt8]) {
        if !value.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 }) {
            buffer.append(contentsOf: value.utf8)
            return
        }
        for byte in value.utf8 {
            buffer.append(byte == 13 || byte == 10 || byte == 0 ? UInt8(ascii: " ") : byte)
        }
    }

    static func appendDecimal(_ value: Int64, to buffer: inout [UInt8]) {
        if value < 10 {
            buffer.append(UInt8(ascii: "0") + UInt8(max(0, value)))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { raw in
            while rest > 0 {
                raw[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { buffer.append(raw[i]) }
        }
    }
}
