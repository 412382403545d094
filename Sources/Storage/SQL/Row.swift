import Foundation

/// One result row, copied out of SQLite so it outlives the statement. Accessors are typed and
/// throw `StorageError.missingColumn` / `.typeMismatch` rather than guessing.
public struct Row: Sendable {
    /// The column names of the result, shared by all rows of one query.
    public let columns: [String]
    /// The values in column order.
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The raw value of the named column.
    public func value(_ column: String) throws -> SQLValue {
        guard let index = columns.firstIndex(of: column) else {
            throw StorageError.missingColumn(column)
        }
        return values[index]
    }

    /// True if the named column is NULL.
    public func isNull(_ column: String) throws -> Bool {
        try value(column) == .null
    }

    public func int(_ column: String) throws -> Int {
        guard let value = try optionalInt(column) else {
            throw StorageError.typeMismatch(column: column, expected: "integer", found: "NULL")
        }
        return value
    }

    public func optionalInt(_ column: String) throws -> Int? {
        switch try value(column) {
        case .null: return nil
        case .integer(let value): return Int(value)
        case let other: throw StorageError.typeMismatch(column: column, expected: "integer", found: other.typeName)
        }
    }

    public func double(_ column: String) throws -> Double {
        switch try value(column) {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        case let other: throw StorageError.typeMismatch(column: column, expected: "real", found: other.typeName)
        }
    }

    public func string(_ column: String) throws -> String {
        guard let value = try optionalString(column) else {
            throw StorageError.typeMismatch(column: column, expected: "text", found: "NULL")
        }
        return value
    }

    public func optionalString(_ column: String) throws -> String? {
        switch try value(column) {
        case .null: return nil
        case .text(let value): return value
        case let other: throw StorageError.typeMismatch(column: column, expected: "text", found: other.typeName)
        }
    }

    public func blob(_ column: String) throws -> [UInt8] {
        switch try value(column) {
        case .blob(let bytes): return bytes
        case let other: throw StorageError.typeMismatch(column: column, expected: "blob", found: other.typeName)
        }
    }

    public func bool(_ column: String) throws -> Bool {
        try int(column) != 0
    }

    /// A date stored as Unix seconds.
    public func date(_ column: String) throws -> Date {
        Date(timeIntervalSince1970: TimeInterval(try int(column)))
    }

    public func optionalDate(_ column: String) throws -> Date? {
        try optionalInt(column).map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }
}

extension SQLValue {
    var typeName: String {
        switch self {
        case .null: "NULL"
        case .integer: "integer"
        case .real: "real"
        case .text: "text"
        case .blob: "blob"
        }
    }
}
