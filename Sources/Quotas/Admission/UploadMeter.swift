/// Counts the bytes of a request body as they stream in and refuses the moment the total passes
/// the account's `upload_bytes` limit, so an oversized upload is cut off (413) without being read
/// to the end. Get one from `QuotaService.uploadMeter(account:declaredLength:)`.
public struct UploadMeter: Sendable {
    /// The account's upload limit in bytes.
    public var limit: Int64 { limits[.uploadBytes] }
    /// Bytes counted so far.
    public private(set) var bytes: Int64 = 0

    let limits: EffectiveLimits
    let catalog: PlanCatalog

    init(limits: EffectiveLimits, catalog: PlanCatalog) {
        self.limits = limits
        self.catalog = catalog
    }

    /// Counts `count` more bytes.
    ///
    /// - Throws: `QuotaError.planLimit(.uploadBytes, allowed:, requested: bytes so far…)` once the
    ///   total exceeds the limit; the caller stops reading and answers 413.
    public mutating func add(_ count: Int) throws {
        bytes = sum(bytes, Int64(count))
        guard bytes > limit else { return }
        throw QuotaError.planLimit(
            limit: .uploadBytes, allowed: limit, requested: bytes, plan: limits.plan,
            upgradeTo: catalog.smallestPlan(allowing: [(.uploadBytes, bytes)], excluding: limits.plan))
    }
}
