import Foundation
import Media

/// Renders a long video job over every free worker: cuts it at keyframes into segments of about
/// `targetFrames` frames (`VideoSegmentPlan`), stores them for any worker of any node to claim,
/// renders segments itself too, waits for the rest, then joins the pieces into one MP4 with the
/// source's audio (`VideoSegmentJoiner`). Progress is the frames of all segments together; a
/// cancel stops every segment's worker at its next heartbeat (their leases require the job to
/// run). A re-attempt of the job reuses the pieces already done.
///
/// Each piece starts its temporal smoothing afresh, so the steadying restarts at each cut (every
/// `targetFrames` frames, at a keyframe: usually a scene change).
struct SegmentedVideoRenderer: Sendable {
    let segments: JobSegments
    let renderer: VideoJobRenderer
    let targetFrames: Int
    /// How often the job's worker looks at the other segments while none is left to claim.
    let pollInterval: TimeInterval

    func render(_ job: Job, content: URL, styling: JobStyling, output: URL, control: RunControl) throws -> RenderOutcome {
        let plan = try VideoSegmentPlan.segments(of: content, targetFrames: targetFrames)
        guard plan.count > 1 else {
            return try renderer.render(content: content, styling: styling, options: job.options, output: output, control: control)
        }
        try segments.store(plan, of: job.id)
        while true {
            try control.checkpoint()
            let states = try segments.segments(of: job.id)
            let done = states.reduce(0) { $0 + $1.progress }
            control.advance(to: done)
            if states.count == plan.count, states.allSatisfy({ $0.status == .done }) {
                return try join(states, content: content, output: output, control: control)
            }
            guard let claim = try segments.claim(job: job.id, parent: control) else {
                Thread.sleep(forTimeInterval: pollInterval)
                continue
            }
            defer { segments.release(claim) }
            claim.control.reportProgress { [control] frames in control.advance(to: done + frames) }
            do {
                _ = try segments.renderPiece(claim, of: job, with: renderer, styling: styling, content: content)
            } catch let interruption as Interruption {
                // The segment's lease passed (another worker renders it now): go on with the rest.
                // Anything that stops the job itself is the job's to handle.
                if interruption == .shutdown { segments.requeue(claim) }
                try control.checkpoint()
                if interruption != .lost { throw interruption }
            }
        }
    }

    /// Copies the pieces, in order, into the job's result; its times are those of all pieces,
    /// the join counted as encoding.
    private func join(_ pieces: [JobSegment], content: URL, output: URL, control: RunControl) throws -> RenderOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let joiner = try VideoSegmentJoiner(url: output, audioFrom: content)
        do {
            for piece in pieces {
                try control.checkpoint()
                guard let key = piece.piece else { throw Interruption.lost }
                try JobError.wrapping { try segments.queue.blobs.withLocalFile(key) { try joiner.append($0) } }
            }
            try joiner.finish()
        } catch {
            joiner.cancel()
            throw error
        }
        var times = pieces.reduce(into: StageTimes()) { total, piece in
            total.decode += piece.times.decode
            total.inference += piece.times.inference
            total.encode += piece.times.encode
        }
        times.encode += clock.now - start
        let size = joiner.size ?? VideoFrameSize(width: 0, height: 0)
        return RenderOutcome(file: output, width: size.width, height: size.height, frames: joiner.frames, times: times,
                             megapixels: Double(joiner.frames * size.width * size.height) / 1e6)
    }
}
