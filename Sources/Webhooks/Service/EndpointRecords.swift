import Foundation
import Storage

/// The SQL of endpoints (table `webhook_endpoints`). Portable: the same statements run on
/// PostgreSQL, as do those of `DeliveryRecords`.
enum EndpointRecords {
    static let columns = "id, account_id, url, events, created_at"

    /// Inserts the endpoint unless the account has `limit` already. The account's row is locked
    /// first (`AccountLock`): the count then stays true until the insert, also for admissions in
    /// other processes and on engines that do not serialise writers.
    static func insert(_ endpoint: WebhookEndpoint, secret: String, limit: Int, _ connection: any SQLConnection) throws {
        try AccountLock.acquire(endpoint.account, in: connection)
        let count = try connection.queryOne(
            "SELECT COUNT(*) AS n FROM webhook_endpoints WHERE account_id = ?1", endpoint.account)?.int("n") ?? 0
        guard count < limit else { throw WebhooksError.limitReached(limit: limit) }
        try connection.run(
            "INSERT INTO webhook_endpoints (id, account_id, url, events, secret, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            endpoint.id.rawValue, endpoint.account, endpoint.url, endpoint.events.map(\.rawValue).joined(separator: ","),
            secret, endpoint.createdAt)
    }

    static func find(_ id: WebhookEndpointID, account: String, _ connection: any SQLConnection) throws -> WebhookEndpoint? {
        try connection.queryOne(
            "SELECT \(columns) FROM webhook_endpoints WHERE id = ?1 AND account_id = ?2", id.rawValue, account
        ).map(endpoint)
    }

    /// A page oldest first, after the endpoint whose `seq` is `afterSeq`.
    static func page(account: String, limit: Int, afterSeq: Int, _ connection: any SQLConnection) throws -> WebhookEndpointPage {
        let rows = try connection.query(
            "SELECT \(columns) FROM webhook_endpoints WHERE account_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
            account, afterSeq, limit + 1)
        return WebhookEndpointPage(endpoints: try rows.prefix(limit).map(endpoint), hasMore: rows.count > limit)
    }

    static func seq(of id: WebhookEndpointID, account: String, _ connection: any SQLConnection) throws -> Int? {
        try connection.queryOne(
            "SELECT seq FROM webhook_endpoints WHERE id = ?1 AND account_id = ?2", id.rawValue, account)?.int("seq")
    }

    /// Deletes one of the account's endpoints (its deliveries go with it); false when there is none.
    static func delete(_ id: WebhookEndpointID, account: String, _ connection: any SQLConnection) throws -> Bool {
        try connection.run("DELETE FROM webhook_endpoints WHERE id = ?1 AND account_id = ?2", id.rawValue, account) > 0
    }

    /// Sets the endpoint's events; nil when the account has no such endpoint.
    static func updateEvents(_ id: WebhookEndpointID, account: String, events: [WebhookEventType], _ connection: any SQLConnection) throws -> WebhookEndpoint? {
        guard try connection.run(
            "UPDATE webhook_endpoints SET events = ?3 WHERE id = ?1 AND account_id = ?2",
            id.rawValue, account, events.map(\.rawValue).joined(separator: ",")) > 0 else { return nil }
        return try find(id, account: account, connection)
    }

    /// Whether one of the account's endpoints has this URL.
    static func hasEndpoint(url: String, account: String, _ connection: any SQLConnection) throws -> Bool {
        try connection.queryOne(
            "SELECT 1 AS found FROM webhook_endpoints WHERE account_id = ?1 AND url = ?2 LIMIT 1", account, url) != nil
    }

    static func events(_ stored: String) -> [WebhookEventType] {
        stored.split(separator: ",").compactMap { WebhookEventType(rawValue: String($0)) }
    }

    private static func endpoint(_ row: Row) throws -> WebhookEndpoint {
        WebhookEndpoint(
            id: WebhookEndpointID(trusted: try row.string("id")), account: try row.string("account_id"),
            url: try row.string("url"), events: events(try row.string("events")), createdAt: try row.date("created_at"))
    }
}
