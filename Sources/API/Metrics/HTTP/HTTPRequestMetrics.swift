import Foundation
import HTTPServer

/// Request counts and latency histograms by method, route template and status, for `/metrics`.
///
/// Recording happens on the I/O thread at the end of every response, so it must cost next to
/// nothing: each event loop writes to its own stripe (its lock is uncontended except during a
/// scrape), and a scrape merges the stripes. Hand one instance to `ServerConfiguration.requestMetrics`
/// and register its `collector`.
public final class HTTPRequestMetrics: RequestMetricsRecorder {
    /// Upper bounds in seconds of `stylify_http_request_duration_seconds` (`+Inf` is implied).
    public static let defaultBuckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
    /// The route label of a response no route produced (404, 405, CORS preflight, parse errors).
    public static let unmatchedRoute = RouteLabel.unmatched
    /// The route label of the web app's static files.
    public static let staticRoute = RouteLabel.staticFiles

    /// One series: method, route template and status.
    public struct Key: Hashable, Sendable {
        public let method: String
        public let route: String
        public let status: Int
    }

    let upperBounds: [Double]
    private let boundsNanoseconds: [UInt64]
    private let stripes: [Stripe]

    /// - Parameters:
    ///   - stripes: independent shards; event loop `i` records into stripe `i % stripes`.
    ///   - buckets: ascending upper bounds in seconds.
    public init(stripes: Int = 16, buckets: [Double] = HTTPRequestMetrics.defaultBuckets) {
        precondition(zip(buckets, buckets.dropFirst()).allSatisfy { $0 < $1 }, "bucket bounds must ascend")
        precondition(buckets.allSatisfy { $0 > 0 && $0.isFinite }, "bucket bounds must be positive and finite")
        upperBounds = buckets
        boundsNanoseconds = buckets.map { UInt64(($0 * 1e9).rounded()) }
        self.stripes = (0..<max(1, stripes)).map { _ in Stripe(buckets: buckets.count + 1) }
    }

    /// Counts one finished response. The method is reduced to the ones the server recognises
    /// (anything else is `other`) so that clients cannot mint label values.
    public func record(stripe: Int, method: HTTPMethod, route: String, status: Int, nanoseconds: UInt64) {
        var bucket = 0
        while bucket < boundsNanoseconds.count, nanoseconds > boundsNanoseconds[bucket] { bucket += 1 }
        stripes[stripe % stripes.count].add(method: method, route: route, status: status, bucket: bucket, nanoseconds: nanoseconds)
    }

    /// The recognised methods (`HTTPMethod.known`) label themselves; anything else (answered 501,
    /// or unknown because the request failed before its head was read) is `other`.
    static func methodLabel(_ method: HTTPMethod) -> String {
        HTTPMethod.known.contains(method) ? method.rawValue : "other"
    }

    /// Every series so far, merged over the stripes: one histogram (durations in seconds) per key;
    /// its `count` is the series' request count.
    public func snapshot() -> [Key: HistogramSnapshot] {
        var merged: [Key: (buckets: [UInt64], nanoseconds: UInt64)] = [:]
        for stripe in stripes {
            stripe.forEach { key, counts, nanoseconds in
                var entry = merged[key] ?? (Array(repeating: 0, count: counts.count), 0)
                for index in counts.indices { entry.buckets[index] &+= counts[index] }
                entry.nanoseconds &+= nanoseconds
                merged[key] = entry
            }
        }
        return merged.mapValues {
            HistogramSnapshot(upperBounds: upperBounds, perBucket: $0.buckets, sum: Double($0.nanoseconds) / 1e9)
        }
    }
}
