import CCurl
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The state of one transfer that libcurl's callbacks reach through their context pointer: the
/// body being sent, the status and headers being received, and where the answer's body goes.
final class CurlTransfer {
    private(set) var status = 0
    private(set) var headers: [String: String] = [:]
    private(set) var memory = Data()
    private(set) var sinkFailure: Error?
    private(set) var uploadFailure: String?

    private let sink: ResponseSink?
    private let memoryLimit: Int
    private let bodyData: Data?
    private let descriptor: Int32
    private var offset: Int64
    private var remaining: Int64

    init(body: HTTPExchange.Body, sink: ResponseSink?, memoryLimit: Int) throws {
        self.sink = sink
        self.memoryLimit = memoryLimit
        switch body {
        case .empty:
            bodyData = nil
            descriptor = -1
            offset = 0
            remaining = 0
        case .data(let data):
            bodyData = data
            descriptor = -1
            offset = 0
            remaining = Int64(data.count)
        case .file(let path, let start, let length):
            bodyData = nil
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw DescribedError("open \(path) failed: \(String(cString: strerror(errno)))")
            }
            offset = start
            remaining = length
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// One header line; a status line starts a new answer (after `100 Continue`, say).
    func receiveHeader(_ line: UnsafeRawBufferPointer) {
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("HTTP/") {
            let parts = text.split(separator: " ", maxSplits: 2)
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            headers = [:]
            return
        }
        guard let colon = text.firstIndex(of: ":") else { return }
        let name = text[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        headers[name] = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }

    /// Body bytes: a successful answer's go to the sink, all others to memory (capped).
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if let sink, (200..<300).contains(status) {
            if sink.write(bytes) { return true }
            sinkFailure = sink.failure ?? DescribedError("the download could not be written")
            return false
        }
        guard memory.count + bytes.count <= memoryLimit else {
            // An error document is only read for its code: the start is enough.
            if !(200..<300).contains(status) { return true }
            sinkFailure = DescribedError("the answer is larger than \(memoryLimit) bytes")
            return false
        }
        memory.append(bytes.bindMemory(to: UInt8.self))
        return true
    }

    /// Fills `buffer` with the next request body bytes; returns how many (0 at the end).
    func supplyBody(_ buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = Int(min(Int64(buffer.count), remaining))
        guard count > 0 else { return 0 }
        if let bodyData {
            let start = bodyData.startIndex + Int(offset)
            bodyData.copyBytes(to: buffer.bindMemory(to: UInt8.self), from: start..<(start + count))
            offset += Int64(count)
            remaining -= Int64(count)
            return count
        }
        while true {
            let read = pread(descriptor, buffer.baseAddress, count, off_t(offset))
            if read < 0 && errno == EINTR { continue }
            guard read > 0 else {
                uploadFailure = read == 0 ? "the file ended early" : String(cString: strerror(errno))
                return Int(CURL_READFUNC_ABORT)
            }
            offset += Int64(read)
            remaining -= Int64(read)
            return read
        }
    }
}

/// A failure described in one sentence, for the few places below the typed errors.
struct DescribedError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
