/// The allow-list of globals a checkpoint pickle may name. Each is implemented here in Swift;
/// any other `module.name` is refused when the pickle names it, before anything could call it.
enum PickleGlobal: CustomStringConvertible {
    case orderedDict
    case rebuildTensor
    case rebuildTensorV2
    case rebuildParameter
    case rebuildParameterWithState
    case rebuildFromTypeV2
    /// `torch.FloatStorage` and friends: only ever a marker inside a persistent id.
    case storageClass(PyTorchDType, name: String)
    /// `torch.Tensor` / `torch.nn.parameter.Parameter`: only a marker for `_rebuild_from_type_v2`.
    case tensorClass(String)

    static func resolve(module: String, name: String) throws -> PickleGlobal {
        switch (module, name) {
        case ("collections", "OrderedDict"): return .orderedDict
        case ("torch._utils", "_rebuild_tensor"): return .rebuildTensor
        case ("torch._utils", "_rebuild_tensor_v2"): return .rebuildTensorV2
        case ("torch._utils", "_rebuild_parameter"): return .rebuildParameter
        case ("torch._utils", "_rebuild_parameter_with_state"): return .rebuildParameterWithState
        case ("torch._tensor", "_rebuild_from_type_v2"): return .rebuildFromTypeV2
        case ("torch", "Tensor"), ("torch.nn.parameter", "Parameter"): return .tensorClass("\(module).\(name)")
        case ("torch", _):
            if let dtype = PyTorchDType(storageClass: name) { return .storageClass(dtype, name: name) }
        default:
            break
        }
        throw PyTorchImportError(file: "", reason: .disallowedGlobal(module: module, name: name))
    }

    var description: String {
        switch self {
        case .orderedDict: return "collections.OrderedDict"
        case .rebuildTensor: return "torch._utils._rebuild_tensor"
        case .rebuildTensorV2: return "torch._utils._rebuild_tensor_v2"
        case .rebuildParameter: return "torch._utils._rebuild_parameter"
        case .rebuildParameterWithState: return "torch._utils._rebuild_parameter_with_state"
        case .rebuildFromTypeV2: return "torch._tensor._rebuild_from_type_v2"
        case .storageClass(_, let name): return "torch.\(name)"
        case .tensorClass(let name): return name
        }
    }
}
