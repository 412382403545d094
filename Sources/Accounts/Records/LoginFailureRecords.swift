import Common
import Foundation
import Storage

/// The `login_failures` table (one row per failed login, per e-mail and per address).
enum LoginFailureRecords {
    enum Scope: String {
        case email
        case address
    }

    /// The newest `limit` failures of `subject` since `since` (ms), oldest first.
    static func recent(_ scope: Scope, _ subject: String, since: Int64, limit: Int, _ connection: any SQLConnection) throws -> [Date] {
        try connection.query("""
            SELECT failed_ms FROM login_failures WHERE scope = ?1 AND subject = ?2 AND failed_ms > ?3
            ORDER BY failed_ms DESC LIMIT ?4
            """, scope.rawValue, subject, since, limit)
            .map { Date(unixMilliseconds: Int64(try $0.int("failed_ms"))) }
            .reversed()
    }

    static func insert(_ scope: Scope, _ subject: String, at: Int64, _ connection: any SQLConnection) throws {
        try connection.run("INSERT INTO login_failures (scope, subject, failed_ms) VALUES (?1, ?2, ?3)", scope.rawValue, subject, at)
    }

    static func clear(_ scope: Scope, _ subject: String, _ connection: any SQLConnection) throws {
        try connection.run("DELETE FROM login_failures WHERE scope = ?1 AND subject = ?2", scope.rawValue, subject)
    }

    static func prune(before cutoff: Int64, _ connection: any SQLConnection) throws {
        try connection.run("DELETE FROM login_failures WHERE failed_ms <= ?1", cutoff)
    }
}
