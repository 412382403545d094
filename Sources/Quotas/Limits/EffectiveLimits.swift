/// Where an account's value of a limit comes from.
public enum LimitSource: String, Sendable, Codable, Hashable {
    /// The account's plan.
    case plan
    /// An operator's override for this one account.
    case override
}

/// An account's limits as enforced: the override where one exists, the plan's value otherwise.
public struct EffectiveLimits: Sendable, Hashable {
    /// The account.
    public let account: String
    /// The account's plan.
    public let plan: String
    /// A value for every limit name.
    public let values: [LimitName: Int64]
    /// Which limits come from an override (the rest come from the plan).
    public let overridden: Set<LimitName>
    /// The models the plan allows, sorted; nil: every loaded model (`Plan.models`).
    public let models: [String]?

    public init(account: String, plan: String, values: [LimitName: Int64], overridden: Set<LimitName>, models: [String]? = nil) {
        self.account = account
        self.plan = plan
        self.values = values
        self.overridden = overridden
        self.models = models
    }

    /// The effective value of `limit`.
    public subscript(limit: LimitName) -> Int64 {
        values[limit] ?? 0
    }

    /// Whether `limit` comes from the plan or an override.
    public func source(of limit: LimitName) -> LimitSource {
        overridden.contains(limit) ? .override : .plan
    }

    /// Combines a plan with an account's overrides.
    init(account: String, plan: Plan, overrides: [LimitName: Int64]) {
        var values: [LimitName: Int64] = [:]
        for limit in LimitName.allCases {
            values[limit] = overrides[limit] ?? plan[limit]
        }
        self.init(account: account, plan: plan.name, values: values, overridden: Set(overrides.keys), models: plan.models)
    }
}

extension EffectiveLimits: Encodable {
    private enum Keys: String, CodingKey { case account, plan, limits, value, source, models }

    /// `{"account": "acct_…", "plan": "free", "limits": {"monthly_frames": {"value": 500, "source": "plan"}, …},
    /// "models": ["adain", "microast"]}`
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(account, forKey: .account)
        try container.encode(plan, forKey: .plan)
        var limits = container.nestedContainer(keyedBy: LimitKey.self, forKey: .limits)
        for limit in LimitName.allCases {
            var entry = limits.nestedContainer(keyedBy: Keys.self, forKey: LimitKey(limit))
            try entry.encode(self[limit], forKey: .value)
            try entry.encode(source(of: limit), forKey: .source)
        }
        try container.encode(models, forKey: .models)
    }
}

/// A coding key naming a limit, for objects keyed by limit name.
struct LimitKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ limit: LimitName) { stringValue = limit.rawValue }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
