import Foundation
import Glibc

/// Collects a request body while it arrives: in memory up to a threshold, then streamed to a temporary
/// file through a `SpoolWriter`, so a 1 GB upload never sits in memory. The route's byte limit is
/// enforced on every append, so an oversized body is refused (413) as soon as it crosses the limit.
final class BodySink {
    let limit: Int64
    private let threshold: Int
    private let directory: String
    private(set) var received: Int64 = 0
    private var memory: [UInt8] = []
    private(set) var spool: SpoolWriter?

    private let tooLarge: (@Sendable (Int64, Int64) -> HTTPError)?

    init(
        limit: Int64, threshold: Int, directory: String, expectedLength: Int64?,
        tooLarge: (@Sendable (Int64, Int64) -> HTTPError)? = nil
    ) {
        self.limit = limit
        self.tooLarge = tooLarge
        self.threshold = threshold
        self.directory = directory
        if let expectedLength, expectedLength <= Int64(threshold) { memory.reserveCapacity(Int(expectedLength)) }
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws(HTTPError) {
        received += Int64(bytes.count)
        if received > limit { throw tooLarge?(limit, received) ?? .contentTooLarge(limit: limit, used: received) }
        if spool == nil && memory.count + bytes.count <= threshold {
            memory.append(contentsOf: bytes)
            return
        }
        if spool == nil {
            let writer = try SpoolWriter(directory: directory)
            spool = writer
            if !memory.isEmpty { try writer.write(memory) }
            memory = []
        }
        try spool!.write([UInt8](bytes))
    }

    /// Whether the spool file is falling behind and reading should pause.
    var isBackedUp: Bool { spool?.isBackedUp ?? false }

    enum Outcome {
        /// The body is complete in memory.
        case ready(RequestBody)
        /// The body is in a file whose last writes may still be queued; wait for `finish` on the writer.
        case spooled(SpoolWriter, size: Int64)
    }

    /// Hands over the body; the sink no longer owns a spool file afterwards.
    func finish() -> Outcome {
        if let spool {
            self.spool = nil
            return .spooled(spool, size: received)
        }
        return .ready(memory.isEmpty ? .empty : .bytes(memory))
    }

    /// Drops a partly received body and its spool file.
    func discard() {
        spool?.discard()
        spool = nil
        memory = []
    }

    static let storageError = HTTPError(
        HTTPStatus(code: 507, reasonPhrase: "Insufficient Storage"), code: "insufficient_storage",
        detail: "The server could not store the request body.")
}
