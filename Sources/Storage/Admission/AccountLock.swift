/// The lock every admission check of one account takes first in its write transaction, so that
/// checks which count rows and then insert one ("fewer than N API keys, so add one") stay exact
/// when several connections and processes admit at once.
///
/// SQLite serialises every writer (`BEGIN IMMEDIATE`), so the count and the insert could not
/// interleave there anyway. PostgreSQL at READ COMMITTED does not: two transactions each count N-1
/// and both insert (issue #14 measured 2 admitted against a limit of 1), and a single
/// `INSERT … SELECT … WHERE (SELECT count(*) …) < N` does not help either, because each statement
/// sees a snapshot without the other's uncommitted row. An `UPDATE` of the account's row does:
/// the second transaction waits on the row lock until the first commits, and its following
/// statements then see the first one's rows. Taking it first keeps the lock order the same
/// everywhere (account row, then the rows the admission inserts), so admissions cannot deadlock.
public enum AccountLock {
    /// Locks the `accounts` row of `account` until the caller's transaction ends.
    ///
    /// - Returns: false when there is no such account (nothing was locked).
    @discardableResult
    public static func acquire(_ account: String, in connection: any SQLConnection) throws -> Bool {
        // A no-op update: it changes nothing (and fires no trigger: those watch `plan`) but takes
        // the row's write lock on both engines.
        try connection.run("UPDATE accounts SET status = status WHERE id = ?", account) > 0
    }
}
