extension Response {
    /// Applies `If-None-Match` (→ 304) and `Range` (→ 206 or 416) to a successful GET/HEAD response that
    /// carries an `ETag`; ranges only apply to file and content bodies. Invalid or multi-range `Range` headers are
    /// ignored and the whole representation is sent, as RFC 9110 allows.
    func applyingConditionals(for request: Request) -> Response {
        guard request.method == .get || request.method == .head, status == .ok, let etag = headers["ETag"] else {
            return self
        }
        if let ifNoneMatch = request.headers["if-none-match"], Response.matches(ifNoneMatch, etag: etag) {
            var notModified = Response(status: .notModified, headers: headers, body: .empty)
            notModified.headers.remove("Content-Type")
            notModified.headers.remove("Accept-Ranges")
            return notModified
        }
        let length: Int64
        switch body {
        case .file(let region): length = region.length
        case .content(let content): length = content.length
        default: return self
        }
        guard let rangeHeader = request.headers["range"] else { return self }
        if let ifRange = request.headers["if-range"], ifRange != etag { return self }
        switch ByteRange.parse(rangeHeader, size: length) {
        case .none:
            return self
        case .unsatisfiable:
            var error = HTTPError(
                .rangeNotSatisfiable, code: "range_not_satisfiable",
                detail: "The requested range is outside the \(length)-byte file.")
            error.headers.add("Content-Range", "bytes */\(length)")
            return .problem(error)
        case .range(let first, let last):
            var partial = self
            partial.status = .partialContent
            partial.headers.add("Content-Range", "bytes \(first)-\(last)/\(length)")
            switch body {
            case .file(var region):
                region.offset += first
                region.length = last - first + 1
                partial.body = .file(region)
            case .content(var content):
                content.range = first..<(last + 1)
                partial.body = .content(content)
            default:
                break
            }
            return partial
        }
    }

    /// Weak comparison of entity tags (RFC 9110 §13.1.2), as `If-None-Match` requires.
    static func matches(_ header: String, etag: String) -> Bool {
        let target = etag.hasPrefix("W/") ? String(etag.dropFirst(2)) : etag
        for candidate in header.split(separator: ",") {
            var tag = candidate.trimmingASCIISpaces()
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
            if tag == target { return true }
        }
        return false
    }
}
