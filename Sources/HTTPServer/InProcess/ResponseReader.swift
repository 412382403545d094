/// Reads responses off the bytes a server wrote, for `InProcessClient`: status line and fields,
/// then a body framed by `Content-Length`, chunks or (without either) the end of the output.
/// Strict enough to catch a framing bug: bytes that are not a response stop it.
struct ResponseReader {
    /// Where the next response starts.
    private(set) var offset = 0
    /// Final (non-1xx) responses read so far; indexes the methods that were answered.
    private(set) var finalResponses = 0

    /// The next complete response after `offset`, or nil when it is not all there yet.
    /// - Parameters:
    ///   - answersHead: whether the `n`th final response answered a HEAD request (no body follows).
    ///   - ended: the server has finished sending, so a body without framing ends here.
    mutating func next(in bytes: [UInt8], answersHead: (Int) -> Bool, ended: Bool) -> InProcessResponse? {
        guard let headEnd = Self.find([13, 10, 13, 10], in: bytes, from: offset) else { return nil }
        let lines = String(decoding: bytes[offset..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]) else {
            return nil
        }
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            headers.add(String(line[..<colon]), String(line[line.index(after: colon)...].trimmingASCIISpaces()))
        }
        var cursor = headEnd + 4
        var body: [UInt8] = []
        let chunked = headers["Transfer-Encoding"]?.lowercased() == "chunked"
        let bodyless = status < 200 || status == 204 || status == 304 || answersHead(finalResponses)
        if bodyless {
            // Nothing follows the head.
        } else if let lengthText = headers["Content-Length"] {
            guard let length = Int(lengthText) else { return nil }
            guard bytes.count - cursor >= length else { return nil }
            body = Array(bytes[cursor..<(cursor + length)])
            cursor += length
        } else if chunked {
            while true {
                guard let lineEnd = Self.find([13, 10], in: bytes, from: cursor) else { return nil }
                let sizeText = String(decoding: bytes[cursor..<lineEnd], as: UTF8.self)
                guard let size = Int(sizeText.split(separator: ";")[0], radix: 16) else { return nil }
                cursor = lineEnd + 2
                if size == 0 {
                    // No trailers are ever sent: the last chunk is followed by one CRLF.
                    guard bytes.count - cursor >= 2 else { return nil }
                    cursor += 2
                    break
                }
                guard bytes.count - cursor >= size + 2 else { return nil }
                body.append(contentsOf: bytes[cursor..<(cursor + size)])
                cursor += size + 2
            }
        } else {
            guard ended else { return nil }
            body = Array(bytes[cursor...])
            cursor = bytes.count
        }
        offset = cursor
        if status >= 200 { finalResponses += 1 }
        return InProcessResponse(
            status: status, reasonPhrase: statusParts.count > 2 ? String(statusParts[2]) : "", headers: headers,
            body: body, wasChunked: chunked)
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        var i = start
        while i <= bytes.count - needle.count {
            if bytes[i] == needle[0], needle.indices.allSatisfy({ bytes[i + $0] == needle[$0] }) { return i }
            i += 1
        }
        return nil
    }
}
