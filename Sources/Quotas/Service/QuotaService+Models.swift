/// Which style-transfer models an account's plan may use.
extension QuotaService {
    /// Refuses a model the account's plan does not include (a plan without a model list allows
    /// every model).
    ///
    /// - Throws: `QuotaError.modelNotInPlan` naming the plan's models and the first plan (by
    ///   name) that allows `model`; `.unknownAccount`, `.storage`.
    public func checkModel(account: String, model: String) throws {
        let limits = try limits(for: account)
        guard let allowed = limits.models, !allowed.contains(model) else { return }
        let upgrade = try catalog().plans.first { $0.name != limits.plan && $0.allows(model: model) }?.name
        throw QuotaError.modelNotInPlan(model: model, plan: limits.plan, allowed: allowed, upgradeTo: upgrade)
    }
}
