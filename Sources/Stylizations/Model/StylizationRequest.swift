import Inference
import Jobs

/// What a client asks for: a content asset, 1 to `maxFilters` filters with weights, and the
/// options of the render. The API parses it from `POST /v1/stylizations` field by field.
public struct StylizationRequest: Sendable {
    /// A filter and its weight in the interpolation (any positive number; weights are relative).
    public struct FilterChoice: Sendable, Codable, Equatable {
        public let id: String
        public let weight: Double

        public init(id: String, weight: Double = 1) {
            self.id = id
            self.weight = weight
        }
    }

    /// How many filters one stylization may interpolate.
    public static let maxFilters = 8

    /// The content asset's id; for content uploaded with the request, set once it became an asset.
    public var content: String
    public let filters: [FilterChoice]
    /// 0 (the content) to 1 (fully stylized).
    public let strength: Float
    /// Keep the content's colours.
    public let preserveColor: Bool
    /// The output's long side at most (the plan may cap it further).
    public let maxSide: Int?
    /// nil: the content's natural format (jpeg for images, mp4 for videos).
    public let format: OutputFormat?
    public let quality: Int?
    /// A per-request callback: must be the URL of one of the account's webhook endpoints.
    public let webhookURL: String?
    /// A URL the server fetches the content from (it becomes an asset, named in `content`),
    /// instead of an asset id or an inline upload.
    public var contentURL: String?
    /// The network that renders it; it must be loaded on this server and allowed by the plan.
    public var model: ModelKind = .microast
    /// Spatial control: a style per mask region instead of `filters` (which is then empty).
    public var mask: MaskChoice?
    /// 0...1, videos: temporal stabilisation; nil: `JobOptions.defaultTemporalSmoothing`.
    public var temporalSmoothing: Float?

    public init(content: String, filters: [FilterChoice], strength: Float = 1, preserveColor: Bool = false,
                maxSide: Int? = nil, format: OutputFormat? = nil, quality: Int? = nil, webhookURL: String? = nil) {
        self.content = content
        self.filters = filters
        self.strength = strength
        self.preserveColor = preserveColor
        self.maxSide = maxSide
        self.format = format
        self.quality = quality
        self.webhookURL = webhookURL
    }
}
