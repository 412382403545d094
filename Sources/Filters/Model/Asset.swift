import Foundation

/// Content of an account: an upload (an image or a video to stylize, its format detected from
/// its bytes) or the result of one of its stylizations.
public struct Asset: Sendable, Equatable {
    public let id: AssetID
    /// The owning account (`acct_…`).
    public let accountID: String
    public let kind: AssetKind
    /// Detected from the content (`image/jpeg`, `video/mp4`, …), never from the name.
    public let mediaType: String
    /// The client's file name, for display only.
    public let name: String?
    /// Size as displayed (EXIF orientation or video rotation applied).
    public let width: Int
    public let height: Int
    /// 1 for images; the container's frame count for videos.
    public let frames: Int
    /// Videos only.
    public let durationSeconds: Double?
    public let bytes: Int64
    /// The SHA-256 of the bytes (the blob's key).
    public let sha256: String
    public let createdAt: Date
    /// When the asset is removed: creation plus the plan's retention.
    public let expiresAt: Date
    /// The stylization (`sty_…`) whose result this asset is; nil for an upload.
    public let stylizationID: String?
}
