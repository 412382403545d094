import Foundation
import Storage

/// Hands a succeeded job's result to whoever keeps results (the Filters module makes it an asset
/// of the account), inside the very transaction that marks the job succeeded, records the result
/// blob and meters its frames: a crash leaves either all or none.
///
/// Jobs cannot import the module that implements it (same layer), hence this protocol, set in
/// `JobServiceConfiguration.resultPublisher`.
public protocol ResultPublishing: Sendable {
    /// Called outside any transaction, once the result's bytes are in the blob store under
    /// `result.key`: prepares what to record (reads the plan's retention, probes a video's
    /// duration through `BlobStore.withLocalFile`).
    ///
    /// - Throws: anything; the job then fails with `internal` and its frames are released.
    func stage(_ result: JobResult, of job: Job, finishedAt: Date) throws -> StagedResult
}

/// A stored result, ready to be recorded.
public struct StagedResult: Sendable {
    /// Records the result inside the job's success transaction (after its blob row) and returns
    /// the id it is known by (`ast_…`). `StorageError.blobNotFound` makes the job service store
    /// and stage it once more.
    public let record: @Sendable (any SQLConnection) throws -> String

    public init(record: @escaping @Sendable (any SQLConnection) throws -> String) {
        self.record = record
    }
}
