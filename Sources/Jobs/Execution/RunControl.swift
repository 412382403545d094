import Common
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

/// The shared state of one running job: frames done (written by the pipeline, read by the
/// heartbeat) and the stop reason (set by cancel, a lost claim or shutdown; checked by the
/// pipeline between frames and by inference between layers). Each behind its own lock.
package final class RunControl: Sendable {
    let id: JobID
    let claim: String
    private let framesDone = Locked(0)
    private let interruption = Locked<Interruption?>(nil)
    /// Told each new frame count; set once the job is loaded.
    private let reporter = Locked<(@Sendable (Int) -> Void)?>(nil)

    /// The run this one is part of (a job's own segment): when it stops, this one stops too.
    private let parent: RunControl?

    package init(id: JobID, claim: String, parent: RunControl? = nil) {
        self.id = id
        self.claim = claim
        self.parent = parent
    }

    var progress: Int {
        framesDone.withLock { $0 }
    }

    /// Records that `frames` frames are finished (never goes backwards).
    func advance(to frames: Int) {
        let advanced = framesDone.withLock { done -> Bool in
            guard frames > done else { return false }
            done = frames
            return true
        }
        if advanced, let report = reporter.withLock({ $0 }) { report(frames) }
    }

    /// Calls `report` with the frames done each time they grow, on the advancing thread.
    func reportProgress(_ report: @escaping @Sendable (Int) -> Void) {
        reporter.withLock { $0 = report }
    }

    /// Asks the job to stop; the first reason wins.
    func interrupt(_ reason: Interruption) {
        interruption.withLock { if $0 == nil { $0 = reason } }
    }

    var interruptionReason: Interruption? {
        interruption.withLock { $0 } ?? parent?.interruptionReason
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
