import Media

/// A published-style temporal stability metric (after the warping-error family of Lai et al.,
/// "Learning Blind Video Temporal Consistency", 2018, restricted to pixels that do not move so
/// no optical flow is needed): the mean absolute difference of consecutive stylized frames over
/// that of the source frames, on the static parts of the source. A pixel is static between two
/// frames when its source changed by less than `staticThreshold` (mean absolute RGB, 0...255).
/// 1 would mean the stylization changes exactly as much as the source; frame-by-frame
/// stylization of a video is far above it.
public struct FlickerMeter: Sendable {
    /// Source change below which a pixel counts as static.
    public static let staticThreshold: Double = 6

    public private(set) var stylizedDifference = 0.0
    public private(set) var sourceDifference = 0.0
    public private(set) var staticPixels = 0
    public private(set) var pixels = 0

    public init() {}

    /// Adds one pair of consecutive frames (all four of the same size).
    public mutating func add(source previous: RGBImage, _ source: RGBImage, stylized previousStylized: RGBImage, _ stylized: RGBImage) {
        precondition(previous.pixels.count == source.pixels.count && previousStylized.pixels.count == stylized.pixels.count
                     && source.pixels.count == stylized.pixels.count, "frames of one size")
        let a = previous.pixels, b = source.pixels, c = previousStylized.pixels, d = stylized.pixels
        var stylizedSum = 0, sourceSum = 0, count = 0
        for pixel in 0..<(source.width * source.height) {
            let at = 3 * pixel
            let change = abs(Int(a[at]) - Int(b[at])) + abs(Int(a[at + 1]) - Int(b[at + 1])) + abs(Int(a[at + 2]) - Int(b[at + 2]))
            guard Double(change) < 3 * Self.staticThreshold else { continue }
            sourceSum += change
            stylizedSum += abs(Int(c[at]) - Int(d[at])) + abs(Int(c[at + 1]) - Int(d[at + 1])) + abs(Int(c[at + 2]) - Int(d[at + 2]))
            count += 1
        }
        stylizedDifference += Double(stylizedSum) / 3
        sourceDifference += Double(sourceSum) / 3
        staticPixels += count
        pixels += source.width * source.height
    }

    /// Mean absolute stylized change ÷ mean absolute source change on the static pixels.
    public var ratio: Double { stylizedDifference / max(sourceDifference, 1e-9) }
    /// Mean absolute change of a static stylized pixel between frames (0...255).
    public var stylizedMeanDifference: Double { stylizedDifference / Double(max(staticPixels, 1)) }
    /// The share of pixels that were static.
    public var staticShare: Double { Double(staticPixels) / Double(max(pixels, 1)) }
}
