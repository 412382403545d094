import Accounts
import Common
import Filters
import HTTPServer
import Jobs
import Quotas
import Storage
import Stylizations
import Webhooks

// The one place where domain errors become HTTP problems: the status of each category, the
// `Retry-After` header of a retryable refusal, and the members of the RFC 9457 document.
// Domains throw `DomainError`s that know no HTTP; handlers simply rethrow them, and the responder
// renders them through `HTTPErrorConvertible`. The table is in Docs/Errors.md.

extension ErrorCategory {
    /// The status a refusal of this category answers with.
    public var status: HTTPStatus {
        switch self {
        case .malformed: .badRequest
        case .unauthenticated: .unauthorized
        case .quotaExceeded: .paymentRequired
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .gone: .gone
        case .tooLarge: .contentTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .invalid: .unprocessableContent
        case .rateLimited: .tooManyRequests
        case .unavailable: .serviceUnavailable
        case .insufficientStorage: .insufficientStorage
        case .internalFailure: .internalServerError
        }
    }
}

extension HTTPError {
    /// The problem for a domain error: its category's status, `code`, `detail`, `param`, its
    /// members (`limit`, `allowed`, `plan`, …) and, where waiting helps, `Retry-After`.
    public init(_ error: some DomainError) {
        self.init(error.category.status, code: error.code, detail: error.detail, param: error.param)
        for (name, value) in error.members {
            switch value {
            case .string(let text): extensions[name] = .string(text)
            case .integer(let number): extensions[name] = .integer(number)
            case .strings(let names): extensions[name] = .strings(names)
            }
        }
        if let seconds = error.retryAfter { headers.set("Retry-After", String(seconds)) }
    }
}

extension HTTPErrorConvertible where Self: DomainError {
    public var httpError: HTTPError { HTTPError(self) }
}

extension StorageError: HTTPErrorConvertible {}
extension QuotaError: HTTPErrorConvertible {}
extension FiltersError: HTTPErrorConvertible {}
extension JobError: HTTPErrorConvertible {}
extension WebhooksError: HTTPErrorConvertible {}
extension RemoteFetchError: HTTPErrorConvertible {}
extension StylizationError: HTTPErrorConvertible {}
extension BatchError: HTTPErrorConvertible {}

extension AccountsError: HTTPErrorConvertible {
    /// As every domain error, and a refused bearer token names the scheme and the reason
    /// (RFC 6750 §3).
    public var httpError: HTTPError {
        var error = HTTPError(self)
        if isTokenRefusal { error.headers.set("WWW-Authenticate", BearerChallenge.invalidToken) }
        return error
    }
}
