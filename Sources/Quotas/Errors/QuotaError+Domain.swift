import Common

/// How each quota refusal reaches a client: its category (`plan_limit` on `upload_bytes` is
/// `tooLarge`, on every other limit `invalid`), stable `code` and the extra members a client
/// needs to react (`limit`, `allowed`, `requested`, `used`, `plan`, `upgrade_to`, `retry_after`).
extension QuotaError: DomainError {
    public var category: ErrorCategory {
        switch self {
        case .planLimit(let limit, _, _, _, _): limit == .uploadBytes ? .tooLarge : .invalid
        case .quotaExceeded: .quotaExceeded
        case .concurrencyLimit, .rateLimited: .rateLimited
        case .unknownAccount, .unknownPlan, .reservationNotFound: .notFound
        case .unknownLimit, .invalidLimitValue, .invalidPlanName, .invalidPeriod, .invalidMeasurement: .invalid
        case .planExists: .conflict
        case .modelNotInPlan: .forbidden
        case .invalidModels: .invalid
        case .emailUnverified: .forbidden
        case .storage(let error): error.category
        }
    }

    /// `model` for a model the plan does not include; the other refusals name their limit instead.
    public var param: String? {
        if case .modelNotInPlan = self { return "model" }
        return nil
    }

    public var detail: String {
        if case .storage(let error) = self { return error.detail }
        return description
    }

    /// `problem`'s members, absent ones omitted.
    public var members: [String: ErrorMember] {
        let problem = self.problem
        var members: [String: ErrorMember] = [:]
        if let limit = problem.limit { members["limit"] = .string(limit) }
        if let allowed = problem.allowed { members["allowed"] = .integer(allowed) }
        if let requested = problem.requested { members["requested"] = .integer(requested) }
        if let used = problem.used { members["used"] = .integer(used) }
        if let plan = problem.plan { members["plan"] = .string(plan) }
        if let upgradeTo = problem.upgradeTo { members["upgrade_to"] = .string(upgradeTo) }
        if let retryAfter = problem.retryAfter { members["retry_after"] = .integer(Int64(retryAfter)) }
        if case .modelNotInPlan(_, _, let allowed, _) = self { members["allowed_models"] = .strings(allowed) }
        return members
    }

    /// A stable machine-readable code.
    public var code: String {
        switch self {
        case .planLimit: "plan_limit"
        case .quotaExceeded: "quota_exceeded"
        case .concurrencyLimit: "concurrency_limit"
        case .rateLimited: "rate_limited"
        case .unknownAccount, .unknownPlan, .reservationNotFound: "not_found"
        case .unknownLimit: "unknown_limit"
        case .invalidLimitValue: "invalid_limit_value"
        case .invalidPlanName: "invalid_plan_name"
        case .planExists: "plan_exists"
        case .invalidPeriod: "invalid_period"
        case .invalidMeasurement: "invalid_measurement"
        case .modelNotInPlan: "model_not_in_plan"
        case .invalidModels: "invalid_models"
        case .emailUnverified: "email_unverified"
        case .storage(.busy): "busy"
        case .storage: "internal"
        }
    }

    /// Seconds after which a retry may succeed, where waiting helps.
    public var retryAfter: Int? {
        switch self {
        case .rateLimited(_, let seconds): seconds
        case .storage(let error): error.retryAfter
        default: nil
        }
    }

    /// The members a refusal's report adds to its `code` and `detail`, ready to encode
    /// (snake_case keys, absent members omitted).
    public var problem: QuotaProblem {
        switch self {
        case .planLimit(let limit, let allowed, let requested, let plan, let upgradeTo):
            QuotaProblem(code: code, limit: limit.rawValue, allowed: allowed, requested: requested, plan: plan, upgradeTo: upgradeTo)
        case .quotaExceeded(let limit, let used, let allowed, let requested, let plan, let upgradeTo):
            QuotaProblem(code: code, limit: limit.rawValue, allowed: allowed, requested: requested, used: used, plan: plan, upgradeTo: upgradeTo)
        case .concurrencyLimit(let allowed, let running, let plan, let upgradeTo):
            QuotaProblem(code: code, limit: LimitName.concurrentJobs.rawValue, allowed: allowed, requested: running + 1, used: running, plan: plan, upgradeTo: upgradeTo)
        case .rateLimited(let limit, let retryAfter):
            QuotaProblem(code: code, limit: LimitName.requestsPerMinute.rawValue, allowed: limit, retryAfter: retryAfter)
        case .invalidLimitValue(let limit, _, _):
            QuotaProblem(code: code, limit: limit.rawValue)
        case .modelNotInPlan(_, let plan, _, let upgradeTo):
            QuotaProblem(code: code, plan: plan, upgradeTo: upgradeTo)
        case .emailUnverified(let allowed, let used, let requested):
            QuotaProblem(code: code, limit: QuotaService.unverifiedFramesLimit, allowed: allowed, requested: requested, used: used)
        default:
            QuotaProblem(code: code)
        }
    }
}

