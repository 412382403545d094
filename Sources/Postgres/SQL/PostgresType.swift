import CPostgres

/// The built-in type OIDs (`pg_type.oid`, fixed since PostgreSQL 7) that parameters are sent as
/// and results are decoded from.
enum PostgresType {
    static let bool: Oid = 16
    static let bytea: Oid = 17
    static let int8: Oid = 20
    static let int2: Oid = 21
    static let int4: Oid = 23
    static let text: Oid = 25
    static let oid: Oid = 26
    static let float4: Oid = 700
    static let float8: Oid = 701
    static let numeric: Oid = 1700
    /// No type: the server infers it from the statement (used for NULL parameters).
    static let unspecified: Oid = 0
}
