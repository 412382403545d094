import Foundation
import Storage

/// The SQL of the Quotas tables, on a connection the caller holds (read or write transaction):
/// plans, overrides and usage here, reservations in `QuotaRecords+Reservations.swift`, operator
/// changes in `QuotaRecords+Plans.swift`. Portable except what `QuotasDialect` holds.
enum QuotaRecords {
    /// The account's plan name, nil for an unknown account.
    static func planName(of account: String, _ connection: any SQLConnection) throws -> String? {
        try connection.queryOne("SELECT plan FROM accounts WHERE id = ?", account).map { try $0.string("plan") }
    }

    static func plan(named name: String, _ connection: any SQLConnection) throws -> Plan? {
        let rows = try connection.query("""
            SELECT p.name AS plan, l.name AS limit_name, l.value AS value
            FROM plans p LEFT JOIN plan_limits l ON l.plan = p.name
            WHERE p.name = ?
            """, name)
        let models = try connection.query("SELECT plan, model FROM plan_models WHERE plan = ?", name)
        return try plans(from: rows, models: models).first
    }

    /// Every plan, by name.
    static func catalog(_ connection: any SQLConnection) throws -> PlanCatalog {
        let rows = try connection.query("""
            SELECT p.name AS plan, l.name AS limit_name, l.value AS value
            FROM plans p LEFT JOIN plan_limits l ON l.plan = p.name
            ORDER BY p.name
            """)
        let models = try connection.query("SELECT plan, model FROM plan_models")
        return PlanCatalog(plans: try plans(from: rows, models: models))
    }

    static func overrides(of account: String, _ connection: any SQLConnection) throws -> [LimitName: Int64] {
        var overrides: [LimitName: Int64] = [:]
        for row in try connection.query("SELECT name, value FROM limit_overrides WHERE account_id = ?", account) {
            // A name this version does not know (written by a newer one) is ignored, not fatal.
            if let limit = LimitName(rawValue: try row.string("name")) {
                overrides[limit] = Int64(try row.int("value"))
            }
        }
        return overrides
    }

    /// - Throws: `QuotaError.unknownAccount`; `.unknownPlan` if the account names a plan that
    ///   does not exist (only possible if the triggers of 0002 were bypassed).
    static func effectiveLimits(of account: String, _ connection: any SQLConnection) throws -> EffectiveLimits {
        guard let planName = try planName(of: account, connection) else { throw QuotaError.unknownAccount(account) }
        guard let plan = try plan(named: planName, connection) else { throw QuotaError.unknownPlan(planName) }
        return EffectiveLimits(account: account, plan: plan, overrides: try overrides(of: account, connection))
    }

    /// Committed frames of the month.
    static func committedFrames(of account: String, in period: UsagePeriod, _ connection: any SQLConnection) throws -> Int64 {
        let row = try connection.queryOne("SELECT frames FROM frame_usage WHERE account_id = ? AND period = ?", account, period.description)
        return Int64(try row?.int("frames") ?? 0)
    }

    /// Committed and held frames of the month in one statement (`GET /v1/me`'s hot path).
    static func framesOfPeriod(of account: String, in period: UsagePeriod, now: Date, _ connection: any SQLConnection) throws -> (committed: Int64, held: Int64) {
        let row = try connection.queryOne("""
            SELECT
                coalesce((SELECT frames FROM frame_usage WHERE account_id = ?1 AND period = ?2), 0) AS committed,
                (SELECT coalesce(sum(frames), 0) FROM frame_reservations
                 WHERE account_id = ?1 AND period = ?2 AND state = 'held' AND expires_at > ?3) AS held
            """, account, period.description, now)
        return (Int64(try row?.int("committed") ?? 0), Int64(try row?.int("held") ?? 0))
    }

    /// Frames held in the month and reservations held in any month (lease not yet passed): one
    /// reservation is one admitted job for the `concurrent_jobs` limit, whatever its month.
    static func held(by account: String, in period: UsagePeriod, now: Date, _ connection: any SQLConnection) throws -> (frames: Int64, count: Int64) {
        let row = try connection.queryOne("""
            SELECT coalesce(sum(CASE WHEN period = ?2 THEN frames END), 0) AS frames, count(*) AS n
            FROM frame_reservations
            WHERE account_id = ?1 AND state = 'held' AND expires_at > ?3
            """, account, period.description, now)
        return (Int64(try row?.int("frames") ?? 0), Int64(try row?.int("n") ?? 0))
    }

    /// Whether a user of the account has verified an e-mail address (`users.email_verified_at`).
    static func isVerified(_ account: String, _ connection: any SQLConnection) throws -> Bool {
        try connection.queryOne(
            "SELECT 1 AS verified FROM users WHERE account_id = ? AND email_verified_at IS NOT NULL LIMIT 1", account) != nil
    }

    /// Frames committed in every month plus frames held now, for the verification gate.
    static func framesEver(of account: String, now: Date, _ connection: any SQLConnection) throws -> Int64 {
        let committed = try connection.queryOne(
            "SELECT coalesce(sum(frames), 0) AS n FROM frame_usage WHERE account_id = ?", account)?.int("n") ?? 0
        let held = try connection.queryOne(
            "SELECT coalesce(sum(frames), 0) AS n FROM frame_reservations WHERE account_id = ? AND state = 'held' AND expires_at > ?",
            account, now)?.int("n") ?? 0
        return Int64(committed) + Int64(held)
    }

    /// - Parameter models: `(plan, model)` rows of `plan_models`; a plan without any allows every model.
    private static func plans(from rows: [Row], models modelRows: [Row]) throws -> [Plan] {
        var models: [String: [String]] = [:]
        for row in modelRows {
            models[try row.string("plan"), default: []].append(try row.string("model"))
        }
        var order: [String] = []
        var limits: [String: [LimitName: Int64]] = [:]
        for row in rows {
            let name = try row.string("plan")
            if limits[name] == nil {
                order.append(name)
                limits[name] = [:]
            }
            if let limitName = try row.optionalString("limit_name"), let limit = LimitName(rawValue: limitName) {
                limits[name]![limit] = Int64(try row.int("value"))
            }
        }
        return order.map { Plan(name: $0, limits: limits[$0]!, models: models[$0]) }
    }
}
