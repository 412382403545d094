import Foundation
import Glibc

/// Collects a request body while it arrives: in memory up to a threshold, then appended to a temporary
/// file, so a 1 GB upload never sits in memory. The route's byte limit is enforced on every append,
/// so an oversized body is refused (413) as soon as it crosses the limit.
final class BodySink {
    let limit: Int64
    private let threshold: Int
    private let directory: String
    private(set) var received: Int64 = 0
    private var memory: [UInt8] = []
    private var fd: Int32 = -1
    private var path: String?

    init(limit: Int64, threshold: Int, directory: String, expectedLength: Int64?) {
        self.limit = limit
        self.threshold = threshold
        self.directory = directory
        if let expectedLength, expectedLength <= Int64(threshold) { memory.reserveCapacity(Int(expectedLength)) }
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws(HTTPError) {
        received += Int64(bytes.count)
        if received > limit { throw .contentTooLarge(limit: limit, used: received) }
        if fd < 0 && memory.count + bytes.count <= threshold {
            memory.append(contentsOf: bytes)
            return
        }
        if fd < 0 {
            try openSpoolFile()
            let buffered = memory
            memory = []
            var failure: HTTPError?
            buffered.withUnsafeBytes { raw in
                do throws(HTTPError) { try writeAll(raw) } catch { failure = error }
            }
            if let failure { throw failure }
        }
        try writeAll(bytes)
    }

    /// Hands over the body; the sink no longer owns a spool file afterwards.
    func finish() -> RequestBody {
        if fd >= 0, let path {
            close(fd)
            fd = -1
            self.path = nil
            return .file(URL(fileURLWithPath: path), size: received)
        }
        return memory.isEmpty ? .empty : .bytes(memory)
    }

    /// Drops a partly received body and its spool file.
    func discard() {
        if fd >= 0 { close(fd) }
        fd = -1
        if let path { unlink(path) }
        path = nil
        memory = []
    }

    private func openSpoolFile() throws(HTTPError) {
        let name = "\(directory)/upload-\(UInt64.random(in: 0...UInt64.max))-\(UInt64.random(in: 0...UInt64.max))"
        let opened = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard opened >= 0 else { throw Self.storageError }
        fd = opened
        path = name
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(HTTPError) {
        var offset = 0
        while offset < bytes.count {
            let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw Self.storageError
            }
            offset += written
        }
    }

    static let storageError = HTTPError(
        HTTPStatus(code: 507, reasonPhrase: "Insufficient Storage"), code: "insufficient_storage",
        detail: "The server could not store the request body.")
}
