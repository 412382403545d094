import Foundation

/// What an account has used and has left.
extension QuotaService {
    /// Frames of `account` in `period` (default: the current UTC month).
    ///
    /// - Throws: `QuotaError.unknownAccount`, `.storage`.
    public func usage(account: String, period: UsagePeriod? = nil) throws -> Usage {
        let now = clock.now
        let period = period ?? UsagePeriod(containing: now)
        return try QuotaError.wrapping {
            try database.readTransaction { connection in
                let limits = try QuotaRecords.effectiveLimits(of: account, connection)
                return Usage(
                    account: account, period: period,
                    frames: try QuotaRecords.committedFrames(of: account, in: period, connection),
                    reservedFrames: try QuotaRecords.held(by: account, in: period, now: now, connection).frames,
                    allowedFrames: limits[.monthlyFrames])
            }
        }
    }

    /// Everything `GET /v1/me` shows about quotas: plan, every effective limit, usage this period
    /// and what remains. Custom filters and stored bytes are counted by the modules that own them;
    /// pass them in to have them shown.
    public func summary(account: String, resources: ResourceUsage = ResourceUsage()) throws -> QuotaSummary {
        let limits = try limits(for: account)
        let usage = try currentUsage(account: account, limits: limits)
        return QuotaSummary(limits: limits, usage: usage, resources: resources)
    }

    /// This month's usage when the (cached) limits are already known: `GET /v1/me` is a hot path,
    /// so it reads only the two sums, not the plan and overrides again, in one statement.
    private func currentUsage(account: String, limits: EffectiveLimits) throws -> Usage {
        let now = clock.now
        let period = UsagePeriod(containing: now)
        return try QuotaError.wrapping {
            let frames = try database.readStatement { connection in
                try QuotaRecords.framesOfPeriod(of: account, in: period, now: now, connection)
            }
            return Usage(
                account: account, period: period, frames: frames.committed, reservedFrames: frames.held,
                allowedFrames: limits[.monthlyFrames])
        }
    }
}

/// Counts owned by other modules, for `QuotaService.summary`.
public struct ResourceUsage: Sendable, Hashable {
    public var customFilters: Int64?
    public var storedBytes: Int64?

    public init(customFilters: Int64? = nil, storedBytes: Int64? = nil) {
        self.customFilters = customFilters
        self.storedBytes = storedBytes
    }
}
