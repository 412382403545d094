import Foundation
import Inference

/// Loads each model once, on first use, and shares it between workers (models are immutable
/// and thread-safe).
final class ModelCache: @unchecked Sendable {
    private let locator: ModelLocator
    private let lock = NSLock()
    private var loaded: [ModelKind: any StyleTransferModel] = [:]

    init(locator: ModelLocator) {
        self.locator = locator
    }

    func model(_ kind: ModelKind) throws -> any StyleTransferModel {
        lock.lock()
        defer { lock.unlock() }
        if let model = loaded[kind] { return model }
        let model = try locator.load(kind)
        loaded[kind] = model
        return model
    }
}
