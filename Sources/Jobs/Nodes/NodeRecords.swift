import Common
import Foundation
import Storage

/// The `nodes` table: the same statements on SQLite and PostgreSQL.
enum NodeRecords {
    static func upsert(_ node: Node, _ connection: any SQLConnection) throws {
        try connection.run("""
            INSERT INTO nodes (id, role, host, pid, job_workers, started_at, heartbeat_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at
            """, node.id, node.role.rawValue, node.host, node.pid, node.jobWorkers,
            node.startedAt.unixMilliseconds, node.heartbeatAt.unixMilliseconds)
    }

    static func delete(_ id: String, _ connection: any SQLConnection) throws {
        try connection.run("DELETE FROM nodes WHERE id = ?1", id)
    }

    /// Rows not renewed since `cutoff` (ms): processes that were killed.
    static func prune(before cutoff: Int64, _ connection: any SQLConnection) throws -> Int {
        try connection.run("DELETE FROM nodes WHERE heartbeat_at < ?1", cutoff)
    }

    /// Nodes renewed at or after `since` (ms), oldest first.
    static func live(since: Int64, _ connection: any SQLConnection) throws -> [Node] {
        try connection.query("""
            SELECT id, role, host, pid, job_workers, started_at, heartbeat_at FROM nodes
            WHERE heartbeat_at >= ?1 ORDER BY started_at, id
            """, since).map { row in
            Node(id: try row.string("id"), role: NodeRole(rawValue: try row.string("role")) ?? .all, host: try row.string("host"),
                 pid: try row.int("pid"), jobWorkers: try row.int("job_workers"),
                 startedAt: Date(unixMilliseconds: Int64(try row.int("started_at"))),
                 heartbeatAt: Date(unixMilliseconds: Int64(try row.int("heartbeat_at"))))
        }
    }
}
