import Foundation
import Webhooks

/// The floor a durable dispatcher is compared to: signed POSTs through the same libcurl settings,
/// one after another on one thread, with no database, no claim and no record.
public enum RawPostLoop {
    /// Signs and POSTs `body` to `url` `count` times; returns the wall time and how many got a 2xx.
    public static func run(url: String, secret: String, body: [UInt8], count: Int,
                           configuration: WebhookConfiguration = WebhookConfiguration()) throws -> (seconds: Double, delivered: Int) {
        let signer = try WebhookSigner(secret: secret)
        let poster = HTTPPoster(
            connectTimeout: configuration.connectTimeout, totalTimeout: configuration.totalTimeout,
            maxResponseBytes: configuration.maxResponseBytes, userAgent: configuration.userAgent)
        let start = Date()
        var delivered = 0
        for index in 0..<count {
            let id = "msg_bench\(index)"
            let timestamp = Int64(Date().timeIntervalSince1970)
            let headers = [
                "content-type: application/json", "webhook-id: \(id)", "webhook-timestamp: \(timestamp)",
                "webhook-signature: \(signer.signature(id: id, timestamp: timestamp, body: body))",
            ]
            if case .answered(let status) = poster.post(url: url, pin: nil, headers: headers, body: body), (200...299).contains(status) {
                delivered += 1
            }
        }
        return (Date().timeIntervalSince(start), delivered)
    }
}
