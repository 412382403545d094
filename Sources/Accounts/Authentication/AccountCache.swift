import Foundation

/// Recently read accounts, each trusted until a short deadline (the authentication cache TTL,
/// ≤ 1 s), so a hot `GET /v1/me` costs no database read. Status changes made in this process
/// evict at once; those made by another process are seen when the entry expires.
final class AccountCache: @unchecked Sendable {
    private struct Entry {
        let account: Account
        let validUntil: Date
    }

    /// Bounds memory under a flood of distinct accounts; far above any real working set.
    private static let capacity = 50_000

    private let lock = NSLock()
    private var entries: [AccountID: Entry] = [:]
    private var generation: UInt64 = 0

    func lookup(_ id: AccountID, now: Date) -> Account? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[id], entry.validUntil > now else { return nil }
        return entry.account
    }

    /// The generation to pass to `store` after reading the database.
    var currentGeneration: UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return generation
    }

    /// Stores unless an eviction happened since `generation` was read, so a read that raced with
    /// a suspension cannot put the stale account back.
    func store(_ account: Account, validUntil: Date, ifGeneration expected: UInt64, now: Date) {
        lock.lock()
        defer { lock.unlock() }
        guard generation == expected else { return }
        if entries.count >= Self.capacity {
            entries = entries.filter { $0.value.validUntil > now }
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        }
        entries[account.id] = Entry(account: account, validUntil: validUntil)
    }

    func evict(_ id: AccountID) {
        lock.lock()
        defer { lock.unlock() }
        generation &+= 1
        entries[id] = nil
    }
}
