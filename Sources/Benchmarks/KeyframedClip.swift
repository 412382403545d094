import Foundation
import Media

/// A test clip of any length for the segmented-video benchmark: the frames of a real video fitted
/// to a long side, looped until `frames` frames, at its frame rate, with a keyframe every
/// `keyframeInterval` frames (where a job can be cut), without audio.
public enum KeyframedClip {
    /// Writes the clip to `output` and returns its frame size.
    @discardableResult
    public static func write(from source: URL, to output: URL, frames: Int, maxSide: Int,
                             keyframeInterval: Int) throws -> VideoFrameSize {
        var sources: [RGBImage] = []
        let decoder = try VideoDecoder(url: source, outputMaxSide: maxSide)
        while sources.count < frames, let frame = try decoder.nextFrame() { sources.append(frame.image) }
        guard !sources.isEmpty else { throw VideoError.invalidParameter("\(source.lastPathComponent) has no frames") }
        let rate = decoder.frameRate.isPositive ? decoder.frameRate : VideoRational(25, 1)
        let encoder = try VideoEncoder(url: output, width: decoder.outputSize.width, height: decoder.outputSize.height,
                                       frameRate: rate, settings: .init(preset: "veryfast", keyframeInterval: keyframeInterval))
        for index in 0..<frames {
            try encoder.encode(VideoFrame(image: sources[index % sources.count], time: Double(index) / rate.doubleValue, index: index))
        }
        try encoder.finish()
        return decoder.outputSize
    }
}