/// Problem-details members of a quota refusal, e.g.
/// `{"code":"plan_limit","limit":"image_long_side","allowed":1024,"requested":3000,"plan":"free","upgrade_to":"premium"}`.
public struct QuotaProblem: Sendable, Equatable, Codable {
    public var code: String
    /// The limit's name.
    public var limit: String?
    /// The limit's value for this account.
    public var allowed: Int64?
    /// What the request asked for (for an allowance: what it would add).
    public var requested: Int64?
    /// What is already used (allowances only).
    public var used: Int64?
    /// The account's plan.
    public var plan: String?
    /// The smallest plan that would allow the request; absent when none would.
    public var upgradeTo: String?
    /// Seconds until a retry can succeed.
    public var retryAfter: Int?

    public init(code: String, limit: String? = nil, allowed: Int64? = nil, requested: Int64? = nil, used: Int64? = nil,
                plan: String? = nil, upgradeTo: String? = nil, retryAfter: Int? = nil) {
        self.code = code
        self.limit = limit
        self.allowed = allowed
        self.requested = requested
        self.used = used
        self.plan = plan
        self.upgradeTo = upgradeTo
        self.retryAfter = retryAfter
    }

    enum CodingKeys: String, CodingKey {
        case code, limit, allowed, requested, used, plan
        case upgradeTo = "upgrade_to"
        case retryAfter = "retry_after"
    }
}

extension QuotaError: CustomStringConvertible {
    /// A sentence safe to show to the client or the operator (storage details are summarised).
    public var description: String {
        switch self {
        case .planLimit(let limit, let allowed, let requested, let plan, let upgradeTo):
            "The \(plan) plan allows \(limit.rawValue) up to \(LimitValue.format(allowed, for: limit)); this request needs \(LimitValue.format(requested, for: limit))."
                + (upgradeTo.map { " The \($0) plan allows it." } ?? "")
        case .quotaExceeded(let limit, let used, let allowed, let requested, let plan, let upgradeTo):
            "The \(plan) plan allows \(limit.rawValue) of \(LimitValue.format(allowed, for: limit)); \(LimitValue.format(used, for: limit)) used, this request needs \(LimitValue.format(requested, for: limit)) more."
                + (upgradeTo.map { " The \($0) plan allows it." } ?? "")
        case .concurrencyLimit(let allowed, let running, let plan, let upgradeTo):
            "The \(plan) plan runs \(allowed) job\(allowed == 1 ? "" : "s") at once and \(running) \(running == 1 ? "is" : "are") running; retry when one finishes."
                + (upgradeTo.map { " The \($0) plan runs more." } ?? "")
        case .rateLimited(let limit, let retryAfter):
            "Rate limit of \(limit) requests per minute exceeded; retry in \(retryAfter) s."
        case .unknownAccount(let id): "No such account \(id)."
        case .unknownPlan(let name): "No such plan \(name)."
        case .unknownLimit(let name):
            "Unknown limit \"\(name)\"; limits are \(LimitName.allCases.map(\.rawValue).joined(separator: ", "))."
        case .invalidLimitValue(let limit, let value, let reason):
            "Invalid value \"\(value)\" for \(limit.rawValue): \(reason)."
        case .invalidPlanName(let name):
            "Invalid plan name \"\(name)\": use 1 to 32 characters a-z, 0-9, _ or -, starting with a letter."
        case .planExists(let name): "A plan named \(name) already exists."
        case .invalidPeriod(let text): "Invalid period \"\(text)\": write a UTC calendar month as YYYY-MM."
        case .invalidMeasurement(let name, let value): "Invalid \(name) \(value): must be positive."
        case .modelNotInPlan(let model, let plan, let allowed, let upgradeTo):
            "The \(plan) plan does not include the \(model) model; it allows \(allowed.isEmpty ? "none" : allowed.joined(separator: ", "))."
                + (upgradeTo.map { " The \($0) plan allows \(model)." } ?? "")
        case .invalidModels(let given, let known):
            "Invalid models \"\(given)\": give a comma-separated list of \(known.joined(separator: ", ")), or all."
        case .emailUnverified(let allowed, let used, let requested):
            "Verify your e-mail address first: until then a free account renders at most \(allowed) frames in all; \(used) used, this request needs \(requested). Open the link in the verification e-mail, or ask for a new one with POST /v1/me/email-verification."
        case .reservationNotFound(let id): "No held frame reservation \(id) (unknown, already settled or expired)."
        case .storage(.busy): "The service is busy; try again."
        case .storage: "Internal error."
        }
    }
}
