import Common
import Foundation
import Storage

/// Webhooks end to end: endpoints an account registers, events turned into durable deliveries
/// (one per endpoint and event, idempotently), and a small pool of dispatcher threads that send
/// them signed, with retries on a schedule, persisted in SQLite so a restart loses nothing.
///
///     let webhooks = WebhookService(database: db)
///     let created = try webhooks.create(account: "acct_…", url: "https://example.com/hooks", events: nil)
///     try webhooks.enqueue(WebhookEvent(type: .stylizationSucceeded, account: "acct_…", subject: "sty_…",
///                                       occurredAt: Date(), data: json))
///     webhooks.start()   // … webhooks.stop()
///
/// Enqueueing is one short write and never touches the network, so it may run on a job's thread.
public final class WebhookService: Sendable {
    public let database: any SQLDatabase
    public let configuration: WebhookConfiguration
    let policy: AddressPolicy
    let poster: HTTPPoster

    /// The dispatcher threads; they sleep on its wake-ups until the next due time or new work.
    let dispatchers = ThreadGroup()
    /// This process's attempts since it started, by outcome.
    let attemptCounts = Locked<[AttemptOutcome: Int]>([:])
    /// When a dispatcher next removes finished deliveries past their retention.
    let nextPurge = Locked(Date.distantPast)
    /// Raised by `stop()` so attempts in flight end within about a second.
    let stopSignal = AbortSignal()

    public init(database: any SQLDatabase, configuration: WebhookConfiguration = WebhookConfiguration()) {
        self.database = database
        self.configuration = configuration
        policy = AddressPolicy(allowsPrivate: configuration.allowsPrivateAddresses)
        poster = HTTPPoster(
            connectTimeout: configuration.connectTimeout, totalTimeout: configuration.totalTimeout,
            maxResponseBytes: configuration.maxResponseBytes, userAgent: configuration.userAgent)
    }

    /// Starts the dispatcher threads; deliveries left pending (or in flight) by an earlier process
    /// are sent as soon as they are due.
    public func start() {
        let members: [ThreadGroup.Member] = (0..<configuration.dispatcherThreads).map { index in
            ("webhooks-\(index)", { [self] group in runDispatcher(group) })
        }
        dispatchers.start(members) { stopSignal.set(false) }
    }

    /// Stops the dispatchers, cutting attempts in flight short (within about a second); those are
    /// due again at once. Deliveries stay in the database and are sent by the next `start()`.
    public func stop() {
        dispatchers.stop { stopSignal.set(true) }
    }

    /// Deletes deliveries that were delivered or failed for good before `date`, and the records of
    /// events older than that (which only guard against enqueueing an event twice). Pending
    /// deliveries are never removed. The dispatchers call it hourly with `deliveryRetention`.
    ///
    /// - Returns: how many deliveries were removed.
    @discardableResult
    public func purge(finishedBefore date: Date) throws -> Int {
        try WebhooksError.wrapping { try database.writeTransaction { try DeliveryRecords.purge(finishedBefore: date, $0) } }
    }

    /// Wakes idle dispatchers (new work).
    func wake() {
        dispatchers.wakeups.wake()
    }

    /// A snapshot for `/metrics`: deliveries by status from the database and this process's
    /// attempts since it started, by outcome.
    ///
    /// - Throws: `WebhooksError.storage` when the database cannot be read.
    public func metrics() throws -> WebhookMetrics {
        let byStatus = try WebhooksError.wrapping { try database.readTransaction { try DeliveryRecords.countsByStatus($0) } }
        let attempts = attemptCounts.withLock { $0 }
        return WebhookMetrics(
            deliveriesByStatus: byStatus,
            attemptsByOutcome: Dictionary(uniqueKeysWithValues: AttemptOutcome.allCases.map { ($0, attempts[$0] ?? 0) }))
    }
}
