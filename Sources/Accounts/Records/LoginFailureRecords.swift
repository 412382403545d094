import Common
import Foundation
import Storage

/// The `login_failures` table: one row per counted attempt, per e-mail and per address, of one
/// of the shared throttles (failed logins, recovery mails asked for, bad recovery tokens).
enum LoginFailureRecords {
    enum Scope: String {
        case email
        case address
    }

    /// The newest `limit` attempts of `subject` since `since` (ms), oldest first.
    static func recent(
        _ throttle: ThrottleName, _ scope: Scope, _ subject: String, since: Int64, limit: Int, _ connection: any SQLConnection
    ) throws -> [Date] {
        try connection.query("""
            SELECT failed_ms FROM login_failures WHERE throttle = ?1 AND scope = ?2 AND subject = ?3 AND failed_ms > ?4
            ORDER BY failed_ms DESC LIMIT ?5
            """, throttle.rawValue, scope.rawValue, subject, since, limit)
            .map { Date(unixMilliseconds: Int64(try $0.int("failed_ms"))) }
            .reversed()
    }

    static func insert(_ throttle: ThrottleName, _ scope: Scope, _ subject: String, at: Int64, _ connection: any SQLConnection) throws {
        try connection.run("INSERT INTO login_failures (throttle, scope, subject, failed_ms) VALUES (?1, ?2, ?3, ?4)",
                           throttle.rawValue, scope.rawValue, subject, at)
    }

    static func clear(_ throttle: ThrottleName, _ scope: Scope, _ subject: String, _ connection: any SQLConnection) throws {
        try connection.run("DELETE FROM login_failures WHERE throttle = ?1 AND scope = ?2 AND subject = ?3",
                           throttle.rawValue, scope.rawValue, subject)
    }

    /// Drops `throttle`'s attempts at or before `cutoff` (each throttle has its own window).
    static func prune(_ throttle: ThrottleName, before cutoff: Int64, _ connection: any SQLConnection) throws {
        try connection.run("DELETE FROM login_failures WHERE throttle = ?1 AND failed_ms <= ?2", throttle.rawValue, cutoff)
    }
}
