import Common
import Foundation
import Storage

/// Outgoing mail, durable: messages wait in the `mail_outbox` table (written by `MailOutbox`
/// inside the transaction that needs them) until one dispatcher thread hands them to the
/// configured `MailSender`, retrying failures on `MailConfiguration.retryDelays`, as webhook
/// deliveries are. A restart loses nothing: what was pending, or claimed by a process that died,
/// is sent by the next `start()` once its claim lease has passed.
///
///     let mail = MailService(database: db, sender: LogSender(file: url, log: log))
///     let accounts = AccountServices(database: db, outbox: mail.outbox)
///     mail.start()   // … mail.stop()
public final class MailService: Sendable {
    public let database: any SQLDatabase
    public let sender: any MailSender
    public let configuration: MailConfiguration
    let dispatchers = ThreadGroup()
    private let nextPurge = Locked(Date.distantPast)

    public init(database: any SQLDatabase, sender: any MailSender, configuration: MailConfiguration = MailConfiguration()) {
        self.database = database
        self.sender = sender
        self.configuration = configuration
    }

    /// The outbox whose `notify()` wakes this service's dispatcher.
    public var outbox: MailOutbox {
        let wakeups = dispatchers.wakeups
        return MailOutbox(wake: { wakeups.wake() })
    }

    /// Starts the dispatcher; messages left pending by an earlier process are sent when due.
    public func start() {
        dispatchers.start([("mail-0", { [self] group in runDispatcher(group) })])
    }

    /// Stops the dispatcher after the attempt in flight (bounded by the sender's timeouts).
    public func stop() {
        _ = dispatchers.stop()
    }

    /// Sends every message due now on the calling thread; returns how many attempts were made.
    /// For the admin CLI and tests; the dispatcher does the same in the background.
    @discardableResult
    public func sendDue() throws -> Int {
        var attempts = 0
        while let mail = try database.writeTransaction({ try MailRecords.claim(now: Date(), lease: configuration.claimLease, $0) }) {
            deliver(mail)
            attempts += 1
        }
        return attempts
    }

    /// One message's state (without its body).
    public func record(_ id: String) throws -> MailRecord? {
        try database.readTransaction { try MailRecords.status(of: id, $0) }
    }

    /// The newest messages first (without bodies).
    public func recent(limit: Int = 20) throws -> [MailRecord] {
        try database.readTransaction { try MailRecords.recent(limit: min(max(limit, 1), 1000), $0) }
    }

    private func runDispatcher(_ group: ThreadGroup) {
        while !group.isStopping {
            let seen = group.wakeups.current
            var sleepUntil: Date?
            do {
                if let mail = try database.writeTransaction({ try MailRecords.claim(now: Date(), lease: configuration.claimLease, $0) }) {
                    deliver(mail)
                    continue
                }
                sleepUntil = try database.readTransaction { try MailRecords.nextDue($0) }.map { Date(timeIntervalSince1970: Double($0) / 1000) }
                let purgeAt = try purgeIfDue()
                sleepUntil = min(sleepUntil ?? purgeAt, purgeAt)
            } catch {
                // A busy or failing database: try again shortly rather than spin.
                sleepUntil = Date().addingTimeInterval(1)
            }
            group.sleep(since: seen, until: sleepUntil)
        }
    }

    private func deliver(_ mail: OutgoingMail) {
        let result = sender.send(mail)
        let now = Date()
        let (status, error, retryAt): (MailStatus, String?, Date?)
        switch result {
        case .sent:
            (status, error, retryAt) = (.sent, nil, nil)
        case .rejected(let reason):
            (status, error, retryAt) = (.failed, reason, nil)
        case .retry(let reason):
            let next = configuration.delay(afterAttempt: mail.attempt).map { now.addingTimeInterval($0) }
            (status, error, retryAt) = (next == nil ? .failed : .pending, reason, next)
        }
        // Unrecorded, the message is due again when its claim lease ends: sent at least once.
        try? database.writeTransaction { try MailRecords.record(mail, status: status, error: error, retryAt: retryAt, now: now, $0) }
    }

    /// Removes finished messages past the retention, hourly; returns when the next purge is due.
    private func purgeIfDue() throws -> Date {
        let now = Date()
        let due: Bool = nextPurge.withLock { next in
            guard now >= next else { return false }
            next = now.addingTimeInterval(3600)
            return true
        }
        if due { _ = try database.writeTransaction { try MailRecords.purge(finishedBefore: now.addingTimeInterval(-configuration.retention), $0) } }
        return nextPurge.withLock { $0 }
    }
}
