import Jobs
import Stylizations

/// One event of a stylization's stream and its id. Ids grow with the job, so a client that
/// reconnects with `Last-Event-ID` skips what it saw: `started` is 1, `progress` is 1 + frames
/// done, the final event is frames total + 2 (above every progress id).
struct StreamEvent: Sendable {
    let id: Int
    let bytes: [UInt8]
    /// The final event: the stream ends after it, and it is sent whatever `Last-Event-ID` said.
    let isFinal: Bool

    static func started(_ stylization: Stylization) throws -> StreamEvent {
        StreamEvent(id: 1, bytes: EventStreamFrame.event(id: 1, name: "started", data: try StylizationResource.eventData(stylization)),
                    isFinal: false)
    }

    static func progress(_ progress: StylizationProgress) -> StreamEvent {
        let id = 1 + progress.framesDone
        return StreamEvent(id: id, bytes: EventStreamFrame.event(id: id, name: "progress", data: progress.json), isFinal: false)
    }

    /// `succeeded`, `failed` or `canceled`, carrying the stylization as `GET` shows it.
    static func final(_ stylization: Stylization) throws -> StreamEvent {
        let id = stylization.job.progress.total + 2
        return StreamEvent(
            id: id, bytes: EventStreamFrame.event(id: id, name: stylization.job.status.rawValue,
                                                  data: try StylizationResource.eventData(stylization)),
            isFinal: true)
    }

    /// What a stylization in this state has to say: nothing while queued; `started` and its
    /// progress while running; its final event once it ended.
    static func describing(_ stylization: Stylization) throws -> [StreamEvent] {
        let job = stylization.job
        switch job.status {
        case .queued:
            return []
        case .running:
            var events = [try started(stylization)]
            if job.progress.done > 0 {
                events.append(progress(StylizationProgress(
                    id: job.id.rawValue, framesDone: job.progress.done, framesTotal: job.progress.total)))
            }
            return events
        case .succeeded, .failed, .canceled:
            return [try final(stylization)]
        }
    }
}
