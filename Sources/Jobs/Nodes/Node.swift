import Foundation

/// One registered serving process, as `NodeRegistry` reads it back.
public struct Node: Sendable, Equatable {
    public let id: String
    public let role: NodeRole
    public let host: String
    public let pid: Int
    /// Job worker threads (0 on API nodes).
    public let jobWorkers: Int
    public let startedAt: Date
    public let heartbeatAt: Date
}
