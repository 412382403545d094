import Foundation
import Storage

extension WebhookService {
    /// Records one delivery per endpoint of the event's account that subscribes to its type (or
    /// is its `callbackURL`) and wakes the dispatchers. Idempotent: the same event (type and
    /// subject) enqueued again adds nothing. One short write, no network I/O.
    ///
    /// - Returns: the number of new deliveries.
    /// - Throws: `WebhooksError.storage`.
    @discardableResult
    public func enqueue(_ event: WebhookEvent) throws -> Int {
        // Opt-in events are frequent and rarely wanted: a read decides before any write is taken.
        if event.type.isOptIn, try !hasSubscriber(to: event.type, account: event.account) { return 0 }
        let inserted = try WebhooksError.wrapping {
            try database.writeTransaction { try DeliveryRecords.enqueue(event, now: Date(), $0) }
        }
        if inserted > 0 { wake() }
        return inserted
    }

    /// Whether one of the account's endpoints subscribes to `type`.
    ///
    /// - Throws: `WebhooksError.storage`.
    public func hasSubscriber(to type: WebhookEventType, account: String) throws -> Bool {
        try WebhooksError.wrapping { try database.readTransaction { try DeliveryRecords.hasSubscriber(to: type, account: account, $0) } }
    }

    /// The subjects (`sty_…`) among `subjects` that no event of `types` (by default the terminal
    /// ones) was enqueued for: after a crash between a job's end and its observer, the caller
    /// announces these.
    ///
    /// - Throws: `WebhooksError.storage`.
    public func unannounced(_ subjects: [String], types: [WebhookEventType] = WebhookEventType.defaults) throws -> [String] {
        try WebhooksError.wrapping { try database.readTransaction { try DeliveryRecords.unannounced(subjects, types: types, $0) } }
    }
}
