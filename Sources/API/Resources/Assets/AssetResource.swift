import Filters
import Foundation

/// An asset as clients see it (`"object": "asset"`).
struct AssetResource: Encodable {
    let id: String
    let kind: String
    let mediaType: String
    let name: String?
    let width: Int
    let height: Int
    let frames: Int
    let durationS: Double?
    let bytes: Int64
    let createdAt: Date
    let expiresAt: Date
    /// `upload` or `stylization` (the result of `stylization`).
    let source: String
    let stylization: String?

    init(_ asset: Asset) {
        id = asset.id.rawValue
        kind = asset.kind.rawValue
        mediaType = asset.mediaType
        name = asset.name
        width = asset.width
        height = asset.height
        frames = asset.frames
        durationS = asset.durationSeconds
        bytes = asset.bytes
        createdAt = asset.createdAt
        expiresAt = asset.expiresAt
        source = asset.stylizationID == nil ? "upload" : "stylization"
        stylization = asset.stylizationID
    }

    private enum CodingKeys: String, CodingKey {
        case object, id, kind, mediaType, name, width, height, frames, durationS, bytes, createdAt, expiresAt, source, stylization
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("asset", forKey: .object)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(mediaType, forKey: .mediaType)
        try container.encode(name, forKey: .name)
        try container.encode(width, forKey: .width)
        try container.encode(height, forKey: .height)
        try container.encode(frames, forKey: .frames)
        // Always present (null for images), so clients can rely on the key.
        try container.encode(durationS, forKey: .durationS)
        try container.encode(bytes, forKey: .bytes)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(expiresAt, forKey: .expiresAt)
        try container.encode(source, forKey: .source)
        try container.encode(stylization, forKey: .stylization)
    }
}
