import Foundation

/// Resolved principals by token hash, each trusted until a short deadline. Revocations made in
/// this process evict at once; every eviction bumps a generation so a lookup that raced with it
/// cannot put the stale answer back.
final class CredentialCache: @unchecked Sendable {
    private struct Entry {
        let principal: Principal
        let validUntil: Date
    }

    /// Bounds memory under a flood of distinct valid tokens; far above any real working set.
    private static let capacity = 50_000

    private let lock = NSLock()
    private var entries: [[UInt8]: Entry] = [:]
    private var generation: UInt64 = 0
    private var hits = 0
    private var misses = 0

    func lookup(_ tokenHash: [UInt8], now: Date) -> Principal? {
        lock.lock()
        defer { lock.unlock() }
        if let entry = entries[tokenHash], entry.validUntil > now {
            hits += 1
            return entry.principal
        }
        misses += 1
        return nil
    }

    /// The generation to pass to `store` after reading the database.
    var currentGeneration: UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return generation
    }

    /// Stores unless an eviction happened since `generation` was read.
    func store(_ tokenHash: [UInt8], principal: Principal, validUntil: Date, ifGeneration expected: UInt64, now: Date) {
        lock.lock()
        defer { lock.unlock() }
        guard generation == expected else { return }
        if entries.count >= Self.capacity {
            entries = entries.filter { $0.value.validUntil > now }
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        }
        entries[tokenHash] = Entry(principal: principal, validUntil: validUntil)
    }

    func evict(tokenHash: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        generation &+= 1
        entries[tokenHash] = nil
    }

    func evict(apiKey id: APIKeyID) {
        evict { $0.apiKeyID == id }
    }

    func evict(account id: AccountID) {
        evict { $0.accountID == id }
    }

    private func evict(where matches: (Principal) -> Bool) {
        lock.lock()
        defer { lock.unlock() }
        generation &+= 1
        entries = entries.filter { !matches($0.value.principal) }
    }

    /// Lookups answered from memory and lookups that went to the database.
    var statistics: (hits: Int, misses: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (hits, misses)
    }
}
