import Inference

/// How a job renders its content: the stylization options plus the output's size and encoding.
public struct JobOptions: Sendable, Equatable {
    /// 0...1, AdaIN's alpha (1 = full style).
    public var strength: Float
    /// Keep the content's colours (luma from the stylized image, chroma from the content).
    public var preserveColor: Bool
    /// The output's long side at most (never upscaled); the plan's limit applies on top.
    /// At least `FloatImage.minimumSide`.
    public var maxSide: Int?
    /// The result's format: jpeg/png/webp for images, mp4 for videos.
    public var format: OutputFormat
    /// JPEG/WebP quality 1...100 (default 90); ignored for PNG and MP4.
    public var quality: Int?
    /// The network to run; every style code must come from it.
    public var model: ModelKind

    public init(strength: Float = 1, preserveColor: Bool = false, maxSide: Int? = nil,
                format: OutputFormat = .jpeg, quality: Int? = nil, model: ModelKind = .microast) {
        self.strength = strength
        self.preserveColor = preserveColor
        self.maxSide = maxSide
        self.format = format
        self.quality = quality
        self.model = model
    }

    var stylizeOptions: StylizeOptions {
        StylizeOptions(strength: strength, preserveColor: preserveColor)
    }
}
