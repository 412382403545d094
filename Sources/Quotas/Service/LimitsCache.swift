import Storage

/// Effective limits per account and the plan catalog, each trusted for the service's TTL, so the
/// hot path (every request) rarely reads the database while changes made by another process (the
/// admin CLI) still apply within the TTL.
struct LimitsCache: Sendable {
    /// Bounds memory under many distinct accounts; far above any real working set per second.
    let limits = ExpiringCache<String, EffectiveLimits>(capacity: 100_000)
    /// One entry, under `catalogKey`: the plans are read and cached together.
    let catalog = ExpiringCache<String, PlanCatalog>(capacity: 1)
    static let catalogKey = "plans"

    /// Forgets everything: a plan change touches every account on that plan.
    func invalidateAll() {
        limits.removeAll()
        catalog.removeAll()
    }
}
