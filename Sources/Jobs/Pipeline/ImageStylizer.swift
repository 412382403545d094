import Inference
import Media

/// Stylizes decoded images with one loaded model, applying the product's size rules: content is
/// used at its own size unless it exceeds `maxSide`, a style image is encoded at its own size up
/// to `styleMaxSide` (larger ones are downscaled first, because style statistics barely change
/// with scale while the encoder's cost grows with the pixel count).
public struct ImageStylizer: Sendable {
    /// Long side above which style images are downscaled before encoding.
    public static let styleMaxSide = 1024

    public let model: any StyleTransferModel

    public init(model: any StyleTransferModel) {
        self.model = model
    }

    /// The style code of `style`, ready to be cached and reused.
    public func styleCode(for style: RGBImage) throws -> StyleCode {
        let fitted = try style.fitted(maxSide: Self.styleMaxSide)
        return try model.encodeStyle(FloatImage(fitted))
    }

    /// Renders `content` (downscaled to `maxSide` first when it is larger) in the weighted mix of
    /// `styles`. The result has the (possibly downscaled) content's size.
    ///
    /// - Parameter shouldStop: asked during inference; true stops it with `InferenceError.canceled`.
    public func stylize(
        content: RGBImage, styles: [WeightedStyle], options: StylizeOptions, maxSide: Int? = nil,
        shouldStop: (@Sendable () -> Bool)? = nil
    ) throws -> RGBImage {
        try stylize(content: content, styling: .uniform(styles), options: options, maxSide: maxSide, shouldStop: shouldStop)
    }

    /// Renders `content` (downscaled to `maxSide` first) with `styling`; a mask is resampled to
    /// the downscaled content.
    public func stylize(
        content: RGBImage, styling: JobStyling, options: StylizeOptions, maxSide: Int? = nil,
        shouldStop: (@Sendable () -> Bool)? = nil
    ) throws -> RGBImage {
        let input = try maxSide.map { try content.fitted(maxSide: $0) } ?? content
        return try stylize(frame: input, arrangement: styling.arrangement(width: input.width, height: input.height),
                           options: options, smoother: nil, shouldStop: shouldStop)
    }

    /// Renders one frame at its own size with an arrangement made for that size (a video's
    /// mask is resampled once for all its frames), smoothing its content statistics with the
    /// video's `smoother` when there is one.
    public func stylize(
        frame: RGBImage, arrangement: StyleArrangement, options: StylizeOptions, smoother: ContentStatisticsSmoother?,
        shouldStop: (@Sendable () -> Bool)? = nil
    ) throws -> RGBImage {
        let output = try model.stylize(content: FloatImage(frame), arrangement: arrangement, options: options,
                                       smoother: smoother, shouldStop: shouldStop)
        return try RGBImage(output)
    }
}
