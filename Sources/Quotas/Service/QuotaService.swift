import Common
import Foundation
import Storage

/// The admission decision and the meter: whether a request fits the account's plan (before any
/// pixel is decoded), frames reserved for admitted work and committed when it succeeds, usage per
/// UTC month, and what `GET /v1/me` shows.
///
/// Create one per process at start-up and share it (it is a value; copies share the cache):
/// creating it releases the reservations whose lease passed while no server was running.
/// Effective limits are cached for at most `cacheTTL` (≤ 1 s), so operator changes made by
/// another process apply within a second; changes made through `administration` apply at once.
public struct QuotaService: Sendable {
    /// The database the quota tables live in.
    public let database: any SQLDatabase
    let clock: any Clock
    let cacheTTL: TimeInterval
    let cache: LimitsCache
    /// Frames a free account may render in all before one of its users verifies an e-mail
    /// address (a guard against farmed sign-ups); nil: no such gate.
    public let unverifiedFrames: Int64?

    /// The `limit` name of the `email_unverified` refusal.
    public static let unverifiedFramesLimit = "unverified_frames"
    /// The plan the verification gate applies to: the one sign-ups get.
    public static let gatedPlan = "free"

    /// Settled reservations are kept this long so a late `commit` stays idempotent.
    static let settledRetention: TimeInterval = 30 * 86_400

    /// - Parameters:
    ///   - cacheTTL: how long effective limits are trusted without a read; clamped to 0...1 s.
    ///   - unverifiedFrames: frames a free account renders before it verifies an address; nil: no gate.
    /// - Throws: `QuotaError.storage` if expired reservations cannot be released.
    public init(database: any SQLDatabase, clock: any Clock = .system, cacheTTL: TimeInterval = 1, unverifiedFrames: Int64? = nil) throws {
        self.database = database
        self.unverifiedFrames = unverifiedFrames.map { max(0, $0) }
        self.clock = clock
        self.cacheTTL = min(max(cacheTTL, 0), 1)
        self.cache = LimitsCache()
        try releaseExpiredReservations()
    }

    /// Operator actions: plans, overrides, usage reports and resets.
    public var administration: QuotaAdministration {
        QuotaAdministration(service: self)
    }

    /// The account's plan and every limit as enforced (override, else plan).
    ///
    /// - Throws: `QuotaError.unknownAccount`, `.storage`.
    public func limits(for account: String) throws -> EffectiveLimits {
        let now = clock.now
        if let cached = cache.limits.value(for: account, now: now) { return cached }
        let generation = cache.limits.currentGeneration
        let limits = try QuotaError.wrapping {
            try database.readTransaction { try QuotaRecords.effectiveLimits(of: account, $0) }
        }
        cache.limits.store(limits, for: account, validUntil: now.addingTimeInterval(cacheTTL), ifGeneration: generation, now: now)
        return limits
    }

    /// Every plan, by name.
    public func plans() throws -> [Plan] {
        try catalog().plans
    }

    func catalog() throws -> PlanCatalog {
        let now = clock.now
        if let cached = cache.catalog.value(for: LimitsCache.catalogKey, now: now) { return cached }
        let generation = cache.catalog.currentGeneration
        let catalog = try QuotaError.wrapping { try database.readTransaction { try QuotaRecords.catalog($0) } }
        cache.catalog.store(
            catalog, for: LimitsCache.catalogKey, validUntil: now.addingTimeInterval(cacheTTL), ifGeneration: generation, now: now)
        return catalog
    }
}
