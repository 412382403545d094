import Filters
import Quotas

// Filters and assets errors as HTTP problems. `FiltersError` already names its status, `code`
// and `param` (table in Docs/Filters.md); this file only renders them, so the two cannot drift.

extension FiltersError: HTTPErrorConvertible {
    /// The problem for this error. Plan refusals carry the limit's value (`limit`) and what is
    /// already used (`used`); a busy database asks the client to retry.
    public var httpError: HTTPError {
        var error = HTTPError(HTTPStatus(code: status), code: code, detail: description, param: param)
        switch self {
        case .quota(let quota):
            let problem = quota.problem
            error.limit = problem.allowed
            error.used = problem.used
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
