/// What one `stylify serve` process does in a deployment of several.
public enum NodeRole: String, Sendable, CaseIterable {
    /// Everything in one process, as on a single machine: the API and the job workers.
    case all
    /// The HTTP API only: it submits jobs to the shared database and never runs inference on
    /// them; workers elsewhere render them.
    case api
    /// Job workers only: they claim jobs from the shared database, read inputs from and write
    /// results to the shared blob store; HTTP serves only `/healthz`, `/readyz` and `/metrics`.
    case worker

    /// Whether this process answers the `/v1` API.
    public var servesAPI: Bool { self != .worker }
    /// Whether this process claims and renders jobs.
    public var runsJobs: Bool { self != .api }
}
