import API
import Foundation
import Quotas
import Storage

extension ServeCommand {
    /// How often held frame reservations whose lease passed are given back to their accounts.
    static let reservationSweepInterval: TimeInterval = 60

    /// The quota side of the server: one `QuotaService` (limits cached ≤ 1 s, so operators' CLI
    /// changes reach the running server within a second) and one in-memory `RateLimiter`, shared
    /// by every route. Releases reservations left by a previous run now and every minute after.
    func startQuotas(database: Database) throws -> QuotaEndpoints {
        let quotas: QuotaService
        do {
            quotas = try QuotaService(database: database)
            let released = try quotas.releaseExpiredReservations()
            if released > 0 { Self.log("level=info msg=\"released expired frame reservations\" count=\(released)") }
        } catch {
            let failure = CommandFailure(error)
            FileHandle.standardError.write(Data("stylify serve: \(failure.message)\n".utf8))
            throw failure.code
        }
        // A plain thread for the process's lifetime: the sweep must keep going however busy the
        // worker pool is, and the server only stops by exiting.
        Thread.detachNewThread {
            while true {
                Thread.sleep(forTimeInterval: Self.reservationSweepInterval)
                do {
                    let released = try quotas.releaseExpiredReservations()
                    if released > 0 { Self.log("level=info msg=\"released expired frame reservations\" count=\(released)") }
                } catch {
                    // A busy database now is retried a minute later; the lease check keeps admissions right meanwhile.
                    Self.log("level=warn msg=\"reservation sweep failed\" error=\"\(error)\"")
                }
            }
        }
        return QuotaEndpoints(quotas: quotas, limiter: RateLimiter())
    }

    private static func log(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
