import Foundation

/// Every limit a plan sets, by its stable snake_case name (used in the database, the CLI, problem
/// details and `GET /v1/me`).
public enum LimitName: String, CaseIterable, Codable, Sendable, Hashable, Comparable {
    /// Longest side of an input image, in pixels.
    case imageLongSide = "image_long_side"
    /// Width × height of an input image.
    case imagePixels = "image_pixels"
    /// Frames of one video job.
    case videoFrames = "video_frames"
    /// Longest side of an input video, in pixels.
    case videoLongSide = "video_long_side"
    /// Bytes of one upload (request body).
    case uploadBytes = "upload_bytes"
    /// Frames stylized per calendar month (UTC): an image is one frame, a video its frame count.
    case monthlyFrames = "monthly_frames"
    /// Custom filters an account may own.
    case customFilters = "custom_filters"
    /// Bytes of assets and results an account may store.
    case storedBytes = "stored_bytes"
    /// Requests per minute per API key or session (token bucket).
    case requestsPerMinute = "requests_per_minute"
    /// Jobs of one account running (holding a frame reservation) at once.
    case concurrentJobs = "concurrent_jobs"
    /// How long results are kept, in seconds.
    case retentionSeconds = "retention_seconds"

    /// What the value counts, for people.
    public var unit: LimitUnit {
        switch self {
        case .imageLongSide, .videoLongSide: .pixels
        case .imagePixels: .pixels
        case .videoFrames, .monthlyFrames: .frames
        case .uploadBytes, .storedBytes: .bytes
        case .customFilters: .filters
        case .requestsPerMinute: .requests
        case .concurrentJobs: .jobs
        case .retentionSeconds: .seconds
        }
    }

    /// Declaration order, so tables and JSON list limits the same way everywhere.
    public static func < (lhs: LimitName, rhs: LimitName) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Parses a name as typed by an operator; `-` is accepted for `_`.
    ///
    /// - Throws: `QuotaError.unknownLimit` (its description lists the valid names).
    public static func parse(_ text: String) throws -> LimitName {
        let normalised = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
        guard let name = LimitName(rawValue: normalised) else { throw QuotaError.unknownLimit(text) }
        return name
    }
}

/// The unit of a limit's value; decides which suffixes `LimitValue.parse` accepts.
public enum LimitUnit: String, Sendable, Codable {
    case pixels, frames, bytes, filters, requests, jobs, seconds
}
