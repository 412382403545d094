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
        let styles: [WeightedStyle]
        let maskStyles: MaskStyles?
        do {
            guard let loaded = try database.readTransaction({ try JobRecords.job(control.id, account: nil, $0) }) else { return }
            job = loaded
            (styles, maskStyles) = try database.readTransaction { (try JobRecords.styles(of: control.id, $0), try JobRecords.maskStyles(of: control.id, $0)) }
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
            let stylizer = ImageStylizer(model: try models.model(job.options.model))
            let styling = try self.styling(of: job, styles: styles, maskStyles: maskStyles)
            // A local store passes the content blob's own file; an object store a cached copy.
            let rendered = try blobs.withLocalFile(content) { file -> RenderOutcome in
                contentPath = file.path
                switch job.kind {
                case .image:
                    return try ImageJobRenderer(stylizer: stylizer)
                        .render(content: file, styling: styling, options: job.options, output: output, control: control)
                case .video:
                    return try VideoJobRenderer(
                        stylizer: stylizer, queueCapacity: configuration.videoQueueCapacity, codecThreads: configuration.codecThreads)
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
        _ = try? database.writeTransaction { connection in
            guard let job = try JobRecords.job(control.id, account: nil, connection),
                  try JobRecords.end(control.id, as: .failed, claim: control.claim, now: Milliseconds.now,
                                     problem: problem, timings: timings, connection)
            else { return }
            try quotas.release(queue.reservation(of: job), in: connection)
        }
    }
}
