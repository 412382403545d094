import Foundation
import Inference
import Storage

/// One stylization job as stored: what it renders, where it stands, and what came out.
public struct Job: Sendable, Equatable {
    public let id: JobID
    public let account: String
    public let kind: JobKind
    public let status: JobStatus
    /// Higher runs first.
    public let priority: Int
    /// The content blob. Nil only for a job from before migration 0008 whose content was not a
    /// stored blob; such a job has ended.
    public let content: BlobKey?
    /// The options as resolved at submission: `maxSide` already includes the plan's cap.
    public let options: JobOptions
    public let progress: JobProgress
    public let timings: JobTimings
    /// Set when `status` is `.succeeded`.
    public let result: JobResult?
    /// Set when `status` is `.failed` (and, with code `canceled`, when canceled).
    public let problem: JobProblem?
    /// The frame reservation (`rsv_…`) the job's success commits.
    public let reservationID: String
    /// Times a worker started it: above 1 after a restart recovered it.
    public let attempts: Int
    public let createdAt: Date
    public let startedAt: Date?
    public let finishedAt: Date?
}
