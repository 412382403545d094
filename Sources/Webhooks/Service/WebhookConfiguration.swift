import Foundation

/// How webhooks are checked and delivered. The defaults are production's; tests shorten the
/// schedule and timeouts and allow loopback receivers.
public struct WebhookConfiguration: Sendable {
    /// Allow private, loopback and other internal receiver addresses (`serve --webhooks-allow-private`).
    public var allowsPrivateAddresses: Bool
    /// When failed deliveries are retried (Standard Webhooks' schedule by default).
    public var retrySchedule: RetrySchedule
    /// TCP (and TLS) connect timeout of one attempt.
    public var connectTimeout: TimeInterval
    /// Whole-exchange timeout of one attempt.
    public var totalTimeout: TimeInterval
    /// Response bytes read (then discarded) before the connection is dropped.
    public var maxResponseBytes: Int
    /// Endpoints one account may register.
    public var maxEndpointsPerAccount: Int
    /// Threads sending deliveries.
    public var dispatcherThreads: Int
    /// The `user-agent` header.
    public var userAgent: String
    /// How long delivered and failed deliveries (and their events) are kept, for
    /// `GET /v1/webhooks/{id}/deliveries` and the metrics, before the dispatcher removes them.
    public var deliveryRetention: TimeInterval

    public init(
        allowsPrivateAddresses: Bool = false, retrySchedule: RetrySchedule = .standard, connectTimeout: TimeInterval = 5,
        totalTimeout: TimeInterval = 15, maxResponseBytes: Int = 64 * 1024, maxEndpointsPerAccount: Int = 16,
        dispatcherThreads: Int = 2, userAgent: String = "Stylify-Webhooks/1", deliveryRetention: TimeInterval = 30 * 86_400
    ) {
        self.allowsPrivateAddresses = allowsPrivateAddresses
        self.retrySchedule = retrySchedule
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxResponseBytes = maxResponseBytes
        self.maxEndpointsPerAccount = maxEndpointsPerAccount
        self.dispatcherThreads = max(1, dispatcherThreads)
        self.userAgent = userAgent
        self.deliveryRetention = max(0, deliveryRetention)
    }

    /// How long a claimed delivery is held before another process may send it again: longer
    /// than any attempt can last, so a live attempt is never duplicated.
    var claimLease: TimeInterval { connectTimeout + totalTimeout + 15 }

    /// How often a dispatcher removes what passed `deliveryRetention`: hourly, or sooner when the
    /// retention is shorter (tests).
    var purgeInterval: TimeInterval { min(3600, max(deliveryRetention, 0.05)) }
}
