import Foundation
import Inference
import Quotas
import Storage

/// Runs claimed jobs to their end, on the calling thread (a worker's, or a request's for a
/// synchronous image): loads the model, renders, and records the outcome with its frames.
/// It keeps no state of its own; a run's shared state is its `RunControl`.
struct JobExecutor: Sendable {
    let queue: JobQueue
    let models: ModelCache
    let recorder: MetricsRecorder
    let running: RunningJobs
    let events: JobEvents
    let segments: JobSegments

    private var database: any SQLDatabase { queue.database }
    private var quotas: QuotaService { queue.quotas }
    private var configuration: JobServiceConfiguration { queue.configuration }
    private var blobs: any BlobStore { queue.blobs }
    private var registry: BlobRegistry { queue.registry }

    /// Runs one claimed job to its end: renders it, then records success (committing its frames
    /// in the same transaction), failure (releasing them), or, when interrupted, nothing (cancel:
    /// already recorded) or a re-queue (shutdown). The job leaves `running` when it ends.
    func execute(_ control: RunControl) {
        defer {
            running.remove(control.id)
            events.notify(control.id)
        }
        let job: Job
        do {
            guard let loaded = try database.readTransaction({ try JobRecords.job(control.id, account: nil, $0) }) else { return }
            job = loaded
        } catch {
            fail(control, problem: JobProblem(error: error), timings: nil)
            return
        }
        let (id, account, total) = (job.id, job.account, job.progress.total)
        control.reportProgress { [events] frames in
            events.notifyProgress(JobProgressUpdate(id: id, account: account, progress: JobProgress(done: frames, total: total)))
        }
        events.notify(control.id)
        let output = ResultFiles.result(of: job.id, attempt: job.attempts, format: job.options.format,
                                        in: configuration.resultsDirectory)
        if job.attempts > 1 {
            // An earlier attempt died: its unfinished files must not stay behind for ever.
            ResultFiles.removeLeftovers(of: job.id, before: job.attempts, in: configuration.resultsDirectory)
        }
        guard let content = job.content else {
            fail(control, problem: .contentUnavailable, timings: nil)
            return
        }
        var outcome: RenderOutcome?
        var contentPath: String?
        do {
            try queue.holdReservation(of: job)
            let (stylizer, styling) = try renderSetup(of: job)
            // A local store passes the content blob's own file; an object store a cached copy.
            let rendered = try blobs.withLocalFile(content) { file -> RenderOutcome in
                contentPath = file.path
                switch job.kind {
                case .image:
                    return try ImageJobRenderer(stylizer: stylizer)
                        .render(content: file, styling: styling, options: job.options, output: output, control: control)
                case .video where configuration.videoSegmentFrames > 0:
                    return try SegmentedVideoRenderer(
                        segments: segments, renderer: videoRenderer(stylizer), targetFrames: configuration.videoSegmentFrames,
                        pollInterval: min(configuration.heartbeatInterval, configuration.pollInterval))
                        .render(job, content: file, styling: styling, output: output, control: control)
                case .video:
                    return try videoRenderer(stylizer)
                        .render(content: file, styling: styling, options: job.options, output: output, control: control)
                }
            }
            outcome = rendered
            recorder.recordInference(model: job.options.model, milliseconds: Double(rendered.times.inference.milliseconds),
                                     megapixels: rendered.megapixels)
            try control.checkpoint()
            try succeed(job, control: control, outcome: rendered)
        } catch let interruption as Interruption {
            if outcome != nil { try? FileManager.default.removeItem(at: output) }
            if interruption == .shutdown { queue.requeue(control) }
        } catch {
            if outcome != nil { try? FileManager.default.removeItem(at: output) }
            fail(control, problem: JobProblem(error: error).hiding(path: contentPath), timings: outcome?.times.timings)
        }
    }

    /// Renders one segment of another worker's video job (claimed while no job was queued) and
    /// records its piece. A piece that cannot be rendered fails the whole job, as a render error
    /// of the job's own worker would; a shutdown gives the segment back.
    func executeSegment(_ claim: SegmentClaim) {
        defer { segments.release(claim) }
        var contentPath: String?
        do {
            guard let job = try queue.job(claim.job), job.status == .running, let content = job.content else {
                // Ended or re-queued since the claim: the segment waits for the job's next worker.
                segments.requeue(claim)
                return
            }
            let (stylizer, styling) = try renderSetup(of: job)
            _ = try blobs.withLocalFile(content) { file in
                contentPath = file.path
                return try segments.renderPiece(claim, of: job, with: videoRenderer(stylizer), styling: styling, content: file)
            }
        } catch let interruption as Interruption {
            if interruption == .shutdown { segments.requeue(claim) }
        } catch {
            fail(claim.job, claim: nil, problem: JobProblem(error: error).hiding(path: contentPath), timings: nil)
        }
    }

