/// What a job stylizes: one still image (1 frame) or every frame of a video.
public enum JobKind: String, Sendable, Codable, Hashable {
    case image
    case video
}
