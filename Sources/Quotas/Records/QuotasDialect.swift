import Storage

/// The statements of the Quotas module that differ between SQLite and PostgreSQL, in one place:
/// everything else in `QuotaRecords` is portable SQL.
enum QuotasDialect {
    /// Every account id in creation order. SQLite orders by the implicit `rowid`; PostgreSQL has
    /// no rowid, and its schema gives `accounts` an explicit identity column `seq` instead.
    static func accountsInCreationOrder(_ dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite: "SELECT id FROM accounts ORDER BY rowid"
        case .postgresql: "SELECT id FROM accounts ORDER BY seq"
        }
    }
}
