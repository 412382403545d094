import Inference
import Media

/// Steadies a video stylized frame by frame, which flickers: the network sees each frame anew,
/// so codec noise and small changes re-colour whole regions. Two measures, both scaled by
/// `smoothing` (0...1; 0 leaves every frame exactly as the network made it):
///
/// - the content statistics AdaIN normalises by are a running average over the frames
///   (`smoother`, handed to the network), which removes the frame-wide colour pumping;
/// - each output pixel is blended with the previous (already steadied) output pixel, weighted by
///   how little the source changed there: `w = smoothing · max(0, 1 − Δ/threshold)`, Δ the mean
///   absolute RGB change of the source pixel. Static parts keep their look; moving parts follow
///   the new frame at once, so nothing ghosts.
///
/// One per video, used frame after frame by the inference thread.
package final class TemporalStabilizer {
    /// Mean absolute source change (0...255) at and above which a pixel is not blended at all.
    package static let changeThreshold: Float = 24

    package let smoothing: Float
    /// Nil when `smoothing` is 0: the network then runs exactly as frame-by-frame.
    package let smoother: ContentStatisticsSmoother?
    private var previousSource: RGBImage?
    private var previousOutput: RGBImage?

    package init(smoothing: Float) {
        self.smoothing = smoothing
        smoother = smoothing > 0 ? ContentStatisticsSmoother(smoothing: smoothing) : nil
    }

    /// The frame to write for `stylized`, the network's output for `source`.
    package func stabilize(source: RGBImage, stylized: RGBImage) throws -> RGBImage {
        guard smoothing > 0 else { return stylized }
        defer { previousSource = source }
        guard let previousSource, let last = previousOutput, previousSource.width == source.width, previousSource.height == source.height,
              last.width == stylized.width, last.height == stylized.height,
              source.width == stylized.width, source.height == stylized.height
        else {
            previousOutput = stylized
            return stylized
        }
        var blended = [UInt8](repeating: 0, count: stylized.pixels.count)
        let gain = smoothing, threshold = Self.changeThreshold
        source.pixels.withUnsafeBufferPointer { now in
            previousSource.pixels.withUnsafeBufferPointer { before in
                stylized.pixels.withUnsafeBufferPointer { current in
                    last.pixels.withUnsafeBufferPointer { last in
                        blended.withUnsafeMutableBufferPointer { out in
                            for pixel in 0..<(source.width * source.height) {
                                let at = 3 * pixel
                                let change = (abs(Float(now[at]) - Float(before[at])) + abs(Float(now[at + 1]) - Float(before[at + 1]))
                                    + abs(Float(now[at + 2]) - Float(before[at + 2]))) / 3
                                let weight = gain * max(0, 1 - change / threshold)
                                for channel in at..<(at + 3) {
                                    let value = Float(current[channel]) + weight * (Float(last[channel]) - Float(current[channel]))
                                    out[channel] = UInt8(value.rounded())
                                }
                            }
                        }
                    }
                }
            }
        }
        let output = try RGBImage(width: stylized.width, height: stylized.height, pixels: blended)
        previousOutput = output
        return output
    }
}
