import Storage

/// Everything the Quotas domain refuses. Each case documents its `ErrorCategory` and `code`
/// (`QuotaError+Domain.swift`; the API alone maps categories to statuses) and carries the values
/// a client needs: which limit, its value, what was asked for, the plan and the smallest plan
/// that would allow it.
public enum QuotaError: Error, Sendable, Equatable {
    /// tooLarge (`upload_bytes`) or invalid (every other limit) `plan_limit`: one input is larger than the
    /// account's effective limit. `upgradeTo` is the smallest plan allowing the whole request, nil
    /// when no plan does.
    case planLimit(limit: LimitName, allowed: Int64, requested: Int64, plan: String, upgradeTo: String?)
    /// quotaExceeded `quota_exceeded`: an allowance that is used up over time (monthly frames, custom
    /// filters, stored bytes) has too little left: `used` (including frames held by running
    /// work) + `requested` > `allowed`.
    case quotaExceeded(limit: LimitName, used: Int64, allowed: Int64, requested: Int64, plan: String, upgradeTo: String?)
    /// rateLimited `concurrency_limit`: the account already runs `allowed` jobs; retry when one finishes.
    case concurrencyLimit(allowed: Int64, running: Int64, plan: String, upgradeTo: String?)
    /// rateLimited `rate_limited`, retry after `retryAfter` seconds: the key's request bucket is empty.
    case rateLimited(limit: Int64, retryAfter: Int)
    /// notFound `not_found`: no account with this id.
    case unknownAccount(String)
    /// notFound `not_found` (operator input: exit 65): no plan with this name.
    case unknownPlan(String)
    /// Operator input (exit 64): not a limit name.
    case unknownLimit(String)
    /// Operator input (exit 64): a limit value that is negative, not a whole number, or too large.
    case invalidLimitValue(limit: LimitName, value: String, reason: String)
    /// Operator input (exit 65): a plan name must be 1–32 characters `a-z 0-9 _ -`, starting with a letter.
    case invalidPlanName(String)
    /// Operator input (exit 65): `plans create` with a name that exists.
    case planExists(String)
    /// invalid `invalid_period` / exit 64: a period is written `YYYY-MM`.
    case invalidPeriod(String)
    /// invalid `invalid_measurement`: a probe reported a negative or zero size (the media is broken;
    /// callers normally refuse it before asking).
    case invalidMeasurement(name: String, value: Int64)
    /// notFound `not_found`: the reservation is unknown, or already committed, released or
    /// expired and can no longer be renewed or released.
    case reservationNotFound(String)
    /// forbidden `model_not_in_plan` (param `model`): the plan does not allow this model; `allowed`
    /// are the models it does, `upgradeTo` the first plan (by name) allowing it, if any.
    case modelNotInPlan(model: String, plan: String, allowed: [String], upgradeTo: String?)
    /// Operator input (exit 64): `--models` names a model this version does not know, or none.
    case invalidModels(given: String, known: [String])
    /// forbidden `email_unverified` (limit `unverified_frames`): a free account none of whose users
    /// has verified an e-mail address may render only `allowed` frames in all; `used` (held
    /// frames included) + `requested` would pass that.
    case emailUnverified(allowed: Int64, used: Int64, requested: Int64)
    /// As the `StorageError` reports itself: unavailable `busy`, internalFailure `internal` otherwise.
    case storage(StorageError)
}

extension QuotaError {
    /// Runs a storage operation, wrapping `StorageError` so callers see one error type.
    static func wrapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StorageError {
            throw QuotaError.storage(error)
        }
    }
}
