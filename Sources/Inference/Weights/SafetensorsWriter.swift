import Foundation

/// Writes float32 tensors in the safetensors format: keys sorted, tensor data laid out in key
/// order, the JSON header padded with spaces to a multiple of 8 bytes so the data is aligned.
public enum SafetensorsWriter {
    /// The complete file contents for `tensors` and optional string `metadata`.
    public static func data(tensors: [String: WeightTensor], metadata: [String: String] = [:]) throws -> Data {
        var header: [String: Any] = [:]
        if !metadata.isEmpty {
            header["__metadata__"] = metadata
        }
        var offset = 0
        let names = tensors.keys.sorted()
        for name in names {
            let tensor = tensors[name]!
            let bytes = tensor.values.count * 4
            header[name] = ["dtype": "F32", "shape": tensor.shape, "data_offsets": [offset, offset + bytes]] as [String: Any]
            offset += bytes
        }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys, .withoutEscapingSlashes])
        let padding = (8 - json.count % 8) % 8
        json.append(contentsOf: [UInt8](repeating: 0x20, count: padding))

        var out = Data(capacity: 8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(json)
        for name in names {
            let values = tensors[name]!.values
            #if _endian(little)
            values.withUnsafeBufferPointer { out.append($0) }
            #else
            for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
            #endif
        }
        return out
    }

    /// Writes the file atomically to `url`.
    public static func write(tensors: [String: WeightTensor], metadata: [String: String] = [:], to url: URL) throws {
        try data(tensors: tensors, metadata: metadata).write(to: url, options: .atomic)
    }
}
