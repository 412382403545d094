import Inference
import Quotas

/// Model choice: which networks a request may ask for.
extension StylizationService {
    /// The models this server has loaded (MicroAST first), as `GET /v1/models` lists them.
    public var loadedModels: [ModelKind] { filters.loadedModels }

    /// The plans and limits every stylization is admitted against.
    public var quotas: QuotaService { jobs.quotas }

    /// The model every request without `model` uses.
    public static let defaultModel = ModelKind.microast

    /// Refuses a model this server has not loaded, then one the account's plan does not allow
    /// (so a client first learns what exists, then what its plan includes).
    ///
    /// - Throws: `StylizationError.modelNotLoaded`, `QuotaError.modelNotInPlan`.
    func checkModel(_ model: ModelKind, account: String) throws {
        let loaded = loadedModels
        guard loaded.contains(model) else { throw StylizationError.modelNotLoaded(model, loaded: loaded) }
        try jobs.quotas.checkModel(account: account, model: model.rawValue)
    }
}

extension StylizationService {
    /// A loaded model and whether the account's plan includes it.
    public struct ModelChoice: Sendable, Equatable {
        public let model: ModelKind
        public let includedInPlan: Bool
    }

    /// Every loaded model, MicroAST first, with whether `account`'s plan includes it.
    ///
    /// - Throws: `QuotaError.unknownAccount`, `.storage`.
    public func modelChoices(account: String) throws -> [ModelChoice] {
        let limits = try jobs.quotas.limits(for: account)
        return loadedModels.map { ModelChoice(model: $0, includedInPlan: limits.models?.contains($0.rawValue) ?? true) }
    }
}
