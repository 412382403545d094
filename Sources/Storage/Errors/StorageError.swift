import Foundation

/// Everything that can go wrong below the domain layer. Start-up problems (`notADatabase`,
/// `readOnly`, `migrationEdited`, ...) carry the path or migration so an operator can act on them.
public enum StorageError: Error, Sendable, Equatable {
    /// The database file does not exist and the caller asked not to create one.
    case fileNotFound(path: String)
    /// The file exists but is not an SQLite database (garbage, truncated header, encrypted...).
    case notADatabase(path: String)
    /// SQLite detected corruption inside an otherwise valid file.
    case corrupt(path: String, message: String)
    /// The file (or its directory, which must hold the WAL) cannot be written.
    case readOnly(path: String)
    /// Opening failed for another reason (permissions, a directory in the way...).
    case cannotOpen(path: String, message: String)
    /// No schema directory could be found; lists the places that were tried.
    case schemaDirectoryNotFound(tried: [String])
    /// A migration file name does not follow `NNNN_description.sql`, or two share a version.
    case invalidMigrationFile(name: String, reason: String)
    /// A migration that is already applied was edited afterwards: its checksum differs.
    case migrationEdited(version: Int, name: String, recorded: String, found: String)
    /// The database has a migration applied that this program does not know (it is older).
    case unknownAppliedMigration(version: Int, name: String)
    /// A migration's SQL failed; nothing of it was applied.
    case migrationFailed(version: Int, name: String, message: String)
    /// A UNIQUE, FOREIGN KEY, CHECK or NOT NULL constraint refused a write.
    case constraintViolation(message: String)
    /// Another writer held the lock for longer than the busy timeout (SQLite), or concurrent
    /// transactions kept conflicting through every retry, or no pooled connection came free in
    /// time (PostgreSQL). Retrying later may succeed.
    case busy
    /// Any other SQLite error, with its extended result code.
    case sqlite(code: Int32, message: String)
    /// The database URL is malformed or names something other than PostgreSQL.
    case invalidDatabaseURL(reason: String)
    /// The database server cannot be reached or dropped the connection (refused, unknown host,
    /// timed out, shutting down); `server` is `host:port` (or the socket directory).
    case unavailable(server: String, message: String)
    /// The database server refused the user's credentials (wrong password, unknown role, no
    /// matching `pg_hba.conf` entry).
    case authenticationFailed(user: String, server: String)
    /// The server has no database of this name.
    case databaseNotFound(name: String, server: String)
    /// The connection holding a session-level advisory lock was lost, so the server released the
    /// lock while its holder may still have been working.
    case advisoryLockLost(name: String)
    /// Any other PostgreSQL error, with its SQLSTATE code.
    case postgres(sqlstate: String, message: String)
    /// A row was asked for a column the query did not return.
    case missingColumn(String)
    /// A column held a different type than the accessor expected.
    case typeMismatch(column: String, expected: String, found: String)
    /// The operating system's random source (OpenSSL `RAND_bytes`) failed.
    case randomSourceFailed
    /// The blob store's file system is full or the quota of its user is used up (ENOSPC,
    /// EDQUOT); the partial file was removed. The API answers 507 Insufficient Storage.
    case diskFull(path: String)
    /// No blob is stored under this key.
    case blobNotFound(key: String)
    /// Not a lowercase hex SHA-256 (64 characters).
    case invalidBlobKey(String)
    /// Reading or writing a blob failed for another reason (permissions, I/O error, a failing
    /// input stream); `operation` names the step, `message` the system's explanation.
    case blobIO(operation: String, path: String, message: String)
    /// The blob store cannot be reached or keeps failing (an S3 endpoint refusing connections,
    /// timing out, or answering 5xx/`SlowDown` past the retry budget). Transient by nature: the
    /// API answers 503 with `Retry-After`; `reason` says what was tried and what came back.
    case blobStoreUnavailable(reason: String)
    /// The blob store refuses this server's requests: wrong credentials, a missing bucket, the
    /// wrong region, no permission. An operator must fix the configuration; retrying won't help.
    case blobStoreRefused(reason: String)
}

extension StorageError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            "database file not found: \(path)"
        case .notADatabase(let path):
            "\(path) is not an SQLite database (corrupted or a different kind of file)"
        case .corrupt(let path, let message):
            "database \(path) is corrupt: \(message)"
        case .readOnly(let path):
            "database \(path) is read-only: the file and its directory must be writable"
        case .cannotOpen(let path, let message):
            "cannot open database \(path): \(message)"
        case .schemaDirectoryNotFound(let tried):
            "no schema directory with migrations found (tried: \(tried.joined(separator: ", "))); pass --schema-dir or set STYLIFY_SCHEMA"
        case .invalidMigrationFile(let name, let reason):
            "invalid migration file \(name): \(reason)"
        case .migrationEdited(let version, let name, let recorded, let found):
            "migration \(version) (\(name)) was edited after it was applied (checksum recorded \(recorded.prefix(12)), file now \(found.prefix(12))); add a new migration instead of editing an applied one"
        case .unknownAppliedMigration(let version, let name):
            "database has migration \(version) (\(name)) applied, which this program does not know; it was written by a newer version"
        case .migrationFailed(let version, let name, let message):
            "migration \(version) (\(name)) failed: \(message)"
        case .constraintViolation(let message):
            "constraint violation: \(message)"
        case .busy:
            "database is busy (another writer held the lock past the timeout, or concurrent transactions kept conflicting)"
        case .invalidDatabaseURL(let reason):
            "invalid database URL: \(reason); expected postgres://user:password@host:port/database"
        case .unavailable(let server, let message):
            "database server \(server) is unavailable: \(message)"
        case .authenticationFailed(let user, let server):
            "database server \(server) refused user '\(user)': wrong password, unknown user or no access allowed for it"
        case .databaseNotFound(let name, let server):
            "database '\(name)' does not exist on server \(server); create it first (createdb \(name))"
        case .advisoryLockLost(let name):
            "the connection holding advisory lock '\(name)' was lost, so the lock was released early"
        case .postgres(let sqlstate, let message):
            "PostgreSQL error \(sqlstate): \(message)"
        case .sqlite(let code, let message):
            "SQLite error \(code): \(message)"
        case .missingColumn(let column):
            "result has no column \(column)"
        case .typeMismatch(let column, let expected, let found):
            "column \(column): expected \(expected), found \(found)"
        case .randomSourceFailed:
            "the system's random source failed"
        case .diskFull(let path):
            "no space left for blobs under \(path)"
        case .blobNotFound(let key):
            "no blob \(key)"
        case .invalidBlobKey(let key):
            "'\(key.prefix(80))' is not a SHA-256 blob key"
        case .blobIO(let operation, let path, let message):
            "\(operation) \(path) failed: \(message)"
        case .blobStoreUnavailable(let reason):
            "the blob store is unavailable: \(reason)"
        case .blobStoreRefused(let reason):
            "the blob store refused the request: \(reason)"
        }
    }
}

extension StorageError: LocalizedError {
    public var errorDescription: String? { description }
}
