/// Incremental, strict parser for a request head (RFC 9112 §2–§6). It refuses rather than guesses:
/// bare CR or LF, obs-fold, whitespace before a colon, duplicate or malformed `Content-Length`,
/// `Content-Length` with `Transfer-Encoding`, or a transfer coding other than a final `chunked` are errors,
/// because a lenient reading is what request smuggling exploits.
struct RequestHeadParser {
    enum Result {
        case incomplete
        case complete(RequestHead, consumed: Int)
        case failed(HTTPError)
    }

    let limits: HTTPLimits
    /// How far previous calls scanned, so a head trickling in byte by byte is not rescanned each time.
    private var scanned = 0
    private var requestLineEnd: Int?

    init(limits: HTTPLimits) { self.limits = limits }

    mutating func reset() {
        scanned = 0
        requestLineEnd = nil
    }

    mutating func parse(_ buffer: UnsafeRawBufferPointer) -> Result {
        let count = buffer.count
        // RFC 9112 §2.2: ignore at least one empty line before the request line.
        var start = 0
        while start + 1 < count, buffer[start] == ByteClass.cr, buffer[start + 1] == ByteClass.lf { start += 2 }
        if start > 0, start == count {
            // Blank lines are tolerated before a request, not as a way to fill the buffer.
            return start > 1024 ? .failed(.malformed("Too many empty lines before the request.")) : .incomplete
        }
        var i = max(scanned, start)
        var end: Int?
        while i < count {
            let byte = buffer[i]
            if byte == ByteClass.lf {
                guard i > start, buffer[i - 1] == ByteClass.cr else {
                    return .failed(.malformed("A line ends in a bare LF.", code: "bare_lf"))
                }
                if requestLineEnd == nil { requestLineEnd = i - 1 }
                if i >= start + 3, buffer[i - 2] == ByteClass.lf, buffer[i - 3] == ByteClass.cr {
                    end = i + 1
                    break
                }
            } else if byte == ByteClass.cr {
                if i + 1 < count, buffer[i + 1] != ByteClass.lf {
                    return .failed(.malformed("A bare CR appears in the request head.", code: "bare_cr"))
                }
                if i + 1 == count { break }
            } else if byte == 0 {
                return .failed(.malformed("The request head contains a NUL byte."))
            }
            i += 1
        }
        scanned = i
        guard let end else {
            if requestLineEnd == nil, count - start > limits.maxRequestTargetLength + 32 { return .failed(.uriTooLong) }
            if count > limits.maxHeaderBytes + 1024 { return .failed(.headersTooLarge) }
            return .incomplete
        }
        if end - start > limits.maxHeaderBytes { return .failed(.headersTooLarge) }
        let lineEnd = requestLineEnd ?? (end - 4)
        reset()
        switch parseHead(buffer, start: start, requestLineEnd: lineEnd, headEnd: end) {
        case .success(let head): return .complete(head, consumed: end)
        case .failure(let error): return .failed(error)
        }
    }

    private func parseHead(_ buffer: UnsafeRawBufferPointer, start: Int, requestLineEnd: Int, headEnd: Int)
        -> Swift.Result<RequestHead, HTTPError>
    {
        // Request line: method SP request-target SP HTTP-version
        var i = start
        while i < requestLineEnd, ByteClass.isTokenChar(buffer[i]) { i += 1 }
        guard i > start, i < requestLineEnd, buffer[i] == ByteClass.space, i - start <= 32 else {
            return .failure(.malformed("The request line is malformed."))
        }
        let method = Self.method(buffer, start, i)
        let targetStart = i + 1
        i = targetStart
        while i < requestLineEnd, buffer[i] != ByteClass.space {
            guard ByteClass.isTargetChar(buffer[i]) else {
                return .failure(.malformed("The request target contains an invalid byte."))
            }
            i += 1
        }
        if i - targetStart > limits.maxRequestTargetLength { return .failure(.uriTooLong) }
        guard i > targetStart, i < requestLineEnd else { return .failure(.malformed("The request line is malformed.")) }
        let rawTarget = String(decoding: UnsafeRawBufferPointer(rebasing: buffer[targetStart..<i]), as: UTF8.self)
        let versionStart = i + 1
        guard requestLineEnd - versionStart == 8 else { return .failure(.malformed("The HTTP version is malformed.")) }
        let minorVersion: Int
        switch Self.version(buffer, versionStart) {
        case .some(1): minorVersion = 1
        case .some(0): minorVersion = 0
        case .some: return .failure(.unsupportedVersion)
        case .none: return .failure(.malformed("The HTTP version is malformed."))
        }
        guard let target = Self.normalizedTarget(rawTarget, method: method) else {
            return .failure(.malformed("The request target is not a path."))
        }

        // Header fields.
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

        guard HTTPMethod.implemented.contains(method) else {
            return .failure(.notImplemented("The method \(method.rawValue) is not supported."))
        }

        let keepAlive = minorVersion == 1 ? !connectionClose : (connectionKeepAlive && !connectionClose)
        return .success(
            RequestHead(
                method: method, target: target, minorVersion: minorVersion, headers: HTTPHeaders(fields: fields),
                framing: framing, keepAlive: keepAlive, expectContinue: expectContinue && framing != .none))
    }

    /// Origin-form passes through; absolute-form is reduced to its path and query; `*` only for OPTIONS.
    private static func normalizedTarget(_ target: String, method: HTTPMethod) -> String? {
        if target.utf8.first == UInt8(ascii: "/") { return target }
        if target == "*" { return method == .options ? target : nil }
        for scheme in ["http://", "https://"] where target.lowercased().hasPrefix(scheme) {
            let rest = target.dropFirst(scheme.count)
            guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
            let tail = rest[slash...]
            return tail.first == "?" ? "/" + tail : String(tail)
        }
        return nil
    }

    private static func method(_ buffer: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> HTTPMethod {
        let length = end - start
        // The common methods map to shared constants without building a string.
        if length == 3, buffer[start] == UInt8(ascii: "G"), buffer[start + 1] == UInt8(ascii: "E"),
            buffer[start + 2] == UInt8(ascii: "T")
        {
            return .get
        }
        if length == 4, buffer[start] == UInt8(ascii: "P"), buffer[start + 1] == UInt8(ascii: "O") {
            if buffer[start + 2] == UInt8(ascii: "S"), buffer[start + 3] == UInt8(ascii: "T") { return .post }
        }
        return HTTPMethod(rawValue: String(decoding: UnsafeRawBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self))
    }

    /// `HTTP/1.x` → x; another `HTTP/d.d` → a different number; anything else → nil.
    private static func version(_ buffer: UnsafeRawBufferPointer, _ start: Int) -> Int? {
        guard buffer[start] == UInt8(ascii: "H"), buffer[start + 1] == UInt8(ascii: "T"),
            buffer[start + 2] == UInt8(ascii: "T"), buffer[start + 3] == UInt8(ascii: "P"),
            buffer[start + 4] == UInt8(ascii: "/")
        else { return nil }
        guard let major = ByteClass.hexValue(buffer[start + 5]), major < 10, buffer[start + 6] == UInt8(ascii: "."),
            let minor = ByteClass.hexValue(buffer[start + 7]), minor < 10
        else { return nil }
        return major == 1 ? Int(minor) : 100 + Int(major)
    }

    private static func lowercasedString(_ buffer: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> String {
        String(unsafeUninitializedCapacity: end - start) { out in
            for k in 0..<(end - start) {
                let byte = buffer[start + k]
                out[k] = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
            }
            return end - start
        }
    }
}
