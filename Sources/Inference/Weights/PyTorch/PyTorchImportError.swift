/// Why a PyTorch checkpoint could not be imported. Every case names what is wrong in terms a
/// user can act on; `file` names the checkpoint so a batch import says which input was bad.
public struct PyTorchImportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// There is no file at the path.
        case notFound
        /// The file exists but could not be read.
        case cannotRead(String)
        /// The file has zero bytes.
        case empty
        /// The file ends before a structure it announces is complete.
        case truncated(String)
        /// Neither a zip (torch >= 1.6) nor a legacy pickle-stream checkpoint.
        case unrecognizedFormat(String)
        /// A legacy stream whose first pickle is not torch's magic number.
        case badMagic
        /// A legacy stream with a protocol version this importer does not know.
        case unsupportedProtocolVersion(Int)
        /// Tensors stored big-endian.
        case bigEndian
        /// The pickle names a global that is not on the allow-list; nothing was called.
        case disallowedGlobal(module: String, name: String)
        /// A pickle opcode outside the supported, non-executing subset.
        case unsupportedOpcode(opcode: UInt8, offset: Int)
        /// The pickle is structurally wrong (stack underflow, wrong argument types, ...).
        case malformedPickle(String)
        /// A tensor whose element type cannot be converted to float32.
        case unsupportedDType(tensor: String, dtype: String)
        /// A storage whose recorded size disagrees with the bytes present.
        case badStorage(key: String, detail: String)
        /// A tensor refers to a storage that is not in the file.
        case missingStorage(key: String)
        /// A tensor's shape, strides and offset reach outside its storage, or use negative strides.
        case badTensorLayout(tensor: String, detail: String)
        /// A zip entry uses compression or encryption this importer cannot read.
        case unsupportedZipEntry(name: String, detail: String)
        /// The stored data does not match the zip's CRC-32.
        case checksumMismatch(name: String)
        /// The checkpoint holds no tensors, or no unambiguous state dict.
        case noStateDict(String)
        /// The tensors are not those of the model the import was asked to name.
        case notTheExpectedModel(String)
    }

    /// The checkpoint's file name (or the label given for in-memory data).
    public let file: String
    public let reason: Reason

    public init(file: String, reason: Reason) {
        self.file = file
        self.reason = reason
    }

    public var description: String {
        "\(file): \(reasonDescription)"
    }

    private var reasonDescription: String {
        switch reason {
        case .notFound: return "no such file"
        case .cannotRead(let detail): return "cannot read file (\(detail))"
        case .empty: return "file is empty"
        case .truncated(let what): return "file is truncated (\(what))"
        case .unrecognizedFormat(let detail): return "not a PyTorch checkpoint (\(detail))"
        case .badMagic: return "legacy checkpoint does not start with torch's magic number"
        case .unsupportedProtocolVersion(let version): return "unsupported legacy protocol version \(version)"
        case .bigEndian: return "big-endian checkpoints are not supported"
        case .disallowedGlobal(let module, let name): return "refusing to load global \(module).\(name)"
        case .unsupportedOpcode(let opcode, let offset):
            return "unsupported pickle opcode 0x\(String(opcode, radix: 16)) at byte \(offset)"
        case .malformedPickle(let detail): return "malformed pickle: \(detail)"
        case .unsupportedDType(let tensor, let dtype): return "tensor \(tensor) has unsupported dtype \(dtype)"
        case .badStorage(let key, let detail): return "storage \(key): \(detail)"
        case .missingStorage(let key): return "storage \(key) is missing"
        case .badTensorLayout(let tensor, let detail): return "tensor \(tensor): \(detail)"
        case .unsupportedZipEntry(let name, let detail): return "zip entry \(name): \(detail)"
        case .checksumMismatch(let name): return "zip entry \(name) fails its CRC-32 check"
        case .noStateDict(let detail): return "no state dict found (\(detail))"
        case .notTheExpectedModel(let detail): return "not the expected model: \(detail)"
        }
    }
}
