import Foundation
import Jobs

/// The `data` of a `stylization.progress` webhook event and of the `progress` event of
/// `GET /v1/stylizations/{id}/events`: frames rendered so far, as the worker sees them.
public struct StylizationProgress: Sendable, Equatable, Encodable {
    public let id: String
    public let object = "stylization.progress"
    public let status = "running"
    public let framesDone: Int
    public let framesTotal: Int

    public init(_ update: JobProgressUpdate) {
        id = update.id.rawValue
        framesDone = update.progress.done
        framesTotal = update.progress.total
    }

    public init(id: String, framesDone: Int, framesTotal: Int) {
        self.id = id
        self.framesDone = framesDone
        self.framesTotal = framesTotal
    }

    enum CodingKeys: String, CodingKey {
        case id, object, status
        case framesDone = "frames_done"
        case framesTotal = "frames_total"
    }

    /// The JSON object, keys in a fixed order.
    public var json: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array((try? encoder.encode(self)) ?? Data())
    }
}
