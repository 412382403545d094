import CPostgres
import Foundation
import Storage

/// Statement parameters as libpq takes them, typed so the server never has to guess: integers as
/// `int8`, reals as `float8`, text as `text` (all in text format), blobs as `bytea` in binary
/// format (no escaping, no hex doubling). NULL goes untyped, so the server takes its type from
/// where it is used.
///
/// Owns the C copies of the values until it is deallocated.
final class PostgresParameters {
    /// Each parameter's type, as sent (part of a prepared statement's identity).
    private(set) var types: [Oid] = []
    private var values: [UnsafeMutablePointer<CChar>?] = []
    private var lengths: [Int32] = []
    private var formats: [Int32] = []

    init(_ parameters: [SQLValue]) {
        types.reserveCapacity(parameters.count)
        for parameter in parameters {
            switch parameter {
            case .null:
                append(type: PostgresType.unspecified, value: nil, length: 0, format: 0)
            case .integer(let number):
                append(type: PostgresType.int8, value: strdup(String(number)), length: 0, format: 0)
            case .real(let number):
                append(type: PostgresType.float8, value: strdup(Self.text(of: number)), length: 0, format: 0)
            case .text(let text):
                append(type: PostgresType.text, value: strdup(text), length: 0, format: 0)
            case .blob(let bytes):
                // A NULL pointer would mean SQL NULL, so an empty blob still gets a (1-byte) buffer.
                let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: max(bytes.count, 1))
                bytes.withUnsafeBytes { source in
                    if let base = source.baseAddress { UnsafeMutableRawPointer(buffer).copyMemory(from: base, byteCount: source.count) }
                }
                append(type: PostgresType.bytea, value: buffer, length: Int32(clamping: bytes.count), format: 1)
            }
        }
    }

    deinit {
        for (value, format) in zip(values, formats) {
            guard let value else { continue }
            if format == 1 { value.deallocate() } else { free(value) }
        }
    }

    /// Calls `body` with the four parallel arrays `PQprepare` and `PQexecPrepared` take.
    func withArrays<T>(
        _ body: (UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> T
    ) -> T {
        let constValues = values.map { $0.map { UnsafePointer($0) } }
        return types.withUnsafeBufferPointer { types in
            constValues.withUnsafeBufferPointer { values in
                lengths.withUnsafeBufferPointer { lengths in
                    formats.withUnsafeBufferPointer { formats in
                        body(types.baseAddress, values.baseAddress, lengths.baseAddress, formats.baseAddress)
                    }
                }
            }
        }
    }

    private func append(type: Oid, value: UnsafeMutablePointer<CChar>?, length: Int32, format: Int32) {
        types.append(type)
        values.append(value)
        lengths.append(length)
        formats.append(format)
    }

    /// Swift prints the shortest text that reads back as the same double, which `float8in`
    /// parses exactly; only the non-finite values need PostgreSQL's spelling.
    static func text(of number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        return "\(number)"
    }
}
