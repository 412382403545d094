import Foundation
import Storage

/// Frames reserved at admission, committed on success, released on failure, cancel or expiry:
/// each step is one SQLite transaction, so concurrent admissions (threads or processes) can never
/// together take more frames than remain.
extension QuotaService {
    /// Reserves `count` frames of the current UTC month for one job, held for `lease` seconds
    /// unless renewed. One reservation is one job in flight for the `concurrent_jobs` limit: a new
    /// admission needs fewer than that many held.
    ///
    /// - Throws: `QuotaError.emailUnverified` (403) when the verification gate applies and the
    ///   account's frames of all time + `count` would pass it;
    ///   `.quotaExceeded(.monthlyFrames…)` (402) when committed + held + `count`
    ///   would pass the month's allowance; `.concurrencyLimit` (429) when the account already
    ///   holds `concurrent_jobs` reservations; `.invalidMeasurement` for `count` ≤ 0;
    ///   `.unknownAccount`, `.storage`.
    public func reserveFrames(account: String, count: Int64, lease: TimeInterval) throws -> FrameReservation {
        try QuotaError.wrapping {
            try database.writeTransaction { try reserveFrames(account: account, count: count, lease: lease, in: $0) }
        }
    }

    /// `reserveFrames` inside the caller's write transaction (e.g. the one that creates the job),
    /// so the job and its frames exist together or not at all. Call it before the transaction's
    /// other writes: it locks the account's row first (`AccountLock`).
    ///
    /// - Parameter checkingConcurrency: false for frames of a job that was admitted already — a
    ///   batch's items once the batch as a whole found a free slot, a queued job whose
    ///   reservation lapsed — so only the monthly frames are checked. The workers' claim still
    ///   runs at most `concurrent_jobs` of the account at once.
    public func reserveFrames(
        account: String, count: Int64, lease: TimeInterval, checkingConcurrency: Bool = true, in connection: any SQLConnection
    ) throws -> FrameReservation {
        guard count > 0 else { throw QuotaError.invalidMeasurement(name: "frames", value: count) }
        let now = clock.now
        let period = UsagePeriod(containing: now)
        return try QuotaError.wrapping {
            // Two checks (monthly frames, concurrent jobs) read sums and counts, then one row is
            // inserted: exact only while no other admission of the account interleaves, so the
            // account's row is locked first. Unknown accounts are refused just below.
            try AccountLock.acquire(account, in: connection)
            let limits = try QuotaRecords.effectiveLimits(of: account, connection)
            if let allowance = unverifiedFrames, limits.plan == Self.gatedPlan, try !QuotaRecords.isVerified(account, connection) {
                let used = try QuotaRecords.framesEver(of: account, now: now, connection)
                if sum(used, count) > allowance {
                    throw QuotaError.emailUnverified(allowed: allowance, used: used, requested: count)
                }
            }
            let committed = try QuotaRecords.committedFrames(of: account, in: period, connection)
            let held = try QuotaRecords.held(by: account, in: period, now: now, connection)
            let used = sum(committed, held.frames)
            if sum(used, count) > limits[.monthlyFrames] {
                let catalog = try QuotaRecords.catalog(connection)
                throw QuotaError.quotaExceeded(
                    limit: .monthlyFrames, used: used, allowed: limits[.monthlyFrames], requested: count, plan: limits.plan,
                    upgradeTo: catalog.smallestPlan(allowing: [(.monthlyFrames, sum(used, count))], excluding: limits.plan))
            }
            let running = held.count
            if checkingConcurrency, running >= limits[.concurrentJobs] {
                let catalog = try QuotaRecords.catalog(connection)
                throw QuotaError.concurrencyLimit(
                    allowed: limits[.concurrentJobs], running: running, plan: limits.plan,
                    upgradeTo: catalog.smallestPlan(allowing: [(.concurrentJobs, running + 1)], excluding: limits.plan))
            }
            let reservation = FrameReservation(
                id: ReservationID.make(), account: account, period: period, frames: count, expiresAt: expiry(now, lease))
            try QuotaRecords.insertReservation(reservation, now: now, connection)
            return reservation
        }
    }

