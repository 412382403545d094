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

    private var database: Database { queue.database }
    private var quotas: QuotaService { queue.quotas }
    private var configuration: JobServiceConfiguration { queue.configuration }

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
        do {
            guard let loaded = try database.read({ try JobRecords.job(control.id, account: nil, $0) }) else { return }
            job = loaded
            styles = try database.read { try JobRecords.styles(of: control.id, $0) }
        } catch {
            fail(control, problem: JobProblem(error: error), timings: nil)
            return
        }
        events.notify(control.id)
        let output = ResultFiles.result(of: job.id, attempt: job.attempts, format: job.options.format,
                                        in: configuration.resultsDirectory)
        if job.attempts > 1 {
            // An earlier attempt died: its unfinished files must not stay behind for ever.
            ResultFiles.removeLeftovers(of: job.id, before: job.attempts, in: configuration.resultsDirectory)
        }
        var outcome: RenderOutcome?
        do {
            try queue.holdReservation(of: job)
            let stylizer = ImageStylizer(model: try models.model(job.options.model))
            let rendered: RenderOutcome
            switch job.kind {
            case .image:
                rendered = try ImageJobRenderer(stylizer: stylizer)
                    .render(content: job.content, styles: styles, options: job.options, output: output, control: control)
            case .video:
                rendered = try VideoJobRenderer(
                    stylizer: stylizer, queueCapacity: configuration.videoQueueCapacity, codecThreads: configuration.codecThreads)
                    .render(content: job.content, styles: styles, options: job.options, output: output, control: control)
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
            fail(control, problem: JobProblem(error: error), timings: outcome?.times.timings)
        }
    }

    /// Records the success, commits the frames and (with a publisher) records the result as an
    /// asset, all in one transaction; then the staged file leaves the results directory.
    private func succeed(_ job: Job, control: RunControl, outcome: RenderOutcome) throws {
        let bytes = try FileManager.default.attributesOfItem(atPath: outcome.file.path)[.size] as? Int64 ?? 0
        let rendered = JobResult(file: outcome.file, bytes: bytes, mediaType: job.options.format.mediaType,
                                 width: outcome.width, height: outcome.height, frames: outcome.frames)
        let now = Milliseconds.now
        var attempt = 0
        while true {
            attempt += 1
            let staged = try configuration.resultPublisher?.stage(
                rendered, of: job, finishedAt: JobRecords.date(Int(now)))
            do {
                try database.write { connection in
                    // The reservation may have been replaced since the job was read (lease renewal).
                    guard let current = try JobRecords.job(job.id, account: nil, connection) else { throw Interruption.lost }
                    var result = rendered
                    if let staged { result = rendered.published(as: try staged.record(connection), file: staged.file) }
                    // Thrown, not returned: the asset just recorded must roll back with it.
                    guard try JobRecords.succeed(job.id, claim: control.claim, now: now, timings: outcome.times.timings,
                                                 result: result, connection)
                    else { throw Interruption.lost }
                    try quotas.commit(queue.reservation(of: current), in: connection)
                }
            } catch StorageError.blobNotFound where attempt == 1 {
                // A sweep removed a deduplicated blob between staging and recording: stage again.
                staged?.discard()
                continue
            } catch let error as StorageError {
                staged?.discard()
                throw JobError.storage(error)
            } catch {
                staged?.discard()
                throw error
            }
            break
        }
        if configuration.resultPublisher != nil {
            // The publisher has the bytes (a hard link); this name would only leak.
            try? FileManager.default.removeItem(at: outcome.file)
        }
        recorder.recordSuccess(latencyMilliseconds: Double(now) - job.createdAt.timeIntervalSince1970 * 1000)
    }

    /// Ends the claimed job as failed and gives its frames back, in one transaction.
    func fail(_ control: RunControl, problem: JobProblem, timings: JobTimings?) {
        _ = try? database.write { connection in
            guard let job = try JobRecords.job(control.id, account: nil, connection),
                  try JobRecords.end(control.id, as: .failed, claim: control.claim, now: Milliseconds.now,
                                     problem: problem, timings: timings, connection)
            else { return }
            try quotas.release(queue.reservation(of: job), in: connection)
        }
    }
}
