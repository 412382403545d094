/// The name of a stored blob: the lowercase hex SHA-256 of its bytes. Content addressing makes
/// identical uploads share one stored copy and makes a blob's name a promise about its bytes.
public struct BlobKey: Hashable, Sendable, Codable, CustomStringConvertible {
    /// 64 lowercase hex characters.
    public let hex: String

    /// Validates a key read from outside (a database row, a file name).
    ///
    /// - Throws: `StorageError.invalidBlobKey` unless `hex` is 64 lowercase hex characters.
    public init(hex: String) throws {
        guard Self.isValid(hex) else { throw StorageError.invalidBlobKey(hex) }
        self.hex = hex
    }

    init(validated hex: String) {
        self.hex = hex
    }

    public var description: String { hex }

    static func isValid(_ text: String) -> Bool {
        let bytes = text.utf8
        return bytes.count == 64 && bytes.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}
