/// What an asset holds.
public enum AssetKind: String, Sendable, Codable, CaseIterable {
    case image
    case video
}
