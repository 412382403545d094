import Foundation
import HTTPServer
import Jobs
import Stylizations

/// A batch as clients see it (`"object": "stylization_batch"`): `status` is `running` until
/// every item ended, then `completed`; `counts` by item status; the items in request order.
struct StylizationBatchResource: Encodable {
    struct Item: Encodable {
        let index: Int
        let stylization: String
        let status: String
    }

    let id: String
    let object = "stylization_batch"
    let status: String
    let counts: [String: Int]
    let items: [Item]
    let createdAt: Date
    let completedAt: Date?

    init(_ batch: StylizationBatch) {
        id = batch.id
        status = batch.isComplete ? "completed" : "running"
        var counts = Dictionary(uniqueKeysWithValues: batch.counts.map { ($0.key.rawValue, $0.value) })
        counts["total"] = batch.items.count
        self.counts = counts
        items = batch.items.map { Item(index: $0.index, stylization: $0.stylization.rawValue, status: $0.status.rawValue) }
        createdAt = batch.createdAt
        completedAt = batch.completedAt
    }

    private enum CodingKeys: String, CodingKey {
        case id, object, status, counts, items, createdAt, completedAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(object, forKey: .object)
        try container.encode(status, forKey: .status)
        try container.encode(counts, forKey: .counts)
        try container.encode(items, forKey: .items)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(completedAt, forKey: .completedAt)
    }

    /// The `data` of `batch.completed`: exactly what `GET /v1/stylizations/batches/{id}` answers.
    static func eventData(_ batch: StylizationBatch) throws -> [UInt8] {
        [UInt8](try Response.makeJSONEncoder().encode(StylizationBatchResource(batch)))
    }

    static func path(_ id: String) -> String { "/v1/stylizations/batches/\(id)" }
}
