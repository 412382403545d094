import Foundation
import Storage

/// Hands a succeeded job's result file to whoever keeps results (the Filters module makes it an
/// asset of the account in the blob store), inside the very transaction that marks the job
/// succeeded and meters its frames: a crash leaves either both or neither.
///
/// Jobs cannot import the module that implements it (same layer), hence this protocol, set in
/// `JobServiceConfiguration.resultPublisher`.
public protocol ResultPublishing: Sendable {
    /// Called outside any transaction: makes the result's bytes durable where they will live
    /// (without copying them where possible) and says how to record them. The job service
    /// removes `result.file` from the results directory once the success is committed.
    ///
    /// - Throws: anything; the job then fails with `internal` and its frames are released.
    func stage(_ result: JobResult, of job: Job, finishedAt: Date) throws -> StagedResult
}

/// A result whose bytes are stored but not yet recorded.
public struct StagedResult: Sendable {
    /// Where the result's bytes now live (the job's result `file` from now on).
    public let file: URL
    /// Records the result inside the job's success transaction and returns the id it is known by
    /// (`ast_…`). `StorageError.blobNotFound` makes the job service stage it once more.
    public let record: @Sendable (Connection) throws -> String
    /// Forgets what `stage` stored: the transaction did not commit (best effort).
    public let discard: @Sendable () -> Void

    public init(file: URL, record: @escaping @Sendable (Connection) throws -> String, discard: @escaping @Sendable () -> Void) {
        self.file = file
        self.record = record
        self.discard = discard
    }
}
