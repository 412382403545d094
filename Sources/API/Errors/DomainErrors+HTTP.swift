import Accounts
import Quotas
import Storage

// The one place where domain errors become HTTP problems. Handlers simply rethrow what the
// domain throws; the responder renders it through `HTTPErrorConvertible`.

extension AccountsError: HTTPErrorConvertible {
    /// The problem for this error: status, stable `code`, a client-safe `detail` and the `param`
    /// at fault (see the table in Docs/Storage-and-Accounts.md).
    public var httpError: HTTPError {
        switch self {
        case .invalidEmail:
            return HTTPError(.unprocessableContent, code: code, detail: description, param: "email")
        case .invalidPassword:
            return HTTPError(.unprocessableContent, code: code, detail: description, param: "password")
        case .invalidName:
            return HTTPError(.unprocessableContent, code: code, detail: description, param: "name")
        case .invalidScope:
            return HTTPError(.unprocessableContent, code: code, detail: description, param: "scopes")
        case .scopeNotHeld:
            return HTTPError(.forbidden, code: code, detail: description, param: "scopes")
        case .emailTaken:
            return HTTPError(.conflict, code: code, detail: description, param: "email")
        case .invalidCredentials:
            return HTTPError(.unauthorized, code: code, detail: description)
        case .tooManyAttempts(let seconds):
            return HTTPError(.tooManyRequests, code: code, detail: description, headers: ["Retry-After": String(seconds)])
        case .malformedToken, .invalidToken:
            // RFC 6750 §3: a refused bearer token names the scheme and the reason.
            return HTTPError(
                .unauthorized, code: code, detail: description,
                headers: ["WWW-Authenticate": BearerChallenge.invalidToken])
        case .accountSuspended:
            return HTTPError(.forbidden, code: code, detail: description)
        case .notFound:
            return HTTPError(.notFound, code: code, detail: description)
        case .apiKeyLimitReached(let limit):
            return HTTPError(.conflict, code: code, detail: description, limit: Int64(limit))
        case .cryptoFailure:
            return HTTPError(.internalServerError, code: code, detail: description)
        case .storage(let error):
            return error.httpError
        }
    }
}

extension StorageError: HTTPErrorConvertible {
    /// 503 `busy` (retry shortly) when another writer held the lock too long; anything else is a
    /// 500 `internal` whose detail never shows paths or SQL.
    public var httpError: HTTPError {
        if case .busy = self {
            return HTTPError(
                .serviceUnavailable, code: "busy", detail: "The service is busy; try again.",
                headers: ["Retry-After": "1"])
        }
        return HTTPError(.internalServerError, code: "internal", detail: "Internal error.")
    }
}

extension QuotaError: HTTPErrorConvertible {
    /// The problem for this error: the status and `code` the Quotas module assigns (413/422
    /// `plan_limit`, 402 `quota_exceeded`, 429 `concurrency_limit` / `rate_limited`, …), its
    /// `detail` sentence and the members a client needs to react: `limit` (the limit's name),
    /// `allowed`, `requested`, `used`, `plan`, `upgrade_to`, `retry_after` (absent ones omitted).
    /// Storage failures render exactly as `StorageError` does, hiding internals.
    public var httpError: HTTPError {
        if case .storage(let error) = self { return error.httpError }
        let problem = self.problem
        var error = HTTPError(HTTPStatus(code: status), code: code, detail: description)
        if let retryAfter { error.headers.add("Retry-After", String(retryAfter)) }
        if let limit = problem.limit { error.extensions["limit"] = .string(limit) }
        if let allowed = problem.allowed { error.extensions["allowed"] = .integer(allowed) }
        if let requested = problem.requested { error.extensions["requested"] = .integer(requested) }
        if let used = problem.used { error.extensions["used"] = .integer(used) }
        if let plan = problem.plan { error.extensions["plan"] = .string(plan) }
        if let upgradeTo = problem.upgradeTo { error.extensions["upgrade_to"] = .string(upgradeTo) }
        if let retryAfter = problem.retryAfter { error.extensions["retry_after"] = .integer(Int64(retryAfter)) }
        return error
    }
}
