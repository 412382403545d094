/// The SQL language a database speaks. Modules are written once against `SQLDatabase`; the rare
/// statement that must differ switches on this in one place per module (its records type), never
/// in scattered `if postgres` checks.
public enum SQLDialect: String, Sendable, Hashable, CaseIterable {
    /// SQLite 3 (the zero-configuration default: one file, one writer).
    case sqlite
    /// PostgreSQL 13 or newer (the shared database for several nodes).
    case postgresql
}
