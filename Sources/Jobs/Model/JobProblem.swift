/// Why a job failed, in the terms of a problem-details body (the API adds `type` and `status`).
public struct JobProblem: Sendable, Equatable, Codable, Error {
    /// Stable machine string, e.g. `invalid_content`, `quota_exceeded`, `worker_lost`.
    public let code: String
    /// Short, fixed for a code.
    public let title: String
    /// This occurrence, for people.
    public let detail: String

    public init(code: String, title: String, detail: String) {
        self.code = code
        self.title = title
        self.detail = detail
    }
}
