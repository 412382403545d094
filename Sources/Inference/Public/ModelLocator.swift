import Foundation

/// Finds and loads the models under one directory (usually `$STYLIFY_MODELS`):
/// `microast/microast-{content-encoder,style-encoder,modulator,decoder}.safetensors` and
/// `adain/{adain-vgg19-relu4_1,adain-decoder}.safetensors`.
public struct ModelLocator: Sendable {
    public let directory: URL
    public let context: ComputeContext

    public init(directory: URL, context: ComputeContext = ComputeContext()) {
        self.directory = directory
        self.context = context
    }

    /// The folder holding `kind`'s files.
    public func folder(for kind: ModelKind) -> URL {
        directory.appendingPathComponent(kind.rawValue)
    }

    /// The files `kind` needs, with full paths.
    public func expectedFiles(for kind: ModelKind) -> [URL] {
        switch kind {
        case .microast: return MicroAST.files(in: folder(for: kind))
        case .adain: return AdaIN.files(in: folder(for: kind))
        }
    }

    /// Loads `kind`; throws `InferenceError.missingModelFiles` naming every expected path when
    /// files are absent, `.unreadableWeights` / `.invalidWeights` when they are damaged.
    public func load(_ kind: ModelKind) throws -> any StyleTransferModel {
        switch kind {
        case .microast: return try MicroAST(directory: folder(for: kind), context: context)
        case .adain: return try AdaIN(directory: folder(for: kind), context: context)
        }
    }

    static func requireFiles(_ files: [URL], model: ModelKind) throws {
        let missing = files.filter { !FileManager.default.fileExists(atPath: $0.path) }
        if !missing.isEmpty {
            throw InferenceError.missingModelFiles(model: model, expectedPaths: files.map(\.path))
        }
    }
}
