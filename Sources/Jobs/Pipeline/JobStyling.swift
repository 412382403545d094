import Inference
import Media

/// A job's styles as a renderer applies them: one mix over the whole content, or a mask with a
/// style per region. The mask is kept at its own size until the content's rendered size is known.
public enum JobStyling: Sendable {
    case uniform([WeightedStyle])
    case masked(MaskImage, white: RegionStyle, black: RegionStyle)

    /// The network's arrangement for content rendered at `width` × `height` (the mask resampled
    /// to it).
    func arrangement(width: Int, height: Int) throws -> StyleArrangement {
        switch self {
        case .uniform(let styles):
            return .uniform(styles)
        case .masked(let mask, let white, let black):
            return .masked(try mask.spatialMask(width: width, height: height), white: white, black: black)
        }
    }
}
