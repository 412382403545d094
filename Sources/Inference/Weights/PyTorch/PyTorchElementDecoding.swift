import Foundation

/// The conversion kernel from a storage's little-endian bytes to float32. Kept apart because it
/// is the one place in the importer that reads raw memory.
enum PyTorchElementDecoding {
    /// Decodes `count` elements starting at element `first`. The caller has bounds-checked.
    static func decode(_ bytes: Data, dtype: PyTorchDType, from first: Int, count: Int) -> [Float] {
        let size = dtype.elementSize
        return bytes.withUnsafeBytes { raw in
            [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                let base = first * size
                switch dtype {
                case .float32:
                    for index in 0..<count {
                        let bits = raw.loadUnaligned(fromByteOffset: base + index * 4, as: UInt32.self)
                        buffer[index] = Float(bitPattern: UInt32(littleEndian: bits))
                    }
                case .float64:
                    for index in 0..<count {
                        let bits = raw.loadUnaligned(fromByteOffset: base + index * 8, as: UInt64.self)
                        buffer[index] = Float(Double(bitPattern: UInt64(littleEndian: bits)))
                    }
                case .bfloat16:
                    for index in 0..<count {
                        let bits = raw.loadUnaligned(fromByteOffset: base + index * 2, as: UInt16.self)
                        buffer[index] = Float(bitPattern: UInt32(UInt16(littleEndian: bits)) << 16)
                    }
                case .float16:
                    for index in 0..<count {
                        let bits = raw.loadUnaligned(fromByteOffset: base + index * 2, as: UInt16.self)
                        buffer[index] = halfToFloat(UInt16(littleEndian: bits))
                    }
                case .unconvertible:
                    preconditionFailure("unconvertible dtypes are rejected before decoding")
                }
                initialized = count
            }
        }
    }

    /// IEEE 754 binary16 to binary32, exact for every value (subnormals, infinities, NaN).
    static func halfToFloat(_ half: UInt16) -> Float {
        let sign = UInt32(half & 0x8000) << 16
        let exponent = Int(half >> 10) & 0x1F
        let mantissa = UInt32(half & 0x03FF)
        switch exponent {
        case 0:
            // Zero or subnormal: mantissa * 2^-24.
            let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign == 0 ? magnitude : -magnitude
        case 0x1F:
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        default:
            return Float(bitPattern: sign | UInt32(exponent + 112) << 23 | (mantissa << 13))
        }
    }
}
