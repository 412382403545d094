import Foundation

/// How a `JobService` runs. The defaults suit one server; tests shorten the leases.
public struct JobServiceConfiguration: Sendable {
    /// Where results are rendered (`<job id>-<attempt>.<ext>`) before they go into the blob store;
    /// created if missing. It only ever holds unfinished output: local scratch space of this process.
    public var resultsDirectory: URL
    /// Worker threads. Default: one per two cores, because inference itself uses every core.
    public var workers: Int
    /// A running job whose worker has not been heard from for this long is taken to be dead
    /// and is re-queued (another process may be running it: the lease is how we know it is not).
    public var workerLease: TimeInterval
    /// How often running jobs record progress and extend their lease (progress is at most this old).
    public var heartbeatInterval: TimeInterval
    /// Lease of the frame reservations of queued and running jobs; renewed every quarter of it.
    public var reservationLease: TimeInterval
    /// How often idle workers look for work submitted by other processes and dead workers' jobs.
    public var pollInterval: TimeInterval
    /// A job whose worker died this many times fails with `worker_lost` instead of running again.
    public var maxAttempts: Int
    /// Queue priority by plan name (higher runs first); plans not listed get 0.
    public var planPriorities: [String: Int]
    /// Frames buffered between the decode, inference and encode stages of a video job.
    public var videoQueueCapacity: Int
    /// Threads of a video job's decoder and of its encoder (0 lets FFmpeg choose). One by
    /// default: inference already splits every step over all cores, and extra codec threads
    /// preempt one of its chunks and stall the whole step.
    public var codecThreads: Int
    /// Who records succeeded results (Filters: assets of the account, expiring); nil: the job keeps
    /// its result blob itself, for ever (offline use and tests of Jobs alone).
    public var resultPublisher: (any ResultPublishing)?
    /// How often finished jobs' files left in the results directory (a process killed between
    /// committing a success and removing the rendered file, a worker that lost its job) are removed.
    public var resultSweepInterval: TimeInterval
    /// Video jobs of at least twice this many frames are cut at keyframes into segments of about
    /// this many frames, rendered by every free worker of every node and then joined; 0 renders
    /// every video on one worker.
    public var videoSegmentFrames: Int

    public init(resultsDirectory: URL,
                workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount / 2),
                workerLease: TimeInterval = 10, heartbeatInterval: TimeInterval = 0.5,
                reservationLease: TimeInterval = 120, pollInterval: TimeInterval = 1, maxAttempts: Int = 3,
                planPriorities: [String: Int] = ["premium": 10], videoQueueCapacity: Int = 3, codecThreads: Int = 1,
                resultPublisher: (any ResultPublishing)? = nil, resultSweepInterval: TimeInterval = 300,
                videoSegmentFrames: Int = 0) {
        self.resultsDirectory = resultsDirectory
        self.workers = max(1, workers)
        self.workerLease = max(workerLease, 2 * heartbeatInterval)
        self.heartbeatInterval = heartbeatInterval
        self.reservationLease = max(reservationLease, 4)
        self.pollInterval = pollInterval
        self.maxAttempts = max(1, maxAttempts)
        self.planPriorities = planPriorities
        self.videoQueueCapacity = max(1, videoQueueCapacity)
        self.codecThreads = max(0, codecThreads)
        self.resultPublisher = resultPublisher
        self.resultSweepInterval = resultSweepInterval
        self.videoSegmentFrames = max(0, videoSegmentFrames)
    }
}
