import Accounts
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
