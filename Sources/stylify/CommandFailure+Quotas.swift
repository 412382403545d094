import ArgumentParser
import Quotas

extension CommandFailure {
    /// Malformed operator input (a limit name, a value, a period) is a usage error (64); a name
    /// that does not match anything stored (account, plan) or a clash is bad data (65).
    init(quota error: QuotaError) {
        switch error {
        case .storage(let storage):
            self.init(storage)
        case .unknownLimit, .invalidLimitValue, .invalidPeriod:
            self.init(message: error.description, code: .validationFailure)
        default:
            self.init(message: error.description, code: .dataError)
        }
    }
}
