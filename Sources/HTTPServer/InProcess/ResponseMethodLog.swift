import Common

/// Notes the method of every response the connection finishes, in order, so that the in-process
/// client knows which responses answered HEAD (they carry `Content-Length` but no body), then passes
/// the record on to the configured recorder, if any.
final class ResponseMethodLog: RequestMetricsRecorder {
    private let next: (any RequestMetricsRecorder)?
    private let methods = Locked<[HTTPMethod]>([])

    init(forwardingTo next: (any RequestMetricsRecorder)?) {
        self.next = next
    }

    func record(stripe: Int, method: HTTPMethod, route: String, status: Int, nanoseconds: UInt64) {
        methods.withLock { $0.append(method) }
        next?.record(stripe: stripe, method: method, route: route, status: status, nanoseconds: nanoseconds)
    }

    /// The method of the `index`th final response, once it has been written.
    func method(ofResponse index: Int) -> HTTPMethod? {
        methods.withLock { index < $0.count ? $0[index] : nil }
    }
}
