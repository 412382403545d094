import API
import Common
import Foundation
import Quotas
import Storage

extension ServeCommand {
    /// How often held frame reservations whose lease passed are given back to their accounts.
    static let reservationSweepInterval: TimeInterval = 60

    /// The quota side of the server: one `QuotaService` (limits cached ≤ 1 s, so operators' CLI
    /// changes reach the running server within a second) and one rate limiter shared by every
    /// route: in memory, or with `sharedRateLimits` in the database (`SharedRateLimiter`, idle
    /// buckets pruned by the sweep). Releases reservations left by a previous run now, and adds
    /// the sweep that releases expired ones every minute to `lifecycle`. Free accounts render
    /// `unverifiedFrames` frames at most until they verify an e-mail address.
    static func makeQuotas(database: any SQLDatabase, sharedRateLimits: Bool, lifecycle: ServiceLifecycle, unverifiedFrames: Int) throws
        -> QuotaEndpoints {
        let shared = sharedRateLimits ? SharedRateLimiter(database: database) : nil
        let quotas = try QuotaService(database: database, unverifiedFrames: Int64(unverifiedFrames))
        let released = try quotas.releaseExpiredReservations()
        if released > 0 { log("level=info msg=\"released expired frame reservations\" count=\(released)") }
        // Its own thread: the sweep must keep going however busy the worker pool is.
        let sweep = PeriodicTask(name: "stylify-reservation-sweep", every: reservationSweepInterval, runsAtStart: false) {
            do {
                let released = try quotas.releaseExpiredReservations()
                if released > 0 { log("level=info msg=\"released expired frame reservations\" count=\(released)") }
                try shared?.prune()
            } catch {
                // A busy database now is retried a minute later; the lease check keeps admissions right meanwhile.
                log("level=warn msg=\"reservation sweep failed\" error=\"\(error)\"")
            }
        }
        lifecycle.add("reservation-sweep", stopWithin: 5, start: sweep.start, stop: { sweep.stop() })
        return QuotaEndpoints(quotas: quotas, limiter: shared ?? RateLimiter())
    }
}
