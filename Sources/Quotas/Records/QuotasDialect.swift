/// The statements of the Quotas module written in SQLite's dialect, in one place: everything
/// else in `QuotaRecords` is portable SQL that PostgreSQL runs as it is. A PostgreSQL backend
/// supplies its own text for exactly these.
enum QuotasDialect {
    /// Every account id in creation order. SQLite orders by the implicit `rowid`; PostgreSQL has
    /// no rowid and needs an explicit sequence column on `accounts`.
    static let accountsInCreationOrder = "SELECT id FROM accounts ORDER BY rowid"
}
