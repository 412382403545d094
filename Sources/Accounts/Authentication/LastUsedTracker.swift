import Foundation

/// Decides when an API key's `last_used_at` is due for a write, so a busy key costs one write a
/// minute instead of one per request.
final class LastUsedTracker: @unchecked Sendable {
    private let lock = NSLock()
    private var lastWritten: [APIKeyID: Date] = [:]

    /// Records a value read from the database so a restart does not trigger an immediate write.
    func remember(_ id: APIKeyID, lastUsed: Date?) {
        guard let lastUsed else { return }
        lock.lock()
        if lastWritten[id].map({ $0 < lastUsed }) ?? true { lastWritten[id] = lastUsed }
        lock.unlock()
    }

    /// True (and claims the write) when the key was not written within `interval`.
    func claimWrite(_ id: APIKeyID, now: Date, interval: TimeInterval) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if let last = lastWritten[id], now.timeIntervalSince(last) < interval { return false }
        if lastWritten.count > 100_000 { lastWritten.removeAll() }
        lastWritten[id] = now
        return true
    }
}
