import Foundation
import Inference

/// A style users can apply: a gallery filter (no owner, visible to every account) or a custom
/// one made from an account's style image. Its style codes are cached, so applying it never
/// runs the style encoder.
public struct Filter: Sendable, Equatable {
    public let id: FilterID
    /// The owning account (`acct_…`); nil for gallery filters.
    public let accountID: String?
    public let name: String
    /// The style image's size as displayed.
    public let width: Int
    public let height: Int
    /// The style image's media type (`image/jpeg`, …).
    public let styleMediaType: String
    /// The models whose style code is cached, in `ModelKind` order.
    public let models: [ModelKind]
    public let createdAt: Date
    public let updatedAt: Date

    /// True for the built-in filters seeded from the gallery folder.
    public var isGallery: Bool { accountID == nil }
}
