import Foundation
import Storage

/// The SQL of deliveries (table `webhook_deliveries`, `Schema/0006_webhooks.sql`).
enum DeliveryRecords {
    /// Records the event and inserts one pending delivery per endpoint of the event's account
    /// that subscribes to its type or is its callback; an event already recorded adds nothing.
    /// Returns the number of new deliveries.
    static func enqueue(_ event: WebhookEvent, now: Date, _ connection: any SQLConnection) throws -> Int {
        // Most endpoints do not ask for opt-in events: record nothing then, not even the event.
        if event.type.isOptIn, try !hasSubscriber(to: event.type, account: event.account, connection) { return 0 }
        let recorded = try connection.run(
            """
            INSERT INTO webhook_events (event_key, subject, account_id, created_at) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (event_key) DO NOTHING
            """, event.key, event.subject, event.account, UnixMilliseconds.from(now))
        guard recorded > 0 else { return 0 }
        let endpoints = try connection.query(
            "SELECT id, url, events FROM webhook_endpoints WHERE account_id = ?1 ORDER BY seq", event.account)
        let payload = event.payload
        let nowMs = UnixMilliseconds.from(now)
        var inserted = 0
        for row in endpoints {
            let subscribed = try EndpointRecords.events(row.string("events")).contains(event.type)
            let isCallback = try !event.type.isOptIn && (event.callbackURL.map { $0 == (try row.string("url")) } ?? false)
            guard subscribed || isCallback else { continue }
            inserted += try connection.run(
                """
                INSERT INTO webhook_deliveries
                    (id, endpoint_id, account_id, event_key, event_type, payload, status, attempts, next_attempt_at, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', 0, ?7, ?7)
                ON CONFLICT (endpoint_id, event_key) DO NOTHING
                """,
                try WebhookMessageID.generate().rawValue, try row.string("id"), event.account, event.key,
                event.type.rawValue, payload, nowMs)
        }
        return inserted
    }

    /// Whether one of the account's endpoints lists `type`.
    static func hasSubscriber(to type: WebhookEventType, account: String, _ connection: any SQLConnection) throws -> Bool {
        try connection.query("SELECT events FROM webhook_endpoints WHERE account_id = ?1", account)
            .contains { try EndpointRecords.events($0.string("events")).contains(type) }
    }

    /// Takes the delivery due longest ago, if any: counts the attempt and moves its due time to
    /// the end of the lease, so it is sent again only if this attempt never reports back.
    static func claim(now: Date, lease: TimeInterval, _ connection: any SQLConnection) throws -> ClaimedDelivery? {
        let nowMs = UnixMilliseconds.from(now)
        guard let row = try connection.queryOne(
            """
            SELECT d.id, d.payload, d.attempts, e.url, e.secret
            FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
            WHERE d.status = 'pending' AND d.next_attempt_at <= ?1
            ORDER BY d.next_attempt_at, d.seq LIMIT 1
            """, nowMs) else { return nil }
        let id = try row.string("id")
        let attempt = try row.int("attempts") + 1
        // Conditional on the attempt count read above: a dispatcher in another process that took
        // the same delivery meanwhile (engines that do not serialise writers) makes this change
        // nothing, and only one of them sends it.
        guard try connection.run(
            """
            UPDATE webhook_deliveries SET attempts = ?2, next_attempt_at = ?3, last_attempt_at = ?4
            WHERE id = ?1 AND attempts = ?5 AND status = 'pending'
            """,
            id, attempt, nowMs + Int64(lease * 1000), nowMs, attempt - 1) > 0
        else { return nil }
        return ClaimedDelivery(
            id: id, url: try row.string("url"), secret: try row.string("secret"), payload: try row.blob("payload"),
            attempt: attempt)
    }

    /// Records an attempt's outcome: delivered, due again at `retryAt`, or (no `retryAt`) failed for good.
    static func record(_ claimed: ClaimedDelivery, report: AttemptReport, retryAt: Date?, now: Date, _ connection: any SQLConnection) throws {
        let status: DeliveryStatus = report.outcome == .delivered ? .delivered : (retryAt == nil ? .failed : .pending)
        let nowMs = UnixMilliseconds.from(now)
        try connection.run(
            """
            UPDATE webhook_deliveries
            SET status = ?3, last_status = ?4, last_error = ?5, next_attempt_at = ?6, finished_at = ?7
            WHERE id = ?1 AND attempts = ?2 AND status = 'pending'
            """,
            claimed.id, claimed.attempt, status.rawValue, report.statusCode, report.error,
            retryAt.map(UnixMilliseconds.from) ?? nowMs, status == .pending ? nil : nowMs)
    }

