import Foundation

/// Serialises imported tensors as a safetensors file (F32 only, which is all the importer makes):
/// an 8-byte little-endian header length, a JSON header with tensors sorted by name and then
/// `__metadata__`, padded with spaces to 8 bytes, then the tensors' bytes in the same order.
public enum PyTorchSafetensorsExport {
    /// The complete file contents. `metadata` keeps the order given.
    public static func data(tensors: [String: WeightTensor], metadata: KeyValuePairs<String, String> = [:]) -> Data {
        data(tensors: tensors, orderedMetadata: metadata.map { ($0.key, $0.value) })
    }

    /// The complete file contents, with metadata as ordered pairs.
    public static func data(tensors: [String: WeightTensor], orderedMetadata metadata: [(String, String)]) -> Data {
        let names = tensors.keys.sorted()
        var fields: [String] = []
        var offset = 0
        for name in names {
            let tensor = tensors[name]!
            let end = offset + tensor.values.count * 4
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            fields.append("\(jsonString(name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        if !metadata.isEmpty {
            let pairs = metadata.map { "\(jsonString($0.0)):\(jsonString($0.1))" }.joined(separator: ",")
            fields.append("\"__metadata__\":{\(pairs)}")
        }
        var header = Array("{\(fields.joined(separator: ","))}".utf8)
        header += Array(repeating: UInt8(ascii: " "), count: (8 - header.count % 8) % 8)

        var output = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { output.append(contentsOf: $0) }
        output.append(contentsOf: header)
        for name in names {
            #if _endian(little)
            tensors[name]!.values.withUnsafeBytes { output.append(contentsOf: $0) }
            #else
            let littleEndian = tensors[name]!.values.map { $0.bitPattern.littleEndian }
            littleEndian.withUnsafeBytes { output.append(contentsOf: $0) }
            #endif
        }
        return output
    }

    private static func jsonString(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20: escaped += String(format: "\\u%04x", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}
