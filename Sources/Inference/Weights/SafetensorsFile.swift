import Foundation

/// The contents of one safetensors file (https://github.com/huggingface/safetensors): named
/// float32 tensors and the string metadata of the header's `__metadata__` entry.
///
/// Reading is strict: the header length, the JSON, every dtype, shape and byte range are checked,
/// and the byte ranges must tile the data area exactly (no gaps, no overlap, nothing after the
/// last tensor). Anything else is a `SafetensorsError` naming the file and the tensor.
public struct SafetensorsFile: Sendable {
    /// Tensors by name.
    public let tensors: [String: WeightTensor]
    /// The `__metadata__` entry of the header (empty when absent).
    public let metadata: [String: String]

    /// Headers larger than this are refused before allocation; real ones are a few KB.
    static let maximumHeaderLength = 100 << 20

    /// Reads and validates the file at `url`.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw SafetensorsError.unreadable(file: url.path, reason: error.localizedDescription)
        }
        try self.init(data: data, name: url.path)
    }

    /// Parses safetensors bytes; `name` is used in error messages.
    public init(data: Data, name: String) throws {
        guard data.count >= 8 else {
            throw SafetensorsError.truncated(file: name, detail: "\(data.count) bytes, shorter than the 8-byte header length")
        }
        let headerLength = data.withUnsafeBytes { raw in
            UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        }
        guard headerLength <= UInt64(Self.maximumHeaderLength) else {
            throw SafetensorsError.badHeader(file: name, detail: "header length \(headerLength) is implausibly large")
        }
        let dataStart = 8 + Int(headerLength)
        guard data.count >= dataStart else {
            throw SafetensorsError.truncated(
                file: name, detail: "header announces \(headerLength) bytes but the file has \(data.count - 8) after the length")
        }
        let header = data.subdata(in: data.startIndex + 8 ..< data.startIndex + dataStart)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: header)
        } catch {
            throw SafetensorsError.badHeader(file: name, detail: "header is not valid JSON")
        }
        guard let entries = json as? [String: Any] else {
            throw SafetensorsError.badHeader(file: name, detail: "header is not a JSON object")
        }

        var metadata: [String: String] = [:]
        if let raw = entries["__metadata__"] {
            guard let dict = raw as? [String: Any] else {
                throw SafetensorsError.badHeader(file: name, detail: "__metadata__ is not an object")
            }
            for (key, value) in dict {
                guard let string = value as? String else {
                    throw SafetensorsError.badHeader(file: name, detail: "__metadata__ value for '\(key)' is not a string")
                }
                metadata[key] = string
            }
        }

        let descriptors = try entries.filter { $0.key != "__metadata__" }
            .map { try TensorDescriptor(name: $0.key, entry: $0.value, file: name) }
            .sorted { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        let available = data.count - dataStart
        var expectedBegin = 0
        for descriptor in descriptors {
            guard descriptor.begin == expectedBegin else {
                let problem = descriptor.begin < expectedBegin ? "overlaps the previous tensor" : "leaves a gap after the previous tensor"
                throw SafetensorsError.badOffsets(
                    file: name, tensor: descriptor.name,
                    detail: "[\(descriptor.begin), \(descriptor.end)) \(problem) (expected to start at \(expectedBegin))")
            }
            guard descriptor.end <= available else {
                throw SafetensorsError.truncated(
                    file: name,
                    detail: "tensor '\(descriptor.name)' ends at byte \(descriptor.end) of the data area, which has only \(available) bytes")
            }
            expectedBegin = descriptor.end
        }
        guard expectedBegin == available else {
            throw SafetensorsError.badOffsets(
                file: name, tensor: descriptors.last?.name ?? "",
                detail: "data area has \(available) bytes but the tensors cover only \(expectedBegin)")
        }

        var tensors: [String: WeightTensor] = [:]
        tensors.reserveCapacity(descriptors.count)
        data.withUnsafeBytes { raw in
            for descriptor in descriptors {
                let count = descriptor.elementCount
                let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                    let source = UnsafeRawBufferPointer(rebasing: raw[(dataStart + descriptor.begin)..<(dataStart + descriptor.end)])
                    for index in 0..<count {
                        let bits = UInt32(littleEndian: source.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
                        buffer[index] = Float(bitPattern: bits)
                    }
                    initialized = count
                }
                tensors[descriptor.name] = WeightTensor(shape: descriptor.shape, values: values)
            }
        }
        self.tensors = tensors
        self.metadata = metadata
    }
}

/// One validated header entry.
private struct TensorDescriptor {
    let name: String
    let shape: [Int]
    let begin: Int
    let end: Int
    var elementCount: Int { shape.reduce(1, *) }

    init(name: String, entry: Any, file: String) throws {
        self.name = name
        guard let dict = entry as? [String: Any] else {
            throw SafetensorsError.badHeader(file: file, detail: "entry '\(name)' is not an object")
        }
        guard let dtype = dict["dtype"] as? String else {
            throw SafetensorsError.badHeader(file: file, detail: "entry '\(name)' has no dtype")
        }
        guard dtype == "F32" else {
            throw SafetensorsError.unsupportedDType(file: file, tensor: name, dtype: dtype)
        }
        guard let shape = Self.integers(dict["shape"]) else {
            throw SafetensorsError.badShape(file: file, tensor: name, detail: "shape is missing or not a list of integers")
        }
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw SafetensorsError.badShape(file: file, tensor: name, detail: "negative dimension in \(shape)")
        }
        let (count, overflow) = shape.reduce((1, false)) { acc, dim in
            let (product, o) = acc.0.multipliedReportingOverflow(by: dim)
            return (product, acc.1 || o)
        }
        guard !overflow, count <= Int.max / 4 else {
            throw SafetensorsError.badShape(file: file, tensor: name, detail: "\(shape) has too many elements")
        }
        guard let offsets = Self.integers(dict["data_offsets"]), offsets.count == 2 else {
            throw SafetensorsError.badOffsets(file: file, tensor: name, detail: "data_offsets is missing or not two integers")
        }
        guard offsets[0] >= 0, offsets[1] >= offsets[0] else {
            throw SafetensorsError.badOffsets(file: file, tensor: name, detail: "[\(offsets[0]), \(offsets[1])) is not a valid range")
        }
        guard offsets[1] - offsets[0] == count * 4 else {
            throw SafetensorsError.badShape(
                file: file, tensor: name,
                detail: "\(shape) needs \(count * 4) bytes but data_offsets span \(offsets[1] - offsets[0])")
        }
        self.shape = shape
        self.begin = offsets[0]
        self.end = offsets[1]
    }

    /// JSON numbers arrive as NSNumber; accept only exact non-fractional values.
    private static func integers(_ value: Any?) -> [Int]? {
        guard let list = value as? [Any] else { return nil }
        var result: [Int] = []
        for item in list {
            // Booleans also arrive as NSNumber; their type code is "c".
            guard let number = item as? NSNumber, String(cString: number.objCType) != "c" else { return nil }
            let double = number.doubleValue
            guard double == double.rounded(), abs(double) < 9.0e15 else { return nil }
            result.append(number.intValue)
        }
        return result
    }
}
