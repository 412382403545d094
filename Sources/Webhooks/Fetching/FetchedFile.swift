import Foundation

/// A file `RemoteFetcher` downloaded into a temporary file the caller owns (and removes).
public struct FetchedFile: Sendable {
    public let file: URL
    public let bytes: Int64
    /// The origin's `Content-Type` essence (`image/jpeg`); the bytes are probed again when stored.
    public let mediaType: String
    /// The last path segment of the URL the file came from, for the asset's display name.
    public let fileName: String?
}
