import Foundation

/// Values trusted until a short deadline, so hot paths (every request's authentication, limits)
/// skip the database while changes made by another process still apply within the TTL. Changes
/// made in this process evict at once, and every eviction bumps a generation: a reader that
/// fetched from the database before an eviction passes the generation it saw to `store`, which
/// then refuses to put the stale answer back.
///
/// The lookup methods are inlinable so each caller's module specialises them for its key type:
/// unspecialised, the hashing through witness tables was 5% of `GET /v1/me` (perf).
public final class ExpiringCache<Key: Hashable, Value>: @unchecked Sendable {
    @usableFromInline
    struct Entry {
        @usableFromInline let value: Value
        @usableFromInline let validUntil: Date

        @usableFromInline
        init(value: Value, validUntil: Date) {
            self.value = value
            self.validUntil = validUntil
        }
    }

    /// Bounds memory under a flood of distinct keys; callers pick it far above a real working set.
    @usableFromInline let capacity: Int
    @usableFromInline let lock = NSLock()
    @usableFromInline var entries: [Key: Entry] = [:]
    @usableFromInline var generation: UInt64 = 0
    @usableFromInline var hits = 0
    @usableFromInline var misses = 0

    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// The value stored for `key` if it is still valid at `now`.
    @inlinable
    public func value(for key: Key, now: Date) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        if let entry = entries[key], entry.validUntil > now {
            hits += 1
            return entry.value
        }
        misses += 1
        return nil
    }

    /// The generation to pass to `store` after reading the database.
    @inlinable
    public var currentGeneration: UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return generation
    }

    /// Stores `value` unless an eviction happened since `expected` was read.
    @inlinable
    public func store(_ value: Value, for key: Key, validUntil: Date, ifGeneration expected: UInt64, now: Date) {
        lock.lock()
        defer { lock.unlock() }
        guard generation == expected else { return }
        if entries.count >= capacity {
            entries = entries.filter { $0.value.validUntil > now }
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        }
        entries[key] = Entry(value: value, validUntil: validUntil)
    }

    public func evict(_ key: Key) {
        lock.lock()
        defer { lock.unlock() }
        generation &+= 1
        entries[key] = nil
    }

    public func evict(where matches: (Value) -> Bool) {
        lock.lock()
        defer { lock.unlock() }
        generation &+= 1
        entries = entries.filter { !matches($0.value.value) }
    }

    public func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        generation &+= 1
        entries.removeAll()
    }

    /// Lookups answered from memory and lookups that had to go to the database.
    public var statistics: (hits: Int, misses: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (hits, misses)
    }
}
