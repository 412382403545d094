import Common
import Dispatch
import Glibc

/// Writes a spooled request body to its temporary file on a serial background queue, so that a disk
/// that cannot keep up (dirty-page throttling on a 1 GB upload) stalls that one upload, not the I/O
/// thread and every other connection on it. The connection stops reading while too much is queued.
final class SpoolWriter: Sendable {
    let path: String
    private let fd: Int32
    private let queue = DispatchQueue(label: "stylify.spool")
    private let state = Locked(State())

    private struct State: @unchecked Sendable {
        var queuedBytes = 0
        var failed = false
        var onDrain: (@Sendable () -> Void)?
    }

    /// Beyond this much queued, the connection pauses reading; it resumes below `lowWater`.
    static let highWater = 8 << 20
    static let lowWater = 2 << 20

    init(directory: String) throws(HTTPError) {
        let name = "\(directory)/upload-\(UInt64.random(in: 0...UInt64.max))-\(UInt64.random(in: 0...UInt64.max))"
        let opened = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard opened >= 0 else { throw BodySink.storageError }
        fd = opened
        path = name
    }

    var isBackedUp: Bool { state.withLock { $0.queuedBytes > Self.highWater } }

    /// Queues bytes for the file; throws once an earlier write has failed (disk full).
    func write(_ bytes: [UInt8]) throws(HTTPError) {
        let failed = state.withLock { state -> Bool in
            state.queuedBytes += bytes.count
            return state.failed
        }
        if failed { throw BodySink.storageError }
        queue.async { [self] in
            let ok = bytes.withUnsafeBytes { writeAll($0) }
            let callback = state.withLock { state -> (@Sendable () -> Void)? in
                state.queuedBytes -= bytes.count
                if !ok { state.failed = true }
                guard state.queuedBytes <= Self.lowWater, let onDrain = state.onDrain else { return nil }
                state.onDrain = nil
                return onDrain
            }
            callback?()
        }
    }

    /// Calls `callback` (on the writer's queue) once the backlog is below the low-water mark.
    func notifyWhenDrained(_ callback: @escaping @Sendable () -> Void) {
        let now = state.withLock { state -> Bool in
            if state.queuedBytes <= Self.lowWater { return true }
            state.onDrain = callback
            return false
        }
        if now { queue.async(execute: callback) }
    }

    /// Closes the file after every queued write; reports whether all of them succeeded.
    func finish(_ completion: @escaping @Sendable (Bool) -> Void) {
        queue.async { [self] in
            let ok = !state.withLock { $0.failed }
            close(fd)
            completion(ok)
        }
    }

    /// Drops the file once queued writes are done (the body was refused or the client left).
    func discard() {
        queue.async { [self] in
            close(fd)
            unlink(path)
        }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }
}
