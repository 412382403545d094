import Common

/// The rewritten form of each SQL text, shared by every connection of one database: the SQL in
/// this codebase is written as literals, so the cache stays small; the cap only guards against a
/// caller that builds SQL dynamically.
final class RewrittenSQLCache: Sendable {
    private let entries = Locked<[String: RewrittenSQL]>([:])
    private static let limit = 512

    func rewritten(_ sql: String) throws -> RewrittenSQL {
        if let cached = entries.withLock({ $0[sql] }) { return cached }
        let rewritten = try PlaceholderRewriter.rewrite(sql)
        entries.withLock { entries in
            if entries.count >= Self.limit { entries.removeAll() }
            entries[sql] = rewritten
        }
        return rewritten
    }
}
