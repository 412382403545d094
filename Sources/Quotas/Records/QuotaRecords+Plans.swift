import Foundation
import Storage

/// The SQL of operator changes: plans, their limits, overrides, an account's plan.
extension QuotaRecords {
    /// Creates plan `name` with a copy of the limits of plan `source`.
    static func copyPlan(_ source: String, to name: String, now: Date, _ connection: any SQLConnection) throws {
        try connection.run("INSERT INTO plans (name, created_at, updated_at) VALUES (?, ?, ?)", name, now, now)
        try connection.run("INSERT INTO plan_limits (plan, name, value) SELECT ?, name, value FROM plan_limits WHERE plan = ?", name, source)
        try connection.run("INSERT INTO plan_models (plan, model) SELECT ?, model FROM plan_models WHERE plan = ?", name, source)
    }

    /// Replaces the models a plan allows (nil: every model, no rows); false for an unknown plan.
    static func setPlanModels(_ models: [String]?, plan name: String, now: Date, _ connection: any SQLConnection) throws -> Bool {
        guard try connection.run("UPDATE plans SET updated_at = ? WHERE name = ?", now, name) > 0 else { return false }
        try connection.run("DELETE FROM plan_models WHERE plan = ?", name)
        for model in models ?? [] {
            try connection.run("INSERT INTO plan_models (plan, model) VALUES (?, ?)", name, model)
        }
        return true
    }

    /// Sets one limit of a plan; false for an unknown plan.
    static func setPlanLimit(_ limit: LimitName, to value: Int64, plan name: String, now: Date, _ connection: any SQLConnection) throws -> Bool {
        guard try connection.run("UPDATE plans SET updated_at = ? WHERE name = ?", now, name) > 0 else { return false }
        try connection.run("""
            INSERT INTO plan_limits (plan, name, value) VALUES (?1, ?2, ?3)
            ON CONFLICT (plan, name) DO UPDATE SET value = excluded.value
            """, name, limit.rawValue, value)
        return true
    }

    static func setPlan(_ plan: String, of account: String, now: Date, _ connection: any SQLConnection) throws {
        try connection.run("UPDATE accounts SET plan = ?, updated_at = ? WHERE id = ?", plan, now, account)
    }

    static func setOverride(_ limit: LimitName, to value: Int64, account: String, now: Date, _ connection: any SQLConnection) throws {
        try connection.run("""
            INSERT INTO limit_overrides (account_id, name, value, updated_at) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (account_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """, account, limit.rawValue, value, now)
    }

    /// Removes an override; false when there was none.
    static func removeOverride(_ limit: LimitName, account: String, _ connection: any SQLConnection) throws -> Bool {
        try connection.run("DELETE FROM limit_overrides WHERE account_id = ? AND name = ?", account, limit.rawValue) > 0
    }

    /// Every account id, oldest first.
    static func accountIDs(_ connection: any SQLConnection) throws -> [String] {
        try connection.query(QuotasDialect.accountsInCreationOrder(connection.dialect)).map { try $0.string("id") }
    }
}
