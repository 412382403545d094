import Foundation

/// Published PyTorch checkpoints whose names and contents Stylify knows, so an import can give
/// the converted weights the file names the model loaders look for.
public enum PyTorchModelFamily: String, CaseIterable, Sendable {
    /// naoto0804/pytorch-AdaIN: `vgg_normalised.pth` and `decoder.pth`.
    case adain
    /// EndyWon/MicroAST: `{content_encoder,style_encoder,decoder,modulator}_iter_<n>.pth.tar`.
    case microast

    /// The pytorch-AdaIN encoder is VGG-19 cut after relu4_1, which is module 30 of
    /// `vgg_normalised`; its parameters are modules 0…29.
    public static let adainEncoderLastModule = 29

    /// Converts one imported checkpoint into the weights file this family uses.
    public func model(from stateDict: PyTorchStateDict, sourceFile: String) throws -> PyTorchImportedModel {
        switch self {
        case .adain: return try adainModel(stateDict, sourceFile: sourceFile)
        case .microast: return try microastModel(stateDict, sourceFile: sourceFile)
        }
    }

    /// The name a checkpoint gets when no family is given: its stem plus `.safetensors`.
    public static func plainFileName(for sourceFile: String) -> String {
        var stem = sourceFile
        for suffix in [".tar", ".pth", ".pt", ".ckpt", ".bin"] where stem.hasSuffix(suffix) {
            stem.removeLast(suffix.count)
        }
        return (stem.isEmpty ? sourceFile : stem) + ".safetensors"
    }

    private func adainModel(_ stateDict: PyTorchStateDict, sourceFile: String) throws -> PyTorchImportedModel {
        let tensors = stateDict.tensors
        let metadata = [("model", "adain-vgg19"), ("layout", "pytorch-AdaIN net.py keys"), ("source", sourceFile)]
        if tensors["0.weight"]?.shape == [3, 3, 1, 1] {
            let encoder = tensors.filter { name, _ in
                guard let index = Int(name.prefix { $0 != "." }) else { return false }
                return index <= Self.adainEncoderLastModule
            }
            return PyTorchImportedModel(fileName: "adain-vgg19-relu4_1.safetensors", tensors: encoder, metadata: metadata)
        }
        if tensors["1.weight"]?.shape == [256, 512, 3, 3] {
            return PyTorchImportedModel(fileName: "adain-decoder.safetensors", tensors: tensors, metadata: metadata)
        }
        throw PyTorchImportError(file: sourceFile, reason: .notTheExpectedModel(
            "not a pytorch-AdaIN vgg_normalised (0.weight [3,3,1,1]) or decoder (1.weight [256,512,3,3])"))
    }

    private func microastModel(_ stateDict: PyTorchStateDict, sourceFile: String) throws -> PyTorchImportedModel {
        let parts = ["content_encoder", "style_encoder", "decoder", "modulator"]
        guard let part = parts.first(where: { sourceFile.hasPrefix($0) }) else {
            throw PyTorchImportError(file: sourceFile, reason: .notTheExpectedModel(
                "MicroAST checkpoint names start with one of \(parts.joined(separator: ", "))"))
        }
        let metadata = [("model", "MicroAST (Wang et al., AAAI 2023)"), ("part", part), ("source", sourceFile)]
        let fileName = "microast-\(part.replacingOccurrences(of: "_", with: "-")).safetensors"
        return PyTorchImportedModel(fileName: fileName, tensors: stateDict.tensors, metadata: metadata)
    }
}
