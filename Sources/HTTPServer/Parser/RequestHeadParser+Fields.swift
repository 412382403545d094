extension RequestHeadParser {
    /// Parses the header fields after the request line and decides the body framing (RFC 9112 §6.3).
    func parseFields(
        _ buffer: UnsafeRawBufferPointer, requestLine: RequestLine, requestLineEnd: Int, headEnd: Int
    ) -> Swift.Result<RequestHead, HTTPError> {
        let minorVersion = requestLine.minorVersion
        let method = requestLine.method
        var fields: [HTTPHeaders.Field] = []
        fields.reserveCapacity(8)
        var contentLength: Int64?
        var transferCodings: [Substring] = []
        var sawTransferEncoding = false
        var hostCount = 0
        var connectionClose = false, connectionKeepAlive = false
        var expectContinue = false
        var lineStart = requestLineEnd + 2
        let fieldsEnd = headEnd - 2
        while lineStart < fieldsEnd {
            var lineEnd = lineStart
            while buffer[lineEnd] != ByteClass.cr { lineEnd += 1 }
            let first = buffer[lineStart]
            if first == ByteClass.space || first == ByteClass.tab {
                return .failure(.malformed("Obsolete line folding is not accepted.", code: "obs_fold"))
            }
            var colon = lineStart
            while colon < lineEnd, ByteClass.isTokenChar(buffer[colon]) { colon += 1 }
            guard colon > lineStart, colon < lineEnd, buffer[colon] == ByteClass.colon else {
                return .failure(.malformed("A header field name is malformed.", code: "bad_header"))
            }
            var valueStart = colon + 1
            var valueEnd = lineEnd
            while valueStart < valueEnd, buffer[valueStart] == ByteClass.space || buffer[valueStart] == ByteClass.tab {
                valueStart += 1
            }
            while valueEnd > valueStart, buffer[valueEnd - 1] == ByteClass.space || buffer[valueEnd - 1] == ByteClass.tab {
                valueEnd -= 1
            }
            for j in valueStart..<valueEnd where !ByteClass.isFieldValueChar(buffer[j]) {
                return .failure(.malformed("A header field value contains a control byte.", code: "bad_header"))
            }
            if fields.count == limits.maxHeaderCount { return .failure(.headersTooLarge) }
            let name = Self.lowercasedString(buffer, lineStart, colon)
            let value = String(decoding: UnsafeRawBufferPointer(rebasing: buffer[valueStart..<valueEnd]), as: UTF8.self)
            switch name {
            case "content-length":
                guard contentLength == nil else {
                    return .failure(.malformed("Content-Length appears more than once.", code: "duplicate_content_length"))
                }
                guard let length = Int64(digits: value) else {
                    return .failure(.malformed("Content-Length is not a valid length.", code: "invalid_content_length"))
                }
                contentLength = length
            case "transfer-encoding":
                sawTransferEncoding = true
                for coding in value.split(separator: ",") {
                    let trimmed = coding.trimmingASCIISpaces()
                    if !trimmed.isEmpty { transferCodings.append(trimmed) }
                }
            case "host":
                hostCount += 1
            case "connection":
                for token in value.split(separator: ",") {
                    let option = token.trimmingASCIISpaces()
                    if option.equalsIgnoringASCIICase("close") { connectionClose = true }
                    if option.equalsIgnoringASCIICase("keep-alive") { connectionKeepAlive = true }
                }
            case "expect":
                guard value.equalsIgnoringASCIICase("100-continue") else {
                    return .failure(HTTPError(.expectationFailed, code: "expectation_failed",
                                              detail: "Only \"Expect: 100-continue\" is supported."))
                }
                expectContinue = minorVersion == 1
            default:
                break
            }
            fields.append(HTTPHeaders.Field(name: name, value: value))
            lineStart = lineEnd + 2
        }

        if minorVersion == 1, hostCount != 1 {
            return .failure(.malformed("HTTP/1.1 requests need exactly one Host header.", code: "bad_host"))
        }
        if hostCount > 1 { return .failure(.malformed("Host appears more than once.", code: "bad_host")) }

        var framing = BodyFraming.none
        if sawTransferEncoding {
            if contentLength != nil {
                return .failure(.malformed("Content-Length and Transfer-Encoding together are ambiguous.",
                                           code: "conflicting_framing"))
            }
            if minorVersion == 0 {
                return .failure(.malformed("Transfer-Encoding is not allowed in HTTP/1.0.", code: "conflicting_framing"))
            }
            guard let last = transferCodings.last, last.equalsIgnoringASCIICase("chunked"),
                transferCodings.filter({ $0.equalsIgnoringASCIICase("chunked") }).count == 1
            else {
                return .failure(.malformed("Transfer-Encoding must end in a single chunked.", code: "bad_transfer_encoding"))
            }
            if transferCodings.count > 1 {
                return .failure(.notImplemented("Only the chunked transfer coding is supported."))
            }
            framing = .chunked
        } else if let contentLength, contentLength > 0 {
            framing = .length(contentLength)
        }

        guard HTTPMethod.known.contains(method) else {
            return .failure(.notImplemented("The method \(method.rawValue) is not supported."))
        }

        let keepAlive = minorVersion == 1 ? !connectionClose : (connectionKeepAlive && !connectionClose)
        return .success(
            RequestHead(
                method: method, target: requestLine.target, minorVersion: minorVersion,
                headers: HTTPHeaders(fields: fields),
                framing: framing, keepAlive: keepAlive, expectContinue: expectContinue && framing != .none))
    }
}
