import Foundation

/// Incremental `multipart/form-data` parser (RFC 7578): feed it the body in any pieces; file parts go
/// straight to files, so memory stays bounded by the piece size however large the upload.
struct MultipartParser {
    private enum State {
        case preamble
        case afterBoundary
        case headers
        case data
        case epilogue
    }

    private enum Part {
        case field(name: String, value: [UInt8])
        case file(name: String, filename: String, contentType: String, url: URL, handle: FileHandle, size: Int64)
    }

    private let delimiter: [UInt8]
    private let directory: URL
    private let maxFieldBytes: Int
    private let maxParts: Int
    private var state = State.preamble
    /// Starts with CRLF so the first boundary (which has none before it) matches like the others.
    private var buffer: [UInt8] = [13, 10]
    private var part: Part?
    private var form = MultipartForm()
    private var partCount = 0
    private var writtenFiles: [URL] = []

    init(boundary: String, directory: URL, maxFieldBytes: Int, maxParts: Int) {
        delimiter = Array("\r\n--\(boundary)".utf8)
        self.directory = directory
        self.maxFieldBytes = maxFieldBytes
        self.maxParts = maxParts
    }

    static func boundary(fromContentType contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingASCIISpaces().lowercased() == "boundary" else { continue }
            var value = pair[1].trimmingASCIISpaces()
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            guard (1...70).contains(value.count), !value.contains("\r"), !value.contains("\n") else { return nil }
            return String(value)
        }
        return nil
    }

    mutating func feed(_ chunk: ArraySlice<UInt8>) throws {
        buffer.append(contentsOf: chunk)
        try advance()
    }

    mutating func finish() throws -> MultipartForm {
        guard case .epilogue = state else {
            throw HTTPError.badRequest("The multipart body ends before its closing boundary.", code: "invalid_multipart")
        }
        return form
    }

    /// Removes files written so far (the body was malformed or the caller gave up).
    mutating func abandon() {
        if case .file(_, _, _, _, let handle, _) = part { try? handle.close() }
        part = nil
        for url in writtenFiles { try? FileManager.default.removeItem(at: url) }
        writtenFiles = []
    }

    private mutating func advance() throws {
        while true {
            switch state {
            case .preamble:
                guard let found = find(delimiter, in: buffer) else {
                    buffer.removeFirst(max(0, buffer.count - (delimiter.count - 1)))
                    return
                }
                buffer.removeFirst(found + delimiter.count)
                state = .afterBoundary
            case .afterBoundary:
                guard buffer.count >= 2 else { return }
                if buffer[0] == UInt8(ascii: "-") && buffer[1] == UInt8(ascii: "-") {
                    state = .epilogue
                } else if buffer[0] == 13 && buffer[1] == 10 {
                    buffer.removeFirst(2)
                    state = .headers
                } else {
                    throw HTTPError.badRequest("A multipart boundary is followed by garbage.", code: "invalid_multipart")
                }
            case .headers:
                guard let end = find([13, 10, 13, 10], in: buffer) else {
                    if buffer.count > 8 * 1024 {
                        throw HTTPError.badRequest("A multipart part header is too large.", code: "invalid_multipart")
                    }
                    return
                }
                let headerText = String(decoding: buffer[0..<end], as: UTF8.self)
                buffer.removeFirst(end + 4)
                try startPart(headerText)
                state = .data
            case .data:
                if let found = find(delimiter, in: buffer) {
                    try write(buffer[0..<found])
                    buffer.removeFirst(found + delimiter.count)
                    try endPart()
                    state = .afterBoundary
                } else {
                    let safe = buffer.count - (delimiter.count - 1)
                    if safe > 0 {
                        try write(buffer[0..<safe])
                        buffer.removeFirst(safe)
                    }
                    return
                }
            case .epilogue:
                buffer.removeAll()
                return
            }
        }
    }

    private mutating func startPart(_ headerText: String) throws {
        partCount += 1
        guard partCount <= maxParts else {
            throw HTTPError.badRequest("Too many multipart parts (limit \(maxParts)).", code: "invalid_multipart")
        }
        var name: String?
        var filename: String?
        var contentType = "application/octet-stream"
        for line in headerText.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else {
                throw HTTPError.badRequest("A multipart part header is malformed.", code: "invalid_multipart")
            }
            let key = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingASCIISpaces()
            if key == "content-disposition" {
                for parameter in value.split(separator: ";").dropFirst() {
                    let pair = parameter.split(separator: "=", maxSplits: 1)
                    guard pair.count == 2 else { continue }
                    var text = pair[1].trimmingASCIISpaces()
                    if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = text.dropFirst().dropLast() }
                    switch pair[0].trimmingASCIISpaces().lowercased() {
                    case "name": name = String(text)
                    case "filename": filename = String(text)
                    default: break
                    }
                }
            } else if key == "content-type" {
                contentType = String(value)
            }
        }
        guard let name else {
            throw HTTPError.badRequest("A multipart part has no name.", code: "invalid_multipart")
        }
        if let filename {
            let url = directory.appendingPathComponent("part-\(UUID().uuidString)")
            guard FileManager.default.createFile(atPath: url.path, contents: nil),
                let handle = try? FileHandle(forWritingTo: url)
            else {
                throw BodySink.storageError
            }
            writtenFiles.append(url)
            // Only the last path component: a client-chosen name must never steer where anything is stored.
            let safeName = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
            part = .file(name: name, filename: safeName, contentType: contentType, url: url, handle: handle, size: 0)
        } else {
            part = .field(name: name, value: [])
        }
    }

    private mutating func write(_ bytes: ArraySlice<UInt8>) throws {
        guard !bytes.isEmpty, let current = part else { return }
        switch current {
        case .field(let name, var value):
            value.append(contentsOf: bytes)
            guard value.count <= maxFieldBytes else {
                throw HTTPError.contentTooLarge(limit: Int64(maxFieldBytes), used: Int64(value.count))
            }
            part = .field(name: name, value: value)
        case .file(let name, let filename, let contentType, let url, let handle, let size):
            do { try handle.write(contentsOf: Data(bytes)) } catch { throw BodySink.storageError }
            part = .file(name: name, filename: filename, contentType: contentType, url: url, handle: handle,
                         size: size + Int64(bytes.count))
        }
    }

    private mutating func endPart() throws {
        switch part {
        case .field(let name, let value):
            guard let text = String(validating: value, as: UTF8.self) else {
                throw HTTPError.badRequest("A multipart field is not UTF-8.", code: "invalid_multipart", param: name)
            }
            form.fields.append(MultipartForm.Field(name: name, value: text))
        case .file(let name, let filename, let contentType, let url, let handle, let size):
            try? handle.close()
            form.files.append(
                MultipartForm.File(name: name, filename: filename, contentType: contentType, url: url, size: size))
        case .none:
            break
        }
        part = nil
    }

    /// First index of `needle` in `haystack` (scans for the first byte, then compares).
    private func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        let n = needle.count
        guard haystack.count >= n, let first = needle.first else { return nil }
        var i = 0
        let last = haystack.count - n
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { p in
                while i <= last {
                    if h[i] == first {
                        var k = 1
                        while k < n && h[i + k] == p[k] { k += 1 }
                        if k == n { return i }
                    }
                    i += 1
                }
                return nil
            }
        }
    }
}
