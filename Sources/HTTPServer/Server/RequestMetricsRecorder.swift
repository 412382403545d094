/// Receives every finished response, for metrics: its method, route label, status and the time
/// from the first byte of the request to the last byte of the response. Called on the I/O thread
/// that wrote the response, so it must not block; `stripe` is that thread's index, for recorders
/// that keep one shard per thread to stay uncontended.
public protocol RequestMetricsRecorder: Sendable {
    func record(stripe: Int, method: HTTPMethod, route: String, status: Int, nanoseconds: UInt64)
}

/// The `route` a response is recorded under: the matched route's template, or one of these.
public enum RouteLabel {
    /// A response no route produced (404, 405, CORS preflight, parse errors).
    public static let unmatched = "unmatched"
    /// The web app's static files.
    public static let staticFiles = "static"
}
