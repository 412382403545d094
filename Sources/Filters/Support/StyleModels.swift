import Foundation
import Inference

/// The style-transfer models installed on this server.
public enum StyleModels {
    /// Loads every model whose files are all present under `locator.directory` (MicroAST is
    /// always expected; AdaIN when installed). Filters cache a style code for each of them.
    ///
    /// - Throws: `InferenceError` when present files are damaged.
    public static func loadAvailable(from locator: ModelLocator) throws -> [any StyleTransferModel] {
        try ModelKind.allCases.compactMap { kind in
            let files = locator.expectedFiles(for: kind)
            guard files.allSatisfy({ FileManager.default.fileExists(atPath: $0.path) }) else { return nil }
            return try locator.load(kind)
        }
    }
}
