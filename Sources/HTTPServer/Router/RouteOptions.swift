/// How a route runs.
public struct RouteOptions: Sendable {
    public enum Execution: Sendable {
        /// On the I/O thread, for cheap handlers that never block (no disk, no database, no locks held long).
        case inline
        /// On the worker pool (the default), for handlers that may block.
        case worker
    }

    public var execution: Execution
    /// Request body limit for this route; nil uses `HTTPLimits.maxBodyBytes`.
    public var maxBodyBytes: Int64?
    /// Decides from the head alone, before any body byte is read, whether this request may send its
    /// body and how large it may be (e.g. the account's plan limit for uploads). Runs on a worker
    /// thread. Throwing answers with that error and the body is never read, so a client waiting on
    /// `Expect: 100-continue` never sends it. The returned limit replaces `maxBodyBytes`.
    public var admitBody: (@Sendable (Request) throws -> BodyAdmission)?

    public init(
        execution: Execution = .worker, maxBodyBytes: Int64? = nil,
        admitBody: (@Sendable (Request) throws -> BodyAdmission)? = nil
    ) {
        self.execution = execution
        self.maxBodyBytes = maxBodyBytes
        self.admitBody = admitBody
    }

    public static let `default` = RouteOptions()
    public static let inline = RouteOptions(execution: .inline)
}
