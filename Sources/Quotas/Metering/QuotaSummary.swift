import Foundation

/// The quota part of `GET /v1/me`, encoded with snake_case keys whatever the encoder's strategy:
///
/// ```json
/// {"plan": "free",
///  "period": {"id": "2026-11", "start": "2026-11-01T00:00:00Z", "end": "2026-12-01T00:00:00Z"},
///  "limits": {"image_long_side": 1024, "monthly_frames": 500, …},
///  "overridden_limits": ["monthly_frames"],
///  "models": ["adain", "microast"],
///  "usage": {"frames": 12, "reserved_frames": 3, "custom_filters": 2},
///  "remaining": {"frames": 485, "custom_filters": 3}}
/// ```
public struct QuotaSummary: Sendable, Hashable, Encodable {
    public let plan: String
    public let period: UsagePeriod
    public let limits: [LimitName: Int64]
    /// Limits set for this account rather than by its plan.
    public let overriddenLimits: [LimitName]
    /// The style-transfer models the plan allows; nil: every model the server has loaded.
    public let models: [String]?
    public let frames: Int64
    public let reservedFrames: Int64
    public let customFilters: Int64?
    public let storedBytes: Int64?

    init(limits: EffectiveLimits, usage: Usage, resources: ResourceUsage) {
        plan = limits.plan
        period = usage.period
        self.limits = limits.values
        overriddenLimits = limits.overridden.sorted()
        models = limits.models
        frames = usage.frames
        reservedFrames = usage.reservedFrames
        customFilters = resources.customFilters
        storedBytes = resources.storedBytes
    }

    /// Frames a new request may still use this month.
    public var remainingFrames: Int64 {
        max(0, (limits[.monthlyFrames] ?? 0) - frames - reservedFrames)
    }

    private enum Keys: String, CodingKey {
        case plan, period, limits, usage, remaining, id, start, end, frames, models
        case overriddenLimits = "overridden_limits"
        case reservedFrames = "reserved_frames"
        case customFilters = "custom_filters"
        case storedBytes = "stored_bytes"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(plan, forKey: .plan)
        var periodContainer = container.nestedContainer(keyedBy: Keys.self, forKey: .period)
        try periodContainer.encode(period.description, forKey: .id)
        try periodContainer.encode(period.start.formatted(.iso8601), forKey: .start)
        try periodContainer.encode(period.end.formatted(.iso8601), forKey: .end)
        try container.encode(LimitName.keyed(limits), forKey: .limits)
        try container.encode(overriddenLimits.map(\.rawValue), forKey: .overriddenLimits)
        try container.encode(models, forKey: .models)

        var used = container.nestedContainer(keyedBy: Keys.self, forKey: .usage)
        try used.encode(frames, forKey: .frames)
        try used.encode(reservedFrames, forKey: .reservedFrames)
        try used.encodeIfPresent(customFilters, forKey: .customFilters)
        try used.encodeIfPresent(storedBytes, forKey: .storedBytes)

        var remaining = container.nestedContainer(keyedBy: Keys.self, forKey: .remaining)
        try remaining.encode(remainingFrames, forKey: .frames)
        if let customFilters { try remaining.encode(max(0, (limits[.customFilters] ?? 0) - customFilters), forKey: .customFilters) }
        if let storedBytes { try remaining.encode(max(0, (limits[.storedBytes] ?? 0) - storedBytes), forKey: .storedBytes) }
    }
}
