/// The element type of a torch storage, named by its legacy storage class (`torch.FloatStorage`).
/// Every torch storage type is known here so a legacy stream can be walked past storages it
/// cannot convert; only the floating-point ones become `WeightTensor`s.
enum PyTorchDType: Equatable {
    case float32, float16, bfloat16, float64
    /// A storage type torch writes that has no lossless float32 meaning (integers, bools, complex).
    case unconvertible(name: String, elementSize: Int)

    init?(storageClass name: String) {
        switch name {
        case "FloatStorage": self = .float32
        case "HalfStorage": self = .float16
        case "BFloat16Storage": self = .bfloat16
        case "DoubleStorage": self = .float64
        case "LongStorage": self = .unconvertible(name: "int64", elementSize: 8)
        case "IntStorage": self = .unconvertible(name: "int32", elementSize: 4)
        case "ShortStorage": self = .unconvertible(name: "int16", elementSize: 2)
        case "CharStorage": self = .unconvertible(name: "int8", elementSize: 1)
        case "ByteStorage": self = .unconvertible(name: "uint8", elementSize: 1)
        case "BoolStorage": self = .unconvertible(name: "bool", elementSize: 1)
        case "ComplexFloatStorage": self = .unconvertible(name: "complex64", elementSize: 8)
        case "ComplexDoubleStorage": self = .unconvertible(name: "complex128", elementSize: 16)
        default: return nil
        }
    }

    var elementSize: Int {
        switch self {
        case .float32: return 4
        case .float16, .bfloat16: return 2
        case .float64: return 8
        case .unconvertible(_, let size): return size
        }
    }

    var name: String {
        switch self {
        case .float32: return "float32"
        case .float16: return "float16"
        case .bfloat16: return "bfloat16"
        case .float64: return "float64"
        case .unconvertible(let name, _): return name
        }
    }
}
