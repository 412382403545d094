/// Spatial control as a client asks for it (`mask` on `POST /v1/stylizations`): a greyscale
/// image asset and one filter for its white region and one for its black region, each at its
/// own strength. Recorded with the job by these API names.
public struct MaskChoice: Sendable, Codable, Equatable {
    /// One region's filter and strength (0...1; the request's `strength` when it named none).
    public struct Region: Sendable, Codable, Equatable {
        public let filterID: String
        public let strength: Float

        public init(filterID: String, strength: Float = 1) {
            self.filterID = filterID
            self.strength = strength
        }

        enum CodingKeys: String, CodingKey {
            case filterID = "filter_id"
            case strength
        }
    }

    /// The mask image's asset id (`ast_…`): any size, resized to the content; colours count as
    /// their luma.
    public let assetID: String
    public let white: Region
    public let black: Region

    public init(assetID: String, white: Region, black: Region) {
        self.assetID = assetID
        self.white = white
        self.black = black
    }

    enum CodingKeys: String, CodingKey {
        case assetID = "asset_id"
        case white, black
    }
}
