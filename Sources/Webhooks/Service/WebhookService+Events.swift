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
        let inserted = try WebhooksError.wrapping {
            try database.writeTransaction { try DeliveryRecords.enqueue(event, now: Date(), $0) }
        }
        if inserted > 0 { wake() }
        return inserted
    }

    /// The subjects (`sty_…`) among `subjects` that no event was enqueued for: after a crash
    /// between a job's end and its observer, the caller announces these.
    ///
    /// - Throws: `WebhooksError.storage`.
    public func unannounced(_ subjects: [String]) throws -> [String] {
        try WebhooksError.wrapping { try database.readTransaction { try DeliveryRecords.unannounced(subjects, $0) } }
    }
}