    private func videoRenderer(_ stylizer: ImageStylizer) -> VideoJobRenderer {
        VideoJobRenderer(stylizer: stylizer, queueCapacity: configuration.videoQueueCapacity, codecThreads: configuration.codecThreads)
    }

    /// The model and the styles (read from the job's rows) as the job's renderer applies them.
    private func renderSetup(of job: Job) throws -> (ImageStylizer, JobStyling) {
        let (styles, maskStyles) = try database.readTransaction {
            (try JobRecords.styles(of: job.id, $0), try JobRecords.maskStyles(of: job.id, $0))
        }
        let stylizer = ImageStylizer(model: try models.model(job.options.model))
        return (stylizer, try styling(of: job, styles: styles, maskStyles: maskStyles))
    }

    /// The job's styles as its renderer applies them; a masked job's mask is read and decoded here.
    private func styling(of job: Job, styles: [WeightedStyle], maskStyles: MaskStyles?) throws -> JobStyling {
        guard let mask = job.options.mask else { return .uniform(styles) }
        guard let maskStyles else {
            throw JobError.invalidRequest(param: "mask", detail: "the job's region styles are missing")
        }
        let image: MaskImage
        do {
            image = try blobs.withLocalFile(mask.key) { try MaskImage.decode(contentsOf: $0) }
        } catch let error as StorageError {
            throw JobError.storage(error)
        }
        return .masked(image, white: RegionStyle(styles: maskStyles.white, strength: mask.whiteStrength),
                       black: RegionStyle(styles: maskStyles.black, strength: mask.blackStrength))
    }

    /// Stores the rendered file in the blob store by key (a local store adopts it as a hard link,
    /// an object store uploads it), then in one transaction records the blob, the success, the
    /// committed frames and (with a publisher) the result's asset; then the rendered file leaves
    /// the results directory. A blob stored for a success that did not commit is removed again.
    private func succeed(_ job: Job, control: RunControl, outcome: RenderOutcome) throws {
        let now = Milliseconds.now
        let finishedAt = JobRecords.date(Int(now))
        var attempt = 0
        while true {
            attempt += 1
            let blob = try JobError.wrapping { try blobs.put(adoptingFileAt: outcome.file) }
            let rendered = JobResult(key: blob.key, bytes: blob.size, mediaType: job.options.format.mediaType,
                                     width: outcome.width, height: outcome.height, frames: outcome.frames)
            do {
                let staged = try configuration.resultPublisher?.stage(rendered, of: job, finishedAt: finishedAt)
                try database.writeTransaction { connection in
                    // The reservation may have been replaced since the job was read (lease renewal).
                    guard let current = try JobRecords.job(job.id, account: nil, connection) else { throw Interruption.lost }
                    try registry.record(blob, in: connection, now: finishedAt)
                    var result = rendered
                    if let staged { result = rendered.published(as: try staged.record(connection)) }
                    // Thrown, not returned: the asset just recorded must roll back with it.
                    guard try JobRecords.succeed(job.id, claim: control.claim, now: now, timings: outcome.times.timings,
                                                 result: result, connection)
                    else { throw Interruption.lost }
                    try quotas.commit(queue.reservation(of: current), in: connection)
                    // A segmented job's pieces are in its result now; unreferenced, they are swept.
                    try JobSegmentRecords.deleteAll(of: job.id, connection)
                }
            } catch StorageError.blobNotFound where attempt == 1 {
                // A sweep removed a deduplicated blob between storing and recording: store again.
                registry.removeUnrecorded([blob])
                continue
            } catch let error as StorageError {
                registry.removeUnrecorded([blob])
                throw JobError.storage(error)
            } catch {
                registry.removeUnrecorded([blob])
                throw error
            }
            break
        }
        // The blob store has the bytes; this name would only leak.
        try? FileManager.default.removeItem(at: outcome.file)
        recorder.recordSuccess(latencyMilliseconds: Double(now) - job.createdAt.timeIntervalSince1970 * 1000)
    }

    /// Ends the claimed job as failed and gives its frames back, in one transaction.
    func fail(_ control: RunControl, problem: JobProblem, timings: JobTimings?) {
        fail(control.id, claim: control.claim, problem: problem, timings: timings)
    }

    /// Ends the job as failed (with a claim: only that attempt) and gives its frames back.
    private func fail(_ id: JobID, claim: String?, problem: JobProblem, timings: JobTimings?) {
        let failed = try? database.writeTransaction { connection -> Bool in
            guard let job = try JobRecords.job(id, account: nil, connection),
                  try JobRecords.end(id, as: .failed, claim: claim, now: Milliseconds.now,
                                     problem: problem, timings: timings, connection)
            else { return false }
            try quotas.release(queue.reservation(of: job), in: connection)
            return true
        }
        // Another worker's job: its own worker learns at its next heartbeat; one of this process stops now.
        if claim == nil, failed == true { running.control(of: id)?.interrupt(.lost) }
    }
}
