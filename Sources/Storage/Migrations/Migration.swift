import Foundation

/// One schema migration file, `NNNN_description.sql`, identified by its version number and
/// fingerprinted by the SHA-256 of its exact bytes.
///
/// Files must not contain `BEGIN`/`COMMIT`: all pending migrations run inside one transaction.
public struct Migration: Sendable, Equatable {
    public let version: Int
    /// The file name, e.g. `0001_accounts.sql`.
    public let name: String
    public let sql: String
    /// Lowercase hex SHA-256 of the file's bytes.
    public let checksum: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = SHA256.hex(Array(sql.utf8))
    }

    /// Reads every `*.sql` file of `directory`, sorted by version.
    ///
    /// - Throws: `StorageError.invalidMigrationFile` for a badly named or undecodable file or a
    ///   version used twice.
    public static func load(from directory: URL) throws -> [Migration] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        var seen: [Int: String] = [:]
        return try names.map { name in
            guard let version = version(of: name) else {
                throw StorageError.invalidMigrationFile(name: name, reason: "expected NNNN_description.sql")
            }
            if let other = seen[version] {
                throw StorageError.invalidMigrationFile(name: name, reason: "version \(version) is also used by \(other)")
            }
            seen[version] = name
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            guard let sql = String(data: data, encoding: .utf8) else {
                throw StorageError.invalidMigrationFile(name: name, reason: "not UTF-8 text")
            }
            return Migration(version: version, name: name, sql: sql)
        }.sorted { $0.version < $1.version }
    }

    private static func version(of name: String) -> Int? {
        let stem = name.dropLast(".sql".count)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let label = stem[stem.index(after: underscore)...]
        guard digits.count == 4, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              !label.isEmpty,
              label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
        else { return nil }
        return Int(digits)
    }
}
