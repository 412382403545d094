import Media
import Storage

/// One segment of a segmented video job, as stored in `job_segments`.
struct JobSegment: Sendable {
    enum Status: String, Sendable {
        case queued, running, done
    }

    let job: JobID
    let index: Int
    let range: VideoTimestampRange
    let frames: Int
    let status: Status
    let framesDone: Int
    /// The rendered piece, once done.
    let piece: BlobKey?
    /// Where its worker's time went (zero until done).
    let times: StageTimes

    /// Frames finished so far: all of a done segment, the last heartbeat's of a running one.
    var progress: Int {
        status == .done ? frames : min(framesDone, frames)
    }
}

/// A segment claimed by a worker of this process: the token its writes are conditional on, and
/// the control its renderer checks (interrupted when the lease is lost or the service stops).
struct SegmentClaim: Sendable {
    let job: JobID
    let index: Int
    let range: VideoTimestampRange
    let frames: Int
    let control: RunControl

    var token: String { control.claim }
}
