import CPostgres
import Foundation
import Storage

/// Copies a result (text format) into `Row`s whose values match what SQLite returns for the same
/// data, so `Row`'s accessors behave identically on both backends:
///
/// | PostgreSQL type | `SQLValue` |
/// | --- | --- |
/// | `bigint`, `integer`, `smallint`, `oid` | `.integer` |
/// | `boolean` | `.integer` 1 or 0 (SQLite has no boolean; `Row.bool` reads either) |
/// | `numeric` without a fraction that fits 64 bits (`sum(bigint)`, `count`) | `.integer` |
/// | other `numeric`, `double precision`, `real` | `.real` |
/// | `bytea` | `.blob` |
/// | NULL | `.null` |
/// | everything else (`text`, `varchar`, `json`, `uuid`, `timestamptz`, …) | `.text`, as the server prints it |
enum PostgresResultDecoder {
    static func rows(of result: OpaquePointer, limit: Int = .max) -> [Row] {
        let columnCount = Int(PQnfields(result))
        let rowCount = min(Int(PQntuples(result)), limit)
        guard rowCount > 0 else { return [] }
        let columns = (0..<Int32(columnCount)).map { String(cString: PQfname(result, $0)) }
        let types = (0..<Int32(columnCount)).map { PQftype(result, $0) }
        var rows: [Row] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<Int32(rowCount) {
            var values: [SQLValue] = []
            values.reserveCapacity(columnCount)
            for column in 0..<Int32(columnCount) {
                if PQgetisnull(result, row, column) == 1 {
                    values.append(.null)
                    continue
                }
                let length = Int(PQgetlength(result, row, column))
                let bytes = UnsafeRawPointer(PQgetvalue(result, row, column)!).assumingMemoryBound(to: UInt8.self)
                values.append(value(UnsafeBufferPointer(start: bytes, count: length), type: types[Int(column)]))
            }
            rows.append(Row(columns: columns, values: values))
        }
        return rows
    }

    static func value(_ bytes: UnsafeBufferPointer<UInt8>, type: Oid) -> SQLValue {
        switch type {
        case PostgresType.int8, PostgresType.int4, PostgresType.int2, PostgresType.oid:
            return Int64(String(decoding: bytes, as: UTF8.self)).map(SQLValue.integer) ?? .text(String(decoding: bytes, as: UTF8.self))
        case PostgresType.bool:
            return .integer(bytes.first == UInt8(ascii: "t") ? 1 : 0)
        case PostgresType.float8, PostgresType.float4:
            return .real(double(bytes))
        case PostgresType.numeric:
            let text = String(decoding: bytes, as: UTF8.self)
            if !text.contains("."), let integer = Int64(text) { return .integer(integer) }
            return .real(double(bytes))
        case PostgresType.bytea:
            return .blob(hexBytea(bytes))
        default:
            return .text(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// `float8out` prints the shortest exact form (PostgreSQL 12+), `Infinity`, `-Infinity`, `NaN`.
    private static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double {
        let text = String(decoding: bytes, as: UTF8.self)
        switch text {
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        case "NaN": return .nan
        default: return Double(text) ?? .nan
        }
    }

    /// `bytea` in text results is `\x` followed by two hex digits per byte (`bytea_output = hex`,
    /// the default since PostgreSQL 9.0).
    private static func hexBytea(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x") else { return Array(bytes) }
        let count = (bytes.count - 2) / 2
        return [UInt8](unsafeUninitializedCapacity: count) { output, initialized in
            for index in 0..<count {
                output[index] = nibble(bytes[2 + 2 * index]) << 4 | nibble(bytes[3 + 2 * index])
            }
            initialized = count
        }
    }

    private static func nibble(_ digit: UInt8) -> UInt8 {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: digit &- UInt8(ascii: "A") &+ 10
        }
    }
}
