import Foundation

/// A stored file ready to be sent: where it is, what it is and how long it is.
public struct StoredFile: Sendable, Equatable {
    /// A local file; do not modify it.
    public let url: URL
    public let mediaType: String
    public let bytes: Int64
}
