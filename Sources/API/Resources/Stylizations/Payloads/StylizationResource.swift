import Foundation
import HTTPServer
import Jobs
import Stylizations

/// A stylization as clients see it (`"object": "stylization"`): status, progress, inputs,
/// options, the result's link and description once it succeeded, timings, the problem of a
/// failed or canceled job and the request's `webhook_url`. Webhook events embed exactly this.
struct StylizationResource: Encodable {
    struct Options: Encodable {
        let strength: Float
        let preserveColor: Bool
        let maxSide: Int?
        let format: String
        let quality: Int?
        let model: String
        /// 0...1 (videos; 0 = frame by frame).
        let temporalSmoothing: Float
    }

    struct Result: Encodable {
        /// The asset the result is (`ast_…`), also listed by `GET /v1/assets`; null for results
        /// kept as plain files.
        let assetId: String?
        let url: String
        let mediaType: String
        let width: Int
        let height: Int
        let frames: Int
        let bytes: Int64
        /// When the result's asset expires (plan retention); null once gone or for plain files.
        let expiresAt: Date?
        /// The result expired or its asset was deleted: `url` answers 410 `result_expired`.
        let expired: Bool

        private enum CodingKeys: String, CodingKey {
            case assetId, url, mediaType, width, height, frames, bytes, expiresAt, expired
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(assetId, forKey: .assetId)
            try container.encode(url, forKey: .url)
            try container.encode(mediaType, forKey: .mediaType)
            try container.encode(width, forKey: .width)
            try container.encode(height, forKey: .height)
            try container.encode(frames, forKey: .frames)
            try container.encode(bytes, forKey: .bytes)
            try container.encode(expiresAt, forKey: .expiresAt)
            try container.encode(expired, forKey: .expired)
        }
    }

    /// The problem-details members of a failed (or canceled) job.
    struct Problem: Encodable {
        let type: String
        let title: String
        let status: Int
        let detail: String
        let code: String
    }

    let id: String
    let object = "stylization"
    let status: String
    let progress: JobProgress
    let content: String?
    let filters: [StylizationRequest.FilterChoice]
    /// The mask and its regions' filters and strengths; null for an unmasked stylization.
    let mask: MaskChoice?
    let options: Options
    let result: Result?
    let timings: JobTimings
    let error: Problem?
    let createdAt: Date
    let startedAt: Date?
    let finishedAt: Date?
    let webhookUrl: String?

    init(_ stylization: Stylization) {
        let job = stylization.job
        id = job.id.rawValue
        status = job.status.rawValue
        progress = job.progress
        content = stylization.inputs.content.isEmpty ? nil : stylization.inputs.content
        filters = stylization.inputs.filters
        options = Options(
            strength: job.options.strength, preserveColor: job.options.preserveColor, maxSide: job.options.maxSide,
            format: job.options.format.rawValue, quality: job.options.quality, model: job.options.model.rawValue,
            temporalSmoothing: job.options.temporalSmoothing)
        mask = stylization.inputs.mask
        let asset = stylization.resultAsset
        result = job.result.map {
            Result(assetId: $0.assetID, url: Self.resultPath(job.id), mediaType: $0.mediaType, width: $0.width,
                   height: $0.height, frames: $0.frames, bytes: $0.bytes, expiresAt: asset?.expiresAt,
                   expired: $0.assetID != nil && asset == nil)
        }
        timings = job.timings
        error = job.problem.map {
            // A job's failure is reported inside a 200 answer; `status` says what the request
            // would have answered had it run synchronously. (Jobs keeps local paths out of details.)
            Problem(type: HTTPError.typeBase + $0.code, title: $0.title, status: Self.problemStatus($0.code),
                    detail: $0.detail, code: $0.code)
        }
        createdAt = job.createdAt
        startedAt = job.startedAt
        finishedAt = job.finishedAt
        webhookUrl = stylization.inputs.webhookURL
    }

    /// The JSON of a stylization's webhook event: exactly what `GET` answers.
    static func eventData(_ stylization: Stylization) throws -> [UInt8] {
        [UInt8](try Response.makeJSONEncoder().encode(StylizationResource(stylization)))
    }

    static func path(_ id: JobID) -> String { "/v1/stylizations/\(id.rawValue)" }
    static func resultPath(_ id: JobID) -> String { path(id) + "/result" }

    private static func problemStatus(_ code: String) -> Int {
        switch code {
        case "invalid_content", "content_too_small", "invalid_style", "model_unavailable": 422
        case "quota_exceeded": 402
        case "concurrency_limit": 429
        case "canceled": 409
        default: 500
        }
    }

    private enum CodingKeys: String, CodingKey {
        case id, object, status, progress, content, filters, mask, options, result, timings, error, createdAt, startedAt, finishedAt, webhookUrl
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(object, forKey: .object)
        try container.encode(status, forKey: .status)
        try container.encode(progress, forKey: .progress)
        try container.encode(content, forKey: .content)
        try container.encode(filters, forKey: .filters)
        try container.encode(mask, forKey: .mask)
        try container.encode(options, forKey: .options)
        try container.encode(result, forKey: .result)
        try container.encode(timings, forKey: .timings)
        try container.encode(error, forKey: .error)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(finishedAt, forKey: .finishedAt)
        try container.encode(webhookUrl, forKey: .webhookUrl)
    }
}
