import Foundation
import Storage

extension JobService {
    /// Submits and answers in one call, for small images the API answers in the same request:
    /// an image job is run at once on the calling thread (it does not wait behind long video
    /// jobs in the queue); a video job (or an image a worker claimed first) is waited for up to
    /// `timeout`. Returns the job as it is then: succeeded or failed normally, still queued or
    /// running only if the wait timed out (answer 202 then).
    ///
    /// - Parameter alongside: as for `submit`: runs in the transaction that stores the job.
    /// - Throws: what `submit` throws; `JobError.serviceStopped` while the service is stopping.
    public func submitAndWait(
        _ request: JobRequest, timeout: TimeInterval, alongside: ((Connection, JobID) throws -> Void)? = nil
    ) throws -> Job {
        guard !isStopping else { throw JobError.serviceStopped }
        let job = try submit(request, alongside: alongside)
        if job.kind == .image, let control = try claimNext(only: job.id) {
            execute(control)
        }
        return try wait(for: job.id, account: request.account, timeout: timeout)
    }
}
