import Foundation
import Inference
import Jobs
import Media

/// How close a video job's frame rate comes to the network alone, for `stylify bench` (numbers,
/// not assertions). The target: the job reaches at least 90 % of bare inference.
///
/// Both are timed in wall time and in this process's CPU time: on a shared machine other
/// processes steal wall time unevenly, while CPU time still shows what the pipeline's decode
/// and encode stages cost on top of the network.
public struct VideoJobThroughput: Sendable, CustomStringConvertible {
    public var frames: Int
    public var size: VideoFrameSize
    /// Wall time of the whole pipelined render (decode ∥ inference ∥ encode, audio, faststart).
    public var jobSeconds: Double
    public var jobCPUSeconds: Double
    /// The same frames through the network alone, already decoded, one after another.
    public var inferenceSeconds: Double
    public var inferenceCPUSeconds: Double

    public var jobFramesPerSecond: Double { Double(frames) / max(jobSeconds, 1e-9) }
    public var inferenceFramesPerSecond: Double { Double(frames) / max(inferenceSeconds, 1e-9) }
    /// Job fps ÷ bare inference fps (wall time).
    public var ratio: Double { jobFramesPerSecond / max(inferenceFramesPerSecond, 1e-9) }
    /// Bare inference CPU ÷ job CPU: the share of the job's CPU that went into the network.
    public var cpuRatio: Double { inferenceCPUSeconds / max(jobCPUSeconds, 1e-9) }

    /// Renders `video` fitted to `maxSide` as a job would (into `scratch`, deleted afterwards) and
    /// times the network alone on the same decoded frames, alternately `repetitions` times,
    /// keeping the best of each (after one warm-up frame).
    public static func measure(model: any StyleTransferModel, style: StyleCode, video: URL, maxSide: Int?,
                               scratch: URL, repetitions: Int = 1, queueCapacity: Int = 3,
                               codecThreads: Int = 1) throws -> VideoJobThroughput {
        let stylizer = ImageStylizer(model: model)
        let styles = [WeightedStyle(code: style, weight: 1)]
        let decoder = try VideoDecoder(url: video, outputMaxSide: maxSide)
        var frames: [RGBImage] = []
        while let frame = try decoder.nextFrame() { frames.append(frame.image) }
        guard let first = frames.first else { throw VideoError.invalidParameter("the video has no frames") }
        _ = try stylizer.stylize(content: first, styles: styles, options: StylizeOptions())

        var best = VideoJobThroughput(frames: frames.count, size: decoder.outputSize, jobSeconds: .infinity,
                                      jobCPUSeconds: .infinity, inferenceSeconds: .infinity, inferenceCPUSeconds: .infinity)
        for _ in 0..<max(1, repetitions) {
            let bare = try timed {
                for frame in frames { _ = try stylizer.stylize(content: frame, styles: styles, options: StylizeOptions()) }
            }
            best.inferenceSeconds = min(best.inferenceSeconds, bare.wall)
            best.inferenceCPUSeconds = min(best.inferenceCPUSeconds, bare.cpu)

            let output = scratch.appendingPathComponent("job-throughput-\(UUID().uuidString).mp4")
            defer { try? FileManager.default.removeItem(at: output) }
            let control = RunControl(id: JobID(rawValue: "sty_bench"), claim: "bench")
            let job = try timed {
                _ = try VideoJobRenderer(stylizer: stylizer, queueCapacity: queueCapacity, codecThreads: codecThreads).render(
                    content: video, styling: .uniform(styles), options: JobOptions(maxSide: maxSide, format: .mp4), output: output,
                    control: control)
            }
            best.jobSeconds = min(best.jobSeconds, job.wall)
            best.jobCPUSeconds = min(best.jobCPUSeconds, job.cpu)
        }
        return best
    }

    private static func timed(_ body: () throws -> Void) throws -> (wall: Double, cpu: Double) {
        let cpuStart = processCPUSeconds()
        let wall = try ContinuousClock().measure(body)
        return (wall.seconds, processCPUSeconds() - cpuStart)
    }

    private static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    public var description: String {
        String(format: "%d frames %@: job %.1f fps, bare inference %.1f fps, wall ratio %.1f %%; CPU s/frame job %.3f, inference %.3f, CPU ratio %.1f %%",
               frames, size.description, jobFramesPerSecond, inferenceFramesPerSecond, 100 * ratio,
               jobCPUSeconds / Double(max(frames, 1)), inferenceCPUSeconds / Double(max(frames, 1)), 100 * cpuRatio)
    }
}
