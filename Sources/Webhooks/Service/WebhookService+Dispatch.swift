import Common
import Foundation
import Storage

extension WebhookService {
    /// One dispatcher thread: send what is due, else sleep until the next due time or a wake-up.
    func runDispatcher(_ group: ThreadGroup) {
        while !group.isStopping {
            let seen = group.wakeups.current
            var sleepUntil: Date?
            do {
                if let claimed = try database.writeTransaction({ try DeliveryRecords.claim(now: Date(), lease: configuration.claimLease, $0) }) {
                    deliver(claimed)
                    continue
                }
                sleepUntil = try database.readTransaction { try DeliveryRecords.nextDue($0) }.map(UnixMilliseconds.date)
                let purgeAt = try purgeIfDue()
                sleepUntil = min(sleepUntil ?? purgeAt, purgeAt)
            } catch {
                // The database is busy or failing: try again shortly rather than spin.
                sleepUntil = Date().addingTimeInterval(1)
            }
            group.sleep(since: seen, until: sleepUntil)
        }
    }

    /// Removes finished deliveries past `deliveryRetention` when the purge is due (one dispatcher
    /// does it per interval); returns when the next one is due.
    private func purgeIfDue() throws -> Date {
        let now = Date()
        let due: Bool = nextPurge.withLock { next in
            guard now >= next else { return false }
            next = now.addingTimeInterval(configuration.purgeInterval)
            return true
        }
        if due { try purge(finishedBefore: now.addingTimeInterval(-configuration.deliveryRetention)) }
        return nextPurge.withLock { $0 }
    }

    /// Sends one claimed delivery and records the outcome.
    func deliver(_ claimed: ClaimedDelivery) {
        let report = attempt(claimed)
        guard let outcome = report.outcome else {
            // Stopped mid-attempt: give the claim back, so the next start sends it at once.
            try? database.writeTransaction { try DeliveryRecords.release(claimed, now: Date(), $0) }
            return
        }
        attemptCounts.withLock { $0[outcome, default: 0] += 1 }
        let retryAt = outcome == .delivered
            ? nil : configuration.retrySchedule.delay(afterAttempt: claimed.attempt).map { Date().addingTimeInterval($0) }
        do {
            try database.writeTransaction { try DeliveryRecords.record(claimed, report: report, retryAt: retryAt, now: Date(), $0) }
        } catch {
            // Unrecorded, the delivery is due again when its claim lease ends: sent at least once.
        }
    }

    /// Resolves and checks the receiver's address, signs and POSTs.
    func attempt(_ claimed: ClaimedDelivery) -> AttemptReport {
        guard let target = CurlURL(claimed.url), let checked = try? WebhookURL(claimed.url),
              let signer = try? WebhookSigner(secret: claimed.secret) else {
            return AttemptReport(outcome: .connectionError, statusCode: nil, error: "the endpoint's stored URL or secret is unusable")
        }
        // curl's own reading of the host (IPv6 in brackets), so the pin is the host it connects to.
        let host = target.host.hasPrefix("[") ? String(target.host.dropFirst().dropLast()) : target.host
        let addresses: [IPAddress]
        do {
            addresses = try HostResolver.addresses(of: host)
        } catch let failure as HostResolver.Failure {
            return AttemptReport(outcome: .connectionError, statusCode: nil, error: failure.message)
        } catch {
            return AttemptReport(outcome: .connectionError, statusCode: nil, error: "could not resolve host \(host)")
        }
        guard let address = addresses.first(where: policy.permits) else {
            let list = addresses.map(\.description).joined(separator: ", ")
            return AttemptReport(
                outcome: .refusedAddress, statusCode: nil,
                error: "\(host) resolves to \(list): private, loopback or otherwise internal addresses are refused")
        }
        // A literal address needs no pin; a name is pinned to the address just checked.
        let pin = IPAddress(host) == nil ? HTTPPoster.Pin(host: target.host, port: target.port, address: address) : nil
        let timestamp = Int64(Date().timeIntervalSince1970)
        let headers = [
            "content-type: application/json",
            "webhook-id: \(claimed.id)",
            "webhook-timestamp: \(timestamp)",
            "webhook-signature: \(signer.signature(id: claimed.id, timestamp: timestamp, body: claimed.payload))",
        ]
        switch poster.post(url: checked.text, pin: pin, headers: headers, body: claimed.payload, abort: stopSignal) {
        case .aborted:
            return .abandoned
        case .answered(let status) where (200...299).contains(status):
            return AttemptReport(outcome: .delivered, statusCode: status, error: nil)
        case .answered(let status):
            return AttemptReport(outcome: .httpError, statusCode: status, error: "the receiver answered HTTP \(status)")
        case .timedOut(let message):
            return AttemptReport(outcome: .timeout, statusCode: nil, error: message)
        case .failed(let message):
            return AttemptReport(outcome: .connectionError, statusCode: nil, error: message)
        }
    }
}
