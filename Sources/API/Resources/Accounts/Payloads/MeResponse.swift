import HTTPServer

/// The answer to `GET /v1/me`: who is calling and under which plan.
struct MeResponse: Encodable, Hashable {
    let account: AccountResource
    /// The signed-in user; `null` for API keys, which act for the whole account.
    let user: UserResource?
    let plan: PlanResource
    /// Limits, usage and what remains, from the Quotas module; omitted when not wired.
    let quota: (any Encodable & Sendable & Hashable)?

    private enum CodingKeys: String, CodingKey {
        case object, account, user, plan, quota
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("me", forKey: .object)
        try container.encode(account, forKey: .account)
        try container.encode(user, forKey: .user)
        try container.encode(plan, forKey: .plan)
        if let quota { try container.encode(quota, forKey: .quota) }
    }

    static func == (lhs: MeResponse, rhs: MeResponse) -> Bool {
        lhs.account == rhs.account && lhs.user == rhs.user && lhs.plan == rhs.plan
            && lhs.quota.map { AnyHashable($0) } == rhs.quota.map { AnyHashable($0) }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(account)
        hasher.combine(user)
        hasher.combine(plan)
        hasher.combine(quota.map { AnyHashable($0) })
    }
}
