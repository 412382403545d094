extension Response {
    /// Applies `If-None-Match` (→ 304) and `Range` (→ 206 or 416) to a successful GET/HEAD response that
    /// carries an `ETag`; ranges only apply to file bodies. Invalid or multi-range `Range` headers are
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
        guard case .file(let region) = body, let rangeHeader = request.headers["range"] else { return self }
        if let ifRange = request.headers["if-range"], ifRange != etag { return self }
        switch ByteRange.parse(rangeHeader, size: region.length) {
        case .none:
            return self
        case .unsatisfiable:
            var error = HTTPError(
                .rangeNotSatisfiable, code: "range_not_satisfiable",
                detail: "The requested range is outside the \(region.length)-byte file.")
            error.headers.add("Content-Range", "bytes */\(region.length)")
            return .problem(error)
        case .range(let first, let last):
            var partial = self
            partial.status = .partialContent
            partial.headers.add("Content-Range", "bytes \(first)-\(last)/\(region.length)")
            partial.body = .file(
                FileRegion(
                    path: region.path, offset: region.offset + first, length: last - first + 1,
                    fileSize: region.fileSize))
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

/// A single `bytes=` range resolved against a representation length.
enum ByteRange: Equatable {
    case none
    case unsatisfiable
    case range(first: Int64, last: Int64)

    static func parse(_ header: String, size: Int64) -> ByteRange {
        let trimmed = header.trimmingASCIISpaces()
        guard trimmed.lowercased().hasPrefix("bytes=") else { return .none }
        let spec = trimmed.dropFirst(6).trimmingASCIISpaces()
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return .none }
        let startText = spec[..<dash].trimmingASCIISpaces()
        let endText = spec[spec.index(after: dash)...].trimmingASCIISpaces()
        if startText.isEmpty {
            guard let suffix = Int64(digits: endText) else { return .none }
            guard suffix > 0, size > 0 else { return .unsatisfiable }
            return .range(first: max(0, size - suffix), last: size - 1)
        }
        guard let first = Int64(digits: startText) else { return .none }
        var last = size - 1
        if !endText.isEmpty {
            guard let end = Int64(digits: endText), end >= first else { return .none }
            last = min(end, size - 1)
        }
        guard first < size else { return .unsatisfiable }
        return .range(first: first, last: last)
    }
}

extension Int64 {
    /// Parses 1–18 ASCII digits only (no sign, no spaces), so lengths can never overflow or go negative.
    init?<S: StringProtocol>(digits: S) {
        guard !digits.isEmpty, digits.utf8.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in digits.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        self = value
    }
}

extension StringProtocol {
    func trimmingASCIISpaces() -> SubSequence {
        var start = startIndex, end = endIndex
        while start < end, self[start] == " " || self[start] == "\t" { start = index(after: start) }
        while end > start, self[index(before: end)] == " " || self[index(before: end)] == "\t" { end = index(before: end) }
        return self[start..<end]
    }
}
