import Inference
import Storage

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
    /// 0...1, videos only: how strongly frames are stabilised against flicker (the content
    /// statistics' running average and the blend with the previous output where the source
    /// did not change). 0 renders each frame on its own.
    public var temporalSmoothing: Float
    /// Spatial control: the mask blob and each region's strength (the regions' styles are the
    /// job's `JobRequest.maskStyles`). With a mask, `strength` is not used.
    public var mask: MaskOptions?

    /// The `temporal_smoothing` a video gets when the request names none.
    public static let defaultTemporalSmoothing: Float = 0.8

    public init(strength: Float = 1, preserveColor: Bool = false, maxSide: Int? = nil,
                format: OutputFormat = .jpeg, quality: Int? = nil, model: ModelKind = .microast,
                temporalSmoothing: Float = 0, mask: MaskOptions? = nil) {
        self.strength = strength
        self.preserveColor = preserveColor
        self.maxSide = maxSide
        self.format = format
        self.quality = quality
        self.model = model
        self.temporalSmoothing = temporalSmoothing
        self.mask = mask
    }

    var stylizeOptions: StylizeOptions {
        StylizeOptions(strength: strength, preserveColor: preserveColor)
    }
}

/// A job's mask: the greyscale image (any size; resized to the rendered content, colours taken
/// as their luma) and the strength of its white and black regions.
public struct MaskOptions: Sendable, Equatable {
    public var key: BlobKey
    public var whiteStrength: Float
    public var blackStrength: Float

    public init(key: BlobKey, whiteStrength: Float = 1, blackStrength: Float = 1) {
        self.key = key
        self.whiteStrength = whiteStrength
        self.blackStrength = blackStrength
    }
}
