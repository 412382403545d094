import Foundation
import Storage

/// The SQL of `frame_reservations` and `frame_usage`.
extension QuotaRecords {
    static func insertReservation(_ reservation: FrameReservation, now: Date, _ connection: any SQLConnection) throws {
        try connection.run("""
            INSERT INTO frame_reservations (id, account_id, period, frames, state, created_at, expires_at)
            VALUES (?, ?, ?, ?, 'held', ?, ?)
            """, reservation.id, reservation.account, reservation.period.description, reservation.frames, now,
            reservation.expiresAt)
    }

    /// Moves a held reservation's expiry; false when it is not held or its lease already passed.
    static func renewReservation(_ id: String, until expiresAt: Date, now: Date, _ connection: any SQLConnection) throws -> Bool {
        try connection.run("""
            UPDATE frame_reservations SET expires_at = ? WHERE id = ? AND state = 'held' AND expires_at > ?
            """, expiresAt, id, now) > 0
    }

    /// A reservation's account, month, frames and state; nil for an unknown id.
    static func reservation(_ id: String, _ connection: any SQLConnection) throws -> (account: String, period: String, frames: Int64, state: String)? {
        try connection.queryOne("SELECT account_id, period, frames, state FROM frame_reservations WHERE id = ?", id).map {
            (try $0.string("account_id"), try $0.string("period"), Int64(try $0.int("frames")), try $0.string("state"))
        }
    }

    /// Adds `frames` to the account's committed frames of `period`.
    static func addUsage(account: String, period: String, frames: Int64, now: Date, _ connection: any SQLConnection) throws {
        try connection.run("""
            INSERT INTO frame_usage (account_id, period, frames, updated_at) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (account_id, period) DO UPDATE SET frames = frame_usage.frames + excluded.frames, updated_at = excluded.updated_at
            """, account, period, frames, now)
    }

    /// Settles a reservation as committed, released or expired (`state`).
    static func settle(_ id: String, as state: String, now: Date, _ connection: any SQLConnection) throws {
        try connection.run("UPDATE frame_reservations SET state = ?, settled_at = ? WHERE id = ?", state, now, id)
    }

    /// Releases a held reservation; false when it was not held.
    static func releaseHeld(_ id: String, now: Date, _ connection: any SQLConnection) throws -> Bool {
        try connection.run(
            "UPDATE frame_reservations SET state = 'released', settled_at = ? WHERE id = ? AND state = 'held'", now, id) > 0
    }

    static func reservationExists(_ id: String, _ connection: any SQLConnection) throws -> Bool {
        try connection.queryOne("SELECT 1 AS found FROM frame_reservations WHERE id = ?", id) != nil
    }

    /// Marks every held reservation whose lease passed as expired; returns how many.
    static func expireReservations(now: Date, _ connection: any SQLConnection) throws -> Int {
        try connection.run(
            "UPDATE frame_reservations SET state = 'expired', settled_at = ?1 WHERE state = 'held' AND expires_at <= ?1", now)
    }

    /// Forgets settled reservations settled before `cutoff`.
    static func forgetSettled(before cutoff: Date, _ connection: any SQLConnection) throws {
        try connection.run("DELETE FROM frame_reservations WHERE state <> 'held' AND settled_at < ?", cutoff)
    }

    /// Forgets the account's committed frames of `period` (an operator's reset).
    static func resetUsage(account: String, period: UsagePeriod, _ connection: any SQLConnection) throws {
        try connection.run("DELETE FROM frame_usage WHERE account_id = ? AND period = ?", account, period.description)
    }
}
