/// A statement with its `?` placeholders turned into PostgreSQL's `$n`.
struct RewrittenSQL: Sendable, Equatable {
    /// The SQL to send.
    let text: String
    /// How many parameters it takes: the highest placeholder number, as SQLite counts them.
    let parameterCount: Int
}
