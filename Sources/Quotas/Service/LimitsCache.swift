import Foundation

/// Effective limits per account and the plan catalog, each trusted until a short deadline, so the
/// hot path (every request) rarely reads the database while changes made by another process (the
/// admin CLI) still apply within the TTL. Changes made in this process evict at once; every
/// eviction bumps a generation so a read that raced with it cannot put the stale answer back.
final class LimitsCache: @unchecked Sendable {
    private struct Entry<Value> {
        let value: Value
        let validUntil: Date
    }

    /// Bounds memory under many distinct accounts; far above any real working set per second.
    private static let capacity = 100_000

    private let lock = NSLock()
    private var limits: [String: Entry<EffectiveLimits>] = [:]
    private var catalog: Entry<PlanCatalog>?
    private var generation: UInt64 = 0

    func limits(of account: String, now: Date) -> EffectiveLimits? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = limits[account], entry.validUntil > now else { return nil }
        return entry.value
    }

    func catalog(now: Date) -> PlanCatalog? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = catalog, entry.validUntil > now else { return nil }
        return entry.value
    }

    /// The generation to pass to `store` after reading the database.
    var currentGeneration: UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return generation
    }

    func store(_ value: EffectiveLimits, validUntil: Date, ifGeneration expected: UInt64, now: Date) {
        lock.lock()
        defer { lock.unlock() }
        guard generation == expected else { return }
        if limits.count >= Self.capacity {
            limits = limits.filter { $0.value.validUntil > now }
            if limits.count >= Self.capacity { limits.removeAll(keepingCapacity: true) }
        }
        limits[value.account] = Entry(value: value, validUntil: validUntil)
    }

    func store(_ value: PlanCatalog, validUntil: Date, ifGeneration expected: UInt64) {
        lock.lock()
        defer { lock.unlock() }
        guard generation == expected else { return }
        catalog = Entry(value: value, validUntil: validUntil)
    }

    /// Forgets everything: a plan change touches every account on that plan.
    func invalidateAll() {
        lock.lock()
        defer { lock.unlock() }
        generation &+= 1
        limits.removeAll()
        catalog = nil
    }
}
