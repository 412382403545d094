import Foundation

/// A blocking S3 client over libcurl: objects (PUT, GET, ranged GET, HEAD, DELETE), listings
/// (ListObjectsV2, ListMultipartUploads) and multipart uploads, signed with Signature Version 4.
///
/// Every request is retried with exponential backoff and jitter on connection errors, timeouts,
/// broken transfers, 5xx and `SlowDown`, up to `configuration.retry.maxAttempts` attempts, and
/// signed afresh for each attempt. Redirects are never followed: a 301 names the bucket's real
/// region, which becomes `S3Error.wrongRegion`.
public struct S3Client: Sendable {
    public let configuration: S3Configuration
    let signer: SigV4Signer
    let session: CurlSession

    public init(configuration: S3Configuration) {
        self.configuration = configuration
        signer = SigV4Signer(credentials: configuration.credentials, region: configuration.region)
        session = CurlSession(settings: .init(connectTimeout: configuration.timeouts.connect,
                                              stallTimeout: configuration.timeouts.stall,
                                              requestTimeout: configuration.timeouts.request))
    }

    /// One S3 request before signing.
    struct Request {
        /// Names the request in errors ("PUT object", "list objects").
        let operation: String
        let method: String
        /// The object key, or nil for a request on the bucket.
        let key: String?
        var query: [SigV4Request.Field] = []
        var headers: [SigV4Request.Field] = []
        var body: HTTPExchange.Body = .empty
        var payload: SigV4Payload = .empty
        /// CompleteMultipartUpload may answer 200 and still fail, with an error document.
        var errorMayComeWith200 = false
    }

    /// The host and the path (not yet encoded) for `key`, by the configured addressing.
    func location(of key: String?) -> (host: String, path: String) {
        let bucket = configuration.bucket
        switch configuration.addressing {
        case .path:
            return (configuration.endpoint.host, key.map { "/\(bucket)/\($0)" } ?? "/\(bucket)")
        case .virtual:
            return ("\(bucket).\(configuration.endpoint.host)", "/" + (key ?? ""))
        }
    }

    /// The signed exchange for `request` at `date`: the URL is built with the signer's own
    /// encoding, and the `Host` header is sent as it was signed.
    func exchange(for request: Request, date: Date) -> HTTPExchange {
        let (host, path) = location(of: request.key)
        let endpoint = configuration.endpoint
        let authority = endpoint.authority(host: host.contains(":") ? "[\(host)]" : host)
        let unsigned = SigV4Request(method: request.method, path: path, query: request.query,
                                    headers: [.init("Host", authority)] + request.headers)
        let signed = signer.sign(unsigned, payload: request.payload, date: date)
        let query = request.query.isEmpty ? "" : "?" + SigV4Encoding.canonicalQuery(request.query)
        let url = "\(endpoint.scheme)://\(authority)\(SigV4Encoding.path(path))\(query)"
        return HTTPExchange(method: request.method, url: url, headers: signed.headers.map { "\($0.name): \($0.value)" }, body: request.body)
    }

    /// Sends `request`, retrying what is worth retrying; returns the first answer that is not.
    /// Answers that are final but unsuccessful (403, 404, 412, …) are returned for the caller to
    /// judge; a retry budget spent on failures throws.
    ///
    /// - Throws: `S3Error` (`.unreachable`, `.timedOut`, `.interrupted`, `.unavailable`,
    ///   `.local`), or what `sink` failed with (a full local disk).
    func execute(_ request: Request, sink: ResponseSink? = nil) throws -> HTTPResult {
        let policy = configuration.retry
        var lastFailure: S3Error = .local("no attempt was made")
        for attempt in 1...policy.maxAttempts {
            if attempt > 1 { try sink?.reset() }
            let outcome = session.perform(exchange(for: request, date: Date()), sink: sink)
            var wait = policy.delay(after: attempt)
            switch outcome {
            case .success(let result):
                let code = result.isSuccess && !request.errorMayComeWith200 ? nil : S3ErrorDocument(result.body)?.code
                guard Self.isRetryable(status: result.status, code: code) else { return result }
                lastFailure = .unavailable(status: result.status, code: code, attempts: attempt)
                if let after = result.headers["retry-after"].flatMap(TimeInterval.init) {
                    wait = max(wait, min(after, policy.maxDelay))
                }
            case .failure(let failure):
                if let sinkFailure = sink?.failure { throw sinkFailure }
                let endpoint = configuration.endpoint.description
                switch failure {
                case .connect(let detail): lastFailure = .unreachable(endpoint: endpoint, detail: detail, attempts: attempt)
                case .timeout(let detail): lastFailure = .timedOut(endpoint: endpoint, detail: detail, attempts: attempt)
                case .interrupted(let detail): lastFailure = .interrupted(detail: detail, attempts: attempt)
                case .other(let detail): throw S3Error.local(detail)
                }
            }
            if attempt < policy.maxAttempts { Thread.sleep(forTimeInterval: wait) }
        }
        throw lastFailure
    }

    /// 5xx, and the throttling and timeout codes S3 sends with 4xx or 200.
    static func isRetryable(status: Int, code: String?) -> Bool {
        if [500, 502, 503, 504].contains(status) { return true }
        // 507 is a full store, not a busy one: retrying would only fill the log.
        guard let code else { return false }
        return ["SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable", "Throttling", "ThrottlingException"].contains(code)
    }

    /// The typed error for a final unsuccessful answer.
    func failure(_ result: HTTPResult, operation: String, key: String?) -> S3Error {
        S3ErrorDocument(result.body).map { document in
            document.error(status: result.status, headers: result.headers, operation: operation, configuration: configuration, key: key)
        } ?? S3ErrorDocument.error(status: result.status, headers: result.headers, operation: operation, configuration: configuration, key: key)
    }

    /// The full object key for messages: `bucket/key`.
    func resource(_ key: String?) -> String {
        key.map { "\(configuration.bucket)/\($0)" } ?? configuration.bucket
    }
}
