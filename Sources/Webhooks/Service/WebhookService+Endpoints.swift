import Foundation
import Storage

extension WebhookService {
    /// Registers an endpoint for `account`.
    ///
    /// - Parameter events: event type names; nil subscribes to `WebhookEventType.defaults`.
    /// - Throws: `WebhooksError.invalidURL`, `.addressNotAllowed`, `.invalidEvents`, `.limitReached`, `.storage`.
    public func create(account: String, url: String, events: [String]?) throws -> CreatedWebhookEndpoint {
        let checked = try WebhookURL(url)
        try checked.check(against: policy)
        let subscribed = try Self.parseEvents(events)
        let secret = try WebhookSigner.generateSecret()
        let endpoint = WebhookEndpoint(
            id: try Self.newID(), account: account, url: url, events: subscribed,
            createdAt: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)))
        try WebhooksError.wrapping {
            try database.writeTransaction { try EndpointRecords.insert(endpoint, secret: secret, limit: configuration.maxEndpointsPerAccount, $0) }
        }
        return CreatedWebhookEndpoint(endpoint: endpoint, secret: secret)
    }

    /// Replaces the events an endpoint subscribes to; its URL and secret stay.
    ///
    /// - Throws: `WebhooksError.notFound` for a missing, malformed or another account's id,
    ///   `.invalidEvents` (nothing is changed then).
    public func update(_ id: String, account: String, events: [String]) throws -> WebhookEndpoint {
        let parsed = try Self.parseID(id)
        let subscribed = try Self.parseEvents(events)
        let updated = try WebhooksError.wrapping {
            try database.writeTransaction { try EndpointRecords.updateEvents(parsed, account: account, events: subscribed, $0) }
        }
        guard let updated else { throw WebhooksError.notFound(id: id) }
        return updated
    }

    /// One of the account's endpoints.
    ///
    /// - Throws: `WebhooksError.notFound` for a missing, malformed or another account's id.
    public func get(_ id: String, account: String) throws -> WebhookEndpoint {
        let parsed = try Self.parseID(id)
        guard let found = try WebhooksError.wrapping({ try database.readTransaction { try EndpointRecords.find(parsed, account: account, $0) } }) else {
            throw WebhooksError.notFound(id: id)
        }
        return found
    }

    /// The account's endpoints, oldest first.
    ///
    /// - Throws: `.invalidLimit` outside 1...100, `.invalidCursor` when `startingAfter` is not one of its endpoints.
    public func list(account: String, limit: Int = 20, startingAfter: String? = nil) throws -> WebhookEndpointPage {
        guard (1...100).contains(limit) else { throw WebhooksError.invalidLimit(limit) }
        return try WebhooksError.wrapping {
            try database.readTransaction { connection in
                var afterSeq = 0
                if let startingAfter {
                    guard let id = WebhookEndpointID(rawValue: startingAfter),
                          let seq = try EndpointRecords.seq(of: id, account: account, connection) else {
                        throw WebhooksError.invalidCursor(startingAfter)
                    }
                    afterSeq = seq
                }
                return try EndpointRecords.page(account: account, limit: limit, afterSeq: afterSeq, connection)
            }
        }
    }

    /// Deletes an endpoint and its deliveries (pending ones are never sent).
    ///
    /// - Throws: `WebhooksError.notFound` for a missing, malformed or another account's id.
    public func delete(_ id: String, account: String) throws {
        let parsed = try Self.parseID(id)
        let removed = try WebhooksError.wrapping {
            try database.writeTransaction { try EndpointRecords.delete(parsed, account: account, $0) }
        }
        guard removed else { throw WebhooksError.notFound(id: id) }
    }

    /// Checks a per-request callback URL: it must be the URL of one of the account's endpoints,
    /// whose secret then signs what it receives.
    ///
    /// - Throws: `WebhooksError.notRegistered` otherwise.
    public func requireRegistered(url: String, account: String) throws {
        let found = try WebhooksError.wrapping {
            try database.readTransaction { try EndpointRecords.hasEndpoint(url: url, account: account, $0) }
        }
        guard found else { throw WebhooksError.notRegistered(url: url) }
    }

    /// The endpoint's most recent deliveries, newest first.
    ///
    /// - Throws: `WebhooksError.notFound` for a missing or another account's endpoint, `.invalidLimit`.
    public func deliveries(of id: String, account: String, limit: Int = 20) throws -> [WebhookDelivery] {
        guard (1...100).contains(limit) else { throw WebhooksError.invalidLimit(limit) }
        let endpoint = try get(id, account: account)
        return try WebhooksError.wrapping { try database.readTransaction { try DeliveryRecords.recent(endpoint: endpoint.id, limit: limit, $0) } }
    }

    static func parseEvents(_ names: [String]?) throws -> [WebhookEventType] {
        guard let names else { return WebhookEventType.defaults }
        guard !names.isEmpty else {
            let defaults = WebhookEventType.defaults.map(\.rawValue).joined(separator: ", ")
            throw WebhooksError.invalidEvents(detail: "must list at least one event, or be left out to receive \(defaults).")
        }
        for name in names where WebhookEventType(rawValue: name) == nil {
            let known = WebhookEventType.allCases.map(\.rawValue).joined(separator: ", ")
            throw WebhooksError.invalidEvents(detail: "has an unknown event \(name); known events: \(known).")
        }
        return WebhookEventType.allCases.filter { names.contains($0.rawValue) }
    }

    private static func parseID(_ id: String) throws -> WebhookEndpointID {
        guard let parsed = WebhookEndpointID(rawValue: id) else { throw WebhooksError.notFound(id: id) }
        return parsed
    }

    private static func newID() throws -> WebhookEndpointID {
        do { return try WebhookEndpointID.generate() } catch { throw WebhooksError.internalFailure("the random source failed") }
    }
}
