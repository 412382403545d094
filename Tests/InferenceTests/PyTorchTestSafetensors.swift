import Foundation
import Inference

/// A minimal safetensors reader for the importer's tests (F32 only): the project's own reader
/// lives elsewhere, and these tests compare against files on disk independently of it.
struct PyTorchTestSafetensors {
    var tensors: [String: WeightTensor] = [:]
    var metadata: [String: String] = [:]

    init(contentsOf url: URL) throws {
        try self.init(Data(contentsOf: url))
    }

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        let headerLength = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let header = try JSONSerialization.jsonObject(with: Data(bytes[8..<8 + headerLength])) as! [String: Any]
        let base = 8 + headerLength
        for (name, value) in header {
            if name == "__metadata__" {
                metadata = value as! [String: String]
                continue
            }
            let entry = value as! [String: Any]
            precondition(entry["dtype"] as! String == "F32", "test reader handles F32 only")
            let shape = entry["shape"] as! [Int]
            let offsets = entry["data_offsets"] as! [Int]
            let values = stride(from: base + offsets[0], to: base + offsets[1], by: 4).map { start in
                Float(bitPattern: UInt32(bytes[start]) | UInt32(bytes[start + 1]) << 8
                    | UInt32(bytes[start + 2]) << 16 | UInt32(bytes[start + 3]) << 24)
            }
            tensors[name] = WeightTensor(shape: shape, values: values)
        }
    }
}
