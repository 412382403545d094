import CSQLite

/// A prepared statement. Lives in a connection's cache and is reset, not finalized, between uses.
final class Statement {
    let handle: OpaquePointer
    let sql: String
    let columns: [String]
    private let parameterCount: Int

    /// SQLite copies bound text and blobs before `bind` returns, so the Swift buffers may go away.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(database: OpaquePointer, sql: String, errorFor: (Int32) -> StorageError) throws {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(database, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw errorFor(code)
        }
        handle = statement
        self.sql = sql
        parameterCount = Int(sqlite3_bind_parameter_count(statement))
        columns = (0..<sqlite3_column_count(statement)).map { String(cString: sqlite3_column_name(statement, $0)) }
    }

    deinit {
        sqlite3_finalize(handle)
    }

    func bind(_ values: [SQLValue], errorFor: (Int32) -> StorageError) throws {
        guard values.count == parameterCount else {
            throw StorageError.sqlite(
                code: SQLITE_RANGE,
                message: "statement expects \(parameterCount) parameters, got \(values.count): \(sql)"
            )
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null:
                code = sqlite3_bind_null(handle, index)
            case .integer(let number):
                code = sqlite3_bind_int64(handle, index, number)
            case .real(let number):
                code = sqlite3_bind_double(handle, index, number)
            case .text(let text):
                code = sqlite3_bind_text(handle, index, text, -1, Self.transient)
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { buffer in
                    // A zero-length blob must still bind as a blob, not NULL, hence zeroblob.
                    buffer.count == 0
                        ? sqlite3_bind_zeroblob(handle, index, 0)
                        : sqlite3_bind_blob(handle, index, buffer.baseAddress, Int32(buffer.count), Self.transient)
                }
            }
            guard code == SQLITE_OK else { throw errorFor(code) }
        }
    }

    /// Advances one row; true while rows remain.
    func step(errorFor: (Int32) -> StorageError) throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw errorFor(code)
        }
    }

    func currentRow() -> Row {
        var values: [SQLValue] = []
        values.reserveCapacity(columns.count)
        for index in 0..<Int32(columns.count) {
            switch sqlite3_column_type(handle, index) {
            case SQLITE_INTEGER:
                values.append(.integer(sqlite3_column_int64(handle, index)))
            case SQLITE_FLOAT:
                values.append(.real(sqlite3_column_double(handle, index)))
            case SQLITE_TEXT:
                values.append(.text(String(cString: sqlite3_column_text(handle, index))))
            case SQLITE_BLOB:
                let count = Int(sqlite3_column_bytes(handle, index))
                if count > 0, let pointer = sqlite3_column_blob(handle, index) {
                    values.append(.blob([UInt8](UnsafeRawBufferPointer(start: pointer, count: count))))
                } else {
                    values.append(.blob([]))
                }
            default:
                values.append(.null)
            }
        }
        return Row(columns: columns, values: values)
    }

    /// Makes the statement reusable and drops references to bound values.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }
}
