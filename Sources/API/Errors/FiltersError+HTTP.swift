import Filters
import Quotas

// Filters and assets errors as HTTP problems. `FiltersError` already names its status, `code`
// and `param` (table in Docs/Filters.md); this file only renders them, so the two cannot drift.

extension FiltersError: HTTPErrorConvertible {
    /// The problem for this error. Plan refusals render as every quota refusal does
    /// (`QuotaError.httpError`); a busy database asks the client to retry.
    public var httpError: HTTPError {
        if case .quota(let quota) = self { return quota.httpError }
        var error = HTTPError(HTTPStatus(code: status), code: code, detail: description, param: param)
        switch self {
        case .storage(.busy):
            error.headers.set("Retry-After", "1")
        case .diskFull:
            error.headers.set("Retry-After", "60")
        default:
            break
        }
        return error
    }
}
