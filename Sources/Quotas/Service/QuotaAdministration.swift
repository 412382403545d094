import Foundation
import Storage

/// Operator actions for `stylify admin`: plans, per-account overrides, usage reports and resets.
/// Every change is one transaction that validates first, so bad input changes nothing. Changes
/// apply to this process at once and to running servers within their cache TTL (≤ 1 s).
/// Not scoped by account: never reachable from a tenant's request.
public struct QuotaAdministration: Sendable {
    let service: QuotaService

    private var database: any SQLDatabase { service.database }

    /// One plan.
    ///
    /// - Throws: `QuotaError.unknownPlan`.
    public func plan(named name: String) throws -> Plan {
        try QuotaError.wrapping {
            try database.readTransaction { connection in
                guard let plan = try QuotaRecords.plan(named: name, connection) else { throw QuotaError.unknownPlan(name) }
                return plan
            }
        }
    }

    /// Every plan, by name, read now (not from the cache).
    public func plans() throws -> [Plan] {
        try QuotaError.wrapping { try database.readTransaction { try QuotaRecords.catalog($0).plans } }
    }

    /// Creates plan `name` with a copy of the limits of plan `source`.
    ///
    /// - Throws: `QuotaError.invalidPlanName`, `.planExists`, `.unknownPlan` (source).
    @discardableResult
    public func createPlan(_ name: String, from source: String) throws -> Plan {
        guard Plan.isValidName(name) else { throw QuotaError.invalidPlanName(name) }
        let now = service.clock.now
        return try changing { connection in
            guard try QuotaRecords.plan(named: source, connection) != nil else { throw QuotaError.unknownPlan(source) }
            guard try QuotaRecords.plan(named: name, connection) == nil else { throw QuotaError.planExists(name) }
            try QuotaRecords.copyPlan(source, to: name, now: now, connection)
            return try QuotaRecords.plan(named: name, connection)!
        }
    }

    /// Sets one limit of a plan, for every account on it without an override.
    ///
    /// - Throws: `QuotaError.unknownPlan`, `.invalidLimitValue` (negative or above `LimitValue.maximum`).
    @discardableResult
    public func setLimit(_ limit: LimitName, to value: Int64, inPlan name: String) throws -> Plan {
        try validate(value, for: limit)
        let now = service.clock.now
        return try changing { connection in
            guard try QuotaRecords.setPlanLimit(limit, to: value, plan: name, now: now, connection) else {
                throw QuotaError.unknownPlan(name)
            }
            return try QuotaRecords.plan(named: name, connection)!
        }
    }

    /// Sets the models a plan allows, for every account on it: `models` is a comma-separated list
    /// of names from `known` (each at most once), or `all` for every model the server has loaded.
    ///
    /// - Parameter known: the model names this version knows (`ModelKind`'s raw values).
    /// - Throws: `QuotaError.invalidModels` (empty, unknown or repeated name), `.unknownPlan`.
    @discardableResult
    public func setModels(_ models: String, inPlan name: String, known: [String]) throws -> Plan {
        let parsed = try Self.parseModels(models, known: known)
        let now = service.clock.now
        return try changing { connection in
            guard try QuotaRecords.setPlanModels(parsed, plan: name, now: now, connection) else { throw QuotaError.unknownPlan(name) }
            return try QuotaRecords.plan(named: name, connection)!
        }
    }

