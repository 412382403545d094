/// Where a job is in its life: queued → running → succeeded | failed | canceled. A running job
/// whose worker died goes back to queued.
public enum JobStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case queued
    case running
    case succeeded
    case failed
    case canceled

    /// Whether the job has ended (nothing will change it any more).
    public var isTerminal: Bool {
        switch self {
        case .queued, .running: false
        case .succeeded, .failed, .canceled: true
        }
    }
}
