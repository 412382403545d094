import Foundation
import Inference
import Jobs
import Media

/// Flicker and time per frame of a video stylized with and without temporal smoothing, for
/// `stylify bench video` and the stability test: the frames go through exactly what a video
/// job runs per frame (the network with the job's `TemporalStabilizer`), without the codecs.
public struct VideoFlicker: Sendable {
    public let smoothing: Float
    public let frames: Int
    public let meter: FlickerMeter
    /// Best-of-repetitions wall time per frame (network and stabiliser).
    public let secondsPerFrame: Double

    /// Decodes up to `frameLimit` frames of `video` fitted to `maxSide`, then stylizes them at
    /// each of `smoothings` (`repetitions` times, best time kept; the metric is deterministic).
    public static func measure(model: any StyleTransferModel, style: StyleCode, video: URL, maxSide: Int?,
                               frameLimit: Int, smoothings: [Float], repetitions: Int = 1) throws -> [VideoFlicker] {
        let decoder = try VideoDecoder(url: video, outputMaxSide: maxSide)
        var sources: [RGBImage] = []
        while sources.count < frameLimit, let frame = try decoder.nextFrame() { sources.append(frame.image) }
        guard sources.count >= 2 else { throw VideoError.invalidParameter("flicker needs at least two frames") }
        let stylizer = ImageStylizer(model: model)
        let arrangement = StyleArrangement.uniform([WeightedStyle(code: style)])
        _ = try stylizer.stylize(frame: sources[0], arrangement: arrangement, options: StylizeOptions(), smoother: nil)
        var results: [VideoFlicker] = []
        for smoothing in smoothings {
            var best = Double.infinity
            var meter = FlickerMeter()
            for _ in 0..<max(1, repetitions) {
                meter = FlickerMeter()
                let stabilizer = TemporalStabilizer(smoothing: smoothing)
                var previous: (source: RGBImage, stylized: RGBImage)?
                var spent = Duration.zero
                let clock = ContinuousClock()
                for source in sources {
                    let start = clock.now
                    let stylized = try stabilizer.stabilize(source: source, stylized: try stylizer.stylize(
                        frame: source, arrangement: arrangement, options: StylizeOptions(), smoother: stabilizer.smoother))
                    spent += clock.now - start
                    if let previous { meter.add(source: previous.source, source, stylized: previous.stylized, stylized) }
                    previous = (source, stylized)
                }
                best = min(best, spent.seconds)
            }
            results.append(VideoFlicker(smoothing: smoothing, frames: sources.count, meter: meter,
                                        secondsPerFrame: best / Double(sources.count)))
        }
        return results
    }
}
