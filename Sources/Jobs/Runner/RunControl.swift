import Foundation
import Inference

/// Why a running job must stop before it finishes.
enum Interruption: Error, Sendable, Equatable {
    /// Its owner canceled it.
    case canceled
    /// The job is no longer this worker's: canceled by another process, or re-queued because the
    /// worker's lease passed.
    case lost
    /// The service is stopping; the job goes back to the queue.
    case shutdown
}

/// The shared state of one running job: frames done (read by the heartbeat) and the stop flag
/// (checked by the pipeline between frames).
final class RunControl: @unchecked Sendable {
    let id: JobID
    let claim: String
    private let lock = NSLock()
    private var framesDone = 0
    private var interruption: Interruption?

    init(id: JobID, claim: String) {
        self.id = id
        self.claim = claim
    }

    var progress: Int {
        lock.withLock { framesDone }
    }

    /// Records that `frames` frames are finished (never goes backwards).
    func advance(to frames: Int) {
        lock.withLock { framesDone = max(framesDone, frames) }
    }

    /// Asks the job to stop; the first reason wins.
    func interrupt(_ reason: Interruption) {
        lock.withLock { if interruption == nil { interruption = reason } }
    }

    var interruptionReason: Interruption? {
        lock.withLock { interruption }
    }

    /// Throws the interruption, if any: called between frames.
    func checkpoint() throws {
        if let reason = interruptionReason { throw reason }
    }

    /// The check inference asks between layers and row bands, so a cancel or shutdown stops even
    /// one huge image within a fraction of a second.
    var shouldStop: @Sendable () -> Bool {
        { [self] in interruptionReason != nil }
    }

    /// Runs `body` (inference given `shouldStop`), turning its `InferenceError.canceled` into this
    /// job's interruption (cancel, lost or shutdown, each handled its own way).
    func interruptible<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch InferenceError.canceled {
            try checkpoint()
            throw InferenceError.canceled
        }
    }
}
