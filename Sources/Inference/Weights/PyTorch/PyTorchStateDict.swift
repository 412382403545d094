/// The float32 tensors imported from one PyTorch checkpoint.
public struct PyTorchStateDict: Sendable, Equatable {
    /// Which `torch.save` container the file used.
    public enum Format: String, Sendable, Equatable {
        /// The pickle stream written with `_use_new_zipfile_serialization=False` (and before 1.6).
        case legacy
        /// The zip archive `torch.save` writes by default since 1.6.
        case zip
    }

    public let format: Format
    /// Tensor names in the order the checkpoint lists them (state dicts are ordered).
    public let names: [String]
    public let tensors: [String: WeightTensor]
    /// The dotted key path of the state dict inside the checkpoint (`"state_dict"`), or nil
    /// when the checkpoint itself is the state dict or several were flattened with prefixes.
    public let location: String?
    /// Each tensor's element type in the file before conversion to float32 (`"float16"`, ...).
    public let sourceDTypes: [String: String]

    public init(format: Format, names: [String], tensors: [String: WeightTensor], location: String?, sourceDTypes: [String: String]) {
        self.format = format
        self.names = names
        self.tensors = tensors
        self.location = location
        self.sourceDTypes = sourceDTypes
    }
}
