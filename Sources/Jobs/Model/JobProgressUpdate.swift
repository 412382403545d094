/// A running job rendered more frames: told to progress observers as it happens, long before
/// the next heartbeat writes it to the database.
public struct JobProgressUpdate: Sendable, Equatable {
    public let id: JobID
    public let account: String
    public let progress: JobProgress

    public init(id: JobID, account: String, progress: JobProgress) {
        self.id = id
        self.account = account
        self.progress = progress
    }
}
