import Filters
import Foundation

/// A filter as clients see it (`"object": "filter"`): `kind` is `gallery` (built in, read-only)
/// or `custom` (made by this account); `models` lists the models whose style code is cached.
struct FilterResource: Encodable {
    let id: String
    let name: String
    let kind: String
    let thumbnailUrl: String
    let width: Int
    let height: Int
    let models: [String]
    let createdAt: Date
    let updatedAt: Date

    init(_ filter: Filter) {
        id = filter.id.rawValue
        name = filter.name
        kind = filter.isGallery ? "gallery" : "custom"
        thumbnailUrl = "/v1/filters/\(filter.id.rawValue)/thumbnail"
        width = filter.width
        height = filter.height
        models = filter.models.map(\.rawValue)
        createdAt = filter.createdAt
        updatedAt = filter.updatedAt
    }

    private enum CodingKeys: String, CodingKey {
        case object, id, name, kind, thumbnailUrl, width, height, models, createdAt, updatedAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("filter", forKey: .object)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(kind, forKey: .kind)
        try container.encode(thumbnailUrl, forKey: .thumbnailUrl)
        try container.encode(width, forKey: .width)
        try container.encode(height, forKey: .height)
        try container.encode(models, forKey: .models)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}
