import Foundation

/// A succeeded stylization's result, ready to serve: its file, media type and how long a client
/// may keep it (it never changes, but an asset expires with the plan's retention).
public struct ResultDownload: Sendable, Equatable {
    public let file: URL
    public let mediaType: String
    /// Seconds a client or proxy may keep the bytes: a day, or the seconds left until the result expires.
    public let maxAge: Int
}
