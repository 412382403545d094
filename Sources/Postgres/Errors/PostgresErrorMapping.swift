import Foundation
import Storage

/// Turns what the server or libpq reports into `StorageError`, so callers handle PostgreSQL
/// failures with the same cases as SQLite's (`constraintViolation`, `busy`) plus the ones only a
/// server has (`unavailable`, `authenticationFailed`, `databaseNotFound`).
enum PostgresErrorMapping {
    /// SQLSTATEs of a transaction that lost a race and may simply be run again.
    static let retryableStates: Set<String> = ["40001", "40P01"]

    /// An error result of a statement.
    ///
    /// - Parameters:
    ///   - sqlstate: the result's SQLSTATE, nil when libpq produced the error itself (the
    ///     connection broke before an answer came).
    ///   - connectionBroken: whether the connection is unusable after this statement.
    static func statementError(sqlstate: String?, message: String, connectionBroken: Bool, url: PostgresURL) -> StorageError {
        guard let sqlstate else {
            return connectionBroken
                ? .unavailable(server: url.server, message: sentence(message))
                : .postgres(sqlstate: "XX000", message: message)
        }
        switch sqlstate {
        case _ where sqlstate.hasPrefix("23"):
            // 23505 unique, 23503 foreign key, 23514 check (and the schema's trigger checks),
            // 23502 not null, 23P01 exclusion.
            return .constraintViolation(message: message)
        case "40001", "40P01", "55P03", "57014":
            // Serialization failure, deadlock, lock_timeout, statement_timeout: try again later.
            return .busy
        case "57P01", "57P02", "57P03", "53300", "08000", "08001", "08003", "08004", "08006":
            // Shut down, crashed, starting up, too many clients, or the connection failed.
            return .unavailable(server: url.server, message: sentence(message))
        case "28P01", "28000":
            return .authenticationFailed(user: url.user ?? "(default)", server: url.server)
        case "3D000":
            return .databaseNotFound(name: url.database, server: url.server)
        default:
            if connectionBroken { return .unavailable(server: url.server, message: sentence(message)) }
            return .postgres(sqlstate: sqlstate, message: message)
        }
    }

    /// A failed connection attempt. libpq reports these as text only (no SQLSTATE), so the
    /// server's fixed English phrases are recognised; anything else counts as unavailable.
    static func connectError(message raw: String, user: String, url: PostgresURL) -> StorageError {
        let message = sentence(raw)
        let lowered = message.lowercased()
        let authentication = [
            "password authentication failed", "no password supplied", "authentication failed",
            "no pg_hba.conf entry", "pg_hba.conf rejects",
        ]
        if authentication.contains(where: lowered.contains) || (lowered.contains("role \"") && lowered.contains("does not exist")) {
            return .authenticationFailed(user: user, server: url.server)
        }
        if lowered.contains("database \""), lowered.contains("does not exist") {
            return .databaseNotFound(name: url.database, server: url.server)
        }
        return .unavailable(server: url.server, message: message)
    }

    /// libpq's multi-line text reduced to one sentence: the first line, without libpq's
    /// `connection to server at "…", port … failed:` preamble and the server's `FATAL:` tag.
    static func sentence(_ raw: String) -> String {
        var text = raw.split(whereSeparator: \.isNewline).first.map(String.init) ?? raw
        if text.hasPrefix("connection to server"), let range = text.range(of: " failed: ") {
            text = String(text[range.upperBound...])
        }
        for tag in ["FATAL:", "ERROR:", "PANIC:"] where text.hasPrefix(tag) {
            text = String(text.dropFirst(tag.count))
        }
        text = text.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix(".") { text.removeLast() }
        return text.isEmpty ? "the connection failed" : text
    }
}