    /// The subjects among `subjects` that no event of one of `types` was recorded for (a
    /// started or progress event does not announce a stylization's end).
    static func unannounced(_ subjects: [String], types: [WebhookEventType], _ connection: any SQLConnection) throws -> [String] {
        guard !subjects.isEmpty, !types.isEmpty else { return subjects }
        let placeholders = subjects.indices.map { "?\($0 + 1)" }.joined(separator: ", ")
        let keys = types.indices.map { "event_key LIKE ?\(subjects.count + $0 + 1)" }.joined(separator: " OR ")
        let announced = Set(try connection.query(
            "SELECT DISTINCT subject FROM webhook_events WHERE subject IN (\(placeholders)) AND (\(keys))",
            parameters: subjects + types.map { "\($0.rawValue):%" }
        ).map { try $0.string("subject") })
        return subjects.filter { !announced.contains($0) }
    }

    /// Gives back a claim whose attempt was cut short: the attempt does not count and the
    /// delivery is due at once.
    static func release(_ claimed: ClaimedDelivery, now: Date, _ connection: any SQLConnection) throws {
        try connection.run(
            """
            UPDATE webhook_deliveries SET attempts = attempts - 1, next_attempt_at = ?3
            WHERE id = ?1 AND attempts = ?2 AND status = 'pending'
            """, claimed.id, claimed.attempt, UnixMilliseconds.from(now))
    }

    /// Removes finished deliveries and event records older than `date`; see `WebhookService.purge`.
    static func purge(finishedBefore date: Date, _ connection: any SQLConnection) throws -> Int {
        let cutoff = UnixMilliseconds.from(date)
        let removed = try connection.run(
            "DELETE FROM webhook_deliveries WHERE status <> 'pending' AND finished_at < ?1", cutoff)
        try connection.run(
            """
            DELETE FROM webhook_events WHERE created_at < ?1 AND NOT EXISTS (
                SELECT 1 FROM webhook_deliveries d WHERE d.event_key = webhook_events.event_key AND d.status = 'pending')
            """, cutoff)
        return removed
    }

    /// When the earliest pending delivery is due (Unix ms), or nil when none is pending.
    static func nextDue(_ connection: any SQLConnection) throws -> Int64? {
        try connection.queryOne(
            "SELECT MIN(next_attempt_at) AS due FROM webhook_deliveries WHERE status = 'pending'"
        ).flatMap { try $0.optionalInt("due") }.map(Int64.init)
    }

    static func countsByStatus(_ connection: any SQLConnection) throws -> [DeliveryStatus: Int] {
        var counts = Dictionary(uniqueKeysWithValues: DeliveryStatus.allCases.map { ($0, 0) })
        for row in try connection.query("SELECT status, COUNT(*) AS n FROM webhook_deliveries GROUP BY status") {
            if let status = DeliveryStatus(rawValue: try row.string("status")) { counts[status] = try row.int("n") }
        }
        return counts
    }

    /// The endpoint's most recent deliveries, newest first.
    static func recent(endpoint: WebhookEndpointID, limit: Int, _ connection: any SQLConnection) throws -> [WebhookDelivery] {
        try connection.query(
            """
            SELECT id, endpoint_id, event_type, status, attempts, next_attempt_at, last_status, last_error, created_at, finished_at
            FROM webhook_deliveries WHERE endpoint_id = ?1 ORDER BY seq DESC LIMIT ?2
            """, endpoint.rawValue, limit
        ).map { row in
            let status = DeliveryStatus(rawValue: try row.string("status")) ?? .pending
            return WebhookDelivery(
                id: WebhookMessageID(trusted: try row.string("id")),
                endpoint: WebhookEndpointID(trusted: try row.string("endpoint_id")),
                eventType: try row.string("event_type"), status: status, attempts: try row.int("attempts"),
                lastStatusCode: try row.optionalInt("last_status"), lastError: try row.optionalString("last_error"),
                nextAttemptAt: status == .pending ? UnixMilliseconds.date(Int64(try row.int("next_attempt_at"))) : nil,
                createdAt: UnixMilliseconds.date(Int64(try row.int("created_at"))),
                finishedAt: try row.optionalInt("finished_at").map { UnixMilliseconds.date(Int64($0)) })
        }
    }
}
