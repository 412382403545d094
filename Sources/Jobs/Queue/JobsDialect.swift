import Storage

/// The statements of the Jobs module that differ between SQLite and PostgreSQL, in one place:
/// everything else in `JobRecords` is portable SQL.
enum JobsDialect {
    /// The channel workers `LISTEN` on for new or freed work (PostgreSQL only).
    static let wakeupChannel = "stylify_jobs"

    /// Locks the queued job `?1` for its claim, or returns no row when it is no longer queued.
    ///
    /// PostgreSQL claims at READ COMMITTED (`claimTransaction`): `FOR UPDATE SKIP LOCKED` makes a
    /// second claimer of the same job skip it at once (no row) instead of waiting for the first
    /// one's commit, so workers on several nodes each take a different job without conflicts.
    /// SQLite has one writer, so the plain read is already exclusive (and it has no `FOR UPDATE`).
    static func lockQueued(_ dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite: "SELECT id FROM jobs WHERE id = ?1 AND status = 'queued'"
        case .postgresql: "SELECT id FROM jobs WHERE id = ?1 AND status = 'queued' FOR UPDATE SKIP LOCKED"
        }
    }

    /// Wakes the idle workers of every node once the calling transaction commits (nil: nothing
    /// to run, as on SQLite, whose workers share one process's wake-up signal and poll the file).
    /// PostgreSQL delivers `pg_notify` only at commit, and not at all on rollback.
    static func notifyWorkers(_ dialect: SQLDialect) -> String? {
        switch dialect {
        case .sqlite: nil
        case .postgresql: "SELECT pg_notify('\(wakeupChannel)', '') AS sent"
        }
    }
}
