import Common
import Foundation
import Storage

/// Remembers the answers to requests sent with an idempotency key (table `idempotency_keys`), so
/// a client that retries after a timeout gets the first answer instead of a second job.
///
/// A key belongs to one account. `begin` claims it (or says what to answer instead); `finish`
/// stores the answer; `abandon` frees the key when the first request failed in a way a retry
/// may fix. The answer is the adapter's (status number, body bytes, location), stored as it is
/// and replayed by it; this store never interprets it. Keys older than `lifetime` are forgotten:
/// deleted when the account next sends a key, and by `forgetExpired` (which `serve` runs hourly)
/// for accounts that never send one again.
public struct IdempotencyStore: Sendable {
    /// What to do with a request that carries a key.
    public enum Decision: Sendable, Equatable {
        /// The key is new (or expired): run the request, then `finish` or `abandon`.
        case proceed
        /// The same request was answered before: send this again.
        case replay(status: Int, body: [UInt8], location: String?)
    }

    public static let maxKeyLength = 255

    let database: any SQLDatabase
    /// How long an answer is replayed (24 h, as API.md promises).
    let lifetime: TimeInterval
    let clock: any Clock

    /// - Parameter clock: "now" for claims and expiry; tests move it by hand.
    public init(database: any SQLDatabase, lifetime: TimeInterval = 24 * 3600, clock: any Clock = .system) {
        self.database = database
        self.lifetime = lifetime
        self.clock = clock
    }

    /// Claims `key` for this request, identified by `requestHash`.
    ///
    /// - Throws: `StylizationError.idempotencyKeyReused` when the key was used with another
    ///   request; `.idempotencyKeyInUse` while the first request with it still runs;
    ///   `.invalidIdempotencyKey` for a malformed key.
    public func begin(account: String, key: String, requestHash: String) throws -> Decision {
        guard !key.isEmpty, key.utf8.count <= Self.maxKeyLength, key.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7f }) else {
            throw StylizationError.invalidIdempotencyKey
        }
        let now = Int(clock.now.timeIntervalSince1970)
        let cutoff = now - Int(lifetime)
        return try database.writeTransaction { connection in
            // Expired keys of the account go whenever it sends a key, so the table stays bounded
            // by each account's traffic of the last day without a separate sweeper.
            _ = try connection.run("DELETE FROM idempotency_keys WHERE account_id = ?1 AND created_at <= ?2", account, cutoff)
            if let row = try connection.queryOne(
                "SELECT request_hash, response_status, response_body, location FROM idempotency_keys WHERE account_id = ?1 AND key = ?2",
                account, key)
            {
                guard try row.string("request_hash") == requestHash else {
                    throw StylizationError.idempotencyKeyReused
                }
                guard let status = try row.optionalInt("response_status") else {
                    throw StylizationError.idempotencyKeyInUse
                }
                return .replay(status: status, body: try row.blob("response_body"), location: try row.optionalString("location"))
            }
            _ = try connection.run(
                "INSERT INTO idempotency_keys (account_id, key, request_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
                account, key, requestHash, now)
            return .proceed
        }
    }

    /// Stores the answer to replay.
    public func finish(account: String, key: String, status: Int, body: [UInt8], location: String?) throws {
        try database.writeTransaction { connection in
            _ = try connection.run(
                "UPDATE idempotency_keys SET response_status = ?3, response_body = ?4, location = ?5 WHERE account_id = ?1 AND key = ?2",
                parameters: [account, key, status, body, location.map { SQLValue.text($0) } ?? SQLValue.null])
        }
    }

    /// Frees the key so that a retry runs the request again.
    public func abandon(account: String, key: String) throws {
        try database.writeTransaction { connection in
            _ = try connection.run("DELETE FROM idempotency_keys WHERE account_id = ?1 AND key = ?2", account, key)
        }
    }

    /// Deletes every account's keys older than `lifetime`, at most `batch` rows per transaction
    /// (so a long-idle table never holds the writer for long).
    ///
    /// - Returns: how many were deleted.
    @discardableResult
    public func forgetExpired(batch: Int = 1000) throws -> Int {
        let cutoff = Int(clock.now.timeIntervalSince1970) - Int(lifetime)
        var total = 0
        while true {
            let deleted = try database.writeTransaction { connection in
                try connection.run("""
                    DELETE FROM idempotency_keys WHERE (account_id, key) IN (
                        SELECT account_id, key FROM idempotency_keys WHERE created_at <= ?1 LIMIT ?2)
                    """, cutoff, batch)
            }
            total += deleted
            if deleted < batch { return total }
        }
    }

    /// The hash that tells a repeated request from a different one under the same key.
    public static func requestHash(method: String, path: String, body: [UInt8]) -> String {
        let hasher = SHA256Hasher()
        hasher.update(Data("\(method) \(path)\n".utf8))
        hasher.update(Data(body))
        return hasher.finalizeHex()
    }
}
