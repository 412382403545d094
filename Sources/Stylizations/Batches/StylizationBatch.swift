import Foundation
import Jobs

/// A batch of stylizations made by one request: its items in request order with where each
/// stands, and whether all of them ended.
public struct StylizationBatch: Sendable {
    public struct Item: Sendable, Equatable {
        /// 0-based, the item's place in the request.
        public let index: Int
        public let stylization: JobID
        public let status: JobStatus
    }

    /// `bat_…`
    public let id: String
    public let account: String
    public let createdAt: Date
    /// When its last item ended (set once, when `batch.completed` was sent).
    public let completedAt: Date?
    public let items: [Item]

    /// Items by status; every status is present.
    public var counts: [JobStatus: Int] {
        var counts = Dictionary(uniqueKeysWithValues: JobStatus.allCases.map { ($0, 0) })
        for item in items { counts[item.status, default: 0] += 1 }
        return counts
    }

    /// Whether every item succeeded, failed or was canceled.
    public var isComplete: Bool { items.allSatisfy(\.status.isTerminal) }
}
