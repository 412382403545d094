import Foundation

/// The statistics of a style image that a model needs to apply it, so that saved filters can skip
/// the style encoder. MicroAST: mean0, std0, mean1, std1, w0, w1, b0, b1 (8 × 64 floats);
/// AdaIN: mean and std of relu4_1 (512 + 512 floats).
public struct StyleCode: Sendable, Equatable, Codable {
    public let model: ModelKind
    public let values: [Float]

    public init(model: ModelKind, values: [Float]) {
        self.model = model
        self.values = values
    }

    private static let magic: [UInt8] = Array("STYC".utf8)
    private static let version: UInt8 = 1

    /// A compact binary form for caching (e.g. a SQLite blob): "STYC", version, model name
    /// length and UTF-8 name, value count (UInt32 LE), float32 LE values.
    public func serialized() -> Data {
        var data = Data(Self.magic)
        data.append(Self.version)
        let name = Array(model.rawValue.utf8)
        data.append(UInt8(name.count))
        data.append(contentsOf: name)
        withUnsafeBytes(of: UInt32(values.count).littleEndian) { data.append(contentsOf: $0) }
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    /// Parses `serialized()` output; throws `InferenceError.malformedStyleCode` on anything else,
    /// including a value count that does not fit the model.
    public init(serialized data: Data) throws {
        let bytes = [UInt8](data)
        func fail(_ detail: String) -> InferenceError { .malformedStyleCode(detail: detail) }
        guard bytes.count >= 6, Array(bytes[0..<4]) == Self.magic else { throw fail("missing STYC header") }
        guard bytes[4] == Self.version else { throw fail("unsupported version \(bytes[4])") }
        let nameLength = Int(bytes[5])
        guard bytes.count >= 6 + nameLength + 4 else { throw fail("truncated before the value count") }
        let nameBytes = bytes[6..<(6 + nameLength)]
        guard let name = String(bytes: nameBytes, encoding: .utf8), let model = ModelKind(rawValue: name) else {
            throw fail("unknown model '\(String(decoding: nameBytes, as: UTF8.self))'")
        }
        var offset = 6 + nameLength
        let count = Int(UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24)
        offset += 4
        guard count == model.styleCodeLength else {
            throw fail("\(model.rawValue) style codes have \(model.styleCodeLength) values, this one \(count)")
        }
        guard bytes.count == offset + 4 * count else {
            throw fail("expected \(offset + 4 * count) bytes, got \(bytes.count)")
        }
        var values = [Float](repeating: 0, count: count)
        for index in 0..<count {
            let at = offset + 4 * index
            let bits = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
            values[index] = Float(bitPattern: bits)
        }
        guard values.allSatisfy({ $0.isFinite }) else { throw fail("non-finite value") }
        self.model = model
        self.values = values
    }
}
