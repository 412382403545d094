import Common
import Foundation
import Inference

/// Loads each model once, on first use, and shares it between workers (models are immutable
/// and thread-safe). Its lock guards the loaded models (held while one loads, so two workers
/// never load the same weights twice).
final class ModelCache: Sendable {
    private let locator: ModelLocator
    private let loaded = Locked<[ModelKind: any StyleTransferModel]>([:])

    init(locator: ModelLocator) {
        self.locator = locator
    }

    func model(_ kind: ModelKind) throws -> any StyleTransferModel {
        try loaded.withLock { loaded in
            if let model = loaded[kind] { return model }
            let model = try locator.load(kind)
            loaded[kind] = model
            return model
        }
    }
}
