import Foundation
import Inference
import Media

/// How close a video job's frame rate comes to the network alone, for `stylify bench` (numbers,
/// not assertions). The target: the job reaches at least 90 % of bare inference.
public struct VideoJobThroughput: Sendable, CustomStringConvertible {
    public var frames: Int
    public var size: VideoFrameSize
    /// Wall time of the whole pipelined render (decode ∥ inference ∥ encode, audio, faststart).
    public var jobSeconds: Double
    /// The same frames through the network alone, already decoded, one after another.
    public var inferenceSeconds: Double

    public var jobFramesPerSecond: Double { Double(frames) / max(jobSeconds, 1e-9) }
    public var inferenceFramesPerSecond: Double { Double(frames) / max(inferenceSeconds, 1e-9) }
    /// Job fps ÷ bare inference fps.
    public var ratio: Double { jobFramesPerSecond / max(inferenceFramesPerSecond, 1e-9) }

    /// Renders `video` fitted to `maxSide` as a job would (into `scratch`, deleted afterwards),
    /// then times the network alone on the same decoded frames.
    public static func measure(model: any StyleTransferModel, style: StyleCode, video: URL, maxSide: Int?,
                               scratch: URL, queueCapacity: Int = 3) throws -> VideoJobThroughput {
        let stylizer = ImageStylizer(model: model)
        let styles = [WeightedStyle(code: style, weight: 1)]
        let output = scratch.appendingPathComponent("job-throughput-\(UUID().uuidString).mp4")
        defer { try? FileManager.default.removeItem(at: output) }
        let control = RunControl(id: JobID(rawValue: "sty_bench"), claim: "bench")
        let clock = ContinuousClock()
        var outcome: RenderOutcome?
        let jobTime = try clock.measure {
            outcome = try VideoJobRenderer(stylizer: stylizer, queueCapacity: queueCapacity).render(
                content: video, styles: styles, options: JobOptions(maxSide: maxSide, format: .mp4), output: output,
                control: control)
        }
        let decoder = try VideoDecoder(url: video, outputMaxSide: maxSide)
        var frames: [RGBImage] = []
        while let frame = try decoder.nextFrame() { frames.append(frame.image) }
        let inferenceTime = try clock.measure {
            for frame in frames {
                _ = try stylizer.stylize(content: frame, styles: styles, options: StylizeOptions())
            }
        }
        return VideoJobThroughput(frames: outcome?.frames ?? frames.count, size: decoder.outputSize,
                                  jobSeconds: jobTime.seconds, inferenceSeconds: inferenceTime.seconds)
    }

    public var description: String {
        String(format: "%d frames %@: job %.1f fps, bare inference %.1f fps, ratio %.1f %%",
               frames, size.description, jobFramesPerSecond, inferenceFramesPerSecond, 100 * ratio)
    }
}
