/// Why a safetensors file could not be read. Every case names the file (and the tensor where
/// one is involved) so that an operator can tell which download is broken.
public enum SafetensorsError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or read at all.
    case unreadable(file: String, reason: String)
    /// The file ends before the header or the data it announces.
    case truncated(file: String, detail: String)
    /// The JSON header is malformed or has an entry of the wrong form.
    case badHeader(file: String, detail: String)
    /// A tensor uses an element type this engine does not read (only F32 is supported).
    case unsupportedDType(file: String, tensor: String, dtype: String)
    /// A tensor's shape is negative, missing, or does not match its byte range.
    case badShape(file: String, tensor: String, detail: String)
    /// A tensor's data_offsets are out of range, overlapping or leave gaps.
    case badOffsets(file: String, tensor: String, detail: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "safetensors file \(file) could not be read: \(reason)"
        case let .truncated(file, detail):
            return "safetensors file \(file) is truncated: \(detail)"
        case let .badHeader(file, detail):
            return "safetensors file \(file) has a bad header: \(detail)"
        case let .unsupportedDType(file, tensor, dtype):
            return "safetensors file \(file), tensor '\(tensor)': dtype \(dtype) is not supported (only F32)"
        case let .badShape(file, tensor, detail):
            return "safetensors file \(file), tensor '\(tensor)': bad shape: \(detail)"
        case let .badOffsets(file, tensor, detail):
            return "safetensors file \(file), tensor '\(tensor)': bad data_offsets: \(detail)"
        }
    }
}
