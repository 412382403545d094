import Accounts
import HTTPServer
import Quotas

/// Body admission for upload routes: decides from the request head alone, before one body byte
/// is read, who is uploading and how large the upload may be.
///
/// It authenticates the bearer token, charges the request to its rate-limit bucket (the
/// `RateLimiting` middleware then does not charge it again), and sets the body limit to the
/// account's effective `upload_bytes`. A declared `Content-Length` over that limit is refused at
/// once; a chunked or lying body is cut off the moment it passes the limit. Both answer 413
/// `plan_limit` with `limit: "upload_bytes"`, `allowed`, `requested` (bytes declared or received so
/// far), `plan` and `upgrade_to`, plus the RateLimit headers, and the connection is closed. A client
/// waiting on `Expect: 100-continue` is refused without sending its body.
///
/// Register upload routes in the authenticated group with its options:
///
///     let uploads = UploadAdmission(authenticated: stack, quotas: quotas)
///     v1.post("/assets", options: uploads.routeOptions(requiring: "assets:write")) { request in … }
public struct UploadAdmission: Sendable {
    let authentication: BearerAuthentication
    let rateLimiting: RateLimiting?
    let quotas: QuotaService

    /// - Parameters:
    ///   - authenticated: the same stack the route's group uses (its authentication and rate limit).
    ///   - quotas: where `upload_bytes` comes from (cached ≤ 1 s, so a plan change applies within a second).
    public init(authenticated: AuthenticatedRoutes, quotas: QuotaService) {
        authentication = authenticated.authentication
        rateLimiting = authenticated.rateLimiting
        self.quotas = quotas
    }

    /// Route options whose `admitBody` is `admit(_:requiring:)`; handlers run on the worker pool.
    ///
    /// - Parameter scope: an API-key scope the upload needs (checked before the body is read).
    public func routeOptions(requiring scope: String? = nil) -> RouteOptions {
        RouteOptions(execution: .worker, admitBody: { request in try admit(request, requiring: scope) })
    }

    /// The admission decision for one upload (what `routeOptions` runs on a worker thread).
    ///
    /// - Throws: `HTTPError` only (body admission renders nothing else): 401/403 from
    ///   authentication or scope, 429 `rate_limited`, 413 `plan_limit`, 503/500 from storage.
    public func admit(_ request: Request, requiring scope: String? = nil) throws -> BodyAdmission {
        var decision: RateLimitDecision?
        do {
            var request = request
            let principal = try authentication.principal(of: request)
            request.context[AuthenticatedPrincipal.self] = principal
            decision = try rateLimiting?.decide(for: principal)
            if let decision { try decision.check() }
            if let scope { _ = try request.principal(requiring: scope) }

            let account = principal.accountID.rawValue
            let limit = try quotas.uploadLimit(account: account)
            if let declared = request.headers["content-length"].flatMap({ Int64($0) }), declared > limit {
                try quotas.checkUpload(account: account, bytes: declared)
            }
            // Built now, on the worker: the cut-off happens on an I/O thread that must not read the database.
            let refusal = try overLimitRefusal(account: account, limit: limit)
            let charged = decision
            var context = request.context
            context[AppliedRateLimit.self] = decision
            return BodyAdmission(maxBodyBytes: limit, context: context) { _, received in
                var error = refusal
                error.extensions["requested"] = .integer(received)
                return charged.map { error.withRateLimit($0) } ?? error
            }
        } catch {
            let problem: HTTPError
            switch error {
            case let http as HTTPError: problem = http
            case let convertible as HTTPErrorConvertible: problem = convertible.httpError
            default: throw error
            }
            throw decision.map { problem.withRateLimit($0) } ?? problem
        }
    }

    /// The `plan_limit` problem for a body one byte over `limit` (with the plan that would allow it).
    private func overLimitRefusal(account: String, limit: Int64) throws -> HTTPError {
        do {
            try quotas.checkUpload(account: account, bytes: limit + 1)
        } catch let error as QuotaError {
            if case .planLimit = error { return error.httpError }
            throw error
        }
        // Unreachable while uploadLimit and checkUpload agree; answer the plain 413 rather than trust it.
        return .contentTooLarge(limit: limit)
    }
}
