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
        let input = try maxSide.map { try content.fitted(maxSide: $0) } ?? content
        let output = try model.stylize(content: FloatImage(input), styles: styles, options: options, shouldStop: shouldStop)
        return try RGBImage(output)
    }
}
