import Filters
import Foundation

/// A succeeded stylization's result, ready to serve: its blob (by key, with media type and size)
/// and how long a client may keep it (it never changes, but an asset expires with the plan's
/// retention).
public struct ResultDownload: Sendable {
    public let file: StoredFile
    /// Seconds a client or proxy may keep the bytes: a day, or the seconds left until the result expires.
    public let maxAge: Int

    public var mediaType: String { file.mediaType }
}
