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
        switch parseRequestLine(buffer, start: start, end: requestLineEnd) {
        case .failure(let error): return .failure(error)
        case .success(let line):
            return parseFields(buffer, requestLine: line, requestLineEnd: requestLineEnd, headEnd: headEnd)
        }
    }
}
