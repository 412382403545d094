/// One converted weights file, ready to be written.
public struct PyTorchImportedModel: Sendable {
    /// The file name the model loader expects (`adain-decoder.safetensors`).
    public let fileName: String
    public let tensors: [String: WeightTensor]
    /// safetensors `__metadata__` entries, in order.
    public let metadata: [(String, String)]

    public init(fileName: String, tensors: [String: WeightTensor], metadata: [(String, String)]) {
        self.fileName = fileName
        self.tensors = tensors
        self.metadata = metadata
    }
}