    /// `microast,adain` → the names; `all` → nil (no restriction).
    static func parseModels(_ text: String, known: [String]) throws -> [String]? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "all" { return nil }
        let names = trimmed.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty, names.allSatisfy(known.contains), Set(names).count == names.count else {
            throw QuotaError.invalidModels(given: text, known: known)
        }
        return names
    }

    /// Moves an account to another plan; its new limits apply to the next request.
    ///
    /// - Returns: the plan it was on before.
    /// - Throws: `QuotaError.unknownAccount`, `.unknownPlan`.
    @discardableResult
    public func setPlan(_ plan: String, forAccount account: String) throws -> String {
        let now = service.clock.now
        return try changing { connection in
            guard let previous = try QuotaRecords.planName(of: account, connection) else { throw QuotaError.unknownAccount(account) }
            guard try QuotaRecords.plan(named: plan, connection) != nil else { throw QuotaError.unknownPlan(plan) }
            try QuotaRecords.setPlan(plan, of: account, now: now, connection)
            return previous
        }
    }

    /// Overrides one limit for one account, whatever its plan says.
    ///
    /// - Throws: `QuotaError.unknownAccount`, `.invalidLimitValue`.
    @discardableResult
    public func setOverride(_ limit: LimitName, to value: Int64, forAccount account: String) throws -> EffectiveLimits {
        try validate(value, for: limit)
        let now = service.clock.now
        return try changing { connection in
            guard try QuotaRecords.planName(of: account, connection) != nil else { throw QuotaError.unknownAccount(account) }
            try QuotaRecords.setOverride(limit, to: value, account: account, now: now, connection)
            return try QuotaRecords.effectiveLimits(of: account, connection)
        }
    }

    /// Removes an account's override of one limit, so its plan's value applies again.
    ///
    /// - Returns: whether there was an override to remove, and the limits now in force.
    /// - Throws: `QuotaError.unknownAccount`.
    @discardableResult
    public func removeOverride(_ limit: LimitName, forAccount account: String) throws -> (removed: Bool, limits: EffectiveLimits) {
        try changing { connection in
            guard try QuotaRecords.planName(of: account, connection) != nil else { throw QuotaError.unknownAccount(account) }
            let removed = try QuotaRecords.removeOverride(limit, account: account, connection)
            return (removed, try QuotaRecords.effectiveLimits(of: account, connection))
        }
    }

    /// Limits of one account as enforced now (read from the database, not the cache).
    ///
    /// - Throws: `QuotaError.unknownAccount`.
    public func limits(for account: String) throws -> EffectiveLimits {
        try QuotaError.wrapping { try database.readTransaction { try QuotaRecords.effectiveLimits(of: account, $0) } }
    }

    /// Usage of one account, or of every account (oldest first), in `period`.
    ///
    /// - Throws: `QuotaError.unknownAccount` when `account` is given and unknown.
    public func usageReport(account: String? = nil, period: UsagePeriod) throws -> [Usage] {
        let now = service.clock.now
        return try QuotaError.wrapping {
            try database.readTransaction { connection in
                let ids: [String]
                if let account {
                    guard try QuotaRecords.planName(of: account, connection) != nil else { throw QuotaError.unknownAccount(account) }
                    ids = [account]
                } else {
                    ids = try QuotaRecords.accountIDs(connection)
                }
                return try ids.map { id in
                    Usage(account: id, period: period,
                          frames: try QuotaRecords.committedFrames(of: id, in: period, connection),
                          reservedFrames: try QuotaRecords.held(by: id, in: period, now: now, connection).frames,
                          allowedFrames: try QuotaRecords.effectiveLimits(of: id, connection)[.monthlyFrames])
                }
            }
        }
    }

    /// Forgets the frames an account used in `period` (a goodwill reset); frames held by running
    /// work stay held.
    ///
    /// - Returns: the frames that were counted before.
    /// - Throws: `QuotaError.unknownAccount`.
    @discardableResult
    public func resetUsage(account: String, period: UsagePeriod) throws -> Int64 {
        try changing { connection in
            guard try QuotaRecords.planName(of: account, connection) != nil else { throw QuotaError.unknownAccount(account) }
            let before = try QuotaRecords.committedFrames(of: account, in: period, connection)
            try QuotaRecords.resetUsage(account: account, period: period, connection)
            return before
        }
    }

    /// Runs a change in one write transaction and drops this process's cached limits after it.
    private func changing<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        defer { service.cache.invalidateAll() }
        return try QuotaError.wrapping { try database.writeTransaction(body) }
    }

    private func validate(_ value: Int64, for limit: LimitName) throws {
        guard (0...LimitValue.maximum).contains(value) else {
            throw QuotaError.invalidLimitValue(limit: limit, value: String(value), reason: value < 0 ? "must not be negative" : "larger than \(LimitValue.maximum)")
        }
    }
}