    /// Extends a held reservation's lease to `lease` seconds from now (the job's heartbeat).
    ///
    /// - Throws: `QuotaError.reservationNotFound` when it was settled or its lease already passed:
    ///   its frames may have gone to someone else, so the work must not go on silently.
    public func renew(_ reservation: FrameReservation, lease: TimeInterval) throws -> FrameReservation {
        let now = clock.now
        let expiresAt = expiry(now, lease)
        return try QuotaError.wrapping {
            try database.writeTransaction { connection in
                guard try QuotaRecords.renewReservation(reservation.id, until: expiresAt, now: now, connection) else {
                    throw QuotaError.reservationNotFound(reservation.id)
                }
                return FrameReservation(id: reservation.id, account: reservation.account, period: reservation.period,
                                        frames: reservation.frames, expiresAt: expiresAt)
            }
        }
    }

    /// Meters the reservation's frames as used in its month: the work succeeded.
    ///
    /// Idempotent (a second commit changes nothing). A reservation whose lease passed or that was
    /// released is still metered: the frames were produced.
    ///
    /// - Throws: `QuotaError.reservationNotFound` for an unknown id, `.storage`.
    public func commit(_ reservation: FrameReservation) throws {
        try QuotaError.wrapping { try database.writeTransaction { try commit(reservation, in: $0) } }
    }

    /// `commit` inside the caller's write transaction (the one that marks the job done).
    public func commit(_ reservation: FrameReservation, in connection: any SQLConnection) throws {
        let now = clock.now
        try QuotaError.wrapping {
            guard let held = try QuotaRecords.reservation(reservation.id, connection) else {
                throw QuotaError.reservationNotFound(reservation.id)
            }
            guard held.state != "committed" else { return }
            try QuotaRecords.addUsage(account: held.account, period: held.period, frames: held.frames, now: now, connection)
            try QuotaRecords.settle(reservation.id, as: "committed", now: now, connection)
        }
    }

    /// Gives the frames back: the work failed or was canceled.
    ///
    /// - Returns: false when there was nothing to give back (already committed, released or expired).
    /// - Throws: `QuotaError.reservationNotFound` for an unknown id, `.storage`.
    @discardableResult
    public func release(_ reservation: FrameReservation) throws -> Bool {
        try QuotaError.wrapping { try database.writeTransaction { try release(reservation, in: $0) } }
    }

    /// `release` inside the caller's write transaction.
    @discardableResult
    public func release(_ reservation: FrameReservation, in connection: any SQLConnection) throws -> Bool {
        let now = clock.now
        return try QuotaError.wrapping {
            if try QuotaRecords.releaseHeld(reservation.id, now: now, connection) { return true }
            guard try QuotaRecords.reservationExists(reservation.id, connection) else {
                throw QuotaError.reservationNotFound(reservation.id)
            }
            return false
        }
    }

    /// Releases every reservation whose lease has passed (their workers died) and forgets settled
    /// ones older than 30 days. Run at start-up (by `init`) and now and then; admission ignores
    /// expired reservations even before this runs.
    ///
    /// - Returns: how many reservations were released.
    @discardableResult
    public func releaseExpiredReservations() throws -> Int {
        let now = clock.now
        return try QuotaError.wrapping {
            try database.writeTransaction { connection in
                let released = try QuotaRecords.expireReservations(now: now, connection)
                try QuotaRecords.forgetSettled(before: now.addingTimeInterval(-Self.settledRetention), connection)
                return released
            }
        }
    }

    /// Leases end on a whole second, rounded up so a short lease is never already over.
    private func expiry(_ now: Date, _ lease: TimeInterval) -> Date {
        let seconds = min(max(lease, 1), 366 * 86_400)
        return Date(timeIntervalSince1970: (now.timeIntervalSince1970 + seconds).rounded(.up))
    }
}
